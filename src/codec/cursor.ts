/**
 * The cursor read path: a pull cursor that validates and reads in one pass and allocates
 * nothing. `nextEvent()` checks an event's metadata and sets its fields on the cursor as plain
 * numbers; `nextRecord()` checks the next info record completely (header, fields, tail,
 * alignment, zero padding) and sets its fields on the one record object the cursor owns, whose
 * `type` narrows it. Records left unread are checked when the cursor moves on, so a cursor walk
 * accepts exactly what `validateEvents` accepts, and throws the same `FanotifyDecodeError`.
 *
 * The class behind a codec's cursor is generated code (see `cursor-source.ts`): the kernel
 * codec's is built with the package, a codec with user-declared records compiles its own.
 *
 * @packageDocumentation
 */
import type { unknownRecordStruct } from '../../spec/records.js';
import { FanotifyDecodeError } from '../errors.js';
import type { ArrayField, BytesField, CStringField, RestField } from '../schema/fields.js';
import type { FieldsOf, Simplify } from '../schema/infer.js';
import type { ScalarField } from '../schema/scalar.js';
import type { StructSchema } from '../schema/struct.js';
import { nameToString } from '../text/names.js';
import { dataViewOver, hostWords, isLittleEndian, viewsOf } from './byte-order.js';
import type { DecodeOptions } from './decode.js';
import { maskNames } from './mask-names.js';
import type { RecordTable } from './record-table.js';
import { RecordViewImpl, type RecordViewClass } from './record-view.js';
import type { AnyRecordSchema, MetadataSchema, RecordValue, UnknownRecordValue } from './types.js';
import { bigintSlot, reusedBigint, TWO_32 } from './u64-words.js';
import { RecordSlots, validateEvent } from './validate-event.js';

const EMPTY = new Uint8Array(0);
const EMPTY_DV = new DataView(EMPTY.buffer);
const EMPTY_WORDS = new Int32Array(0);

/** Options of a cursor: byte order and where the bytes sit in a larger stream. @public */
export type CursorOptions = Pick<DecodeOptions, 'byteOrder' | 'baseOffset' | 'firstIndex'>;

/**
 * Members of the cursor's record object besides its fields. Byte fields are offsets into the
 * buffer (`<name>_start`, `<name>_length`); these methods build a value only when asked.
 *
 * @typeParam B - names of the record's byte fields.
 * @typeParam W - names of its 64-bit fields.
 * @public
 */
export interface CursorRecordMembers<B extends string, W extends string, V> {
  /** Offset of the record in the cursor's buffer. */
  readonly byteOffset: number;
  /** `len`. */
  readonly byteLength: number;
  /** A byte field as a zero-copy `subarray` (valid while the buffer is). */
  bytes(field: B): Uint8Array;
  /** A byte field (a name) as a string, lossless for non-UTF-8 names as `nameToString` is. */
  text(field: B): string;
  /** A 64-bit field, exactly. */
  bigint(field: W): bigint;
  /** A plain object that owns its bytes (the `decodeEventObjects` form). */
  toObject(): V;
}

/**
 * The class generated code extends for its record object. It keeps its own references to the
 * buffer (set when the cursor is reset), not one to the cursor: a field holding the cursor is
 * typed by the cursor's hidden class in V8, which made every optimized reader depend on it and
 * be thrown away at GCs where no cursor was alive.
 *
 * @internal
 */
export abstract class RecordBase {
  _dv: DataView = EMPTY_DV;
  _u8: Uint8Array = EMPTY;
  _le = true;

  abstract _object(copy: boolean): unknown;
  /** `len`: the record's size in bytes. */
  get byteLength(): number {
    return (this as unknown as { len: number }).len;
  }

  bytes(field: string): Uint8Array {
    const self = this as unknown as Record<string, number>;
    const start = self[`${field}_start`]!;
    return this._u8.subarray(start, start + self[`${field}_length`]!);
  }

  text(field: string): string {
    return nameToString(this.bytes(field));
  }

  bigint(field: string): bigint {
    const self = this as unknown as Record<string, number>;
    return (BigInt(self[`${field}_hi`]!) << 32n) + BigInt(self[`${field}_lo`]!);
  }

  toObject(): unknown {
    return this._object(true);
  }
}

/** The mask words every generated cursor has (from the metadata schema). */
interface MaskWords {
  readonly mask_lo: number;
  readonly mask_hi: number;
}

/**
 * The state and slow paths every generated cursor shares; the hot `nextEvent`/`nextRecord`
 * are generated per codec.
 *
 * @internal
 */
export abstract class CursorBase {
  _dv: DataView = EMPTY_DV;
  _u8: Uint8Array = EMPTY;
  _le = true;
  /** The buffer as host-order 32-bit words, from its start (word reads, see `cursor-reads.ts`). */
  _w: Int32Array = EMPTY_WORDS;
  /** Whether `_w` can be read: a little-endian stream on a little-endian host, the buffer 4-aligned. */
  _words = false;
  /** End of the buffer. */
  _end = 0;
  /** Offset of the current event. */
  _eo = 0;
  /** Offset of the next record of the current event. */
  _rp = 0;
  /** End of the current event (= start of the next). */
  _ee = 0;
  index = -1;
  /** Stream mode (see `_streaming`): a partial last event ends the walk instead of failing it. */
  _stream = false;
  /** Largest `event_len` accepted in stream mode (2^32 − 1 otherwise: every u32 passes). */
  _max = 0xffffffff;
  private readonly _base: number;
  private readonly _first: number;
  /** A slot-table row the generated checks fill when `_recordTypes` validates without reading. */
  readonly _row: Int32Array;

  /** Call `reset(bytes)` before the first `nextEvent()`. */
  constructor(
    private readonly _table: RecordTable,
    options: CursorOptions,
  ) {
    this._le = isLittleEndian(options.byteOrder);
    this._base = options.baseOffset ?? 0;
    this._first = options.firstIndex ?? 0;
    // The instance cursor-specs keeps to anchor a class has no table, and never walks.
    this._row = new Int32Array((_table as RecordTable | undefined)?.stride ?? 0);
  }

  abstract readonly record: RecordBase;
  abstract nextEvent(): boolean;
  abstract nextRecord(): unknown;
  /**
   * Checks the current event's records not read yet, exactly as `nextRecord()` does, without
   * setting their fields: writes their `info_type`s to `types` and returns how many.
   */
  abstract _recordTypes(types: number[]): number;
  /** See {@link scanEventsOf}. */
  abstract _scanEvents(out: Int32Array, counts: Float64Array): number;
  abstract _eventObject(info: unknown[]): unknown;

  /** The plain object of the record `nextRecord()` returned last. */
  _recordObject(copy: boolean): unknown {
    return this.record._object(copy);
  }

  /** Points the cursor at new bytes (the next `read()`), before their first event. */
  reset(bytes: Uint8Array | ArrayBufferView | ArrayBuffer): this {
    // A plain Uint8Array is walked as it is, and a DataView that covers it is kept: a reader
    // resets its cursor (or walker) after every read(), and making the two views was a tenth of
    // a walker consumer's CPU on reads of fifteen events (bench/live/consumer-cost.ts --per-read 15).
    const plain = bytes instanceof Uint8Array && bytes.constructor === Uint8Array;
    const u8 = plain ? bytes : viewsOf(bytes).u8;
    const dv = dataViewOver(u8, this._dv);
    this._dv = dv;
    this._u8 = u8;
    const w = hostWords(u8, this._le, this._w);
    this._words = w !== undefined;
    if (w !== undefined) this._w = w;
    this._end = u8.length;
    this._eo = this._rp = this._ee = 0;
    this.index = this._first - 1;
    const r = this.record;
    r._dv = dv;
    r._u8 = u8;
    r._le = this._le;
    return this;
  }

  /** Offset of the current event in the buffer. */
  get byteOffset(): number {
    return this._eo;
  }

  /** `event_len` of the current event (its bytes up to the next). */
  get byteLength(): number {
    return this._ee - this._eo;
  }

  /** The buffer the cursor reads (what `_start` offsets index). */
  get buffer(): Uint8Array {
    return this._u8;
  }

  /**
   * Stream mode, for `EventStreamDecoder`: the walk ends (`nextEvent()` false) at an event that
   * is cut off by the end of the buffer, or whose `event_len` is above `max`; `_ee` is then
   * where the whole events end. Framing and checking in one pass.
   */
  _streaming(max: number): this {
    this._stream = true;
    this._max = max;
    return this;
  }

  /** Checks the records of the current event nobody read. */
  _drain(): void {
    while (this.nextRecord() !== null);
  }

  /** Throws the validator's error for the current event (a record of it is malformed). */
  _failRecord(): never {
    return this._fail(this._eo, this.index);
  }

  /** Throws the validator's error for the event at `offset`, and ends the walk. */
  _fail(offset: number, index: number): never {
    this._rp = this._ee = this._end;
    const slots = new RecordSlots(this._table.stride);
    const ctx = { table: this._table, dv: this._dv, u8: this._u8, le: this._le };
    const problem = validateEvent(ctx, offset, this._end, index, slots);
    if (problem) throw problem.shifted(this._base);
    // Unreachable while the generated checks and the validator agree (tests hold them together).
    throw new FanotifyDecodeError('BAD_RECORD', offset + this._base, `event[${index}]`, 'the cursor rejected an event the validator accepts');
  }

  /** Whether every bit of `bits` is set in `mask` (no bigint arithmetic). */
  hasMask(bits: number | bigint): boolean {
    const n = typeof bits === 'bigint' ? Number(bits) : bits;
    const lo = n % TWO_32;
    const hi = (n - lo) / TWO_32;
    const m = this as unknown as MaskWords;
    return ((m.mask_lo & lo) >>> 0) === lo && ((m.mask_hi & hi) >>> 0) === hi;
  }

  /** Whether any bit of `bits` is set in `mask`. */
  hasAnyMask(bits: number | bigint): boolean {
    const n = typeof bits === 'bigint' ? Number(bits) : bits;
    const lo = n % TWO_32;
    const hi = (n - lo) / TWO_32;
    const m = this as unknown as MaskWords;
    return (m.mask_lo & lo) !== 0 || (m.mask_hi & hi) !== 0;
  }

  /** A 64-bit field of the event (`'mask'`), exactly. */
  bigint(field: 'mask'): bigint {
    const self = this as unknown as Record<string, number>;
    return (BigInt(self[`${field}_hi`]!) << 32n) + BigInt(self[`${field}_lo`]!);
  }

  /** Names of the bits in `mask`. */
  maskNames(): string[] {
    return maskNames(this.bigint('mask'));
  }
}

/**
 * Checks the records of `cursor`'s current event not read yet, exactly as `nextRecord()` does,
 * without setting their fields, for callers that only count them (`stats`): their `info_type`s
 * go to `types[0..n)`, and `n` is returned. Throws the `FanotifyDecodeError` a walk would.
 *
 * @internal
 */
export function recordTypesOf<R extends AnyRecordSchema>(cursor: EventCursor<R>, types: number[]): number {
  return (cursor as unknown as CursorBase)._recordTypes(types);
}

/**
 * Passes the whole, valid events from `cursor`'s position on in one loop, for callers that
 * only count them (`stats`): per event, `SCAN_STRIDE` slots of `out` (see there), and 1 added
 * to `counts[info_type]` per record; returns how many events, and leaves the cursor after them
 * as a walk would (their metadata fields unset). It stops before anything a walk would not
 * simply pass — the end, where stream mode stops, a malformed event (whose records it does not
 * count), a full `out` — so 0 means: take the next event with `nextEvent()` and
 * {@link recordTypesOf}, which give the result or throw the error there.
 *
 * @internal
 */
export function scanEventsOf<R extends AnyRecordSchema>(cursor: EventCursor<R>, out: Int32Array, counts: Float64Array): number {
  return (cursor as unknown as CursorBase)._scanEvents(out, counts);
}

/** What generated cursor code is given. @internal */
export interface CursorDeps {
  readonly CursorBase: typeof CursorBase;
  readonly RecordBase: typeof RecordBase;
  readonly RecordViewImpl: typeof RecordViewImpl;
  readonly bigintSlot: typeof bigintSlot;
  readonly reusedBigint: typeof reusedBigint;
}

/** Where framing leaves an event's records (`RecordSlots` is one). @internal */
export interface SlotSink {
  readonly table: Int32Array;
  count: number;
  /** Base index of record `j`'s row, growing `table` when needed. */
  base(j: number): number;
}

/**
 * Validates the event at `offset` completely and leaves its records' rows in `slots`: returns
 * `event_len`, or -1 when the event is malformed (`validateEvent` then says why). `words` are
 * the bytes' host-order words where word reads fit (`hostWords`), else `undefined`.
 *
 * @internal
 */
export type FrameEvent = (dv: DataView, u8: Uint8Array, offset: number, end: number, le: boolean, slots: SlotSink, words: Int32Array | undefined) => number;

/** A concrete cursor class, with the generated framing of the views of the same codec. @internal */
export type CursorClass = (new (table: RecordTable, options: CursorOptions) => CursorBase) & { readonly frame: FrameEvent; readonly View: RecordViewClass };

/** The dependencies handed to generated cursor code. @internal */
export const cursorDeps: CursorDeps = { CursorBase, RecordBase, RecordViewImpl, bigintSlot, reusedBigint };

/** The cursor property names of field `K` declared as `F` (see `CursorFields`). @public */
export type CursorKeysOf<K extends string, F> =
  F extends ScalarField<infer S>
    ? S extends 'u64' | 's64'
      ? K | `${K}_lo` | `${K}_hi`
      : K
    : F extends ArrayField<ScalarField, infer N>
      ? `${K}_${N extends 1 ? '0' : N extends 2 ? '0' | '1' : N extends 3 ? '0' | '1' | '2' : N extends 4 ? '0' | '1' | '2' | '3' : number}`
      : `${K}_start` | `${K}_length`;

/**
 * The fields of struct `S` as a cursor holds them, all plain numbers: scalars by name (64-bit
 * ones exact below 2^53, and as `<name>_lo`/`<name>_hi` u32 words), arrays as `<name>_0`…,
 * byte fields as `<name>_start`/`<name>_length` offsets into the cursor's buffer.
 *
 * @public
 */
export type CursorFields<S extends StructSchema> = { readonly [K in keyof FieldsOf<S> & string as CursorKeysOf<K, FieldsOf<S>[K]>]: number };

/** Names of the byte fields of struct `S`. @public */
export type ByteFieldKeys<S extends StructSchema> = { [K in keyof FieldsOf<S> & string]: FieldsOf<S>[K] extends BytesField | CStringField | RestField ? K : never }[keyof FieldsOf<S> & string];

/** Names of the 64-bit fields of struct `S`. @public */
export type WideFieldKeys<S extends StructSchema> = { [K in keyof FieldsOf<S> & string]: FieldsOf<S>[K] extends ScalarField<'u64' | 's64'> ? K : never }[keyof FieldsOf<S> & string];

/** The cursor's record object while it holds a record of schema `R`. @public */
export type CursorRecord<R extends AnyRecordSchema> = Simplify<{ readonly type: R['type'] } & CursorFields<R['struct']>> &
  CursorRecordMembers<ByteFieldKeys<R['struct']>, WideFieldKeys<R['struct']>, RecordValue<R>>;

/** The cursor's record object while it holds a record of a type the codec does not know. @public */
export type UnknownCursorRecord = Simplify<{ readonly type: 'unknown' } & CursorFields<typeof unknownRecordStruct>> & CursorRecordMembers<'data', never, UnknownRecordValue>;

/** The cursor's record object for a codec with record schemas `R`; `switch (r.type)` narrows it. @public */
export type CursorRecordOf<R extends AnyRecordSchema> = (R extends AnyRecordSchema ? CursorRecord<R> : never) | UnknownCursorRecord;

/**
 * A pull cursor over the events of a buffer: validates and reads in one pass, allocating
 * nothing. The current event's metadata fields are the cursor's own (numbers; `mask` also as
 * `mask_lo`/`mask_hi`); `nextRecord()` returns the cursor's one record object, re-filled for
 * each record (keep values, not the object). Throws the `FanotifyDecodeError` `validateEvents`
 * would, at the event where it finds the problem.
 *
 * @example
 * ```ts
 * const c = eventCursor(bytes);
 * while (c.nextEvent()) {
 *   if (!c.hasMask(FAN_CREATE)) continue;
 *   for (let r = c.nextRecord(); r !== null; r = c.nextRecord()) {
 *     if (r.type === 'dfid_name') console.log(c.pid, r.text('name'), r.f_handle_length);
 *   }
 * }
 * ```
 * @public
 */
export type EventCursor<R extends AnyRecordSchema> = CursorFields<MetadataSchema> & {
  /** Index of the current event (`firstIndex` for the first). */
  readonly index: number;
  /** Offset of the current event in the buffer. */
  readonly byteOffset: number;
  /** `event_len`. */
  readonly byteLength: number;
  /** The buffer the cursor reads (what the `_start` offsets index). */
  readonly buffer: Uint8Array;
  /** Moves to the next event (checking any records of the current one not read); false at the end. */
  nextEvent(): boolean;
  /** The current event's next record, checked and read, or `null` after its last. */
  nextRecord(): CursorRecordOf<R> | null;
  /** Points the cursor at new bytes (the next `read()`), before their first event. */
  reset(bytes: Uint8Array | ArrayBufferView | ArrayBuffer): EventCursor<R>;
  /** Whether every bit of `bits` is set in `mask`. */
  hasMask(bits: number | bigint): boolean;
  /** Whether any bit of `bits` is set in `mask`. */
  hasAnyMask(bits: number | bigint): boolean;
  /** `mask`, exactly, as a `bigint`. */
  bigint(field: 'mask'): bigint;
  /** Names of the bits in `mask`. */
  maskNames(): string[];
};
