/**
 * A codec: the decoder and encoder for one set of info record types. `fanotifyCodec` knows every
 * record Linux emits; `createCodec` adds user-declared records with the same typed API.
 *
 * @packageDocumentation
 */
import { kernelRecords, type KernelRecordSchema } from '../../spec/records.js';
import { FanotifyEncodeError, type FanotifyDecodeError } from '../errors.js';
import { FanotifyArgumentError, rejectUnknownOptions } from '../fanotify-codec-error.js';
import type { CompiledStruct, JsonObject } from '../schema/compile.js';
import type { StructFields } from '../schema/infer.js';
import { viewsOf } from './byte-order.js';
import { EventBatchImpl, validatorFrame, type DecodeOptions } from './decode.js';
import { encodedLengthOf, encodeEventsWith, rejectUnknownFields, type EncodeOptions } from './encode.js';
import type { CursorBase, CursorClass, CursorOptions, EventCursor, FrameEvent } from './cursor.js';
import { cursorClassFor } from './cursor-specs.js';
import { createWalker, type EventVisitor, type EventWalker } from './walker.js';
import { compiledMetadata } from './event-view.js';
import { RecordTable, type RecordEntry } from './record-table.js';
import type { AnyRecordSchema, EventInput, EventValue, MetadataSchema, RecordInputOf, RecordViewOf } from './types.js';

/**
 * Zero-copy view of one event. Getters read the bytes directly; `records()` yields views into
 * the same bytes. Valid while the decoded buffer is (in flyweight mode: until the iteration
 * advances); `copy()` or `toObject()` keeps it longer.
 *
 * @public
 */
export interface EventView<R extends AnyRecordSchema = KernelRecordSchema> extends StructFields<MetadataSchema> {
  /** Index of the event in its batch (0-based). */
  readonly index: number;
  /** Names of the bits in `mask`, e.g. `['FAN_CREATE', 'FAN_ONDIR']`. */
  readonly maskNames: string[];
  /** Byte offset of the event inside the decoded buffer. */
  readonly byteOffset: number;
  /** `event_len`. */
  readonly byteLength: number;
  /** Number of info records. */
  readonly recordCount: number;
  /** The event's exact bytes (zero-copy). */
  bytes(): Uint8Array;
  /** The info records, in wire order, as views; `switch (r.type)` narrows each. */
  records(): IterableIterator<RecordViewOf<R>>;
  /** A plain object that owns its bytes. */
  toObject(): EventValue<R>;
  /** The JSON form the CLI prints. */
  toJSON(): JsonObject;
  /** An independent view over a private copy of the event's bytes. */
  copy(): EventView<R>;
}

/**
 * The events of a buffer, decoded lazily each time it is iterated.
 *
 * @public
 */
export interface EventBatch<R extends AnyRecordSchema = KernelRecordSchema> extends Iterable<EventView<R>> {
  /** Malformed events reported by lenient iterations so far. */
  readonly malformed: readonly FanotifyDecodeError[];
}

/**
 * Decoder and encoder for one set of record types.
 *
 * @public
 */
export interface FanotifyCodec<R extends AnyRecordSchema = KernelRecordSchema> {
  /** The record schemas this codec knows. */
  readonly records: readonly R[];
  /** Iterates the events of `bytes` as zero-copy views, validating each before it is yielded. */
  decodeEvents(bytes: Uint8Array | ArrayBufferView | ArrayBuffer, options?: DecodeOptions): EventBatch<R>;
  /**
   * A pull cursor over the events of `bytes`: validating, allocation-free reads with every
   * field as a number or an offset (the fastest read path; see {@link EventCursor}).
   */
  cursor(bytes: Uint8Array | ArrayBufferView | ArrayBuffer, options?: CursorOptions): EventCursor<R>;
  /**
   * A walker that calls `visitor` for every event and record of the buffers it walks: the
   * cursor's checks and values, with the loop run by the library and compiled for this visitor
   * (the fastest read path for a consumer with a method per record type; see {@link EventVisitor}).
   * Make one walker per visitor and keep it: each is compiled code of its own.
   */
  walker(visitor: EventVisitor<R>, options?: CursorOptions): EventWalker;
  /** Decodes every event of `bytes` into plain objects that own their bytes. */
  decodeEventObjects(bytes: Uint8Array | ArrayBufferView | ArrayBuffer, options?: DecodeOptions): EventValue<R>[];
  /** Validates `bytes` strictly; returns the event count or throws the first {@link FanotifyDecodeError}. */
  validateEvents(bytes: Uint8Array | ArrayBufferView | ArrayBuffer, options?: Pick<DecodeOptions, 'byteOrder' | 'baseOffset' | 'firstIndex'>): number;
  /** Encodes events to the exact bytes the kernel writes. */
  encodeEvents(events: readonly EventInput<R>[], options?: EncodeOptions): Uint8Array;
  /** Number of bytes {@link FanotifyCodec.encodeEvents} would write. */
  encodedLength(events: readonly EventInput<R>[]): number;
  /** Converts an event's JSON form (as the CLI prints it) back into an encoder input. */
  eventFromJSON(json: unknown, index?: number): EventInput<R>;
}

/** Options of {@link createCodec}. @public */
export interface CodecOptions<R extends AnyRecordSchema> {
  /** The record types to know (e.g. `[...kernelRecords, myRecord]`); other info types decode as `'unknown'`. */
  readonly records: readonly R[];
}

/** Keys of the JSON form (`toJSON()`, what `decode` prints): the fields, their `_hex` twins for names, and the display-only extras. */
function jsonKeys(compiled: CompiledStruct, extra: readonly string[]): ReadonlySet<string> {
  const keys = new Set(extra);
  for (const [name, field] of Object.entries(compiled.schema.fields)) {
    keys.add(name);
    if ((field as { kind: string }).kind === 'cstring') keys.add(`${name}_hex`);
  }
  return keys;
}

/** Every key of {@link DecodeOptions}: a key added there and not here fails to compile. */
const DECODE_OPTIONS = ['byteOrder', 'lenient', 'onMalformed', 'reuseViews', 'baseOffset', 'firstIndex'] as const satisfies readonly (keyof DecodeOptions)[];
const ENCODE_OPTIONS = ['byteOrder', 'target'] as const satisfies readonly (keyof EncodeOptions)[];
true satisfies [Exclude<keyof DecodeOptions, (typeof DECODE_OPTIONS)[number]>] extends [never] ? true : false;
true satisfies [Exclude<keyof EncodeOptions, (typeof ENCODE_OPTIONS)[number]>] extends [never] ? true : false;

const eventJsonKeys = jsonKeys(compiledMetadata, ['info', 'mask_names']);

/** Plain objects of every event under a cursor, built by the generated straight-line code; byte fields are copies. */
function objectsOf(c: CursorBase): unknown[] {
  const out: unknown[] = [];
  while (c.nextEvent()) out.push(c._eventObject(infoOf(c)));
  return out;
}

/**
 * The record objects of the cursor's event. Most events have one to three records: array
 * literals of exactly that length, where `push` onto `[]` would allocate room for 16.
 */
function infoOf(c: CursorBase): unknown[] {
  if (c.nextRecord() === null) return [];
  const a = c._recordObject(true);
  if (c.nextRecord() === null) return [a];
  const b = c._recordObject(true);
  if (c.nextRecord() === null) return [a, b];
  const info = [a, b, c._recordObject(true)];
  while (c.nextRecord() !== null) info.push(c._recordObject(true));
  return info;
}

/** Why `cursor()` and `walker()` refuse on a codec without a cursor class. */
const noCursor = (where: string): string =>
  `${where}(): this codec has no cursor: compiling its code at run time is not allowed here (Content-Security-Policy without unsafe-eval); decodeEvents works`;

const CURSOR_OPTIONS = ['byteOrder', 'baseOffset', 'firstIndex'] as const satisfies readonly (keyof CursorOptions)[];
true satisfies [Exclude<keyof CursorOptions, (typeof CURSOR_OPTIONS)[number]>] extends [never] ? true : false;

function asObject(value: unknown, path: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new FanotifyEncodeError('BAD_VALUE', path, 'expected a JSON object');
  return value as Record<string, unknown>;
}

/**
 * Builds a codec for a set of record types.
 *
 * @example
 * ```ts
 * const codec = createCodec({ records: [...kernelRecords, myFsBlobRecord] });
 * for (const ev of codec.decodeEvents(bytes)) for (const r of ev.records()) if (r.type === 'fs_blob') use(r.data);
 * ```
 * @public
 */
export function createCodec<const R extends AnyRecordSchema>(options: CodecOptions<R>): FanotifyCodec<R> {
  const table = new RecordTable(options.records);
  const recordKeys = new Map<RecordEntry, ReadonlySet<string>>();
  const recordJsonKeys = (entry: RecordEntry): ReadonlySet<string> => {
    let keys = recordKeys.get(entry);
    if (!keys) recordKeys.set(entry, (keys = jsonKeys(entry.compiled, ['info_type_name'])));
    return keys;
  };
  // The cursor class is made on first use: where run-time compilation is forbidden (a strict
  // CSP), a codec with user records still decodes through the views; only cursor() refuses.
  let Cursor: CursorClass | null | undefined;
  const cursorClass = (): CursorClass | null => (Cursor === undefined ? (Cursor = cursorClassFor(options.records)) : Cursor);
  // The views frame events with the cursor's generated code, or with the validator without it.
  let frameEvent: FrameEvent | undefined;
  const frame = (): FrameEvent => {
    if (frameEvent) return frameEvent;
    const Cls = cursorClass();
    if (Cls) table.useView(Cls.View);
    return (frameEvent = Cls?.frame ?? validatorFrame(table));
  };
  const cursor = (bytes: Uint8Array | ArrayBufferView | ArrayBuffer, cursorOptions: CursorOptions, Cls: CursorClass): CursorBase => new Cls(table, cursorOptions).reset(bytes);
  type Input = Readonly<Record<string, unknown>>;
  return Object.freeze({
    records: Object.freeze([...options.records]),
    decodeEvents(bytes, decodeOptions = {}) {
      rejectUnknownOptions('decodeEvents', decodeOptions, DECODE_OPTIONS);
      return new EventBatchImpl(table, bytes, decodeOptions, frame()) as unknown as EventBatch<R>;
    },
    cursor(bytes, cursorOptions = {}) {
      rejectUnknownOptions('cursor', cursorOptions, CURSOR_OPTIONS);
      const Cls = cursorClass();
      if (!Cls) throw new FanotifyArgumentError('NO_CURSOR', noCursor('cursor'));
      return cursor(bytes, cursorOptions, Cls) as unknown as EventCursor<R>;
    },
    walker(visitor, cursorOptions = {}) {
      rejectUnknownOptions('walker', cursorOptions, CURSOR_OPTIONS);
      const Cls = cursorClass();
      if (!Cls) throw new FanotifyArgumentError('NO_CURSOR', noCursor('walker'));
      return createWalker(new Cls(table, cursorOptions), options.records, visitor);
    },
    decodeEventObjects(bytes, decodeOptions = {}) {
      rejectUnknownOptions('decodeEventObjects', decodeOptions, DECODE_OPTIONS);
      const Cls = cursorClass();
      // Strict: each byte field is its own small copy (names and handles are a few bytes: cheaper
      // than a view into one private copy of the input, and nothing big is kept alive).
      if (!decodeOptions.lenient && Cls) return objectsOf(cursor(bytes, decodeOptions, Cls)) as EventValue<R>[];
      // Lenient (or no cursor): one private copy of the input backs every byte field of every object.
      const own = viewsOf(bytes).u8.slice();
      const out: EventValue<R>[] = [];
      for (const ev of new EventBatchImpl(table, own, { ...decodeOptions, reuseViews: true }, frame())) out.push(ev._toObjectSharing() as EventValue<R>);
      return out;
    },
    validateEvents(bytes, decodeOptions = {}) {
      rejectUnknownOptions('validateEvents', decodeOptions, DECODE_OPTIONS);
      const Cls = cursorClass();
      let n = 0;
      if (!Cls) {
        for (const _ of new EventBatchImpl(table, bytes, { ...decodeOptions, lenient: false, reuseViews: true }, frame())) n++;
        return n;
      }
      const c = cursor(bytes, decodeOptions, Cls);
      // Records are read here, not left to nextEvent's check of unread records: that path then
      // stays cold, and V8 keeps inlining nextRecord into the callers that read records.
      for (; c.nextEvent(); n++) while (c.nextRecord() !== null);
      return n;
    },
    encodeEvents(events, encodeOptions) {
      rejectUnknownOptions('encodeEvents', encodeOptions, ENCODE_OPTIONS);
      return encodeEventsWith(table, events as unknown as readonly Input[], encodeOptions);
    },
    encodedLength(events) {
      return encodedLengthOf(table, events as unknown as readonly Input[]);
    },
    eventFromJSON(json, index = 0) {
      const path = `event[${index}]`;
      const obj = asObject(json, path);
      rejectUnknownFields(obj, eventJsonKeys, path);
      const event = compiledMetadata.fromJSON(obj, path) as Record<string, unknown>;
      const info = obj['info'] ?? [];
      if (!Array.isArray(info)) throw new FanotifyEncodeError('BAD_VALUE', `${path}.info`, 'info must be an array');
      event['info'] = info.map((r: unknown, j) => {
        const rpath = `${path}.info[${j}]`;
        const rec = asObject(r, rpath);
        const infoType = rec['info_type'];
        if (typeof infoType !== 'number') throw new FanotifyEncodeError('BAD_VALUE', `${rpath}.info_type`, 'info_type must be a number');
        const entry = table.entryFor(infoType);
        rejectUnknownFields(rec, recordJsonKeys(entry), rpath);
        return { type: entry.type, ...entry.compiled.fromJSON(rec, rpath) } as RecordInputOf<R>;
      });
      return event as EventInput<R>;
    },
  } satisfies FanotifyCodec<R>);
}

/** The codec for every record type Linux emits (through 6.18). @public */
export const fanotifyCodec: FanotifyCodec<KernelRecordSchema> = createCodec({ records: kernelRecords });
