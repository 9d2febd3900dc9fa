/**
 * Batches: all events of one `read()` as one step of the consumer — the fast path for tools that
 * keep up with storms. A batch is iterated synchronously; events that own nothing (no fd, no
 * pidfd, no verdict owed: the usual fid-group event) are handed out through one flyweight
 * `LiveEvent` over the codec's re-pointed views, so a pass allocates nothing per event and no
 * promise is made per event. Events that own something are real events, made when the pass
 * meets them (or when the batch is read, for groups that time permission events or cache
 * paths), and are released — default verdict, fds closed unless taken — when the batch's step
 * ends, whether the consumer iterated them or not, also when its handler throws.
 *
 * @packageDocumentation
 */
import type { EventView } from '../codec/codec.js';
import { decodeEvents, eventWalker } from '../codec/default-codec.js';
import type { EventWalker, WalkEvent } from '../codec/walker.js';
import type { EventBatchImpl, ReusedFlyweightIterator } from '../codec/decode.js';
import type { AnyRecordSchema } from '../codec/types.js';
import type { KernelRecordSchema } from '../../spec/records.js';
import { FanotifyDecodeError } from '../errors.js';
import { FanotifyStateError } from './errors.js';
import { isOverflowMask, isPermissionMask, LiveEventImpl, maskHighWord, maskLowWord, type BatchState, type EventHost, type LiveEvent } from './event.js';
import type { GroupTraits, ReadInfo } from './options.js';

/**
 * The events of one `read()`, consumed as one step (see `group.batches()` and
 * `group.consumeBatches()`). Iterate it (`for (const event of batch)`) during the step: each
 * event yielded is valid until the iteration moves on (an event that owns an fd, a pidfd or a
 * verdict stays valid until the step ends). When the step ends, every permission event of the
 * batch still unanswered gets the group's default verdict and every fd and pidfd not taken is
 * closed, iterated or not.
 *
 * @typeParam R - Record schemas its events can carry.
 * @public
 */
export interface LiveBatch<R extends AnyRecordSchema> extends Iterable<LiveEvent<R>> {
  /** When the read happened. */
  readonly info: ReadInfo;
  /** Bytes the read returned. */
  readonly byteLength: number;
  /** Whether the batch's step is still running. */
  readonly active: boolean;
  /** The read's exact bytes (a view into the group's read buffer, valid during the step). */
  bytes(): Uint8Array;
}

/**
 * Whether no event of a group with `traits` can own anything: fid groups report FAN_NOFD, a
 * notification group owes no verdict, and without FAN_REPORT_PIDFD there is no pidfd. (An event
 * that owns something anyway is still made a real event; this only says none is expected.)
 *
 * @internal
 */
export function eventsOwnNothing(traits: GroupTraits): boolean {
  return traits.reportsFid && !traits.reportsPidfd && traits.priority === 0;
}

/** Counts of one complete pass over a batch, committed to the group's stats once. */
interface PassCounts {
  events: number;
  overflows: number;
  permissionEvents: number;
  readonly malformed: FanotifyDecodeError[];
}

/**
 * A batch whose events were made when it was read (permission deadlines run from the read,
 * and the path cache saw every event before any was delivered).
 *
 * @internal
 */
export interface EagerEvents<R extends AnyRecordSchema> {
  readonly events: readonly LiveEventImpl<R>[];
}

/**
 * The read buffer's flyweight iteration, shared by the passes over the batches read into it
 * (see `ReusedFlyweightIterator`): a pass takes it unless another pass holds it (a batch
 * iterated twice at once), which then makes an iteration of its own. A pass over a batch of a
 * dozen events cost ~3.6 µs of set-up before (views, slot table, record views).
 *
 * @internal
 */
export class SharedPass {
  /** The batch whose pass holds the iteration. */
  private holder: object | undefined;
  private readonly iteration: EventBatchImpl;
  private readonly iterator: ReusedFlyweightIterator;

  /** `dv`: the reader's DataView over `buffer`. */
  constructor(
    private readonly buffer: Uint8Array,
    readonly dv: DataView,
  ) {
    this.iteration = decodeEvents(buffer, { lenient: true, reuseViews: true }) as unknown as EventBatchImpl;
    this.iterator = this.iteration.reusableFlyweight();
  }

  /**
   * The iteration over `bytes` (the buffer's first bytes) for a pass of `batch`, or `undefined`
   * if a pass holds it.
   */
  take<R extends AnyRecordSchema>(batch: object, bytes: Uint8Array): Iterator<EventView<R>> | undefined {
    if (this.holder !== undefined || bytes.buffer !== this.buffer.buffer || bytes.byteOffset !== this.buffer.byteOffset) return undefined;
    this.holder = batch;
    return this.iterator.restart(bytes.byteLength) as unknown as Iterator<EventView<R>>;
  }

  /**
   * Gives the iteration back if a pass of `batch` holds it (a pass that ended, or any pass of a
   * batch whose step ended: one left without `return()` would hold it for good); the malformed
   * events of the pass go to `into`.
   */
  release(batch: object, into?: FanotifyDecodeError[]): void {
    if (this.holder !== batch) return;
    into?.push(...this.iteration.malformed);
    this.holder = undefined;
  }
}

/**
 * What a group's reader lends the batches it reads.
 *
 * @internal
 */
export interface BatchSource {
  /** The shared pass over the read buffer. */
  readonly passes: SharedPass;
  /** Takes the decode problems of a batch's first complete pass (reported after the step). */
  reportMalformed(errors: readonly FanotifyDecodeError[]): void;
}

/** @internal The one implementation of {@link LiveBatch}. */
export class LiveBatchImpl<R extends AnyRecordSchema> implements LiveBatch<R> {
  /** Events that own something, by byte offset: made once, released when the step ends (made on first use). */
  private owned: Map<number, LiveEventImpl<R>> | undefined;
  private flyweight: LiveEventImpl<R> | undefined;
  /** A complete pass has counted the batch's events in the group's stats. */
  counted = false;
  private ended = false;
  /** The step's end is counting the batch (its own pass may run). */
  private settling = false;

  constructor(
    private readonly host: EventHost,
    private readonly buffer: Uint8Array,
    private readonly state: BatchState,
    readonly info: ReadInfo,
    /** With eagerly made events (see {@link EagerEvents}), else `undefined` (decoded per pass). */
    private readonly eager: EagerEvents<R> | undefined,
    private readonly source: BatchSource,
  ) {
    if (eager !== undefined) {
      this.counted = true;
      host.stats.delivered += eager.events.length;
    }
  }

  get byteLength(): number {
    return this.buffer.byteLength;
  }

  get active(): boolean {
    return !this.ended;
  }

  bytes(): Uint8Array {
    this.checkStep();
    return this.buffer;
  }

  /**
   * A pass over the batch's events.
   *
   * @throws {@link FanotifyStateError} `LIVE_EVENT_EXPIRED` once the step has ended.
   */
  [Symbol.iterator](): Iterator<LiveEvent<R>> {
    this.checkStep();
    if (this.eager !== undefined) return this.eager.events[Symbol.iterator]();
    return new BatchPass<R>(this, this.buffer, this.source.passes);
  }

  /** Whether a pass may go on: the step runs, or its end is counting the batch. */
  get passable(): boolean {
    return !this.ended || this.settling;
  }

  /** The flyweight of this batch's passes (one per batch: a pass re-points it). */
  flyweightFor(view: EventView<R>, maskLow: number, maskHigh: number): LiveEventImpl<R> {
    const fly = this.flyweight;
    if (fly !== undefined) {
      fly.repoint(view, maskLow, maskHigh);
      return fly;
    }
    return (this.flyweight = new LiveEventImpl<R>(this.host, view, this.state, maskLow, maskHigh));
  }

  /** The real event for the (re-pointed) `view`, made on first sight. */
  ownerFor(view: EventView<R>, maskLow: number, maskHigh: number): LiveEventImpl<R> {
    const owned = (this.owned ??= new Map());
    const known = owned.get(view.byteOffset);
    if (known !== undefined) return known;
    // A view of its own (the pass re-points `view`), over the same bytes of the read buffer.
    const own = decodeEvents(view.bytes(), { lenient: true, baseOffset: view.byteOffset, firstIndex: view.index });
    const fresh = own[Symbol.iterator]().next().value as unknown as EventView<R>;
    const event = new LiveEventImpl<R>(this.host, fresh, this.state, maskLow, maskHigh);
    owned.set(view.byteOffset, event);
    return event;
  }

  /** Whether the event under `view` may own something (its fd, a pidfd, a verdict owed). */
  needsOwner(view: EventView<R>): boolean {
    return view.fd >= 0 || this.host.traits.reportsPidfd || this.host.traits.priority > 0;
  }

  /** A pass went over every event: the first one counts them (once per batch). */
  commit(counts: PassCounts): void {
    if (this.counted) return;
    this.counted = true;
    const stats = this.host.stats;
    stats.events += counts.events;
    stats.delivered += counts.events;
    stats.overflows += counts.overflows;
    stats.permissionEvents += counts.permissionEvents;
    if (counts.malformed.length > 0) this.source.reportMalformed(counts.malformed);
  }

  /**
   * Ends the step (idempotent, never throws): a pass over what the consumer did not reach
   * finds its owning events and counts the batch; then every owning event is released.
   */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.flyweight?.setEnded(true);
    if (this.eager !== undefined) {
      for (const event of this.eager.events) event.end();
      return;
    }
    this.source.passes.release(this);
    if (!this.counted && this.state.live) {
      this.settling = true;
      try {
        this.settle();
      } finally {
        this.settling = false;
      }
    }
    if (this.owned !== undefined) for (const event of this.owned.values()) event.end();
  }

  /**
   * Counts a batch whose events the consumer did not all iterate (it walked `bytes()`, or
   * stopped early), and finds the events that own something. Where none can (see
   * {@link eventsOwnNothing}), a walker counts them without making live events; an event that
   * owns something after all, or bytes the walker rejects, take the full pass, which makes real
   * events and reports what is malformed.
   */
  private settle(): void {
    const counts = eventsOwnNothing(this.host.traits) ? countPlainEvents(this.buffer) : undefined;
    if (counts !== undefined) return this.commit(counts);
    const pass = new BatchPass<R>(this, this.buffer, this.source.passes);
    while (!pass.next().done);
  }

  /** @throws {@link FanotifyStateError} `LIVE_EVENT_EXPIRED` once the step has ended. */
  checkStep(): void {
    if (this.ended) throw new FanotifyStateError('LIVE_EVENT_EXPIRED', "the batch's step has ended: its events were released and its bytes may be overwritten; keep events with copy() or toObject() during the step");
  }
}

/**
 * What a settling walk counts (a walker's visitor: the walk reads and checks every record, as a
 * pass does, and calls only `event`).
 */
class PlainCounts {
  events = 0;
  overflows = 0;
  /** An event owns something (an fd, or a verdict owed): the walk's counts are not used. */
  owning = false;

  event(e: WalkEvent<KernelRecordSchema>): void {
    this.events++;
    if (isOverflowMask(e.mask_lo)) this.overflows++;
    if (e.fd >= 0 || isPermissionMask(e.mask_lo)) this.owning = true;
  }
}

/** The walker `countPlainEvents` uses, made on first use (its walk calls no user code). */
let plainWalk: { counts: PlainCounts; walker: EventWalker } | undefined;

/**
 * The pass counts of `bytes` if they are well-formed and no event owns anything (no fd, no
 * permission bit), else `undefined`.
 */
function countPlainEvents(bytes: Uint8Array): PassCounts | undefined {
  if (plainWalk === undefined) {
    const counts = new PlainCounts();
    plainWalk = { counts, walker: eventWalker(counts) };
  }
  const { counts, walker } = plainWalk;
  counts.events = counts.overflows = 0;
  counts.owning = false;
  try {
    walker.walk(bytes);
  } catch (error) {
    if (error instanceof FanotifyDecodeError) return undefined;
    throw error;
  }
  return counts.owning ? undefined : { events: counts.events, overflows: counts.overflows, permissionEvents: 0, malformed: [] };
}

/**
 * One synchronous pass over a lazily decoded batch: the codec's flyweight iteration, each view
 * handed out as the batch's flyweight event or, if it may own something, as its real event.
 */
class BatchPass<R extends AnyRecordSchema> implements Iterator<LiveEvent<R>> {
  private readonly views: Iterator<EventView<R>>;
  private readonly dv: DataView;
  /** The shared pass this pass holds, given back when it ends. */
  private shared: SharedPass | undefined;
  private readonly counts: PassCounts = { events: 0, overflows: 0, permissionEvents: 0, malformed: [] };
  // Read at once by every consumer of the protocol, so one per pass suffices (as the codec's).
  private readonly result: { done: boolean; value: LiveEvent<R> } = { done: false, value: undefined as unknown as LiveEvent<R> };

  constructor(
    private readonly batch: LiveBatchImpl<R>,
    bytes: Uint8Array,
    passes: SharedPass,
  ) {
    const shared = passes.take<R>(batch, bytes);
    if (shared !== undefined) {
      this.shared = passes;
      this.views = shared;
      this.dv = passes.dv;
      return;
    }
    const counts = this.counts;
    this.dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.views = decodeEvents(bytes, { lenient: true, reuseViews: true, onMalformed: (e) => counts.malformed.push(e) })[Symbol.iterator]() as unknown as Iterator<EventView<R>>;
  }

  next(): IteratorResult<LiveEvent<R>> {
    const batch = this.batch;
    if (!batch.passable) {
      // Resumed after the step ended: the buffer may hold the next read's events.
      this.giveBack();
      batch.checkStep();
    }
    const step = this.views.next();
    const result = this.result;
    if (step.done) {
      this.giveBack();
      batch.commit(this.counts);
      return this.finished();
    }
    const view = step.value;
    const { dv } = this;
    const offset = view.byteOffset;
    const maskLow = maskLowWord(dv, offset);
    const maskHigh = maskHighWord(dv, offset);
    const event = batch.needsOwner(view) ? batch.ownerFor(view, maskLow, maskHigh) : batch.flyweightFor(view, maskLow, maskHigh);
    const counts = this.counts;
    counts.events++;
    if (event.isOverflow) counts.overflows++;
    if (event.isPermission) counts.permissionEvents++;
    result.value = event;
    return result;
  }

  /** A `for…of` left early: the pass ends uncounted. */
  return(): IteratorResult<LiveEvent<R>> {
    this.giveBack();
    return this.finished();
  }

  private finished(): IteratorResult<LiveEvent<R>> {
    const result = this.result;
    result.done = true;
    result.value = undefined as unknown as LiveEvent<R>;
    return result;
  }

  private giveBack(): void {
    this.shared?.release(this.batch, this.counts.malformed);
    this.shared = undefined;
  }
}
