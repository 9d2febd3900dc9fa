/**
 * Comparing two event streams: the first differing event, record and field, with the byte
 * offset of the first differing byte on each side and hex context around it.
 *
 * @packageDocumentation
 */
import { FanotifyDecodeError } from '../errors.js';
import type { JsonObject, JsonValue } from '../schema/compile.js';
import { fieldByteRange, type ByteRange } from './field-offsets.js';
import { hexContext } from './hex-context.js';
import { JsonLinesError } from './json-lines.js';
import type { StreamEvent } from './stream-event.js';

/**
 * What kind of difference was found first:
 * `value` (a field differs), `only-in-a` / `only-in-b` (an event or record exists on one side
 * only), `malformed-a` / `malformed-b` (one side stopped decoding).
 *
 * @public
 */
export type DifferenceKind = 'value' | 'only-in-a' | 'only-in-b' | 'malformed-a' | 'malformed-b';

/** One side of a difference. @public */
export interface DifferenceSide {
  /** The field's value (the whole event or record for `only-in-*`); `undefined` when absent. */
  readonly value: JsonValue | undefined;
  /** Stream offset of the first differing byte on this side, when the bytes are known. */
  readonly byteOffset: number | undefined;
  /** Hex dump lines around `byteOffset` (empty when the bytes are not known). */
  readonly context: readonly string[];
}

/** The first difference between two streams. @public */
export interface StreamDifference {
  /** What kind of difference it is. */
  readonly kind: DifferenceKind;
  /** Where: `event[3].info[1].name`, `event[3].mask`, `event[5]` (an event on one side only), `event[3].info[2]`. */
  readonly path: string;
  /** Index of the event (0-based, in stream order). */
  readonly eventIndex: number;
  /** Index in `info`, or `undefined` for the metadata and whole events. */
  readonly recordIndex: number | undefined;
  /** The JSON key that differs, or `undefined` for whole events and records. */
  readonly field: string | undefined;
  /** One line saying what differs. */
  readonly detail: string;
  /** The first stream's side. */
  readonly a: DifferenceSide;
  /** The second stream's side. */
  readonly b: DifferenceSide;
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return value !== null && value !== undefined && typeof value === 'object' && !Array.isArray(value);
}

/** Structural equality of JSON values (key order ignored). @internal */
export function jsonEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && jsonEqual(a[k], b[k]));
  }
  return false;
}

interface FieldMismatch {
  readonly recordIndex: number | undefined;
  readonly field: string | undefined;
  readonly a: JsonValue | undefined;
  readonly b: JsonValue | undefined;
}

function unionKeys(a: JsonObject, b: JsonObject): string[] {
  const keys = Object.keys(a);
  for (const k of Object.keys(b)) if (!(k in a)) keys.push(k);
  return keys;
}

function firstKeyMismatch(a: JsonObject, b: JsonObject, recordIndex: number | undefined, skip?: string): FieldMismatch | undefined {
  for (const key of unionKeys(a, b)) {
    if (key === skip) continue;
    if (!jsonEqual(a[key], b[key])) return { recordIndex, field: key, a: a[key], b: b[key] };
  }
  return undefined;
}

/**
 * The first field where two events (JSON forms) differ: metadata fields in order, then each
 * record's fields, then records present on one side only (`field` undefined).
 *
 * @internal
 */
export function firstEventMismatch(a: JsonObject, b: JsonObject): FieldMismatch | undefined {
  const head = firstKeyMismatch(a, b, undefined, 'info');
  if (head) return head;
  const ia = Array.isArray(a['info']) ? a['info'] : [];
  const ib = Array.isArray(b['info']) ? b['info'] : [];
  for (let j = 0; j < Math.max(ia.length, ib.length); j++) {
    const ra = ia[j];
    const rb = ib[j];
    if (ra === undefined || rb === undefined) return { recordIndex: j, field: undefined, a: ra, b: rb };
    if (isObject(ra) && isObject(rb)) {
      const inner = firstKeyMismatch(ra, rb, j);
      if (inner) return inner;
    } else if (!jsonEqual(ra, rb)) return { recordIndex: j, field: undefined, a: ra, b: rb };
  }
  if (!jsonEqual(a['info'], b['info'])) return { recordIndex: undefined, field: 'info', a: a['info'], b: b['info'] };
  return undefined;
}

function pathOf(eventIndex: number, recordIndex: number | undefined, field: string | undefined): string {
  let path = `event[${eventIndex}]`;
  if (recordIndex !== undefined) path += `.info[${recordIndex}]`;
  if (field !== undefined) path += `.${field}`;
  return path;
}

function side(event: StreamEvent | undefined, value: JsonValue | undefined, relative: number | undefined): DifferenceSide {
  if (!event?.bytes || relative === undefined || event.offset === undefined) return { value, byteOffset: undefined, context: [] };
  return { value, byteOffset: event.offset + relative, context: hexContext(event.bytes, relative, event.offset) };
}

/** The first byte inside the field's range where the two sides differ (the range start if they cannot be compared). */
function firstDifferingByte(ea: StreamEvent, eb: StreamEvent, ra: ByteRange | undefined, rb: ByteRange | undefined): [number | undefined, number | undefined] {
  if (!ra || !rb) return [ra?.start, rb?.start];
  if (ea.bytes && eb.bytes) {
    const n = Math.min(ra.end - ra.start, rb.end - rb.start);
    for (let k = 0; k < n; k++) {
      if (ea.bytes[ra.start + k] !== eb.bytes[rb.start + k]) return [ra.start + k, rb.start + k];
    }
    if (ra.end - ra.start !== rb.end - rb.start) return [ra.start + n, rb.start + n];
  }
  return [ra.start, rb.start];
}

function describe(value: JsonValue | undefined): string {
  return value === undefined ? '(absent)' : JSON.stringify(value);
}

/**
 * Compares two events; `undefined` when equal. Equal JSON forms with different bytes (which a
 * lossless codec cannot produce) are still reported, at the first differing byte, unless a
 * side was normalized.
 *
 * @public
 */
export function compareStreamEvents(ea: StreamEvent, eb: StreamEvent, eventIndex: number): StreamDifference | undefined {
  const mismatch = firstEventMismatch(ea.json, eb.json);
  if (!mismatch) {
    if (!ea.bytes || !eb.bytes || ea.normalized || eb.normalized) return undefined;
    const n = Math.max(ea.bytes.length, eb.bytes.length);
    for (let k = 0; k < n; k++) {
      if (ea.bytes[k] !== eb.bytes[k]) {
        return { kind: 'value', path: pathOf(eventIndex, undefined, undefined), eventIndex, recordIndex: undefined, field: undefined, detail: `bytes differ at event offset ${k} although the decoded forms are equal`, a: side(ea, undefined, k), b: side(eb, undefined, k) };
      }
    }
    return undefined;
  }
  const { recordIndex, field } = mismatch;
  const path = pathOf(eventIndex, recordIndex, field);
  if (recordIndex !== undefined && field === undefined && (mismatch.a === undefined || mismatch.b === undefined)) {
    const onlyA = mismatch.b === undefined;
    const present = onlyA ? ea : eb;
    const range = fieldByteRange(present.json, recordIndex, undefined);
    return {
      kind: onlyA ? 'only-in-a' : 'only-in-b',
      path,
      eventIndex,
      recordIndex,
      field,
      detail: `record ${recordIndex} exists only in ${onlyA ? 'A' : 'B'}`,
      a: onlyA ? side(ea, mismatch.a, range?.start) : side(undefined, undefined, undefined),
      b: onlyA ? side(undefined, undefined, undefined) : side(eb, mismatch.b, range?.start),
    };
  }
  const ra = fieldByteRange(ea.json, recordIndex, field);
  const rb = fieldByteRange(eb.json, recordIndex, field);
  const [at, bt] = firstDifferingByte(ea, eb, ra, rb);
  return {
    kind: 'value',
    path,
    eventIndex,
    recordIndex,
    field,
    detail: `${describe(mismatch.a)} != ${describe(mismatch.b)}`,
    a: side(ea, mismatch.a, at),
    b: side(eb, mismatch.b, bt),
  };
}

type Step = { readonly event: StreamEvent } | { readonly done: true } | { readonly error: FanotifyDecodeError | JsonLinesError };

function isInputError(error: unknown): error is FanotifyDecodeError | JsonLinesError {
  return error instanceof FanotifyDecodeError || error instanceof JsonLinesError;
}

function malformed(which: 'a' | 'b', error: FanotifyDecodeError | JsonLinesError, eventIndex: number): StreamDifference {
  const path = error instanceof FanotifyDecodeError ? error.path : `event[${eventIndex}]`;
  const at: DifferenceSide = { value: undefined, byteOffset: error.offset, context: [] };
  const none: DifferenceSide = { value: undefined, byteOffset: undefined, context: [] };
  return { kind: which === 'a' ? 'malformed-a' : 'malformed-b', path, eventIndex, recordIndex: undefined, field: undefined, detail: `${which.toUpperCase()} is malformed: ${error.message}`, a: which === 'a' ? at : none, b: which === 'b' ? at : none };
}

function onlyOneSide(which: 'a' | 'b', event: StreamEvent, eventIndex: number): StreamDifference {
  const present = side(event, event.json, 0);
  const none: DifferenceSide = { value: undefined, byteOffset: undefined, context: [] };
  return { kind: which === 'a' ? 'only-in-a' : 'only-in-b', path: `event[${eventIndex}]`, eventIndex, recordIndex: undefined, field: undefined, detail: `event ${eventIndex} exists only in ${which.toUpperCase()}`, a: which === 'a' ? present : none, b: which === 'b' ? present : none };
}

/** Decides one lockstep step; `undefined` means "equal so far, continue" unless both are done. */
function judge(sa: Step, sb: Step, eventIndex: number): StreamDifference | 'equal' | undefined {
  if ('error' in sa) return malformed('a', sa.error, eventIndex);
  if ('error' in sb) return malformed('b', sb.error, eventIndex);
  if ('done' in sa && 'done' in sb) return 'equal';
  if ('done' in sa) return onlyOneSide('b', (sb as { event: StreamEvent }).event, eventIndex);
  if ('done' in sb) return onlyOneSide('a', sa.event, eventIndex);
  return compareStreamEvents(sa.event, sb.event, eventIndex);
}

function syncStep(it: Iterator<StreamEvent>): Step {
  try {
    const r = it.next();
    return r.done ? { done: true } : { event: r.value };
  } catch (error) {
    if (isInputError(error)) return { error };
    throw error;
  }
}

async function asyncStep(it: AsyncIterator<StreamEvent> | Iterator<StreamEvent>): Promise<Step> {
  try {
    const r = await it.next();
    return r.done ? { done: true } : { event: r.value };
  } catch (error) {
    if (isInputError(error)) return { error };
    throw error;
  }
}

/**
 * Walks two event streams in lockstep and returns their first difference, or `undefined` when
 * they are equal. A stream that throws `FanotifyDecodeError` or `JsonLinesError` is reported
 * as malformed at that point; other errors propagate.
 *
 * @example
 * ```ts
 * const d = diffEventStreams(streamEventsOfBytes(a), streamEventsOfBytes(b));
 * if (d) console.log(formatDifference(d));
 * ```
 * @public
 */
export function diffEventStreams(a: Iterable<StreamEvent>, b: Iterable<StreamEvent>): StreamDifference | undefined {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (let index = 0; ; index++) {
    const verdict = judge(syncStep(ia), syncStep(ib), index);
    if (verdict === 'equal') return undefined;
    if (verdict) return verdict;
  }
}

/** {@link diffEventStreams} over asynchronous streams (one event of each in memory at a time). @public */
export async function diffEventStreamsAsync(a: AsyncIterable<StreamEvent> | Iterable<StreamEvent>, b: AsyncIterable<StreamEvent> | Iterable<StreamEvent>): Promise<StreamDifference | undefined> {
  const ia = Symbol.asyncIterator in a ? a[Symbol.asyncIterator]() : a[Symbol.iterator]();
  const ib = Symbol.asyncIterator in b ? b[Symbol.asyncIterator]() : b[Symbol.iterator]();
  try {
    for (let index = 0; ; index++) {
      const [sa, sb] = [await asyncStep(ia), await asyncStep(ib)];
      const verdict = judge(sa, sb, index);
      if (verdict === 'equal') return undefined;
      if (verdict) return verdict;
    }
  } finally {
    // Stop both sources (closes their files) when a difference ends the walk early.
    await ia.return?.();
    await ib.return?.();
  }
}
