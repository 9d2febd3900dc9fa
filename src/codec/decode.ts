/**
 * Event iteration over a byte buffer: frame by `event_len`, validate each event before it is
 * handed out, and either stop at the first malformed event (strict) or report and skip it when
 * `event_len` still frames it (lenient).
 *
 * @packageDocumentation
 */
import { FanotifyDecodeError } from '../errors.js';
import { isLittleEndian, viewsOf, type ByteOrder } from './byte-order.js';
import { compiledMetadata, EventViewImpl } from './event-view.js';
import type { RecordTable } from './record-table.js';
import { isFramingIntact, validateEvent, type EventContext } from './validate-event.js';

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
 * Iterator over the events of a buffer.
 *
 * @internal
 */
export class EventIterator implements IterableIterator<EventViewImpl> {
  private pos = 0;
  private index: number;
  private stopped = false;
  private readonly end: number;
  private readonly ctx: EventContext;
  private readonly flyweight: EventViewImpl | undefined;
  private readonly result: { value: EventViewImpl | undefined; done: boolean } = { value: undefined, done: false };

  constructor(
    private readonly table: RecordTable,
    bytes: Uint8Array | ArrayBufferView | ArrayBuffer,
    private readonly options: DecodeOptions,
    private readonly malformed: FanotifyDecodeError[],
  ) {
    const { dv, u8 } = viewsOf(bytes);
    this.end = u8.length;
    this.index = options.firstIndex ?? 0;
    this.ctx = { table, metadata: compiledMetadata, metadataScratch: new compiledMetadata.View(), dv, u8, le: isLittleEndian(options.byteOrder) };
    this.flyweight = options.reuseViews ? this.newView() : undefined;
  }

  private newView(): EventViewImpl {
    const view = new EventViewImpl();
    view._table = this.table;
    view._reuse = this.options.reuseViews === true;
    return view;
  }

  next(): IteratorResult<EventViewImpl> {
    const ctx = this.ctx;
    while (!this.stopped && this.pos < this.end) {
      const pos = this.pos;
      const index = this.index++;
      const problem = validateEvent(ctx, pos, this.end, index);
      if (problem) {
        const error = problem.shifted(this.options.baseOffset ?? 0);
        if (!this.options.lenient) {
          this.stopped = true;
          throw error;
        }
        this.malformed.push(error);
        this.options.onMalformed?.(error);
        if (!isFramingIntact(error.code)) {
          this.stopped = true;
          break;
        }
        this.pos = pos + ctx.dv.getUint32(pos, ctx.le);
        continue;
      }
      const eventLen = ctx.dv.getUint32(pos, ctx.le);
      this.pos = pos + eventLen;
      const view = this.flyweight ?? this.newView();
      view._index = index;
      compiledMetadata.bind(view, ctx.dv, ctx.u8, pos, pos + eventLen, ctx.le);
      if (this.flyweight) {
        this.result.value = view;
        return this.result as IteratorResult<EventViewImpl>;
      }
      return { value: view, done: false };
    }
    this.stopped = true;
    return { value: undefined, done: true };
  }

  /** Byte offset (within the given bytes) where iteration stopped or will continue. */
  get offset(): number {
    return this.pos;
  }

  [Symbol.iterator](): this {
    return this;
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
  ) {}

  [Symbol.iterator](): EventIterator {
    return new EventIterator(this.table, this.bytes, this.options, this.malformed);
  }
}
