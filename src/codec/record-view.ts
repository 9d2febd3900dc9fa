/**
 * The record view of a codec: one class for every record type it decodes, so the loads at a
 * consumer's `switch (r.type)` and the field reads after it see one hidden class (with one
 * class per record type, a consumer reading all of them was megamorphic and V8 could inline
 * none of the getters). The view is pointed at a slot-table row that framing filled (offset,
 * `len`, entry, tail offsets); getters read the bytes at that offset. A field that only some
 * record types have reads `undefined` on the others, as before.
 *
 * The fast class is generated text, with the cursor (`cursor-source.ts`): getters built from
 * closures share one feedback vector per closure body, so V8 inlines none of them. The closure
 * class here is the fallback where run-time compilation is forbidden.
 *
 * @packageDocumentation
 */
import type { JsonObject } from '../schema/compile.js';
import { scalarReaders } from '../schema/scalar.js';
import type { FieldLayout } from '../schema/struct.js';
import { EMPTY_BYTES, EMPTY_VIEW, NO_TAIL, StructViewBase } from '../schema/view-base.js';
import { shapeOf } from './cursor-source.js';
import type { RecordEntry } from './record-table.js';
import { SLOT_LEN, SLOT_OFFSET, SLOT_TAIL } from './validate-event.js';

/**
 * The bytes a codec's views hand byte fields out of: `subarray(begin, length)` makes a
 * `Uint8Array` over `buffer` (`begin` counted from the buffer's start, so the views store
 * `base` plus the field's offset in the decoded bytes). Constructing the view directly costs
 * about half of `Uint8Array.prototype.subarray` (no species lookup, and TurboFan allocates it
 * inline), and the result is the same: a plain `Uint8Array` sharing the decoded bytes. One per
 * decoded buffer, shared by all its views; the method stays within V8's small-function size (27
 * bytes of bytecode), so it is inlined into the getter and the getter into the consumer.
 *
 * @internal
 */
export class ByteSource {
  constructor(
    readonly buffer: ArrayBufferLike,
    readonly base: number,
  ) {}

  /** The source of the bytes of `u8`. */
  static of(u8: Uint8Array): ByteSource {
    return new ByteSource(u8.buffer, u8.byteOffset);
  }

  /** `length` bytes from `begin` (an offset in `buffer`). */
  subarray(begin: number, length: number): Uint8Array {
    return new Uint8Array(this.buffer, begin, length);
  }
}

/** The source of views over no bytes (before a view is bound). @internal */
export const NO_BYTES = ByteSource.of(EMPTY_BYTES);

/**
 * The base of every codec's record view class: where the record is (the `StructViewBase`
 * state, which the compiled structs' `toObject`/`toJSON` read too) and which entry it is.
 *
 * @internal
 */
export class RecordViewImpl extends StructViewBase {
  /** Id of the record's entry in its codec's table. */
  _e = 0;
  /** `record.type`: a data property, the one load a consumer's `switch` makes. */
  type = '';
  /** The codec's entries, by id. */
  readonly _entries: readonly RecordEntry[];

  // Its own stores, as every view class has (see StructViewBase and EventViewImpl).
  constructor(entries: readonly RecordEntry[]) {
    super();
    this._entries = entries;
    this._dv = EMPTY_VIEW;
    this._u8 = EMPTY_BYTES;
    this._o = 0;
    this._end = 0;
    this._le = true;
    this._t = NO_TAIL;
    this._tb = 0;
  }

  /**
   * The source of a field on a record type without it (see `Direct` in `cursor-source.ts`):
   * every read is `undefined`, as a missing field reads.
   */
  static readonly ABSENT = {
    base: 0,
    subarray: (): undefined => undefined,
    getBigUint64: (): undefined => undefined,
    getBigInt64: (): undefined => undefined,
  };
  /**
   * The source of a two-element array field: `Array` itself, which TurboFan turns into an inline
   * allocation (dropped when the consumer only indexes it); a function with bytecode of its own
   * would, once optimized, push the getter past V8's small-function size.
   */
  static readonly PAIR: (first: number, second: number) => unknown = Array;
  /** The same on the record types without the field. */
  static readonly NO_PAIR = (): undefined => undefined;

  /**
   * Points the view at the record whose slot-table row starts at `t[row]` (see `RecordSlots`),
   * and reads the fields the class holds as data (the generated classes, whose override does
   * both in one call: it is the one call per record the consumer's loop makes besides the getters).
   */
  _at(t: Int32Array, row: number): void {
    const o = t[row + SLOT_OFFSET]!;
    this._o = o;
    this._end = o + t[row + SLOT_LEN]!;
    this._t = t;
    this._tb = row + SLOT_TAIL;
  }

  /**
   * Sets the sources of the fields read through one (the generated classes), once the view has
   * its entry and bytes; `bytes` is the source of its byte fields.
   */
  _bindSources(_bytes: ByteSource): void {}

  /** Name of the info-type constant (`FAN_EVENT_INFO_TYPE_FID`), or `'unknown(N)'`. */
  get infoTypeName(): string {
    return this._entries[this._e]!.displayName(this._u8[this._o]!);
  }

  /** A plain object that owns its bytes (or shares them, when `copyBytes` is false). */
  toObject(copyBytes = true): unknown {
    const entry = this._entries[this._e]!;
    return entry.compiled.toObject(this, copyBytes, entry.type);
  }

  /** The JSON form (what the CLI prints). */
  toJSON(): JsonObject {
    const entry = this._entries[this._e]!;
    const out: JsonObject = { info_type: this._u8[this._o]!, info_type_name: this.infoTypeName };
    return entry.compiled.toJSON(this, out);
  }
}

/** The getter of field `f` for a record the field belongs to. */
function readerOf(f: FieldLayout): (v: RecordViewImpl) => unknown {
  const field = f.field;
  const off = f.offset ?? 0;
  if (field.kind === 'scalar') {
    const read = scalarReaders[field.scalar];
    return (v) => read(v._dv, v._o + off, v._le);
  }
  if (field.kind === 'array') {
    const read = scalarReaders[field.element.scalar];
    const size = field.element.size;
    // Pairs (fsid) and short arrays as literals, which V8 can keep off the heap when inlined.
    if (field.count === 2) return (v) => [read(v._dv, v._o + off, v._le), read(v._dv, v._o + off + size, v._le)];
    const count = field.count;
    return (v) => {
      const out: (number | bigint)[] = [];
      for (let i = 0; i < count; i++) out.push(read(v._dv, v._o + off + i * size, v._le));
      return out;
    };
  }
  const slot = 2 * f.tailIndex;
  return (v) => {
    const start = v._t[v._tb + slot]!;
    return v._u8.subarray(start, start + v._t[v._tb + slot + 1]!);
  };
}

/**
 * The getter of one field name over every entry: the entries that have it (`has[e]`) read it;
 * others read `undefined`. Fields read alike by every entry that has them (all of the kernel's)
 * take the first form; a name two record types declare differently dispatches per entry.
 */
function getterOf(name: string, entries: readonly RecordEntry[]): (this: RecordViewImpl) => unknown {
  const readers: ((v: RecordViewImpl) => unknown)[] = [];
  const shapes = new Set<string>();
  const has = new Uint8Array(entries.length);
  for (const entry of entries) {
    const f = entry.compiled.schema.layout.fields.find((g) => g.name === name);
    if (!f) continue;
    has[entry.id] = 1;
    readers[entry.id] = readerOf(f);
    shapes.add(shapeOf(f));
  }
  if (shapes.size > 1) {
    return function (this: RecordViewImpl) {
      const read = readers[this._e];
      return read === undefined ? undefined : read(this);
    };
  }
  const read = readers.find((r) => r !== undefined)!;
  if (has.every((h) => h === 1)) return function (this: RecordViewImpl) { return read(this); };
  return function (this: RecordViewImpl) {
    return has[this._e] === 1 ? read(this) : undefined;
  };
}

/** A codec's record view class. @internal */
export type RecordViewClass = new (entries: readonly RecordEntry[]) => RecordViewImpl;

/**
 * The fallback record view class of a codec whose entries (by id) are `entries`: a getter for
 * every field name any of them declares, built from closures.
 *
 * @internal
 */
export function closureRecordViewClass(entries: readonly RecordEntry[]): RecordViewClass {
  class CodecRecordView extends RecordViewImpl {}
  const proto = CodecRecordView.prototype;
  const names = new Set(entries.flatMap((e) => e.compiled.schema.layout.fields.map((f) => f.name)));
  for (const name of names) Object.defineProperty(proto, name, { get: getterOf(name, entries), enumerable: true, configurable: true });
  return CodecRecordView;
}
