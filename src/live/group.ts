/**
 * A live fanotify group in Node's event loop: open it with options named after the kernel
 * flags, add marks, and consume its events as an async iterator, a `Readable`, a promise-aware
 * handler (`consume`) or `'event'` listeners. One consumer at a time; each event lives for one
 * step of that consumer (see `LiveEvent`). `close()` answers what is still pending and releases
 * every fd.
 *
 * @packageDocumentation
 */
import { EventEmitter } from 'node:events';
import type { KernelRecordSchema } from '../../spec/records.js';
import type { AnyRecordSchema } from '../codec/types.js';
import * as K from '../generated/constants.js';
import { FanotifyStateError, FanotifySyscallError } from './errors.js';
import type { LiveBatch, LiveBatchImpl } from './batch.js';
import { emptyStats, type EventHost, type GroupSimulation, type GroupStats, type LiveEvent, type LiveEventImpl } from './event.js';
import { eventFFlagNames, initFlagNames, openFlagValuesFrom } from './flag-words.js';
import { initHint, markHint } from './hints.js';
import { LiveEventIterator, type EventIterationOptions, type LiveEventSource } from './iterator.js';
import { describeMark, markArguments, type MarkDescription, type MarkObject, type MarkOptions } from './marks.js';
import { MountFdRegistry } from './mount-fds.js';
import { PathCache, pathCacheBound } from './path-cache.js';
import type { NativeBinding } from './native/binding.js';
import { loadNativeBinding } from './native/load.js';
import { adoptGroupFd, checkAdoptOptions } from './adopt.js';
import { bufferSizeOf, checkKeys, checkOptionKeys, initArguments, permissionTimeoutOf, traitsOf, type DefaultVerdict, type GroupOptions, type GroupTraits, type ReadInfo } from './options.js';
import { GroupReader, type ReaderHost } from './reader.js';
import type { RecordSchemaFor } from './record-types.js';
import { LiveEventStreamImpl, type EventStreamOptions, type LiveEventStream } from './stream.js';

/**
 * The events a group emits.
 *
 * @public
 */
export type GroupEventMap<R extends AnyRecordSchema> = {
  /** An event, while `'event'` listeners are attached (their return ends its step). */
  event: [event: LiveEvent<R>];
  /** A read error or a listener exception in listener mode (without a listener it is thrown at process level). */
  error: [error: unknown];
  /** The group was closed. */
  close: [];
  /** A permission event got the default verdict because `permissionTimeoutMs` passed. */
  permissionTimeout: [event: LiveEvent<R>];
};

/**
 * Options of {@link FanotifyGroup.consume}.
 *
 * @public
 */
export interface ConsumeOptions {
  /** Stops consuming; `consume()` then rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}

/** A handler of {@link FanotifyGroup.consume}: the event's step ends when it returns or its promise settles. @public */
export type EventHandler<R extends AnyRecordSchema> = (event: LiveEvent<R>) => void | Promise<void>;

/** A handler of {@link FanotifyGroup.consumeBatches}: the batch's step ends when it returns or its promise settles. @public */
export type BatchHandler<R extends AnyRecordSchema> = (batch: LiveBatch<R>) => void | Promise<void>;

/** How a group's events are being consumed. @internal */
export type ConsumerKind = 'iterator' | 'stream' | 'listeners' | 'handler' | 'batches';

const FLUSH_TYPES: Readonly<Record<MarkObject, number>> = {
  inode: K.FAN_MARK_INODE,
  mount: K.FAN_MARK_MOUNT,
  filesystem: K.FAN_MARK_FILESYSTEM,
  mntns: K.FAN_MARK_MNTNS,
};

const ITERATION_OPTION_KEYS: Readonly<Record<keyof EventIterationOptions, true>> = { signal: true, untilDrained: true };
const CONSUME_OPTION_KEYS: Readonly<Record<keyof ConsumeOptions & keyof EventStreamOptions, true>> = { signal: true };

/**
 * Reads in a row (each up to a buffer of events, handed out without leaving the microtask
 * queue) before a consumer lets the event loop run once: a few MB of events, so the cost is
 * nil while a storm cannot starve timers, I/O and signals.
 */
const READS_BEFORE_YIELD = 32;

/** The call that starts each kind of consumer, for messages. */
const CONSUMER_CALLS: Readonly<Record<ConsumerKind, string>> = { iterator: 'events', stream: 'stream', listeners: 'events', handler: 'consume', batches: 'batches' };

/**
 * The async iterator of `group.batches()`: each loop-body iteration is a batch's step, ended
 * when the next batch is asked for or the loop is left in any way.
 */
async function* batchIterator<R extends AnyRecordSchema>(turn: ConsumerTurn<R>, options: EventIterationOptions): AsyncGenerator<LiveBatch<R>, undefined> {
  try {
    for (;;) {
      const batch = await turn.nextBatch(options.signal, options.untilDrained);
      if (batch === undefined) return undefined;
      try {
        yield batch;
      } finally {
        batch.end();
      }
    }
  } finally {
    turn.release();
  }
}

/** Read errors after which the group cannot make progress (anything else dropped one event). */
const FATAL_READ_ERRNOS = new Set(['EINVAL', 'EBADF', 'EFAULT']);

/** One consumer's turn at the group. @internal */
export class ConsumerTurn<R extends AnyRecordSchema> implements LiveEventSource<R> {
  /** Aborted when the turn ends (wakes a consumer waiting for events). */
  readonly released = new AbortController();
  /** Whether the turn has ended: the same as `released`'s signal, without its getter per event. */
  ended = false;

  constructor(
    private readonly group: FanotifyGroupImpl<R>,
    /** The kind of consumer (named in LIVE_BUSY messages). */
    readonly kind: ConsumerKind,
  ) {}

  /** Waits for and returns the next event (its step starts), or `undefined` at the end. */
  nextEvent(signal: AbortSignal | undefined, untilDrained: AbortSignal | undefined): Promise<LiveEventImpl<R> | undefined> {
    return this.group.nextEvent(this, signal, untilDrained);
  }

  /** Waits for and returns the next read's batch (its step starts), or `undefined` at the end. */
  nextBatch(signal: AbortSignal | undefined, untilDrained: AbortSignal | undefined): Promise<LiveBatchImpl<R> | undefined> {
    return this.group.nextBatch(this, signal, untilDrained);
  }

  /** The next event of the batch already read, synchronously (see {@link FanotifyGroupImpl.takeReady}). */
  takeReady(): LiveEventImpl<R> | undefined {
    return this.group.takeReady(this);
  }

  /** Ends the turn (idempotent): the unread rest of the batch is discarded. */
  release(): void {
    if (this.ended) return;
    this.ended = true;
    this.released.abort();
    this.group.endTurn(this);
  }

  /** Discards the unread rest of the batch now (answers waiting permission events). */
  discardPending(): void {
    this.group.discardPendingFor(this);
  }
}

/**
 * A fanotify group (see {@link openGroup}).
 *
 * @typeParam R - Record schemas its events can carry, derived from the options.
 * @public
 */
export interface FanotifyGroup<R extends AnyRecordSchema = KernelRecordSchema> extends EventEmitter<GroupEventMap<R>> {
  /** Counters: reads, bytes, events, overflows, verdicts, … (live object, updated in place). */
  readonly stats: Readonly<GroupStats>;
  /** The final `fanotify_init` flags (always with FAN_NONBLOCK | FAN_CLOEXEC). */
  readonly initFlags: number;
  /** The final `event_f_flags`. */
  readonly eventFFlags: number;
  /** Verdict for permission events whose step ends without a response. */
  readonly defaultVerdict: DefaultVerdict;
  /** The group fd, or -1 once closed. */
  readonly fd: number;
  /** Whether the group is closed. */
  readonly closed: boolean;
  /** Size of the read buffer. */
  readonly bufferSize: number;
  /** The init flags in words, class first (`['FAN_CLASS_NOTIF', 'FAN_CLOEXEC', …]`). */
  readonly initFlagNames: string[];
  /** `event_f_flags` in words (`['O_RDONLY', 'O_LARGEFILE', 'O_CLOEXEC']`). */
  readonly eventFFlagNames: string[];
  /**
   * Adds a mark (`FAN_MARK_ADD`).
   *
   * @returns The call as made, in numbers and words.
   * @throws {@link FanotifySyscallError} (`syscall: 'fanotify_mark'`) with a hint;
   *   {@link FanotifyOptionError} for invalid options; {@link FanotifyStateError} when closed.
   */
  addMark(options: MarkOptions): MarkDescription;
  /**
   * Removes events from a mark (`FAN_MARK_REMOVE`); ENOENT when the object has no such mark.
   *
   * @throws as {@link FanotifyGroup.addMark}.
   */
  removeMark(options: MarkOptions): MarkDescription;
  /**
   * Removes every mark of one object type (`FAN_MARK_FLUSH`; default `'inode'`).
   *
   * @throws {@link FanotifySyscallError} or {@link FanotifyStateError} when closed.
   */
  flushMarks(object?: MarkObject): void;
  /**
   * Bytes the next reads would return now (`FIONREAD`): the kernel queue, not counting events
   * already read.
   */
  pendingBytes(): number;
  /**
   * The events as an async iterator; each loop-body iteration is the event's step.
   *
   * @throws {@link FanotifyStateError} `LIVE_BUSY` if the group already has a consumer.
   */
  events(options?: EventIterationOptions): AsyncIterableIterator<LiveEvent<R>>;
  /** `for await (const event of group)`: same as {@link FanotifyGroup.events} without options. */
  [Symbol.asyncIterator](): AsyncIterableIterator<LiveEvent<R>>;
  /**
   * The events as an object-mode `Readable` (`highWaterMark` 0: nothing is read ahead). An
   * event's step ends when the stream is asked for the next one.
   *
   * @throws {@link FanotifyStateError} `LIVE_BUSY` if the group already has a consumer.
   */
  stream(options?: EventStreamOptions): LiveEventStream<R>;
  /**
   * Calls `handler` for each event, one at a time; an event's step ends when the handler returns
   * or its promise settles. A handler that returns no promise costs no promise per event.
   *
   * @returns A promise that resolves when the group closes and rejects with the handler's
   *   exception (consuming stops; the group stays open), a read error, or the signal's reason.
   * @throws {@link FanotifyStateError} `LIVE_BUSY` (as the rejection) if the group already has a consumer.
   */
  consume(handler: EventHandler<R>, options?: ConsumeOptions): Promise<void>;
  /**
   * The events of each `read()` as one {@link LiveBatch}: the fast path for tools that must keep
   * up with storms. Each loop-body iteration is the batch's step; iterate the batch inside it.
   * When the step ends (the next iteration, `break`, a throw, an abort, `close()`), the batch's
   * unanswered permission events get the default verdict and its fds and pidfds not taken are
   * closed.
   *
   * @throws {@link FanotifyStateError} `LIVE_BUSY` if the group already has a consumer.
   */
  batches(options?: EventIterationOptions): AsyncIterableIterator<LiveBatch<R>>;
  /**
   * Calls `handler` with each read's {@link LiveBatch}; the batch's step ends when the handler
   * returns or its promise settles (then as for {@link FanotifyGroup.batches}).
   *
   * @returns A promise that settles as {@link FanotifyGroup.consume}'s.
   */
  consumeBatches(handler: BatchHandler<R>, options?: ConsumeOptions): Promise<void>;
  /** Lets a consumer waiting for events keep the process alive (the default). */
  ref(): this;
  /** Lets the process exit while a consumer waits for events. */
  unref(): this;
  /**
   * Closes the group: every permission event read but not answered gets the default verdict,
   * every event's step ends (fds and pidfds closed, also for events a consumer still holds:
   * take fds you need with `takeFd()`), waiting consumers finish, the poll handle and the group
   * fd are closed (the kernel allows permission events still queued), and `'close'` is emitted.
   * Idempotent.
   */
  close(): void;
}

/**
 * The one implementation of {@link FanotifyGroup} (the model and capture groups extend it with a
 * simulated binding).
 *
 * @internal
 */
export class FanotifyGroupImpl<R extends AnyRecordSchema = KernelRecordSchema> extends EventEmitter<GroupEventMap<R>> implements FanotifyGroup<R> {
  readonly stats: Readonly<GroupStats> = emptyStats();
  readonly initFlags: number;
  readonly eventFFlags: number;
  readonly defaultVerdict: DefaultVerdict;

  private fdValue: number;
  private readonly binding: NativeBinding;
  private readonly traits: GroupTraits;
  private readonly reader: GroupReader<R>;
  private readonly mountFds: MountFdRegistry;
  private turn: ConsumerTurn<R> | undefined;
  private listenerTurn: ConsumerTurn<R> | undefined;
  private closeSignal: { signal: AbortSignal; listener: () => void } | undefined;
  /** Successful reads since the consumer last waited or yielded to the event loop. */
  private readsInRow = 0;

  /** Use {@link openGroup} (or `modelGroup` / `captureGroup`, which pass a simulated binding and their `simulation`). */
  constructor(binding: NativeBinding, fd: number, initFlags: number, eventFFlags: number, options: GroupOptions, simulation?: GroupSimulation) {
    super({ captureRejections: true });
    this.binding = binding;
    this.fdValue = fd;
    this.initFlags = initFlags;
    this.eventFFlags = eventFFlags;
    this.traits = traitsOf(initFlags, eventFFlags);
    this.defaultVerdict = options.defaultVerdict ?? 'allow';
    this.mountFds = new MountFdRegistry(binding);
    const group = this;
    const host: ReaderHost = {
      binding,
      traits: this.traits,
      defaultVerdict: this.defaultVerdict,
      stats: this.stats as GroupStats,
      mountFds: this.mountFds,
      get groupFd() {
        return group.fdValue;
      },
      permissionTimeoutMs: permissionTimeoutOf(options),
      pathCache: PathCache.fromOption(options.pathCache, this.stats as GroupStats),
      permissionTimedOut: (event) => group.emit('permissionTimeout', event as LiveEvent<R>),
      onRead: options.onRead as ((bytes: Uint8Array, info: ReadInfo) => void) | undefined,
      simulation,
    } satisfies EventHost & ReaderHost;
    this.reader = new GroupReader<R>(host, bufferSizeOf(options));
    const emitter = this as unknown as EventEmitter;
    emitter.on('newListener', (name: string | symbol) => {
      if (name === 'event') this.startListening();
    });
    emitter.on('removeListener', (name: string | symbol) => {
      if (name === 'event' && this.listenerCount('event') === 0) this.listenerTurn?.release();
    });
  }

  get fd(): number {
    return this.fdValue;
  }

  get closed(): boolean {
    return this.fdValue < 0;
  }

  get bufferSize(): number {
    return this.reader.bufferSize;
  }

  get initFlagNames(): string[] {
    return initFlagNames(this.initFlags);
  }

  get eventFFlagNames(): string[] {
    return eventFFlagNames(this.eventFFlags, openFlagValuesFrom(this.binding.constants));
  }

  addMark(options: MarkOptions): MarkDescription {
    this.checkOpen('addMark');
    // Before the mark exists, so that opening it cannot wait on this group's permission events.
    if (options.mountFd !== undefined) this.mountFds.add(options.mountFd);
    return this.mark('add', options);
  }

  removeMark(options: MarkOptions): MarkDescription {
    return this.mark('remove', options);
  }

  flushMarks(object: MarkObject = 'inode'): void {
    this.checkOpen('flushMarks');
    const flags = K.FAN_MARK_FLUSH | (FLUSH_TYPES[object] ?? 0);
    const result = this.binding.mark(this.fdValue, flags, 0n, this.binding.constants.AT_FDCWD, null);
    if (result < 0) this.throwMarkError(result, flags, 0n, null, this.binding.constants.AT_FDCWD);
  }

  pendingBytes(): number {
    this.checkOpen('pendingBytes');
    const n = this.binding.fionread(this.fdValue);
    if (n < 0) throw new FanotifySyscallError('read', n, { fd: String(this.fdValue), request: 'FIONREAD' }, '');
    return n;
  }

  events(options: EventIterationOptions = {}): AsyncIterableIterator<LiveEvent<R>> {
    checkKeys(options, ITERATION_OPTION_KEYS, 'events()');
    return new LiveEventIterator(this.beginTurn('iterator'), options);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<LiveEvent<R>> {
    return this.events();
  }

  stream(options: EventStreamOptions = {}): LiveEventStream<R> {
    checkKeys(options, CONSUME_OPTION_KEYS, 'stream()');
    return new LiveEventStreamImpl(this.beginTurn('stream'), options);
  }

  async consume(handler: EventHandler<R>, options: ConsumeOptions = {}): Promise<void> {
    checkKeys(options, CONSUME_OPTION_KEYS, 'consume()');
    const { signal } = options;
    const turn = this.beginTurn('handler');
    // Permission events read but not yet handed out must not wait for a running handler.
    const onAbort = (): void => turn.discardPending();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      for (;;) {
        signal?.throwIfAborted();
        // Events of the batch already read go to the handler synchronously; only reading waits.
        const event = turn.takeReady() ?? (await turn.nextEvent(signal, undefined));
        if (event === undefined) return;
        try {
          const settled = handler(event);
          if (settled !== undefined) await settled;
        } finally {
          event.end();
        }
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      turn.release();
    }
  }

  batches(options: EventIterationOptions = {}): AsyncIterableIterator<LiveBatch<R>> {
    checkKeys(options, ITERATION_OPTION_KEYS, 'batches()');
    return batchIterator(this.beginTurn('batches'), options);
  }

  async consumeBatches(handler: BatchHandler<R>, options: ConsumeOptions = {}): Promise<void> {
    checkKeys(options, CONSUME_OPTION_KEYS, 'consumeBatches()');
    for await (const batch of this.batches(options.signal ? { signal: options.signal } : {})) await handler(batch);
  }

  ref(): this {
    this.reader.setRef(true);
    return this;
  }

  unref(): this {
    this.reader.setRef(false);
    return this;
  }

  close(): void {
    if (this.fdValue < 0) return;
    this.reader.answerDelivered();
    this.reader.discardPending();
    this.reader.endDelivered();
    this.reader.close();
    const fd = this.fdValue;
    this.fdValue = -1;
    if (this.binding.close(fd) < 0) (this.stats as GroupStats).cleanupErrors++;
    this.mountFds.closeAll();
    if (this.closeSignal) this.closeSignal.signal.removeEventListener('abort', this.closeSignal.listener);
    this.turn?.release();
    this.emit('close');
  }

  /** Closes the group when `signal` aborts (`GroupOptions.signal`). */
  watchSignal(signal: AbortSignal): void {
    const listener = (): void => this.close();
    signal.addEventListener('abort', listener, { once: true });
    this.closeSignal = { signal, listener };
  }

  /** Gives up the group without closing its fd (a failed adoption: the fd stays the caller's). */
  abandon(): void {
    this.reader.close();
    this.mountFds.closeAll();
    this.fdValue = -1;
  }

  /** Registers a mount fd from `GroupOptions.mountFds`. */
  addMountFd(spec: string | number): void {
    this.mountFds.add(spec);
  }

  /**
   * The next event of the current batch, handed out synchronously, or `undefined` when the
   * batch is used up (the caller then reads, or waits, through {@link FanotifyGroupImpl.nextEvent}).
   */
  takeReady(turn: ConsumerTurn<R>): LiveEventImpl<R> | undefined {
    if (this.fdValue < 0 || turn.ended) return undefined;
    const event = this.reader.takeNext();
    if (event === undefined) return undefined;
    (this.stats as GroupStats).delivered++;
    return event;
  }

  /** The core of every per-event consumer: the next event, reading and waiting as needed. */
  async nextEvent(turn: ConsumerTurn<R>, signal: AbortSignal | undefined, untilDrained: AbortSignal | undefined): Promise<LiveEventImpl<R> | undefined> {
    for (;;) {
      if (this.fdValue < 0 || turn.ended) return undefined;
      signal?.throwIfAborted();
      const event = this.takeReady(turn);
      if (event !== undefined) return event;
      if (await this.readOrWait(turn, signal, untilDrained, () => this.reader.read())) return undefined;
    }
  }

  /** The core of the batch consumers: the next read's batch, waiting as needed. */
  async nextBatch(turn: ConsumerTurn<R>, signal: AbortSignal | undefined, untilDrained: AbortSignal | undefined): Promise<LiveBatchImpl<R> | undefined> {
    for (;;) {
      if (this.fdValue < 0 || turn.ended) return undefined;
      signal?.throwIfAborted();
      let batch: LiveBatchImpl<R> | undefined;
      if (await this.readOrWait(turn, signal, untilDrained, () => (batch = this.reader.readBatch()) !== undefined)) return undefined;
      if (batch !== undefined) return batch;
    }
  }

  /**
   * Ends the steps of the last read (its buffer is about to be reused), reports its decode
   * errors, then reads; waits for readiness when the queue is empty.
   *
   * @returns `true` when the consumer should stop (the queue is drained after `untilDrained`).
   */
  private async readOrWait(turn: ConsumerTurn<R>, signal: AbortSignal | undefined, untilDrained: AbortSignal | undefined, read: () => boolean): Promise<boolean> {
    this.reader.endDelivered();
    const malformed = this.reader.takeMalformed();
    if (malformed) throw malformed;
    // Reads that find events continue in microtasks; in a storm that never empties the queue,
    // timers, I/O and signal handlers would never run. Give the event loop a turn now and then.
    if (this.readsInRow >= READS_BEFORE_YIELD) {
      this.readsInRow = 0;
      await new Promise<void>((resolve) => setImmediate(resolve));
      return false;
    }
    if (read()) {
      this.readsInRow++;
      return false;
    }
    this.readsInRow = 0;
    if (untilDrained?.aborted) return true;
    await this.reader.waitReadable(signal, [untilDrained, turn.released.signal]);
    return false;
  }

  /** Ends `turn` (if current): the unread rest of the batch is discarded. */
  endTurn(turn: ConsumerTurn<R>): void {
    if (this.turn !== turn) return;
    this.turn = undefined;
    this.reader.discardPending();
    this.reader.endDelivered();
    this.reader.wake();
    this.reader.unlisten();
  }

  /** Discards the unread rest of the batch if `turn` is current. */
  discardPendingFor(turn: ConsumerTurn<R>): void {
    if (this.turn === turn) this.reader.discardPending();
  }

  private beginTurn(kind: ConsumerKind): ConsumerTurn<R> {
    this.checkOpen(CONSUMER_CALLS[kind]);
    if (this.turn !== undefined) {
      throw new FanotifyStateError('LIVE_BUSY', `the group already has a consumer (${this.turn.kind}); one group feeds one consumer at a time`);
    }
    const turn = new ConsumerTurn(this, kind);
    this.turn = turn;
    return turn;
  }

  private startListening(): void {
    // A released turn (listeners were all removed) may still be winding down: start afresh.
    if ((this.listenerTurn !== undefined && !this.listenerTurn.ended) || this.fdValue < 0) return;
    const turn = this.beginTurn('listeners');
    this.listenerTurn = turn;
    // Let on() return (and the listener be registered) before the first read.
    process.nextTick(() => void this.listen(turn));
  }

  private async listen(turn: ConsumerTurn<R>): Promise<void> {
    try {
      while (this.listenerCount('event') > 0) {
        // Events of the current batch are delivered synchronously; only reading waits.
        let event: LiveEventImpl<R> | undefined = turn.takeReady();
        try {
          event ??= await turn.nextEvent(undefined, undefined);
        } catch (error) {
          this.reportError(error);
          if (!(error instanceof FanotifySyscallError && error.syscall === 'read' && !FATAL_READ_ERRNOS.has(error.errno))) break;
          continue;
        }
        if (event === undefined) break;
        try {
          this.emit('event', event);
        } catch (error) {
          this.reportError(error);
        } finally {
          event.end();
        }
      }
    } finally {
      turn.release();
      if (this.listenerTurn === turn) this.listenerTurn = undefined;
    }
  }

  /** Listener-mode errors go to `'error'` listeners, or else to the process (after cleanup). */
  private reportError(error: unknown): void {
    if (this.listenerCount('error') > 0) {
      try {
        this.emit('error', error);
        return;
      } catch (thrown) {
        error = thrown;
      }
    }
    process.nextTick(() => {
      throw error;
    });
  }

  private mark(command: 'add' | 'remove', options: MarkOptions): MarkDescription {
    this.checkOpen(command === 'add' ? 'addMark' : 'removeMark');
    const { flags, mask } = markArguments(command, options);
    const dirfd = options.dirfd ?? this.binding.constants.AT_FDCWD;
    const result = this.binding.mark(this.fdValue, flags, mask, dirfd, options.path);
    if (result < 0) this.throwMarkError(result, flags, mask, options.path, dirfd);
    return describeMark(flags, mask, options.path);
  }

  private throwMarkError(result: number, flags: number, mask: bigint, path: string | Uint8Array | null, dirfd: number): never {
    const d = describeMark(flags, mask, path);
    throw new FanotifySyscallError(
      'fanotify_mark',
      result,
      {
        fd: String(this.fdValue),
        flags: d.flagNames.join('|'),
        mask: d.maskNames.length > 0 ? d.maskNames.join('|') : '0',
        dirfd: dirfd === this.binding.constants.AT_FDCWD ? 'AT_FDCWD' : String(dirfd),
        path: d.path === null ? 'NULL' : JSON.stringify(d.path),
      },
      markHint(-result, { groupInitFlags: this.initFlags, markFlags: flags, mask }),
    );
  }

  private checkOpen(what: string): void {
    if (this.fdValue < 0) throw new FanotifyStateError('LIVE_CLOSED', `${what}(): the group is closed`);
  }
}

/**
 * Opens a fanotify group (`fanotify_init` with FAN_NONBLOCK | FAN_CLOEXEC and the flags the
 * options name). The native addon is loaded here, on first use, so importing the package never
 * needs it.
 *
 * @example
 * ```ts
 * const group = openGroup({ fid: true, dirFid: true, name: true });
 * group.addMark({ path: '/srv/data', events: ['FAN_CREATE', 'FAN_DELETE'], onDir: true });
 * for await (const event of group) {
 *   for (const r of event.records()) if (r.type === 'dfid_name') console.log(event.maskNames, nameToString(r.name));
 * }
 * ```
 * With `{ fd }` it adopts an existing group instead (see {@link GroupOptions.fd}).
 *
 * @throws `NativeAddonUnavailableError` when the addon cannot be loaded (not Linux, not built);
 *   {@link FanotifySyscallError} (`syscall: 'fanotify_init'`) with a hint, e.g. EPERM without
 *   CAP_SYS_ADMIN or EINVAL for a flag combination; {@link FanotifyOptionError} for an invalid
 *   or unknown option; {@link FanotifyAdoptError} when `fd` is not a fanotify group.
 * @public
 */
export function openGroup<const O extends GroupOptions = {}>(options?: O): FanotifyGroup<RecordSchemaFor<O>> {
  const opts: GroupOptions = options ?? {};
  checkOptionKeys(opts);
  if (opts.fd !== undefined) checkAdoptOptions({ ...opts, fd: opts.fd });
  opts.signal?.throwIfAborted();
  bufferSizeOf(opts);
  permissionTimeoutOf(opts);
  pathCacheBound(opts.pathCache);
  const binding = loadNativeBinding();
  const { fd, initFlags, eventFFlags } = opts.fd !== undefined ? { fd: opts.fd, ...adoptGroupFd(binding, opts.fd) } : createGroup(binding, opts);
  const group = new FanotifyGroupImpl<RecordSchemaFor<O>>(binding, fd, initFlags, eventFFlags, opts);
  try {
    for (const spec of opts.mountFds ?? []) group.addMountFd(spec);
  } catch (error) {
    // An adopted fd stays the caller's when openGroup throws.
    if (opts.fd !== undefined) group.abandon();
    else group.close();
    throw error;
  }
  if (opts.signal) group.watchSignal(opts.signal);
  return group;
}

/** `fanotify_init` with the options' flags; the new fd and the flags used. */
function createGroup(binding: NativeBinding, opts: GroupOptions): { fd: number; initFlags: number; eventFFlags: number } {
  const o = openFlagValuesFrom(binding.constants);
  const { flags, eventFFlags } = initArguments(opts, o);
  const fd = binding.init(flags, eventFFlags);
  if (fd < 0) {
    throw new FanotifySyscallError(
      'fanotify_init',
      fd,
      { flags: initFlagNames(flags).join('|'), event_f_flags: eventFFlagNames(eventFFlags, o).join('|') },
      initHint(-fd, flags, eventFFlags),
    );
  }
  return { fd, initFlags: flags, eventFFlags };
}
