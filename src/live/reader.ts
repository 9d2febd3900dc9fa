/**
 * The group's read side: one reusable buffer the kernel writes into (zero-copy: `read()` fills
 * it, the codec decodes views over it), the batch of events from the last read, and readiness
 * from the addon's level-triggered poll handle on this thread's event loop.
 *
 * Backpressure: the buffer is read again only after every event of the previous batch was
 * handed out and its step ended, and the poll handle runs only while a consumer waits for the
 * next event. A slow consumer therefore leaves events in the kernel queue, not in JS memory.
 *
 * @packageDocumentation
 */
import type { EventView } from '../codec/codec.js';
import type { EventBatchImpl, ReusedBufferIterator } from '../codec/decode.js';
import { decodeEvents } from '../codec/default-codec.js';
import type { AnyRecordSchema, RecordViewOf } from '../codec/types.js';
import type { KernelRecordSchema } from '../../spec/records.js';
import type { FanotifyDecodeError } from '../errors.js';
import { Errno } from '../kernel/errno.js';
import { FanotifySyscallError } from './errors.js';
import { eventsOwnNothing, LiveBatchImpl, SharedPass, type BatchSource } from './batch.js';
import { LiveEventImpl, maskHighWord, maskLowWord, type BatchState, type EventHost } from './event.js';
import { readHint } from './hints.js';
import type { NativePollHandle } from './native/poll-handle.js';
import type { PathCache } from './path-cache.js';
import type { ReadInfo } from './options.js';

/**
 * Shows `event` to the path cache. (A function of its own: a closure over a loop variable would
 * make every iteration of the loop allocate a context for it, with a cache or without.)
 */
function observe(cache: PathCache, event: LiveEventImpl<AnyRecordSchema>): void {
  cache.observe(event.mask, () => event.records() as Iterable<RecordViewOf<KernelRecordSchema>>);
}

/** What the reader needs from its group. @internal */
export interface ReaderHost extends EventHost {
  readonly onRead: ((bytes: Uint8Array, info: ReadInfo) => void) | undefined;
}

/**
 * Reads, decodes and hands out events one at a time, or a read's events as one batch.
 *
 * @internal
 */
export class GroupReader<R extends AnyRecordSchema> {
  private readonly buffer: Uint8Array;
  private batch: BatchState = { live: false };
  /** The events of the last read (per-event consumers); those before `nextIndex` were delivered. */
  private events: LiveEventImpl<R>[] = [];
  private nextIndex = 0;
  /** The last read as a batch (batch consumers), until its step ends. */
  private current: LiveBatchImpl<R> | undefined;
  private handle: NativePollHandle | undefined;
  private refed = true;
  private waiter: { resolve: () => void; reject: (error: unknown) => void } | undefined;
  /** The signals the waits listen to, and their listeners (see {@link GroupReader.listen}). */
  private listening: { signal: AbortSignal | undefined; wakes: readonly (AbortSignal | undefined)[]; onAbort: () => void; onWake: () => void } | undefined;
  /** Decoding problems of the last batch, reported after its good events were handed out. */
  private malformed: FanotifyDecodeError[] = [];
  /**
   * The codec's iteration over the read buffer, one pass per read: a read expires every view of
   * the one before, so each pass recycles them (see `ReusedBufferIterator`). Lenient: a
   * malformed event must not cost the fds of the events around it.
   */
  private readonly decoder: ReusedBufferIterator;
  /** What the batches read into the buffer share: its flyweight pass, and where their decode problems go. */
  private readonly batchSource: BatchSource;
  /** The read buffer's mask words (see {@link maskLowWord}). */
  private readonly dv: DataView;

  constructor(
    private readonly host: ReaderHost,
    bufferSize: number,
  ) {
    this.buffer = new Uint8Array(bufferSize);
    this.dv = new DataView(this.buffer.buffer);
    const batch = decodeEvents(this.buffer, { lenient: true, onMalformed: (e) => this.malformed.push(e) }) as unknown as EventBatchImpl;
    this.decoder = batch.reusable();
    this.batchSource = { passes: new SharedPass(this.buffer, this.dv), reportMalformed: (errors) => this.malformed.push(...errors) };
  }

  /** The read buffer's size. */
  get bufferSize(): number {
    return this.buffer.byteLength;
  }

  /** The next undelivered event of the current batch, if any. */
  takeNext(): LiveEventImpl<R> | undefined {
    if (this.nextIndex >= this.events.length) return undefined;
    return this.events[this.nextIndex++];
  }

  /** Decode errors of the batch just exhausted (then forgotten). */
  takeMalformed(): FanotifyDecodeError | undefined {
    const first = this.malformed[0];
    this.malformed = [];
    return first;
  }

  /**
   * Ends every undelivered event of the batch: default verdicts for permission events, their
   * fds and pidfds closed. Safe at any time (none of them was handed out).
   */
  discardPending(): void {
    while (this.nextIndex < this.events.length) {
      this.host.stats.discarded++;
      this.events[this.nextIndex++]!.end();
    }
  }

  /**
   * Ends the step of everything delivered from the last read (an event's step, or the batch's):
   * the buffer is about to be reused, or the group closes. Never throws.
   */
  endDelivered(): void {
    const events = this.events;
    for (let i = 0; i < this.nextIndex; i++) events[i]!.end();
    this.current?.end();
    this.current = undefined;
  }

  /** Answers every permission event delivered from the last read with the default verdict (the group is closing). */
  answerDelivered(): void {
    for (let i = 0; i < this.nextIndex; i++) this.events[i]!.answerWithDefault();
  }

  /**
   * One `read()` into the buffer, its events decoded for a per-event consumer.
   *
   * @returns `true` if events were read, `false` if the queue is empty.
   * @throws {@link FanotifySyscallError} for a failed read (the group stays usable: the kernel
   *   dropped the event it could not report).
   */
  read(): boolean {
    const bytes = this.readBytes();
    if (bytes === undefined) return false;
    const info: ReadInfo = { hrtimeNs: process.hrtime.bigint(), wallClockMs: Date.now() };
    // Pending before onRead runs: if it throws, the consumer's cleanup still releases them.
    this.events = this.decodeAll(bytes);
    this.nextIndex = 0;
    this.host.onRead?.(bytes, info);
    return true;
  }

  /**
   * One `read()` into the buffer as a batch: its events are decoded as the batch is iterated,
   * or at once where a group must see them all first (permission deadlines, the path cache).
   *
   * @returns The batch (its step running), or `undefined` if the queue is empty.
   * @throws as {@link GroupReader.read}.
   */
  readBatch(): LiveBatchImpl<R> | undefined {
    const bytes = this.readBytes();
    if (bytes === undefined) return undefined;
    const info: ReadInfo = { hrtimeNs: process.hrtime.bigint(), wallClockMs: Date.now() };
    const { host } = this;
    const eager = eventsOwnNothing(host.traits) && host.pathCache === undefined ? undefined : { events: this.decodeAll(bytes) };
    const batch = new LiveBatchImpl<R>(host, bytes, this.batch, info, eager, this.batchSource);
    this.current = batch;
    this.host.onRead?.(bytes, info);
    return batch;
  }

  /** The syscall: the bytes read (the old batch expired), or `undefined` when the queue is empty. */
  private readBytes(): Uint8Array | undefined {
    const { binding, stats, traits } = this.host;
    const n = binding.read(this.host.groupFd, this.buffer, 0, this.buffer.byteLength);
    if (n === -Errno.EAGAIN || n === 0) return undefined;
    if (n < 0) {
      stats.readErrors++;
      throw new FanotifySyscallError('read', n, { fd: String(this.host.groupFd), count: String(this.buffer.byteLength) }, readHint(-n, this.buffer.byteLength, traits.reportsFdError));
    }
    // The old batch's views now point at new bytes.
    this.batch.live = false;
    this.batch = { live: true };
    this.events = [];
    this.nextIndex = 0;
    stats.reads++;
    stats.bytes += n;
    return this.buffer.subarray(0, n);
  }

  /** Every event of `bytes` as a real event with a view of its own, counted in the stats. */
  private decodeAll(bytes: Uint8Array): LiveEventImpl<R>[] {
    const { host } = this;
    const { stats } = host;
    const events: LiveEventImpl<R>[] = [];
    const { dv, decoder } = this;
    decoder.restart(bytes.byteLength);
    for (let step = decoder.next(); !step.done; step = decoder.next()) {
      const view = step.value;
      const offset = view.byteOffset;
      const event = new LiveEventImpl<R>(host, view as unknown as EventView<R>, this.batch, maskLowWord(dv, offset), maskHighWord(dv, offset));
      // Before any event of the batch is delivered: a path resolved now is already the new one.
      if (host.pathCache !== undefined) observe(host.pathCache, event);
      stats.events++;
      if (event.isOverflow) stats.overflows++;
      if (event.isPermission) stats.permissionEvents++;
      events.push(event);
    }
    return events;
  }

  /**
   * Resolves when the group fd is readable, when {@link GroupReader.wake} is called, or when one
   * of `wakes` aborts; rejects when `signal` aborts or polling fails.
   */
  waitReadable(signal: AbortSignal | undefined, wakes: readonly (AbortSignal | undefined)[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      if (wakes.some((w) => w?.aborted)) return resolve();
      const handle = this.ensureHandle();
      this.listen(signal, wakes);
      const settle = (finish: () => void): void => {
        this.waiter = undefined;
        handle.stop();
        finish();
      };
      this.waiter = { resolve: () => settle(resolve), reject: (error) => settle(() => reject(error)) };
      const started = handle.start();
      if (started < 0) this.waiter.reject(new FanotifySyscallError('poll', started, { fd: String(this.host.groupFd) }, 'libuv cannot watch the group fd'));
    });
  }

  /**
   * Makes `signal` reject and `wakes` resolve the waits. A storm waits once per read, always
   * with the same signals, and adding and removing an abort listener costs about 200 ns each:
   * so the listeners stay from one wait to the next (between waits they find no waiter) until
   * the signals change, the turn ends or the group closes ({@link GroupReader.unlisten}).
   */
  private listen(signal: AbortSignal | undefined, wakes: readonly (AbortSignal | undefined)[]): void {
    const last = this.listening;
    if (last !== undefined && last.signal === signal && last.wakes.length === wakes.length && last.wakes.every((w, i) => w === wakes[i])) return;
    this.unlisten();
    const onAbort = (): void => this.waiter?.reject(signal!.reason);
    const onWake = (): void => this.waiter?.resolve();
    signal?.addEventListener('abort', onAbort, { once: true });
    for (const w of wakes) w?.addEventListener('abort', onWake, { once: true });
    this.listening = { signal, wakes: [...wakes], onAbort, onWake };
  }

  /** Removes the waits' abort listeners (the consumer's turn ended, or the group closes). */
  unlisten(): void {
    const last = this.listening;
    if (last === undefined) return;
    this.listening = undefined;
    last.signal?.removeEventListener('abort', last.onAbort);
    for (const w of last.wakes) w?.removeEventListener('abort', last.onWake);
  }

  /** Resolves a pending {@link GroupReader.waitReadable} (e.g. the group closed). */
  wake(): void {
    this.waiter?.resolve();
  }

  /** Lets an active wait keep the event loop alive (default) or not. */
  setRef(refed: boolean): void {
    this.refed = refed;
    if (this.handle) (refed ? this.handle.ref() : this.handle.unref());
  }

  /** Whether waits keep the event loop alive. */
  get hasRef(): boolean {
    return this.refed;
  }

  /** Closes the poll handle (before the group fd may be closed) and wakes any waiter. */
  close(): void {
    this.wake();
    this.unlisten();
    this.handle?.close();
    this.handle = undefined;
    this.batch.live = false;
  }

  private ensureHandle(): NativePollHandle {
    if (this.handle) return this.handle;
    const { binding } = this.host;
    const result = binding.poll(this.host.groupFd, (status) => {
      if (status < 0) this.waiter?.reject(new FanotifySyscallError('poll', status, { fd: String(this.host.groupFd) }, 'polling the group fd failed'));
      else this.waiter?.resolve();
    });
    if (typeof result === 'number') {
      throw new FanotifySyscallError('poll', result, { fd: String(this.host.groupFd) }, result === -17 ? 'another poll handle already watches this fd' : 'libuv cannot watch the group fd');
    }
    // poll() returns a started handle; it runs only while someone waits.
    result.stop();
    if (!this.refed) result.unref();
    this.handle = result;
    return result;
  }
}
