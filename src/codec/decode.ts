/**
 * Event iteration over a byte buffer: frame by `event_len`, validate each event before it is
 * handed out, and either stop at the first malformed event (strict) or report and skip it when
 * `event_len` still frames it (lenient).
 *
 * @packageDocumentation
 */
import { FanotifyDecodeError } from '../errors.js';
import { hostWords, isLittleEndian, viewsOf, type ByteOrder } from './byte-order.js';
import type { FrameEvent } from './cursor.js';
import { EventViewImpl, Flyweights, FlyweightEventView, PooledEventView, RecordViewPool } from './event-view.js';
import type { RecordTable } from './record-table.js';
import { ByteSource } from './record-view.js';
import { isFramingIntact, RecordSlots, validateEvent, type EventContext } from './validate-event.js';

/** Ints per slot table shared by the fresh views of one iteration. */
const SLOT_CHUNK = 8192;

/**
 * Options of event decoding.
 *
 * @public
 */
export interface DecodeOptions {
  /** Byte order of the stream (default: the host's, which is what the local kernel writes). */
  readonly byteOrder?: ByteOrder;
  /**
   * Report and skip malformed events whose `event_len` still frames them, instead of throwing.
   * Framing errors (bad `event_len`, trailing bytes) still end the iteration, after being reported.
   */
  readonly lenient?: boolean;
  /** Called for each malformed event in lenient mode. */
  readonly onMalformed?: (error: FanotifyDecodeError) => void;
  /**
   * Flyweight mode: one event view, one record iterator and one view per record type are
   * re-pointed at each step, so iteration allocates nothing. A view is then valid only until
   * the iteration advances; call `copy()` or `toObject()` to keep one.
   */
  readonly reuseViews?: boolean;
  /** Added to every offset in errors (the position of these bytes in a larger stream). */
  readonly baseOffset?: number;
  /** Index of the first event, for error paths (default 0). */
  readonly firstIndex?: number;
}

/**
 * Framing by the generic validator, for codecs without generated framing (user records where
 * run-time compilation is forbidden).
 *
 * @internal
 */
export function validatorFrame(table: RecordTable): FrameEvent {
  return (dv, u8, offset, end, le, slots) => (validateEvent({ table, dv, u8, le }, offset, end, 0, slots as RecordSlots) ? -1 : dv.getUint32(offset, le));
}

/**
 * Walks the events of a buffer: validates each (the codec's generated framing, in one pass;
 * the generic validator explains a rejected event), handles lenient skipping, and leaves the
 * validated event's record slots in `slots`. The two iterators below only differ in how they
 * hand the event out; keeping their `next()` apart keeps each one's JIT feedback monomorphic.
 *
 * @internal
 */
abstract class EventWalker implements IterableIterator<EventViewImpl> {
  protected pos = 0;
  // The protocol's result object is read at once by every consumer, so one per iterator suffices.
  protected readonly result: { value: EventViewImpl | undefined; done: boolean } = { value: undefined, done: false };
  protected index: number;
  private stopped = false;
  protected end: number;
  protected readonly ctx: EventContext;
  protected readonly slots: RecordSlots;
  /** The bytes as host-order words, where the framing's word reads fit (see `hostWords`). */
  private readonly words: Int32Array | undefined;
  /** The source of the records' byte fields, shared by every view of the iteration. */
  protected readonly bytes: ByteSource;

  constructor(
    protected readonly table: RecordTable,
    bytes: Uint8Array | ArrayBufferView | ArrayBuffer,
    protected readonly options: DecodeOptions,
    protected readonly malformed: FanotifyDecodeError[],
    private readonly frame: FrameEvent,
    slotRecords?: number,
  ) {
    const { dv, u8 } = viewsOf(bytes);
    this.end = u8.length;
    this.index = options.firstIndex ?? 0;
    this.ctx = { table, dv, u8, le: isLittleEndian(options.byteOrder) };
    this.words = hostWords(u8, this.ctx.le);
    this.slots = new RecordSlots(table.stride, slotRecords);
    this.bytes = ByteSource.of(u8);
  }

  /**
   * Validates the next event and returns its offset (its index is `index - 1`), or -1 (with
   * `result` marked done) at the end.
   */
  protected step(): number {
    const ctx = this.ctx;
    while (!this.stopped && this.pos < this.end) {
      const pos = this.pos;
      const index = this.index++;
      const n = this.frame(ctx.dv, ctx.u8, pos, this.end, ctx.le, this.slots, this.words);
      if (n >= 0) {
        this.pos = pos + n;
        return pos;
      }
      if (!this.skip(this.problemAt(pos, index))) break;
    }
    this.stopped = true;
    this.result.value = undefined;
    this.result.done = true;
    return -1;
  }

  /** Starts the walk over again on the first `end` bytes (their contents replaced). */
  protected rewind(end: number): void {
    this.pos = 0;
    this.end = end;
    this.index = this.options.firstIndex ?? 0;
    this.stopped = false;
    this.result.value = undefined;
    this.result.done = false;
    this.slots.rewind();
    this.malformed.length = 0;
  }

  /** The validator's error for the rejected event at `pos`. */
  private problemAt(pos: number, index: number): FanotifyDecodeError {
    const problem = validateEvent(this.ctx, pos, this.end, index, this.slots);
    // Unreachable while the generated framing and the validator agree (tests hold them together).
    return (problem ?? new FanotifyDecodeError('BAD_RECORD', pos, `event[${index}]`, 'the framing rejected an event the validator accepts')).shifted(this.options.baseOffset ?? 0);
  }

  /** Throws `error` (strict) or reports it; true when iteration goes on past the event. */
  private skip(error: FanotifyDecodeError): boolean {
    if (!this.options.lenient) {
      this.stopped = true;
      throw error;
    }
    this.malformed.push(error);
    this.options.onMalformed?.(error);
    if (!isFramingIntact(error.code)) return false;
    this.pos += this.ctx.dv.getUint32(this.pos, this.ctx.le);
    return true;
  }

  abstract next(): IteratorResult<EventViewImpl>;

  [Symbol.iterator](): this {
    return this;
  }

  /** Byte offset (within the given bytes) where iteration stopped or will continue. */
  get offset(): number {
    return this.pos;
  }
}

/**
 * Flyweight iteration: one event view, re-pointed at each event, sharing the walker's slot
 * table and one result object. Allocates nothing per event.
 *
 * @internal
 */
export class FlyweightEventIterator extends EventWalker {
  private readonly view: EventViewImpl;

  constructor(table: RecordTable, bytes: Uint8Array | ArrayBufferView | ArrayBuffer, options: DecodeOptions, malformed: FanotifyDecodeError[], frame: FrameEvent) {
    super(table, bytes, options, malformed, frame);
    const { dv, u8, le } = this.ctx;
    this.view = new FlyweightEventView(new Flyweights(table, dv, u8, le, this.bytes));
    this.view._table = table;
    this.view._bind(dv, u8, this.bytes, le);
  }

  next(): IteratorResult<EventViewImpl> {
    const pos = this.step();
    if (pos >= 0) {
      const view = this.view;
      view._index = this.index - 1;
      // The buffer is the view's for the whole iteration: only the event's place changes.
      view._repoint(pos, this.pos, this.slots.table, this.slots.count);
      this.result.value = view;
    }
    return this.result as IteratorResult<EventViewImpl>;
  }
}

/**
 * Flyweight iteration over a buffer decoded again and again (the live group's read buffer, one
 * pass per batch pass, see `LiveBatch`): {@link ReusedFlyweightIterator.restart} starts a pass
 * over the buffer's first bytes with the same view, slot table and result object, so a pass
 * costs no set-up.
 *
 * @internal
 */
export class ReusedFlyweightIterator extends FlyweightEventIterator {
  /** Starts a pass over the first `end` bytes of the buffer (the last pass's view is re-pointed). */
  restart(end: number): this {
    this.rewind(end);
    return this;
  }
}

/**
 * Iteration with a fresh event view per event, valid as long as the bytes are. The framing
 * writes each event's record rows straight into the slot table after the rows of the events
 * already handed out (see `RecordSlots`), which the views keep; a rejected event's rows are
 * overwritten by the next. The only per-event allocation is the view.
 *
 * @internal
 */
export class FreshEventIterator extends EventWalker {
  constructor(table: RecordTable, bytes: Uint8Array | ArrayBufferView | ArrayBuffer, options: DecodeOptions, malformed: FanotifyDecodeError[], frame: FrameEvent) {
    super(table, bytes, options, malformed, frame, Math.ceil(SLOT_CHUNK / table.stride));
  }

  next(): IteratorResult<EventViewImpl> {
    const pos = this.step();
    if (pos < 0) return this.result as IteratorResult<EventViewImpl>;
    const { ctx, slots } = this;
    const base = slots.keep();
    const view = new EventViewImpl();
    view._table = this.table;
    view._index = this.index - 1;
    view._point(ctx.dv, ctx.u8, this.bytes, pos, this.pos, ctx.le, slots.table, base, slots.count);
    this.result.value = view;
    return this.result as IteratorResult<EventViewImpl>;
  }
}

/**
 * Fresh-view iteration for a reader that decodes one buffer again and again (the live group's
 * read buffer, see `GroupReader`): each pass ({@link ReusedBufferIterator.restart}) frames the
 * buffer's first bytes and hands out a view per event that no one else holds until the next
 * pass, as fresh views are, but recycled: the view of event `i` and the record views it hands
 * out are re-pointed in the next pass, and the slot table is reused. A pass starts only when the
 * buffer's bytes were replaced, which expired every view of the one before. Views are bound to
 * the whole buffer once, so even a view kept past its pass reads inside it.
 *
 * @internal
 */
export class ReusedBufferIterator extends EventWalker {
  private readonly views: PooledEventView[] = [];
  private readonly pool: RecordViewPool;
  /** Views handed out in this pass. */
  private taken = 0;

  constructor(table: RecordTable, bytes: Uint8Array | ArrayBufferView | ArrayBuffer, options: DecodeOptions, malformed: FanotifyDecodeError[], frame: FrameEvent) {
    super(table, bytes, options, malformed, frame, Math.ceil(SLOT_CHUNK / table.stride));
    const { dv, u8, le } = this.ctx;
    this.pool = new RecordViewPool(table, dv, u8, le, this.bytes);
    this.end = 0;
  }

  /** Starts a pass over the first `end` bytes of the buffer: every view of the last pass is recycled. */
  restart(end: number): this {
    this.rewind(end);
    this.pool.rewind();
    this.taken = 0;
    return this;
  }

  next(): IteratorResult<EventViewImpl> {
    const pos = this.step();
    if (pos < 0) return this.result as IteratorResult<EventViewImpl>;
    const slots = this.slots;
    const base = slots.keep();
    const view = this.taken < this.views.length ? this.views[this.taken]! : this.newView();
    this.taken++;
    view._index = this.index - 1;
    view._rb = base;
    view._repoint(pos, this.pos, slots.table, slots.count);
    this.result.value = view;
    return this.result as IteratorResult<EventViewImpl>;
  }

  /** A view for one more event than any pass had so far, kept for the next passes. */
  private newView(): PooledEventView {
    const { dv, u8, le } = this.ctx;
    const view = new PooledEventView(this.pool);
    view._table = this.table;
    view._bind(dv, u8, this.bytes, le);
    this.views.push(view);
    return view;
  }
}

/**
 * The result of `decodeEvents`: iterable (lazily, once per `for…of`), with the malformed events
 * of lenient iterations collected in `malformed`.
 *
 * @internal
 */
export class EventBatchImpl implements Iterable<EventViewImpl> {
  /** Problems reported during lenient iteration, in order. */
  readonly malformed: FanotifyDecodeError[] = [];

  constructor(
    private readonly table: RecordTable,
    private readonly bytes: Uint8Array | ArrayBufferView | ArrayBuffer,
    private readonly options: DecodeOptions,
    private readonly frame: FrameEvent,
  ) {}

  [Symbol.iterator](): FlyweightEventIterator | FreshEventIterator {
    return this.options.reuseViews
      ? new FlyweightEventIterator(this.table, this.bytes, this.options, this.malformed, this.frame)
      : new FreshEventIterator(this.table, this.bytes, this.options, this.malformed, this.frame);
  }

  /**
   * The iteration of a reader that decodes these bytes again and again, one pass per
   * {@link ReusedBufferIterator.restart} (the live reader's, over its read buffer).
   *
   * @internal
   */
  reusable(): ReusedBufferIterator {
    return new ReusedBufferIterator(this.table, this.bytes, this.options, this.malformed, this.frame);
  }

  /**
   * The flyweight iteration of a reader that decodes these bytes again and again, one pass per
   * {@link ReusedFlyweightIterator.restart} (the live batches' passes over the read buffer);
   * lenient passes report into `malformed`, which each restart empties.
   *
   * @internal
   */
  reusableFlyweight(): ReusedFlyweightIterator {
    return new ReusedFlyweightIterator(this.table, this.bytes, this.options, this.malformed, this.frame);
  }
}

/**
 * One walker of each kind alive as long as the module (see `eventViewAnchors`): their hidden
 * classes then survive the GCs between batches, and so does the optimized code that reads them.
 */
const walkerAnchors: readonly object[] = [FlyweightEventIterator, FreshEventIterator, ReusedBufferIterator, ReusedFlyweightIterator].map((W) => new W({ stride: 3, entries: [] as unknown[] } as RecordTable, new Uint8Array(0), {}, [], () => -1));
void walkerAnchors;
