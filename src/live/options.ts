/**
 * Options of a live fanotify group, named after the kernel flags they set, and their
 * translation into the two `fanotify_init` arguments. The group fd is always
 * `FAN_NONBLOCK | FAN_CLOEXEC`: readiness comes from the event loop, and the fd must not leak
 * into child processes.
 *
 * @packageDocumentation
 */
import * as K from '../generated/constants.js';
import { FANOTIFY_CLASS_BITS, FANOTIFY_FID_BITS, INIT } from '../kernel/bits.js';
import { priorityOf, type GroupPriority } from '../kernel/rules/init.js';
import { unknownNameMessage } from '../text/nearest.js';
import { FanotifyOptionError } from './errors.js';
import type { OpenFlagValues } from './flag-words.js';
import type { PathCacheOptions } from './path-cache.js';

/**
 * The notification class: `'notif'` (events only), `'content'` (permission events after the
 * content is final: FAN_OPEN_PERM, FAN_ACCESS_PERM, FAN_OPEN_EXEC_PERM) or `'pre-content'`
 * (also FAN_PRE_ACCESS, before the content is final, with deny-with-errno responses).
 *
 * @public
 */
export type NotificationClass = 'notif' | 'content' | 'pre-content';

/**
 * The open flags of the fds the kernel creates for events (`event_f_flags`), in words.
 * Default: `{ access: 'read-only', cloexec: true, largefile: true }`.
 *
 * @public
 */
export interface EventFileFlags {
  /** `O_RDONLY` (default), `O_WRONLY` or `O_RDWR`. */
  readonly access?: 'read-only' | 'write-only' | 'read-write';
  /** `O_CLOEXEC`: event fds do not leak into child processes (default `true`). */
  readonly cloexec?: boolean;
  /** `O_LARGEFILE` (default `true`; 64-bit kernels force it anyway). */
  readonly largefile?: boolean;
  /** `O_NOATIME`: reading through the event fd does not update atimes. */
  readonly noatime?: boolean;
  /** `O_APPEND`. */
  readonly append?: boolean;
  /** `O_NONBLOCK` on the event fds. */
  readonly nonblock?: boolean;
  /** `O_DSYNC`. */
  readonly dsync?: boolean;
  /** `O_SYNC` (implies `O_DSYNC`). */
  readonly sync?: boolean;
}

/** What the group does with a permission event whose step ended without a response. @public */
export type DefaultVerdict = 'allow' | 'deny';

/**
 * Options of {@link openGroup}. Report options are named after the `FAN_REPORT_*` flags they
 * set; the kernel decides which combinations are valid (and the error hint says why not).
 *
 * @public
 */
export interface GroupOptions {
  /** Notification class (default `'notif'`). */
  readonly class?: NotificationClass;
  /** `FAN_REPORT_FID`: identify objects by file handle (FID records, no fds). */
  readonly fid?: boolean;
  /** `FAN_REPORT_DIR_FID`: report the directory's handle (DFID records). */
  readonly dirFid?: boolean;
  /** `FAN_REPORT_NAME`: report entry names with the directory (needs `dirFid`). */
  readonly name?: boolean;
  /** `FAN_REPORT_TARGET_FID`: report the child of dirent events (needs `fid` and `name`). */
  readonly targetFid?: boolean;
  /** `FAN_REPORT_PIDFD`: a PIDFD record (a pidfd the event owns) in every event. */
  readonly pidfd?: boolean;
  /** `FAN_REPORT_TID`: `pid` is the thread id. */
  readonly tid?: boolean;
  /** `FAN_REPORT_FD_ERROR`: an fd/pidfd that could not be created is reported as `-errno`. */
  readonly fdError?: boolean;
  /** `FAN_REPORT_MNT`: mount events (FAN_MNT_ATTACH/DETACH) with MNT records. */
  readonly mnt?: boolean;
  /** `FAN_UNLIMITED_QUEUE`: no queue limit (no FAN_Q_OVERFLOW). */
  readonly unlimitedQueue?: boolean;
  /** `FAN_UNLIMITED_MARKS`: no per-user mark limit. */
  readonly unlimitedMarks?: boolean;
  /** `FAN_ENABLE_AUDIT`: allow `audit` in permission responses (needs CAP_AUDIT_WRITE). */
  readonly enableAudit?: boolean;
  /** `event_f_flags`, in words or as a raw number (kernel `O_*` values). */
  readonly eventFlags?: EventFileFlags | number;
  /**
   * Extra `fanotify_init` bits ORed in verbatim, for flags newer than this package (the kernel
   * judges them). Events of such a group are typed with every record type.
   */
  readonly rawInitFlags?: number;
  /** Size of the group's one read buffer (default 64 KiB; at least FAN_EVENT_METADATA_LEN). */
  readonly bufferSize?: number;
  /** Verdict for permission events whose step ends without `respond()` (default `'allow'`). */
  readonly defaultVerdict?: DefaultVerdict;
  /**
   * Where `event.path()` may resolve file handles: paths (opened read-only by the group and
   * closed with it) or fds you keep owning, each on the filesystem whose handles it resolves.
   */
  readonly mountFds?: readonly (string | number)[];
  /** Closes the group when aborted. */
  readonly signal?: AbortSignal;
  /**
   * Adopt this existing group fd instead of calling `fanotify_init`: one inherited from a parent,
   * received over SCM_RIGHTS ({@link receiveFd}) or kept in systemd's fd store. Its flags are
   * read from `/proc/self/fdinfo` (so the init options above may not be given with it), its
   * marks and queued events stay, and it is made non-blocking and close-on-exec. The group owns
   * the fd once `openGroup` returns (its `close()` closes it); if `openGroup` throws, it is
   * still yours.
   */
  readonly fd?: number;
  /**
   * A deadline for permission events: one still unanswered this many milliseconds after the
   * group read it gets `defaultVerdict`, so a handler that never settles cannot block the
   * accessing process forever. Counted in `stats.permissionTimeouts` and reported by the
   * group's `'permissionTimeout'` event; a later `respond()` throws `LIVE_DEADLINE_PASSED`.
   * Events still in the kernel queue (not yet read) are not timed.
   */
  readonly permissionTimeoutMs?: number;
  /**
   * Cache `event.path()`'s handle→path resolutions (fid groups): `true` for up to 4096 handles,
   * or `{ maxEntries }`. Entries are dropped on the group's own FAN_DELETE_SELF, FAN_MOVE_SELF,
   * FAN_RENAME and FAN_MOVED_FROM events; hits and misses are counted in `stats`.
   */
  readonly pathCache?: boolean | PathCacheOptions;
  /**
   * Called with the exact bytes of every successful `read()` (valid only during the call), before
   * any of their events is delivered: the hook the capture command records through. For
   * per-event consumers the events are decoded and counted in `stats` by then; a batch consumer
   * of a fid group decodes (and counts) them as the batch is iterated. If it throws, the
   * consumer gets the error and the read's events are released.
   */
  readonly onRead?: (bytes: Uint8Array, info: ReadInfo) => void;
}

/**
 * When a read happened, for {@link GroupOptions.onRead}.
 *
 * @public
 */
export interface ReadInfo {
  /** `process.hrtime.bigint()` right after `read()` returned (before decoding). */
  readonly hrtimeNs: bigint;
  /** `Date.now()` at the same moment. */
  readonly wallClockMs: number;
}

/** Every key of {@link GroupOptions}: anything else is refused (a typo must not pass silently). */
const OPTION_KEYS: Readonly<Record<keyof GroupOptions, true>> = {
  class: true,
  fid: true,
  dirFid: true,
  name: true,
  targetFid: true,
  pidfd: true,
  tid: true,
  fdError: true,
  mnt: true,
  unlimitedQueue: true,
  unlimitedMarks: true,
  enableAudit: true,
  eventFlags: true,
  rawInitFlags: true,
  bufferSize: true,
  defaultVerdict: true,
  mountFds: true,
  signal: true,
  onRead: true,
  fd: true,
  permissionTimeoutMs: true,
  pathCache: true,
};

/**
 * Refuses keys {@link GroupOptions} does not have.
 *
 * @throws {@link FanotifyOptionError} naming each unknown key and the valid keys nearest to it
 *   (`unknown option 'fidd' (did you mean fid?)`).
 * @internal
 */
export function checkOptionKeys(options: object): void {
  refuseUnknownKeys(options, Object.keys(OPTION_KEYS));
}

/**
 * Refuses keys of `options` that are not in `known` (the factories of simulated groups take
 * their own subsets of {@link GroupOptions}).
 *
 * @throws {@link FanotifyOptionError} naming the unknown keys.
 * @internal
 */
export function refuseUnknownKeys(options: object, known: readonly string[], where?: string): void {
  const message = unknownKeysMessage(options, known);
  if (message !== undefined) throw new FanotifyOptionError(where === undefined ? message : `${where}: ${message}`);
}

/**
 * What is wrong with the keys of `options` that are not in `known`, each with the valid keys
 * nearest to it, or `undefined` when there are none.
 *
 * @internal
 */
export function unknownKeysMessage(options: object, known: readonly string[], what = 'option'): string | undefined {
  const unknown = Object.keys(options).filter((key) => !known.includes(key));
  return unknown.length > 0 ? unknown.map((key) => unknownNameMessage(what, key, known)).join('; ') : undefined;
}

/**
 * Refuses keys of an options object that its type does not have; `known` lists every key of
 * `T` (a `Record<keyof T, true>`, so the compiler keeps it complete).
 *
 * @throws {@link FanotifyOptionError} as {@link refuseUnknownKeys}, prefixed with `where`.
 * @internal
 */
export function checkKeys<T extends object>(options: T | undefined, known: Readonly<Record<keyof T, true>>, where: string): void {
  if (options !== undefined && options !== null && typeof options === 'object') refuseUnknownKeys(options, Object.keys(known), where);
}

/** The keys of {@link GroupOptions}. @internal */
export const GROUP_OPTION_KEYS: readonly (keyof GroupOptions)[] = Object.keys(OPTION_KEYS) as (keyof GroupOptions)[];

/** Default size of the read buffer. @public */
export const DEFAULT_BUFFER_SIZE = 64 * 1024;

const CLASS_FLAGS: Readonly<Record<NotificationClass, number>> = {
  notif: K.FAN_CLASS_NOTIF,
  content: K.FAN_CLASS_CONTENT,
  'pre-content': K.FAN_CLASS_PRE_CONTENT,
};

const REPORT_FLAGS = [
  ['fid', K.FAN_REPORT_FID],
  ['dirFid', K.FAN_REPORT_DIR_FID],
  ['name', K.FAN_REPORT_NAME],
  ['targetFid', K.FAN_REPORT_TARGET_FID],
  ['pidfd', K.FAN_REPORT_PIDFD],
  ['tid', K.FAN_REPORT_TID],
  ['fdError', K.FAN_REPORT_FD_ERROR],
  ['mnt', K.FAN_REPORT_MNT],
  ['unlimitedQueue', K.FAN_UNLIMITED_QUEUE],
  ['unlimitedMarks', K.FAN_UNLIMITED_MARKS],
  ['enableAudit', K.FAN_ENABLE_AUDIT],
] as const satisfies readonly (readonly [keyof GroupOptions, number])[];

/**
 * The two `fanotify_init` arguments for `options`: `FAN_NONBLOCK | FAN_CLOEXEC`, the class, the
 * report flags and `rawInitFlags`; `event_f_flags` from {@link EventFileFlags}.
 *
 * @throws {@link FanotifyOptionError} for an unknown class or access mode.
 * @public
 */
export function initArguments(options: GroupOptions, o: OpenFlagValues): { flags: number; eventFFlags: number } {
  const cls = CLASS_FLAGS[options.class ?? 'notif'];
  if (cls === undefined) throw new FanotifyOptionError(`class must be 'notif', 'content' or 'pre-content', got '${String(options.class)}'`);
  let flags = K.FAN_NONBLOCK | K.FAN_CLOEXEC | cls;
  for (const [key, bit] of REPORT_FLAGS) if (options[key] === true) flags |= bit;
  if (options.rawInitFlags !== undefined) {
    if (!Number.isInteger(options.rawInitFlags) || options.rawInitFlags < 0 || options.rawInitFlags > 0xffff_ffff) {
      throw new FanotifyOptionError(`rawInitFlags must be a 32-bit unsigned integer, got ${String(options.rawInitFlags)}`);
    }
    flags |= options.rawInitFlags;
  }
  return { flags: flags >>> 0, eventFFlags: eventFFlagsOf(options.eventFlags, o) };
}

const EVENT_FLAG_KEYS: Readonly<Record<keyof EventFileFlags, true>> = { access: true, cloexec: true, largefile: true, noatime: true, append: true, nonblock: true, dsync: true, sync: true };

function eventFFlagsOf(spec: EventFileFlags | number | undefined, o: OpenFlagValues): number {
  if (typeof spec === 'number') {
    if (!Number.isInteger(spec) || spec < 0 || spec > 0xffff_ffff) throw new FanotifyOptionError(`eventFlags must be a 32-bit unsigned integer, got ${spec}`);
    return spec;
  }
  checkKeys(spec, EVENT_FLAG_KEYS, 'eventFlags');
  const words = spec ?? {};
  const access = words.access ?? 'read-only';
  const modes: Readonly<Record<string, number>> = { 'read-only': o.O_RDONLY, 'write-only': o.O_WRONLY, 'read-write': o.O_RDWR };
  const mode = modes[access];
  if (mode === undefined) throw new FanotifyOptionError(`eventFlags.access must be 'read-only', 'write-only' or 'read-write', got '${String(access)}'`);
  let flags = mode;
  if (words.cloexec ?? true) flags |= o.O_CLOEXEC;
  if (words.largefile ?? true) flags |= o.O_LARGEFILE;
  if (words.noatime) flags |= o.O_NOATIME;
  if (words.append) flags |= o.O_APPEND;
  if (words.nonblock) flags |= o.O_NONBLOCK;
  if (words.dsync) flags |= o.O_DSYNC;
  if (words.sync) flags |= o.O_SYNC;
  return flags >>> 0;
}

/**
 * The permission deadline of `options`, validated.
 *
 * @throws {@link FanotifyOptionError} unless a positive integer of at most 2^31 - 1 ms.
 * @internal
 */
export function permissionTimeoutOf(options: GroupOptions): number | undefined {
  const ms = options.permissionTimeoutMs;
  if (ms !== undefined && (!Number.isInteger(ms) || ms < 1 || ms > 0x7fff_ffff)) {
    throw new FanotifyOptionError(`permissionTimeoutMs must be an integer from 1 to 2147483647 (ms), got ${String(ms)}`);
  }
  return ms;
}

/**
 * The read buffer size for `options`, validated.
 *
 * @throws {@link FanotifyOptionError} below FAN_EVENT_METADATA_LEN or above 16 MiB.
 * @internal
 */
export function bufferSizeOf(options: GroupOptions): number {
  const size = options.bufferSize ?? DEFAULT_BUFFER_SIZE;
  if (!Number.isInteger(size) || size < K.FAN_EVENT_METADATA_LEN || size > 16 * 1024 * 1024) {
    throw new FanotifyOptionError(`bufferSize must be an integer from ${K.FAN_EVENT_METADATA_LEN} (FAN_EVENT_METADATA_LEN) to 16 MiB, got ${String(size)}`);
  }
  return size;
}

/**
 * Facts about a group derived from its final init flags (not from the options, so raw flags
 * count too).
 *
 * @internal
 */
export interface GroupTraits {
  /** The final `fanotify_init` flags. */
  readonly initFlags: number;
  /** The final `event_f_flags`. */
  readonly eventFFlags: number;
  /** The class bits in words (`'unknown'` for a combination the kernel would reject). */
  readonly notificationClass: NotificationClass | 'unknown';
  /** The group's priority as the kernel rules see it: 0 notif, 1 content, 2 pre-content. */
  readonly priority: GroupPriority;
  /** Any of FAN_REPORT_FID / DIR_FID / NAME / TARGET_FID. */
  readonly reportsFid: boolean;
  /** FAN_REPORT_PIDFD: events carry a PIDFD record. */
  readonly reportsPidfd: boolean;
  /** FAN_REPORT_TID: `metadata.pid` is a thread id. */
  readonly reportsTid: boolean;
  /** FAN_REPORT_FD_ERROR: a negative `fd`/`pidfd` is a negated errno. */
  readonly reportsFdError: boolean;
  /** FAN_ENABLE_AUDIT: responses may ask for an audit record. */
  readonly auditEnabled: boolean;
}

/** The class bits in words, by value. */
const CLASS_NAMES: ReadonlyMap<number, NotificationClass> = new Map([
  [0, 'notif'],
  [INIT.CLASS_CONTENT, 'content'],
  [INIT.CLASS_PRE_CONTENT, 'pre-content'],
]);

/** The {@link GroupTraits} of a group with these final flags. @internal */
export function traitsOf(initFlags: number, eventFFlags: number): GroupTraits {
  const notificationClass = CLASS_NAMES.get(initFlags & FANOTIFY_CLASS_BITS) ?? 'unknown';
  return {
    initFlags,
    eventFFlags,
    notificationClass,
    // A group of unknown class never opens; 0 stands in.
    priority: priorityOf(initFlags & FANOTIFY_CLASS_BITS) ?? 0,
    reportsFid: (initFlags & FANOTIFY_FID_BITS) !== 0,
    reportsPidfd: (initFlags & INIT.REPORT_PIDFD) !== 0,
    reportsTid: (initFlags & INIT.REPORT_TID) !== 0,
    reportsFdError: (initFlags & INIT.REPORT_FD_ERROR) !== 0,
    auditEnabled: (initFlags & INIT.ENABLE_AUDIT) !== 0,
  };
}
