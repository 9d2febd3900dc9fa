/**
 * The zero-copy event view: metadata getters at fixed offsets, records as views into the same
 * bytes (pointed at the offsets validation recorded), plain-object and JSON forms on demand,
 * and `copy()` to keep an event past its buffer.
 *
 * @packageDocumentation
 */
import { fanotify_event_metadata } from '../../spec/structs/event-metadata.js';
import type { JsonObject } from '../schema/compile.js';
import { compileCodecStruct } from './structs.js';
import { scalarOffset } from './field-offset.js';
import { EMPTY_BYTES, EMPTY_VIEW, NO_TAIL, StructViewBase } from '../schema/view-base.js';
import { maskNames } from './mask-names.js';
import type { RecordTable } from './record-table.js';
import { ByteSource, NO_BYTES, type RecordViewImpl } from './record-view.js';
import { RecordSlots, SLOT_ENTRY, validateEvent } from './validate-event.js';

/** The compiled metadata struct, shared by every codec. @internal */
export const compiledMetadata = compileCodecStruct(fanotify_event_metadata);

const NO_SLOTS = new Int32Array(0);

/**
 * Walks the records of one validated event through its slot table. The flyweight and fresh
 * iterators below differ only in which view they hand a record out in; their `next()` are kept
 * apart so each one's JIT feedback (and allocation behaviour) stays its own. The consumer's loop
 * inlines `next()`, and its bytecode counts against the inlining budget the field getters need
 * too (V8 counts what a function's optimized code inlined): keep it small. Pointing the view is
 * one call (`_at`), which the view's class does with its field reads.
 *
 * @internal
 */
abstract class RecordWalker implements IterableIterator<RecordViewImpl> {
  // Initialized by each subclass's own constructor, once (a fresh iterator per `records()` call
  // stored each field twice with initializers here and a `reset` after them).
  /** Slot-table row of the next record, and the end of the event's rows. */
  protected declare row: number;
  protected declare rowEnd: number;
  protected declare stride: number;
  /** The event's slot table. */
  protected declare t: Int32Array;
  // The protocol's result object is read at once by every consumer, so one per iterator suffices.
  protected declare result: { value: RecordViewImpl | undefined; done: boolean };

  /** @internal */
  reset(event: EventViewImpl): this {
    const stride = event._table.stride;
    this.t = event._rt;
    this.stride = stride;
    this.row = event._rb;
    this.rowEnd = event._rb + event._rn * stride;
    return this;
  }

  /** Points `view` at the record whose row starts at `row` and hands it out. */
  protected handOut(view: RecordViewImpl, row: number): IteratorResult<RecordViewImpl> {
    view._at(this.t, row);
    const result = this.result;
    result.value = view;
    result.done = false;
    return result as IteratorResult<RecordViewImpl>;
  }

  /** Marks the iteration done. */
  protected done(): IteratorResult<RecordViewImpl> {
    this.result.value = undefined;
    this.result.done = true;
    return this.result as IteratorResult<RecordViewImpl>;
  }

  abstract next(): IteratorResult<RecordViewImpl>;

  [Symbol.iterator](): this {
    return this;
  }
}

/**
 * Record iteration of a flyweight event: the result object and one view per record type are
 * recycled (all of one class), so it allocates nothing.
 *
 * @internal
 */
export class FlyweightRecordIterator extends RecordWalker {
  /** One view per entry, made with the iteration, bound to its buffer. */
  constructor(private readonly views: readonly RecordViewImpl[]) {
    super();
    this.row = 0;
    this.rowEnd = 0;
    this.stride = 0;
    this.t = NO_SLOTS;
    this.result = { value: undefined, done: false };
  }

  next(): IteratorResult<RecordViewImpl> {
    const row = this.row;
    if (row >= this.rowEnd) return this.done();
    this.row = row + this.stride;
    return this.handOut(this.views[this.t[row + SLOT_ENTRY]!]!, row);
  }
}

/**
 * Record iteration with a fresh view per record (views stay valid while the bytes are).
 *
 * @internal
 */
export class FreshRecordIterator extends RecordWalker {
  /** An iteration of the records of `event` (whose table is set; the anchor's has none). */
  constructor(private readonly event: EventViewImpl) {
    super();
    const stride = event._table === undefined ? 0 : event._table.stride;
    const rb = event._rb;
    this.row = rb;
    this.rowEnd = rb + event._rn * stride;
    this.stride = stride;
    this.t = event._rt;
    this.result = { value: undefined, done: false };
  }

  next(): IteratorResult<RecordViewImpl> {
    const row = this.row;
    if (row >= this.rowEnd) return this.done();
    this.row = row + this.stride;
    const ev = this.event;
    return this.handOut(ev._table.newView(this.t[row + SLOT_ENTRY]!, ev._dv, ev._u8, ev._le, ev._bytes), row);
  }
}

/**
 * Record views recycled pass by pass, for a reader that decodes one buffer again and again (the
 * live group's read buffer): every view of a pass stays its own until the next pass starts,
 * when the buffer's new bytes have expired them all. One list per record type, all bound to the
 * whole buffer once, so taking a view costs what a flyweight's does (`_at`), not a fresh view's
 * allocation, constructor and binding.
 *
 * @internal
 */
export class RecordViewPool {
  private readonly views: RecordViewImpl[][];
  /** Views of each list handed out in this pass. */
  private readonly taken: Int32Array;

  constructor(
    private readonly table: RecordTable,
    private readonly dv: DataView,
    private readonly u8: Uint8Array,
    private readonly le: boolean,
    private readonly bytes: ByteSource,
  ) {
    this.views = table.entries.map(() => []);
    this.taken = new Int32Array(table.entries.length);
  }

  /** A view of record type `entry` that no one else holds in this pass. */
  take(entry: number): RecordViewImpl {
    const k = this.taken[entry]!;
    const views = this.views[entry]!;
    if (k < views.length) {
      this.taken[entry] = k + 1;
      return views[k]!;
    }
    const view = this.table.newView(entry, this.dv, this.u8, this.le, this.bytes);
    // Past the cap (records() asked again and again in one pass) views are simply fresh.
    if (k < POOL_CAP) {
      views.push(view);
      this.taken[entry] = k + 1;
    }
    return view;
  }

  /** Starts a pass: the views of the last one may be handed out again. */
  rewind(): void {
    this.taken.fill(0);
  }
}

/** Most views a pool keeps per record type (a 64 KiB read holds at most 16 Ki records). */
const POOL_CAP = 16384;

/**
 * Record iteration of a pooled event view: a view per record that no one else holds until the
 * pool's next pass (see {@link RecordViewPool}).
 *
 * @internal
 */
export class PooledRecordIterator extends RecordWalker {
  constructor(private readonly pool: RecordViewPool, event: EventViewImpl) {
    super();
    this.result = { value: undefined, done: false };
    this.reset(event);
  }

  next(): IteratorResult<RecordViewImpl> {
    const row = this.row;
    if (row >= this.rowEnd) return this.done();
    this.row = row + this.stride;
    return this.handOut(this.pool.take(this.t[row + SLOT_ENTRY]!), row);
  }
}

/**
 * Offset of a metadata field, from its schema, checked to be the scalar kind its reader reads.
 *
 * @internal
 */
export function metadataOffset(name: string, kind: string): number {
  return scalarOffset(fanotify_event_metadata, name, kind);
}
const AT_EVENT_LEN = metadataOffset('event_len', 'u32');
const AT_VERS = metadataOffset('vers', 'u8');
const AT_RESERVED = metadataOffset('reserved', 'u8');
const AT_METADATA_LEN = metadataOffset('metadata_len', 'u16');
const AT_MASK = metadataOffset('mask', 'u64');
const AT_FD = metadataOffset('fd', 's32');
const AT_PID = metadataOffset('pid', 's32');

/**
 * What a flyweight event recycles: one record iterator and one view per record type. Owned
 * by the iteration, so fresh views carry no such state.
 *
 * @internal
 */
export class Flyweights {
  readonly iterator: FlyweightRecordIterator;

  /** Views for every entry of `table` over the bytes of `dv`/`u8` (their source `bytes`): a few objects per iteration, none per record. */
  constructor(table: RecordTable | undefined, dv: DataView, u8: Uint8Array, le: boolean, bytes: ByteSource) {
    this.iterator = new FlyweightRecordIterator(table ? table.entries.map((e) => table.newView(e.id, dv, u8, le, bytes)) : []);
  }
}

/**
 * Implementation of the event view (the public type is `EventView`).
 *
 * @internal
 */
export class EventViewImpl extends StructViewBase {
  // The metadata's 32-bit-or-smaller fields are read once when the view is pointed, into plain
  // data properties: a consumer's loads then need no getter inlined (its inlining budget goes to
  // the record getters), and fresh views own their values. `mask` stays a getter (a bigint).
  /** `event_len`. */
  event_len = 0;
  /** `vers`. */
  vers = 0;
  /** `reserved`. */
  reserved = 0;
  /** `metadata_len`. */
  metadata_len = 0;
  /** `fd`. */
  fd = 0;
  /** `pid`. */
  pid = 0;
  /** @internal */
  _table!: RecordTable;
  /** @internal Index of the event in its batch. */
  _index = 0;
  /** @internal Slot table holding this event's records (see RecordSlots), from index `_rb`. */
  _rt: Int32Array = NO_SLOTS;
  /** @internal Where this event's records start in `_rt`. */
  _rb = 0;
  /** @internal Number of records. */
  _rn = 0;
  /** @internal Where `mask` is: the `mask` getter is then one call, small enough for V8 to inline into any consumer. */
  _mo = AT_MASK;
  /** @internal The source of the records' byte fields (one per decoded buffer, see `ByteSource`). */
  _bytes: ByteSource = NO_BYTES;

  // The view state is initialized by each view class's own constructor, as the generated structs
  // do (see StructViewBase): one shared initializer would see every view class's hidden class.
  constructor() {
    super();
    this._dv = EMPTY_VIEW;
    this._u8 = EMPTY_BYTES;
    this._o = 0;
    this._end = 0;
    this._le = true;
    this._t = NO_TAIL;
    this._tb = 0;
  }

  /** @internal Points this view at a validated event. */
  _point(dv: DataView, u8: Uint8Array, bytes: ByteSource, offset: number, end: number, le: boolean, slots: Int32Array, slotBase: number, count: number): void {
    this._bind(dv, u8, bytes, le);
    this._rb = slotBase;
    this._repoint(offset, end, slots, count);
  }

  /** @internal Puts this view on a buffer (`bytes` its `ByteSource`), before any event of it. */
  _bind(dv: DataView, u8: Uint8Array, bytes: ByteSource, le: boolean): void {
    // The stores of `compiledMetadata.point(this, dv, u8, 0, 0, le, NO_SLOTS, 0)` that the
    // constructor has not made already.
    this._dv = dv;
    this._u8 = u8;
    this._le = le;
    this._bytes = bytes;
  }

  /** @internal Points this view, already on the event's buffer, at the validated event at `offset` (its records from `_rb`). */
  _repoint(offset: number, end: number, slots: Int32Array, count: number): void {
    const dv = this._dv;
    const le = this._le;
    this._o = offset;
    this._end = end;
    this._mo = offset + AT_MASK;
    this.event_len = dv.getUint32(offset + AT_EVENT_LEN, le);
    this.vers = dv.getUint8(offset + AT_VERS);
    this.reserved = dv.getUint8(offset + AT_RESERVED);
    this.metadata_len = dv.getUint16(offset + AT_METADATA_LEN, le);
    this.fd = dv.getInt32(offset + AT_FD, le);
    this.pid = dv.getInt32(offset + AT_PID, le);
    this._rt = slots;
    this._rn = count;
  }

  /** `mask`, exactly. */
  get mask(): bigint {
    return this._dv.getBigUint64(this._mo, this._le);
  }

  /** Index of this event in the decoded batch (0-based). */
  get index(): number {
    return this._index;
  }

  /** Names of the bits in `mask` (`['FAN_CREATE', 'FAN_ONDIR']`). */
  get maskNames(): string[] {
    return maskNames(this.mask);
  }

  /** The event's info records, as views into the same bytes. */
  records(): IterableIterator<RecordViewImpl> {
    return new FreshRecordIterator(this);
  }

  /** Number of info records. */
  get recordCount(): number {
    return this._rn;
  }

  /** A plain object with every field and record, owning its bytes (one private copy of the event). */
  toObject(): unknown {
    return this.copy()._toObjectSharing();
  }

  /** @internal Plain object whose byte fields are views into this view's buffer (the caller owns that buffer). */
  _toObjectSharing(): unknown {
    const out = compiledMetadata.toObject(this, false) as Record<string, unknown>;
    const info: unknown[] = [];
    for (const r of new FreshRecordIterator(this)) info.push(r.toObject(false));
    out['info'] = info;
    return out;
  }

  /** The JSON form: kernel field names, `mask` in hex with `mask_names`, records under `info`. */
  toJSON(): JsonObject {
    const m = compiledMetadata.toJSON(this, {});
    const info: JsonObject[] = [];
    for (const r of new FreshRecordIterator(this)) info.push(r.toJSON());
    return {
      event_len: m['event_len']!,
      vers: m['vers']!,
      reserved: m['reserved']!,
      metadata_len: m['metadata_len']!,
      mask: m['mask']!,
      mask_names: this.maskNames,
      fd: m['fd']!,
      pid: m['pid']!,
      info,
    };
  }

  /** An independent view over a private copy of this event's bytes, valid after the buffer is reused. */
  copy(): EventViewImpl {
    const bytes = this._u8.slice(this._o, this._end);
    const dv = new DataView(bytes.buffer);
    const slots = new RecordSlots(this._table.stride, Math.max(1, this._rn));
    // The bytes were valid where they came from; validating the copy rebuilds its slot table.
    validateEvent({ table: this._table, dv, u8: bytes, le: this._le }, 0, bytes.length, this._index, slots);
    const view = new EventViewImpl();
    view._table = this._table;
    view._index = this._index;
    view._point(dv, bytes, ByteSource.of(bytes), 0, bytes.length, this._le, slots.table, 0, slots.count);
    return view;
  }
}

/**
 * The event view of flyweight iteration. A class of its own: its recycling state lives only in
 * its instances' hidden class, so fresh views stay small and monomorphic.
 *
 * @internal
 */
export class FlyweightEventView extends EventViewImpl {
  /** @param _fly - the recycled record iterator and record views of this iteration. */
  constructor(private readonly _fly: Flyweights) {
    super();
  }

  /**
   * The info records through the recycled iterator and views. Only the iterator handed to the
   * user recycles views: the event's own walks (toJSON, toObject) use fresh ones, so they never
   * re-point a record view the user is holding.
   */
  override records(): IterableIterator<RecordViewImpl> {
    return this._fly.iterator.reset(this);
  }
}

/**
 * The event view of a reader that decodes one buffer again and again (see `ReusedBufferIterator`):
 * re-pointed at the event of the same index in the next pass, its records taken from the
 * reader's {@link RecordViewPool}. Valid, like a fresh view, until the buffer's bytes are
 * replaced, which is when the reader starts its next pass.
 *
 * @internal
 */
export class PooledEventView extends EventViewImpl {
  /** @param _pool - the record views of the reader's passes. */
  constructor(private readonly _pool: RecordViewPool) {
    super();
  }

  override records(): IterableIterator<RecordViewImpl> {
    return new PooledRecordIterator(this._pool, this);
  }
}

/**
 * One instance of each class iteration creates per batch, alive as long as the module: V8 holds
 * the transitions to a class's final hidden class weakly, and when every instance of a class is
 * gone after a batch, a GC collects that hidden class and deoptimizes every consumer loop that
 * read one ("weak objects" deopts, about once per GC).
 *
 * @internal
 */
export const eventViewAnchors: readonly object[] = [
  new EventViewImpl(),
  new FlyweightEventView(new Flyweights(undefined, EMPTY_VIEW, EMPTY_BYTES, true, NO_BYTES)),
  new FreshRecordIterator(new EventViewImpl()),
  new PooledEventView(new RecordViewPool({ entries: [] as unknown[] } as RecordTable, EMPTY_VIEW, EMPTY_BYTES, true, NO_BYTES)),
];
