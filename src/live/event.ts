/**
 * A live event: the codec's zero-copy view of one event in the group's read buffer, plus the
 * resources that came with it. The event's fd (metadata.fd ≥ 0) and its pidfd (PIDFD record ≥ 0)
 * belong to the event and are closed when the consumer's step for it ends, unless taken with
 * {@link LiveEvent.takeFd} / {@link LiveEvent.takePidfd}. A permission event is answered exactly
 * once: by {@link LiveEvent.respond}, or with the group's default verdict when the step ends.
 *
 * @packageDocumentation
 */
import type { KernelRecordSchema } from '../../spec/records.js';
import type { EventView } from '../codec/codec.js';
import type { AnyRecordSchema, EventValue, RecordViewOf } from '../codec/types.js';
import type { JsonObject } from '../schema/compile.js';
import { maskNames } from '../codec/mask-names.js';
import * as K from '../generated/constants.js';
import { hostByteOrder } from '../codec/byte-order.js';
import { metadataOffset } from '../codec/event-view.js';
import { FANOTIFY_PERM_EVENTS } from '../kernel/bits.js';
import { Errno, errnoName } from '../kernel/errno.js';
import { FanotifyPathError, FanotifyResponseError, FanotifyStateError, FanotifySyscallError } from './errors.js';
import { writeHint } from './hints.js';
import type { NativeBinding } from './native/binding.js';
import type { KernelRelease } from '../kernel/release.js';
import { checkKeys, type DefaultVerdict, type GroupTraits } from './options.js';
import { resolveEventPath, type PathOptions } from './path-resolution.js';
import type { MountFdRegistry } from './mount-fds.js';
import type { PathCache } from './path-cache.js';
import { describeVerdict, encodeVerdict, type Verdict } from './permission.js';

const PATH_OPTION_KEYS: Readonly<Record<keyof PathOptions | 'encoding', true>> = { side: true, encoding: true };

/**
 * FANOTIFY_PERM_EVENTS and FAN_Q_OVERFLOW are bits of the mask's low 32-bit word: testing that
 * word, a number, costs no bigint per event.
 */
const PERMISSION_BITS = FANOTIFY_PERM_EVENTS;
const OVERFLOW_BIT = Number(K.FAN_Q_OVERFLOW);

/**
 * Whether a mask whose low 32-bit word is `maskLow` makes a permission event (someone waits for
 * a verdict).
 *
 * @internal
 */
export function isPermissionMask(maskLow: number): boolean {
  return (maskLow & PERMISSION_BITS) !== 0;
}

/**
 * Whether a mask whose low 32-bit word is `maskLow` is FAN_Q_OVERFLOW's.
 *
 * @internal
 */
export function isOverflowMask(maskLow: number): boolean {
  return (maskLow & OVERFLOW_BIT) !== 0;
}

/** Offset of `mask` in `fanotify_event_metadata`, from its schema. */
const MASK_OFFSET = metadataOffset('mask', 'u64');
const HOST_LITTLE = hostByteOrder === 'little';
/** Where the mask's low and high 32-bit words are, in the host's byte order (as the kernel writes it). */
const MASK_LOW = HOST_LITTLE ? MASK_OFFSET : MASK_OFFSET + 4;
const MASK_HIGH = HOST_LITTLE ? MASK_OFFSET + 4 : MASK_OFFSET;

/**
 * The low 32-bit word of the mask of the event at `offset` of `dv`.
 *
 * @internal
 */
export function maskLowWord(dv: DataView, offset: number): number {
  return dv.getUint32(offset + MASK_LOW, HOST_LITTLE);
}

/**
 * The high 32-bit word of the mask of the event at `offset` of `dv`.
 *
 * @internal
 */
export function maskHighWord(dv: DataView, offset: number): number {
  return dv.getUint32(offset + MASK_HIGH, HOST_LITTLE);
}

/**
 * Counters of a group, updated as it works.
 *
 * @public
 */
export interface GroupStats {
  /** Successful `read()` calls (each returned ≥ 1 event). */
  reads: number;
  /** Bytes those reads returned. */
  bytes: number;
  /** Events decoded. */
  events: number;
  /** Events handed to a consumer. */
  delivered: number;
  /** Events read but never delivered (the consumer stopped); their fds were closed. */
  discarded: number;
  /** FAN_Q_OVERFLOW events seen. */
  overflows: number;
  /** Permission events read. */
  permissionEvents: number;
  /** Permission events answered by the consumer. */
  responses: number;
  /** Permission events answered with the default verdict (step ended, consumer stopped, group closed). */
  defaultVerdicts: number;
  /** `read()` calls that failed with something other than EAGAIN. */
  readErrors: number;
  /** Closing an event fd or pidfd, or writing a default verdict, failed (e.g. the fd was closed behind the group's back). */
  cleanupErrors: number;
  /** Permission events answered with the default verdict because `permissionTimeoutMs` passed. */
  permissionTimeouts: number;
  /** `event.path()` answered from the handle→path cache (`pathCache` option). */
  pathCacheHits: number;
  /** `event.path()` that had to call `open_by_handle_at` (with a cache: not found, or invalidated). */
  pathCacheMisses: number;
}

/** Fresh all-zero {@link GroupStats}. @internal */
export function emptyStats(): GroupStats {
  return {
    reads: 0,
    bytes: 0,
    events: 0,
    delivered: 0,
    discarded: 0,
    overflows: 0,
    permissionEvents: 0,
    responses: 0,
    defaultVerdicts: 0,
    readErrors: 0,
    cleanupErrors: 0,
    permissionTimeouts: 0,
    pathCacheHits: 0,
    pathCacheMisses: 0,
  };
}

/**
 * What an event needs from its group.
 *
 * @internal
 */
export interface EventHost {
  /** The native addon (closing fds, writing responses, resolving paths). */
  readonly binding: NativeBinding;
  /** What the group's init flags imply for its events. */
  readonly traits: GroupTraits;
  /** Verdict given when a permission event's step ends unanswered. */
  readonly defaultVerdict: DefaultVerdict;
  /** The group's counters, updated in place. */
  readonly stats: GroupStats;
  /** Mount fds for resolving file handles to paths. */
  readonly mountFds: MountFdRegistry;
  /** The handle→path cache (`pathCache` option), if any. */
  readonly pathCache: PathCache | undefined;
  /** The group fd, or -1 once closed. */
  readonly groupFd: number;
  /** `permissionTimeoutMs`: unanswered permission events get the default verdict after this long. */
  readonly permissionTimeoutMs: number | undefined;
  /** Called after a permission event was answered because its deadline passed. */
  permissionTimedOut(event: LiveEvent<AnyRecordSchema>): void;
  /** A simulated group's kernel and why it has no paths (`undefined` for a real group). */
  readonly simulation?: GroupSimulation | undefined;
}

/**
 * What differs for a group whose bytes come from the kernel model or a capture instead of a
 * kernel: the release its responses are checked against, and why `path()` cannot resolve.
 *
 * @internal
 */
export interface GroupSimulation {
  /** The release whose response rules apply (the model's, or the capture's kernel). */
  readonly release: KernelRelease;
  /** Why `event.path()` is refused (its fds and handles are not this process's). */
  readonly noPaths: string;
  /** The path a simulated event fd stands for, where the source knows it. */
  pathOfFd?(fd: number): string | undefined;
}

/**
 * The bytes of one read. Events expire when the buffer is reused by the next read.
 *
 * @internal
 */
export interface BatchState {
  /** False once the read buffer has been reused: the batch's views are stale. */
  live: boolean;
}

/**
 * Who answered a permission event: the consumer (`respond()`), the default verdict at the end
 * of its step (`'default'`), the default verdict when `permissionTimeoutMs` passed
 * (`'timeout'`), or the kernel itself (it could not open the file).
 *
 * @public
 */
export type AnsweredBy = 'consumer' | 'default' | 'timeout' | 'kernel';

/**
 * One event read from a live group. Metadata (`mask`, `fd`, `pid`) stays readable forever;
 * records and bytes are views into the group's read buffer, valid until the next read reuses
 * it (at the earliest when the step ends): `copy()` or `toObject()` keeps them. An event that a
 * batch ({@link LiveBatch}) yields is valid only until the batch's iteration moves on.
 *
 * @typeParam R - The record schemas the group's options allow (see `RecordSchemaFor`).
 * @public
 */
export interface LiveEvent<R extends AnyRecordSchema = KernelRecordSchema> {
  /** `metadata.mask`. */
  readonly mask: bigint;
  /**
   * `metadata.fd`: an fd the event owns (≥ 0), `FAN_NOFD` (-1), or with `fdError` a negated errno.
   * Use it during the step; {@link LiveEvent.takeFd} to keep it.
   */
  readonly fd: number;
  /** `metadata.pid`: the process id, or the thread id with `tid`; 0 when not reported. */
  readonly pid: number;
  /** The pidfd of the PIDFD record (≥ 0 an fd the event owns, or -1/-2/-errno), or `undefined` without one. */
  readonly pidfd: number | undefined;
  /**
   * The codec's zero-copy view of the event, valid until the buffer is reused: the group then
   * re-points the view object (and the record views it handed out) at the events of the new
   * read, so a view kept past that reads another event. Keep one with `copy()`.
   */
  readonly view: EventView<R>;
  /** Names of the bits in `mask`, e.g. `['FAN_CREATE', 'FAN_ONDIR']`. */
  readonly maskNames: string[];
  /** `metadata.event_len`: the event's size in bytes (as `EventView.byteLength`). */
  readonly byteLength: number;
  /** Whether someone waits for a verdict (FAN_OPEN_PERM, FAN_ACCESS_PERM, FAN_OPEN_EXEC_PERM, FAN_PRE_ACCESS). */
  readonly isPermission: boolean;
  /** Whether this is the FAN_Q_OVERFLOW event: the queue was full and events were lost. */
  readonly isOverflow: boolean;
  /** The thread id (`pid` of a group opened with `tid`), else `undefined`. */
  readonly tid: number | undefined;
  /**
   * Why there is no fd, as an errno name: with `fdError`, the negated errno in `fd` (e.g.
   * `'EROFS'`, or `'EBADF'` for events that never carry an fd); otherwise `undefined`
   * (`FAN_NOFD` is not an error).
   */
  readonly fdError: string | undefined;
  /**
   * Why there is no pidfd: `'FAN_NOPIDFD'` (the process is gone) or `'FAN_EPIDFD'`, or with
   * `fdError` the errno name (`'ESRCH'`); `undefined` when there is a pidfd or no PIDFD record.
   */
  readonly pidfdError: string | undefined;
  /** Whether the consumer's step for this event is still running. */
  readonly active: boolean;
  /** The verdict a permission event was answered with, and by whom; `undefined` while unanswered. */
  readonly answer: { readonly verdict: Verdict; readonly by: AnsweredBy } | undefined;
  /** The event's info records, as zero-copy views; `switch (r.type)` narrows each. */
  records(): IterableIterator<RecordViewOf<R>>;
  /** The event's exact bytes (a view into the read buffer). */
  bytes(): Uint8Array;
  /** A codec view over a private copy of the event's bytes, valid forever. */
  copy(): EventView<R>;
  /** A plain object with every field and record, owning its bytes. */
  toObject(): EventValue<R>;
  /** The JSON form the CLI prints (kernel field names, `mask_names`, records under `info`). */
  toJSON(): JsonObject;
  /**
   * Takes the event's fd: the event no longer closes it, the caller owns it. (Answer a
   * permission event before closing its fd: the kernel matches responses by fd number.)
   *
   * @throws {@link FanotifyStateError} `LIVE_FD_UNAVAILABLE` if there is no fd, it was
   *   taken already, or the step ended and it was closed.
   */
  takeFd(): number;
  /**
   * Takes the event's pidfd: the event no longer closes it, the caller owns it.
   *
   * @throws {@link FanotifyStateError} `LIVE_FD_UNAVAILABLE` as for {@link LiveEvent.takeFd}.
   */
  takePidfd(): number;
  /**
   * The path of the event's object: for fd events, where the fd points (`/proc/self/fd/<fd>`,
   * during the step or after `takeFd()`); for fid events, the handle resolved through a mount fd
   * registered for its filesystem (group option `mountFds` or mark option `mountFd`), with the
   * entry name appended for DFID_NAME records.
   *
   * Paths are a snapshot: the object may have been renamed since, an unlinked one ends in
   * `" (deleted)"`, and a hard-linked file resolves to any one of its names. Resolving handles
   * needs CAP_DAC_READ_SEARCH. Names that are not UTF-8 come back lossily unless
   * `{ encoding: 'buffer' }` is given.
   *
   * @returns The path, or `undefined` when the event names no object (overflow, mount events,
   *   an FS_ERROR without an inode, an fd-less event without fid records).
   * @throws {@link FanotifyPathError} when no mount fd matches the event's filesystem, or for
   *   a capture group or a model group's event whose path the group does not know (only a
   *   permission event of an operation run with `group.run()` has one);
   *   {@link FanotifySyscallError} when `open_by_handle_at` or `readlink` fails;
   *   {@link FanotifyStateError} when the fd was already closed.
   */
  path(options?: PathOptions & { readonly encoding?: 'utf8' }): string | undefined;
  /**
   * The path of the event's object as raw bytes (`{ encoding: 'buffer' }`): exact also for names
   * that are not UTF-8. Otherwise as the string overload above.
   */
  path(options: PathOptions & { readonly encoding: 'buffer' }): Buffer | undefined;
  /**
   * Answers a permission event. The verdict is checked against the kernel's rules for this group
   * first (errno only for pre-content groups and only from the kernel's list, audit only with
   * `enableAudit`) and refused with a {@link FanotifyResponseError} saying which rule, without
   * writing. Answer within the step; afterwards the default verdict has been given.
   *
   * @throws {@link FanotifyResponseError} if the verdict is invalid here, the event was already
   *   answered, it is not a permission event, or the kernel denied it itself (no fd).
   * @throws {@link FanotifySyscallError} (`syscall: 'write'`) if the kernel refuses the write.
   */
  respond(verdict: Verdict): void;
  /** A one-line summary for logs. */
  toString(): string;
}

/**
 * The one implementation of {@link LiveEvent}: made per event by the group's reader, or re-pointed
 * at each event of a batch that owns no resources (see `LiveBatchImpl`).
 *
 * @internal
 */
export class LiveEventImpl<R extends AnyRecordSchema = KernelRecordSchema> implements LiveEvent<R> {
  fd: number;
  pid: number;
  pidfd: number | undefined;
  /** `metadata.event_len`: the event's size in bytes (as `EventView.byteLength`), kept: the reader re-points its views at the next read's events. */
  byteLength: number;

  /** @internal The group's side of the event (binding, traits, stats, mount fds). */
  readonly host: EventHost;
  private _view: EventView<R>;
  private readonly _batch: BatchState;
  /**
   * The mask as two 32-bit words (see {@link maskLowWord}), read when the event is made: its
   * metadata outlives its bytes. The bigint is made only when `mask` is asked for (most
   * consumers read it through the view), then kept.
   */
  private _maskLow: number;
  private _maskHigh: number;
  private _mask: bigint | undefined = undefined;
  /** The event still owns (and will close) its fd / pidfd. */
  private _fdOwned: boolean;
  private _pidfdOwned: boolean;
  /** The consumer took the fd: it stays open after the step. */
  private _fdTaken = false;
  private _ended = false;
  private _answer: { readonly verdict: Verdict; readonly by: AnsweredBy } | undefined;
  /** The permission deadline's timer while the event is unanswered. */
  private _deadline: NodeJS.Timeout | undefined;

  /** Events are made by the group's reader (the mask's words: see {@link maskLowWord}). */
  constructor(host: EventHost, view: EventView<R>, batch: BatchState, maskLow: number, maskHigh: number) {
    this.host = host;
    this._view = view;
    this._batch = batch;
    // Read now: the metadata of an event stays readable after its bytes are overwritten.
    this._maskLow = maskLow;
    this._maskHigh = maskHigh;
    this.fd = view.fd;
    this.pid = view.pid;
    this.byteLength = view.byteLength;
    let pidfd: number | undefined;
    if (host.traits.reportsPidfd) {
      for (const record of (view as unknown as EventView).records()) {
        if (record.type === 'pidfd') pidfd = record.pidfd;
      }
    }
    this.pidfd = pidfd;
    this._fdOwned = this.fd >= 0;
    this._pidfdOwned = pidfd !== undefined && pidfd >= 0;
    // The kernel denies a permission event whose fd could not be created (fdError mode).
    if (this.isPermission && this.fd < 0) this._answer = { verdict: 'deny', by: 'kernel' };
    else if (this.isPermission && host.permissionTimeoutMs !== undefined) this.startDeadline(host.permissionTimeoutMs);
  }

  /**
   * Re-points a batch's flyweight at the next event. Only for groups whose events own nothing
   * (no fd, no pidfd, no verdict owed: see `eventsOwnNothing`), so there is no state to carry.
   */
  repoint(view: EventView<R>, maskLow: number, maskHigh: number): void {
    this._view = view;
    this._maskLow = maskLow;
    this._maskHigh = maskHigh;
    this._mask = undefined;
    this.fd = view.fd;
    this.pid = view.pid;
    this.byteLength = view.byteLength;
  }

  get mask(): bigint {
    return (this._mask ??= (BigInt(this._maskHigh) << 32n) | BigInt(this._maskLow));
  }

  /** Marks the step of a batch's flyweight over or running (it owns nothing to release). */
  setEnded(ended: boolean): void {
    this._ended = ended;
  }

  /**
   * Answers with the default verdict after `ms` unless answered before. The timer keeps the
   * process alive: with a handler that never settles it may be all that is left, and exiting
   * first would leave the answer to the kernel's close (allow) instead of `defaultVerdict`.
   */
  private startDeadline(ms: number): void {
    this._deadline = setTimeout(() => {
      this._deadline = undefined;
      if (this._answer !== undefined) return;
      try {
        const verdict = this.host.defaultVerdict;
        this.writeAnswer(this.encode(verdict), verdict, 'timeout');
      } catch {
        this.host.stats.cleanupErrors++;
        return;
      }
      this.host.permissionTimedOut(this as unknown as LiveEvent<AnyRecordSchema>);
    }, ms);
  }

  /** The codec's zero-copy view of the event (valid until the buffer is reused). */
  get view(): EventView<R> {
    this.checkLive();
    return this._view;
  }

  /** Names of the bits in `mask`, e.g. `['FAN_CREATE', 'FAN_ONDIR']`. */
  get maskNames(): string[] {
    // From the cached mask: the view's bytes may already belong to a later read.
    return maskNames(this.mask);
  }

  /** Whether someone waits for a verdict (FAN_OPEN_PERM, FAN_ACCESS_PERM, FAN_OPEN_EXEC_PERM, FAN_PRE_ACCESS). */
  get isPermission(): boolean {
    return isPermissionMask(this._maskLow);
  }

  /** Whether this is the FAN_Q_OVERFLOW event: the queue was full and events were lost. */
  get isOverflow(): boolean {
    return isOverflowMask(this._maskLow);
  }

  /** The thread id (`pid` of a group opened with `tid`), else `undefined`. */
  get tid(): number | undefined {
    return this.host.traits.reportsTid ? this.pid : undefined;
  }

  /**
   * Why there is no fd, as an errno name: with `fdError`, the negated errno in `fd` (e.g.
   * `'EROFS'`, or `'EBADF'` for events that never carry an fd); otherwise `undefined`
   * (`FAN_NOFD` is not an error).
   */
  get fdError(): string | undefined {
    return this.host.traits.reportsFdError && this.fd < 0 ? errnoName(this.fd) : undefined;
  }

  /**
   * Why there is no pidfd: `'FAN_NOPIDFD'` (the process is gone) or `'FAN_EPIDFD'`, or with
   * `fdError` the errno name (`'ESRCH'`); `undefined` when there is a pidfd or no PIDFD record.
   */
  get pidfdError(): string | undefined {
    const p = this.pidfd;
    if (p === undefined || p >= 0) return undefined;
    if (this.host.traits.reportsFdError) return errnoName(p);
    return p === K.FAN_NOPIDFD ? 'FAN_NOPIDFD' : p === K.FAN_EPIDFD ? 'FAN_EPIDFD' : errnoName(p);
  }

  /** Whether the consumer's step for this event is still running. */
  get active(): boolean {
    return !this._ended;
  }

  /** The verdict a permission event was answered with, and by whom; `undefined` while unanswered. */
  get answer(): { readonly verdict: Verdict; readonly by: AnsweredBy } | undefined {
    return this._answer;
  }

  /** The event's info records, as zero-copy views; `switch (r.type)` narrows each. */
  records(): IterableIterator<RecordViewOf<R>> {
    this.checkLive();
    return this._view.records();
  }

  /** The event's exact bytes (a view into the read buffer). */
  bytes(): Uint8Array {
    this.checkLive();
    return this._view.bytes();
  }

  /** A codec view over a private copy of the event's bytes, valid forever. */
  copy(): EventView<R> {
    this.checkLive();
    return this._view.copy();
  }

  /** A plain object with every field and record, owning its bytes. */
  toObject(): EventValue<R> {
    this.checkLive();
    return this._view.toObject();
  }

  /** The JSON form the CLI prints (kernel field names, `mask_names`, records under `info`). */
  toJSON(): JsonObject {
    this.checkLive();
    return this._view.toJSON();
  }

  /**
   * Takes the event's fd: the event no longer closes it, the caller owns it. (Answer a
   * permission event before closing its fd: the kernel matches responses by fd number.)
   *
   * @throws {@link FanotifyStateError} `LIVE_FD_UNAVAILABLE` if there is no fd, it was
   *   taken already, or the step ended and it was closed.
   */
  takeFd(): number {
    if (!this._fdOwned) throw this.unavailable('fd', this.fd);
    this._fdOwned = false;
    this._fdTaken = true;
    return this.fd;
  }

  /**
   * Takes the event's pidfd: the event no longer closes it, the caller owns it.
   *
   * @throws {@link FanotifyStateError} `LIVE_FD_UNAVAILABLE` as for {@link LiveEvent.takeFd}.
   */
  takePidfd(): number {
    if (!this._pidfdOwned || this.pidfd === undefined) throw this.unavailable('pidfd', this.pidfd);
    this._pidfdOwned = false;
    return this.pidfd;
  }

  /**
   * The path of the event's object: for fd events, where the fd points (`/proc/self/fd/<fd>`,
   * during the step or after `takeFd()`); for fid events, the handle resolved through a mount fd
   * registered for its filesystem (group option `mountFds` or mark option `mountFd`), with the
   * entry name appended for DFID_NAME records.
   *
   * Paths are a snapshot: the object may have been renamed since, an unlinked one ends in
   * `" (deleted)"`, and a hard-linked file resolves to any one of its names. Resolving handles
   * needs CAP_DAC_READ_SEARCH. Names that are not UTF-8 come back lossily unless
   * `{ encoding: 'buffer' }` is given.
   *
   * @returns The path, or `undefined` when the event names no object (overflow, mount events,
   *   an FS_ERROR without an inode, an fd-less event without fid records).
   * @throws {@link FanotifyPathError} when no mount fd matches the event's filesystem, or for
   *   a capture group or a model group's event whose path the group does not know (only a
   *   permission event of an operation run with `group.run()` has one);
   *   {@link FanotifySyscallError} when `open_by_handle_at` or `readlink` fails;
   *   {@link FanotifyStateError} when the fd was already closed.
   */
  path(options?: PathOptions & { readonly encoding?: 'utf8' }): string | undefined;
  /**
   * The path of the event's object as raw bytes (`{ encoding: 'buffer' }`): exact also for names
   * that are not UTF-8. Otherwise as the string overload above.
   */
  path(options: PathOptions & { readonly encoding: 'buffer' }): Buffer | undefined;
  path(options: PathOptions & { readonly encoding?: 'utf8' | 'buffer' } = {}): string | Buffer | undefined {
    checkKeys(options, PATH_OPTION_KEYS, 'path()');
    // After the step the fd is open only if it was taken.
    if (this.fd >= 0 && this._ended && !this._fdTaken) throw this.unavailable('fd', this.fd);
    const bytes = this.host.simulation ? this.simulatedPath() : resolveEventPath(this.host, this.fd >= 0 ? this.fd : undefined, () => this.records(), options);
    if (bytes === undefined) return undefined;
    return options.encoding === 'buffer' ? bytes : bytes.toString('utf8');
  }

  /** The path of a simulated group's event, where its source knows one. */
  private simulatedPath(): Buffer {
    const simulation = this.host.simulation!;
    const known = this.fd >= 0 ? simulation.pathOfFd?.(this.fd) : undefined;
    if (known === undefined) throw new FanotifyPathError(simulation.noPaths);
    return Buffer.from(known);
  }

  /**
   * Answers a permission event. The verdict is checked against the kernel's rules for this group
   * first (errno only for pre-content groups and only from the kernel's list, audit only with
   * `enableAudit`) and refused with a {@link FanotifyResponseError} saying which rule, without
   * writing. Answer within the step; afterwards the default verdict has been given.
   *
   * @throws {@link FanotifyResponseError} if the verdict is invalid here, the event was already
   *   answered, it is not a permission event, or the kernel denied it itself (no fd).
   * @throws {@link FanotifySyscallError} (`syscall: 'write'`) if the kernel refuses the write.
   */
  respond(verdict: Verdict): void {
    if (!this.isPermission) {
      throw new FanotifyResponseError('LIVE_NOT_PERMISSION_EVENT', `respond(): ${this.maskNames.join('|')} is not a permission event; nobody waits for a verdict`);
    }
    if (this._answer !== undefined) throw this.answeredError(this._answer.verdict, this._answer.by);
    const bytes = this.encode(verdict);
    this.writeAnswer(bytes, verdict, 'consumer');
  }

  /** The response bytes, checked against the rules of the group's kernel (the model's for a simulated group). */
  private encode(verdict: Verdict): Uint8Array {
    return encodeVerdict(verdict, this.fd, this.host.traits, this.host.simulation?.release);
  }

  private answeredError(prior: Verdict, by: AnsweredBy): FanotifyResponseError {
    switch (by) {
      case 'kernel':
        return new FanotifyResponseError('LIVE_AUTO_DENIED', `respond(): the kernel could not open the file (fd ${this.fd}, ${errnoName(this.fd)}) and denied the access itself`);
      case 'timeout':
        return new FanotifyResponseError(
          'LIVE_DEADLINE_PASSED',
          `respond(): too late: permissionTimeoutMs (${this.host.permissionTimeoutMs} ms) passed and the event was answered with the default verdict (${describeVerdict(prior)})`,
        );
      default:
        return new FanotifyResponseError('LIVE_ALREADY_ANSWERED', `respond(): the event was already answered with ${describeVerdict(prior)} (${by === 'consumer' ? 'by respond()' : 'by the default verdict'})`);
    }
  }

  private writeAnswer(bytes: Uint8Array, verdict: Verdict, by: AnsweredBy): void {
    const host = this.host;
    if (host.groupFd < 0) {
      // Closing the group answered it (the group writes default verdicts before it closes).
      this._answer = { verdict: host.defaultVerdict, by: 'default' };
      clearTimeout(this._deadline);
      throw new FanotifyStateError('LIVE_CLOSED', 'respond(): the group is closed; its pending permission events were answered with the default verdict');
    }
    const n = host.binding.write(host.groupFd, bytes, 0, bytes.byteLength);
    if (n < 0) {
      // ENOENT: nothing waits under this fd any more; never try again.
      if (n === -Errno.ENOENT) this._answer = { verdict, by };
      throw new FanotifySyscallError('write', n, { fd: String(host.groupFd), response: `{ fd: ${this.fd}, ${describeVerdict(verdict)} }` }, writeHint(-n, this.fd));
    }
    this._answer = { verdict, by };
    clearTimeout(this._deadline);
    this._deadline = undefined;
    if (by === 'consumer') host.stats.responses++;
    else if (by === 'timeout') host.stats.permissionTimeouts++;
    else host.stats.defaultVerdicts++;
  }

  /**
   * Ends the step: answers an unanswered permission event with the default verdict, then closes
   * the fds the event still owns. Idempotent; never throws (failures are counted in
   * `stats.cleanupErrors`).
   *
   * @internal
   */
  end(): void {
    if (this._ended) return;
    this._ended = true;
    this.answerWithDefault();
    if (this._deadline !== undefined) clearTimeout(this._deadline);
    if (this._fdOwned || this._pidfdOwned) this.closeOwned();
  }

  /** Closes the fd and pidfd the event still owns (counting failures). */
  private closeOwned(): void {
    const { binding, stats } = this.host;
    if (this._fdOwned) {
      this._fdOwned = false;
      if (binding.close(this.fd) < 0) stats.cleanupErrors++;
    }
    if (this._pidfdOwned && this.pidfd !== undefined) {
      this._pidfdOwned = false;
      if (binding.close(this.pidfd) < 0) stats.cleanupErrors++;
    }
  }

  /**
   * Answers with the default verdict if still unanswered (the group calls this for every pending
   * event before closing its fd). Never throws.
   *
   * @internal
   */
  answerWithDefault(): void {
    if (!this.isPermission || this._answer !== undefined) return;
    try {
      const verdict = this.host.defaultVerdict;
      this.writeAnswer(this.encode(verdict), verdict, 'default');
    } catch {
      this.host.stats.cleanupErrors++;
    }
  }

  private checkLive(): void {
    if (!this._batch.live) {
      throw new FanotifyStateError('LIVE_EVENT_EXPIRED', "the event's bytes were overwritten by a later read; keep events past their step with copy() or toObject()");
    }
  }

  private unavailable(what: 'fd' | 'pidfd', value: number | undefined): FanotifyStateError {
    const why =
      value === undefined ? 'the event has no PIDFD record' : value < 0 ? `its value is ${value}` : this._ended ? 'it was closed when the step ended' : 'it was already taken';
    return new FanotifyStateError('LIVE_FD_UNAVAILABLE', `the event's ${what} is not available: ${why}`);
  }

  /** A one-line summary for logs. */
  toString(): string {
    return `LiveEvent(${this.maskNames.join('|')} fd=${this.fd} pid=${this.pid}${this.pidfd !== undefined ? ` pidfd=${this.pidfd}` : ''})`;
  }
}
