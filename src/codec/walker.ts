/**
 * The walker read path: the library runs the loop and calls a visitor, one method per record
 * type, with the record read into the cursor's record object. It validates exactly what the
 * cursor does (the cursor's own reading code, written into a loop generated for the one visitor,
 * see `walker-source.ts`, and the cursor's calls where that loop stops), allocates nothing per
 * event, and is the fastest way through a buffer when a consumer handles each record type in its
 * own function: the visitor's methods are inlined into the loop.
 *
 * @packageDocumentation
 */
import { fanotify_event_metadata } from '../../spec/structs/event-metadata.js';
import { FanotifyArgumentError } from '../fanotify-codec-error.js';
import { unknownNameMessage } from '../text/nearest.js';
import type { CursorBase, CursorOptions, CursorRecord, EventCursor, RecordBase, UnknownCursorRecord } from './cursor.js';
import { cursorSpecsOf, type CursorRecordSpec } from './cursor-source.js';
import type { AnyRecordSchema } from './types.js';
import { EVENT_METHODS, renderWalkerBody } from './walker-source.js';

/**
 * The current event as a walker hands it to its visitor: the cursor's event fields and helpers
 * (`pid`, `mask_lo`, `hasMask`, `index`, `byteOffset`, …), without the moves the walker owns.
 * It is re-filled for each event: keep values, not the object.
 *
 * @public
 */
export type WalkEvent<R extends AnyRecordSchema> = Omit<EventCursor<R>, 'nextEvent' | 'nextRecord' | 'reset'>;

/**
 * What a walker calls, all optional: `event` before an event's records (return `false` to skip
 * them: they are still checked), one method per record type named by its `type` with the record
 * (the cursor's record object, fields as numbers and offsets), `unknown` for records of a type
 * the codec does not know, and `eventEnd` after the event's records. Which methods a visitor has
 * is read once, when the walker is made.
 *
 * @public
 */
export type EventVisitor<R extends AnyRecordSchema> = {
  /** Called with each event before its records; `false` skips its records (still checked). */
  event?(event: WalkEvent<R>): boolean | void;
  /** Called with each event after its records. */
  eventEnd?(event: WalkEvent<R>): void;
  /** Called with each record of a type the codec does not know. */
  unknown?(record: UnknownCursorRecord, event: WalkEvent<R>): void;
} & { [S in R as S['type']]?: (record: CursorRecord<S>, event: WalkEvent<R>) => void };

/**
 * Walks buffers of events for one visitor (see {@link FanotifyCodec.walker}).
 *
 * @public
 */
export interface EventWalker {
  /**
   * Walks every event of `bytes`, calling the visitor; returns how many events it passed.
   * Throws the `FanotifyDecodeError` `validateEvents` would, at the event where it finds the
   * problem (the events before it have been visited), or what a visitor method throws. Not
   * re-entrant: a visitor method may not call `walk` of the same walker.
   */
  walk(bytes: Uint8Array | ArrayBufferView | ArrayBuffer): number;
}

type Walk = (c: CursorBase) => number;
type WalkFactory = (v: object, rest: (c: CursorBase) => void, general: Walk) => Walk;

let compiled = 0;

/**
 * The visitor's methods among `names`. A plain object (an object literal) may have nothing else:
 * a misspelled method would never be called, so it is refused. A class instance may have other
 * members (state, helpers); only the methods named in `names` are taken from it.
 */
function methodsOf(visitor: unknown, names: readonly string[]): Set<string> {
  if (visitor === null || typeof visitor !== 'object') throw new FanotifyArgumentError('BAD_VISITOR', 'walker(): the visitor must be an object of methods');
  const proto = Object.getPrototypeOf(visitor) as object | null;
  if (proto === Object.prototype || proto === null) {
    for (const key of Object.keys(visitor)) {
      if (!names.includes(key)) throw new FanotifyArgumentError('BAD_VISITOR', `walker(): ${unknownNameMessage('visitor method', key, names)}`);
    }
  }
  const methods = new Set<string>();
  for (const key of names) {
    const value = (visitor as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if (typeof value !== 'function') throw new FanotifyArgumentError('BAD_VISITOR', `walker(): visitor.${key} must be a function`);
    methods.add(key);
  }
  return methods;
}

/**
 * The walk through the cursor's own `nextEvent()`/`nextRecord()`: where the generated loop
 * stops (a big-endian stream, an unaligned buffer, event or record) and where code cannot be
 * compiled at run time (a Content-Security-Policy without unsafe-eval). Slower, same calls.
 */
function cursorWalk(methods: ReadonlySet<string>, visitor: object): { rest: (c: CursorBase) => void; general: Walk } {
  const v = visitor as Record<string, (a: unknown, b?: unknown) => unknown>;
  const rest = (c: CursorBase): void => {
    for (let r = c.nextRecord() as (RecordBase & { type: string }) | null; r !== null; r = c.nextRecord() as typeof r) if (methods.has(r.type)) v[r.type]!(r, c);
  };
  const general = (c: CursorBase): number => {
    let n = 0;
    for (; c.nextEvent(); n++) {
      if (methods.has('event') && v['event']!(c) === false) continue;
      rest(c);
      if (methods.has('eventEnd')) v['eventEnd']!(c);
    }
    return n;
  };
  return { rest, general };
}

/** The walk for `visitor`: its own generated loop, or the cursor's walk where none can be compiled. */
function compileWalk(specs: readonly CursorRecordSpec[], methods: ReadonlySet<string>, visitor: object): Walk {
  const { rest, general } = cursorWalk(methods, visitor);
  const body = renderWalkerBody(fanotify_event_metadata, specs, methods, `fanotify-codec walker #${++compiled}`);
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    return (new Function('v', 'rest', 'general', body) as WalkFactory)(visitor, rest, general);
  } catch (error) {
    if (error instanceof EvalError) return general;
    throw error;
  }
}

/**
 * A walker for `visitor` over cursor `c` (of a codec with `records`), which it owns.
 *
 * @internal
 */
export function createWalker(c: CursorBase, records: readonly AnyRecordSchema[], visitor: unknown): EventWalker {
  const clash = records.find((r) => (EVENT_METHODS as readonly string[]).includes(r.type));
  if (clash) throw new FanotifyArgumentError('BAD_VISITOR', `walker(): the codec's record type '${clash.type}' has the name of a walker method; a codec that walks needs another name for it`);
  // The codec's record types and the unknown fallback, as the generator sees them.
  const specs = cursorSpecsOf(records);
  const methods = methodsOf(visitor, [...EVENT_METHODS, ...specs.map((s) => s.type)]);
  const walk = compileWalk(specs, methods, visitor as object);
  let busy = false;
  return Object.freeze({
    walk(bytes: Uint8Array | ArrayBufferView | ArrayBuffer): number {
      if (busy) throw new FanotifyArgumentError('BAD_VISITOR', 'walk(): called again from inside a visitor method of the same walker');
      busy = true;
      try {
        return walk(c.reset(bytes));
      } finally {
        busy = false;
      }
    },
  });
}
