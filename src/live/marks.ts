/**
 * Marks in words: which object (inode, mount, filesystem, mount namespace), which events (a
 * bigint mask or names like `['FAN_CREATE']`), and the modifiers named after their kernel
 * flags. {@link markArguments} turns them into the `fanotify_mark` flags and mask.
 *
 * @packageDocumentation
 */
import type { eventBits } from '../../spec/constants/event-bits.js';
import { maskNames } from '../codec/mask-names.js';
import { parseFlagWords } from '../kernel/flag-words.js';
import * as K from '../generated/constants.js';
import { FanotifyOptionError } from './errors.js';
import { markFlagNames } from './flag-words.js';
import { checkKeys } from './options.js';

/**
 * The kind of object a mark watches: an inode (file or directory), the mount containing the
 * path, the whole filesystem containing it, or a mount namespace (`/proc/<pid>/ns/mnt`, for
 * FAN_REPORT_MNT groups).
 *
 * @public
 */
export type MarkObject = 'inode' | 'mount' | 'filesystem' | 'mntns';

/** A kernel event name, e.g. `'FAN_CREATE'` (aggregates such as `'FAN_CLOSE'` included). @public */
export type EventName = keyof typeof eventBits.entries;

/** Events as a mask or as names. @public */
export type EventSelection = bigint | readonly EventName[];

/**
 * What to mark and how. `events` is the mark's mask, or, with `ignore`, its ignore mask.
 *
 * @public
 */
export interface MarkOptions {
  /** Path of the object (relative paths resolve against `dirfd`); `null` marks `dirfd` itself. */
  readonly path: string | Uint8Array | null;
  /** Directory fd for relative paths (default `AT_FDCWD`), or the object itself with `path: null`. */
  readonly dirfd?: number;
  /** The object type (default `'inode'`). */
  readonly object?: MarkObject;
  /** The events (or, with `ignore`, the events to ignore). */
  readonly events: EventSelection;
  /** `FAN_EVENT_ON_CHILD`: also report events on the directory's children. */
  readonly onChild?: boolean;
  /** `FAN_ONDIR`: also report events on directories. */
  readonly onDir?: boolean;
  /** `FAN_MARK_DONT_FOLLOW`: mark a symbolic link itself. */
  readonly dontFollow?: boolean;
  /** `FAN_MARK_ONLYDIR`: fail with ENOTDIR unless the path is a directory. */
  readonly onlyDir?: boolean;
  /** `FAN_MARK_EVICTABLE`: an inode mark that does not pin the inode in the cache. */
  readonly evictable?: boolean;
  /**
   * Make `events` an ignore mask: `true` is `FAN_MARK_IGNORE` (honours onChild/onDir, since
   * 6.0), `'legacy'` is `FAN_MARK_IGNORED_MASK` (event flags are dropped).
   */
  readonly ignore?: boolean | 'legacy';
  /** `FAN_MARK_IGNORED_SURV_MODIFY`: the ignore mask survives FAN_MODIFY. */
  readonly surviveModify?: boolean;
  /** Register this path (opened read-only, before the mark is added) or fd as a mount fd for `event.path()` on its filesystem. */
  readonly mountFd?: string | number;
  /** Extra `fanotify_mark` bits ORed in verbatim (flags newer than this package). */
  readonly rawFlags?: number;
}

const MARK_OPTION_KEYS: Readonly<Record<keyof MarkOptions, true>> = {
  path: true,
  dirfd: true,
  object: true,
  events: true,
  onChild: true,
  onDir: true,
  dontFollow: true,
  onlyDir: true,
  evictable: true,
  ignore: true,
  surviveModify: true,
  mountFd: true,
  rawFlags: true,
};

const OBJECT_FLAGS: Readonly<Record<MarkObject, number>> = {
  inode: K.FAN_MARK_INODE,
  mount: K.FAN_MARK_MOUNT,
  filesystem: K.FAN_MARK_FILESYSTEM,
  mntns: K.FAN_MARK_MNTNS,
};

/** The object type named by the type bits of mark flags. @internal */
export function markObjectOf(flags: number): MarkObject | undefined {
  const type = flags & K.FAN_MARK_MNTNS;
  return (Object.keys(OBJECT_FLAGS) as MarkObject[]).find((k) => OBJECT_FLAGS[k] === type);
}

/**
 * A mask from a selection: bigints pass through, names are looked up.
 *
 * @throws {@link FanotifyOptionError} for an unknown name or a negative mask.
 * @public
 */
export function eventMaskOf(events: EventSelection): bigint {
  if (typeof events !== 'bigint' && !Array.isArray(events)) throw new FanotifyOptionError('events must be a bigint mask or an array of event names');
  const result = parseFlagWords('event', events);
  if (!result.ok) throw new FanotifyOptionError(`${result.message} (expected names like 'FAN_CREATE', or a 64-bit mask)`);
  return result.value;
}

/** The command of a mark call. @public */
export type MarkCommand = 'add' | 'remove';

/**
 * The `fanotify_mark` flags and mask for `options`.
 *
 * @throws {@link FanotifyOptionError} for an unknown object type or event name.
 * @public
 */
export function markArguments(command: MarkCommand, options: MarkOptions): { flags: number; mask: bigint } {
  checkKeys(options, MARK_OPTION_KEYS, `${command}Mark()`);
  const object = options.object ?? 'inode';
  const objectFlags = OBJECT_FLAGS[object];
  if (objectFlags === undefined) throw new FanotifyOptionError(`object must be 'inode', 'mount', 'filesystem' or 'mntns', got '${String(object)}'`);
  let flags = (command === 'add' ? K.FAN_MARK_ADD : K.FAN_MARK_REMOVE) | objectFlags;
  if (options.dontFollow) flags |= K.FAN_MARK_DONT_FOLLOW;
  if (options.onlyDir) flags |= K.FAN_MARK_ONLYDIR;
  if (options.evictable) flags |= K.FAN_MARK_EVICTABLE;
  if (options.ignore === true) flags |= K.FAN_MARK_IGNORE;
  else if (options.ignore === 'legacy') flags |= K.FAN_MARK_IGNORED_MASK;
  if (options.surviveModify) flags |= K.FAN_MARK_IGNORED_SURV_MODIFY;
  if (options.rawFlags !== undefined) {
    if (!Number.isInteger(options.rawFlags) || options.rawFlags < 0 || options.rawFlags > 0xffff_ffff) {
      throw new FanotifyOptionError(`rawFlags must be a 32-bit unsigned integer, got ${String(options.rawFlags)}`);
    }
    flags |= options.rawFlags;
  }
  let mask = eventMaskOf(options.events);
  if (options.onChild) mask |= K.FAN_EVENT_ON_CHILD;
  if (options.onDir) mask |= K.FAN_ONDIR;
  return { flags: flags >>> 0, mask };
}

/**
 * A mark call as it was made, in numbers and words (what capture sidecars record).
 *
 * @public
 */
export interface MarkDescription {
  /** The object type. */
  readonly object: MarkObject | 'unknown';
  /** The path as given (`null` for a dirfd-only mark); non-UTF-8 byte paths are shown lossily. */
  readonly path: string | null;
  /** The `fanotify_mark` flags. */
  readonly flags: number;
  /** The flags in words, object type first. */
  readonly flagNames: readonly string[];
  /** The mask. */
  readonly mask: bigint;
  /** The mask in words. */
  readonly maskNames: readonly string[];
}

/** Describes a mark call. @internal */
export function describeMark(flags: number, mask: bigint, path: string | Uint8Array | null): MarkDescription {
  return {
    object: markObjectOf(flags) ?? 'unknown',
    path: path === null ? null : typeof path === 'string' ? path : Buffer.from(path).toString('utf8'),
    flags,
    flagNames: markFlagNames(flags),
    mask,
    maskNames: maskNames(mask),
  };
}
