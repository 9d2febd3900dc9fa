/**
 * `fanotify_mark()` validation (`do_fanotify_mark`, `fanotify_events_supported`,
 * `fanotify_add_mark` of fs/notify/fanotify/fanotify_user.c) for any release the package knows.
 * The checks on the arguments and the group run in the kernel's order before the path is
 * looked up ({@link checkMarkArguments}); the checks on the object follow it
 * ({@link checkMarkObject}, {@link checkMarkUpdate}).
 *
 * @packageDocumentation
 */
import { eventBits } from '../../../spec/constants/event-bits.js';
import { markFlags } from '../../../spec/constants/mark-flags.js';
import { aggregateAt, missingFlags, releaseHasConstant } from '../availability.js';
import {
  FANOTIFY_DIRONLY_EVENT_BITS,
  FANOTIFY_EVENT_FLAGS,
  FANOTIFY_FD_EVENTS,
  FANOTIFY_FID_BITS,
  FANOTIFY_MARK_CMD_BITS,
  FANOTIFY_MARK_IGNORE_BITS,
  FANOTIFY_MARK_TYPE_BITS,
  FANOTIFY_MOUNT_EVENTS,
  FANOTIFY_PERM_EVENTS,
  FANOTIFY_PRE_CONTENT_EVENTS,
  FS,
  INIT,
  MARK,
} from '../bits.js';
import { Errno } from '../errno.js';
import { kernelHas } from '../behaviours.js';
import type { KernelRelease } from '../release.js';
import type { GroupPriority } from './init.js';
import { missingMessage, refuse, type RuleFailure } from './rule.js';

/** The group a mark call is made on, as the rules see it. @internal */
export interface MarkGroupFacts {
  /** The group's init flags. */
  readonly flags: number;
  /** Its priority (class). */
  readonly priority: GroupPriority;
  /** FAN_RESTARTABLE_EVENTS group (experimental): only permission events may be marked. */
  readonly restartable?: boolean;
}

/** Everything the argument checks need. @internal */
export interface MarkArgumentContext {
  /** The release whose rules apply. */
  readonly release: KernelRelease;
  /** The caller is capable (CAP_SYS_ADMIN) for the object's user namespace. */
  readonly privileged: boolean;
  /** The group, or the errno of a bad group fd (EBADF: no fd; EINVAL: not a fanotify fd). */
  readonly group: MarkGroupFacts | number;
}

/** The object type of the type bits: `'inode' | 'mount' | 'sb' | 'mntns'`. @internal */
export type MarkObjectType = 'inode' | 'mount' | 'sb' | 'mntns';

/** The object type a mark call names. @internal */
export function markObjectType(flags: number): MarkObjectType {
  const type = flags & FANOTIFY_MARK_TYPE_BITS;
  return type === 0 ? 'inode' : type === MARK.MOUNT ? 'mount' : type === MARK.FILESYSTEM ? 'sb' : 'mntns';
}

/**
 * The checks of `do_fanotify_mark` up to the path lookup, in the kernel's order.
 *
 * @returns `null` when the call goes on to the lookup, or the refusal.
 * @internal
 */
export function checkMarkArguments(flags: number, maskIn: bigint, ctx: MarkArgumentContext): RuleFailure | null {
  const r = ctx.release;
  if (maskIn >> 32n !== 0n || maskIn < 0n) return refuse(Errno.EINVAL, 'mark.upper-32-bits', 'event masks have 32 bits; the upper half must be 0');
  const mask = Number(maskIn);
  const unknownFlags = (flags & ~aggregateAt('FANOTIFY_MARK_FLAGS', r)) >>> 0;
  if (unknownFlags) return tooNew(markFlags.entries, unknownFlags, 'mark.unknown-flags', 'mark flag', r);
  // Both type bits make FAN_MARK_MNTNS only from 6.15; before, the type switch refuses them.
  if ((flags & FANOTIFY_MARK_TYPE_BITS) === MARK.MNTNS && !releaseHasConstant(r, 'FAN_MARK_MNTNS')) {
    return refuse(Errno.EINVAL, 'mark.too-new-flags', missingMessage(missingFlags({ FAN_MARK_MNTNS: markFlags.entries.FAN_MARK_MNTNS }, MARK.MNTNS, r), r));
  }
  const command = checkCommand(flags, mask);
  if (command) return command;
  const valid = aggregateAt('FANOTIFY_EVENTS', r) | aggregateAt('FANOTIFY_EVENT_FLAGS', r) | aggregateAt('FANOTIFY_PERM_EVENTS', r);
  if (mask & ~valid) return tooNew(eventBits.entries, (mask & ~valid) >>> 0, 'mark.unknown-events', 'event bit', r);
  if ((flags & FANOTIFY_MARK_IGNORE_BITS) === FANOTIFY_MARK_IGNORE_BITS) {
    return refuse(Errno.EINVAL, 'mark.two-ignore-styles', 'FAN_MARK_IGNORE and FAN_MARK_IGNORED_MASK are exclusive');
  }
  if (typeof ctx.group === 'number') {
    return refuse(ctx.group, 'mark.bad-group-fd', ctx.group === Errno.EBADF ? 'the group fd is not open' : 'the fd is not a fanotify group');
  }
  // Event flags have no effect with the legacy ignored mask.
  const effective = (flags & FANOTIFY_MARK_IGNORE_BITS) === MARK.IGNORED_MASK ? mask & ~FANOTIFY_EVENT_FLAGS : mask;
  return checkGroupAndEvents(flags, effective, ctx.group, ctx.privileged);
}

function checkCommand(flags: number, mask: number): RuleFailure | null {
  switch (flags & FANOTIFY_MARK_CMD_BITS) {
    case MARK.ADD:
    case MARK.REMOVE:
      return mask ? null : refuse(Errno.EINVAL, 'mark.empty-mask', 'FAN_MARK_ADD and FAN_MARK_REMOVE need a non-empty mask');
    case MARK.FLUSH:
      return flags & ~(FANOTIFY_MARK_TYPE_BITS | MARK.FLUSH)
        ? refuse(Errno.EINVAL, 'mark.flush-flags', 'FAN_MARK_FLUSH takes only an object type (FAN_MARK_MOUNT, FAN_MARK_FILESYSTEM, FAN_MARK_MNTNS)')
        : null;
    default:
      return refuse(Errno.EINVAL, 'mark.command', 'exactly one of FAN_MARK_ADD, FAN_MARK_REMOVE and FAN_MARK_FLUSH is needed');
  }
}

function tooNew(table: Parameters<typeof missingFlags>[0], bits: number, rule: string, what: string, r: KernelRelease): RuleFailure {
  const missing = missingFlags(table, bits, r);
  if (missing.length) return refuse(Errno.EINVAL, rule.replace('unknown', 'too-new'), missingMessage(missing, r));
  return refuse(Errno.EINVAL, rule, `no kernel release the package knows has ${what}(s) 0x${bits.toString(16)}`);
}

/** The checks on the group and the event set, after the fd is known to be a group. */
function checkGroupAndEvents(flags: number, mask: number, group: MarkGroupFacts, privileged: boolean): RuleFailure | null {
  const type = flags & FANOTIFY_MARK_TYPE_BITS;
  const reportMnt = (group.flags & INIT.REPORT_MNT) !== 0;
  if (reportMnt && mask & ~FANOTIFY_MOUNT_EVENTS) return refuse(Errno.EINVAL, 'mark.mnt-group-events', 'FAN_REPORT_MNT groups take only FAN_MNT_ATTACH/FAN_MNT_DETACH');
  if (reportMnt !== (type === MARK.MNTNS)) {
    return reportMnt
      ? refuse(Errno.EINVAL, 'mark.mnt-group-needs-mntns', 'FAN_REPORT_MNT groups take only FAN_MARK_MNTNS marks')
      : refuse(Errno.EINVAL, 'mark.mntns-needs-mnt-group', 'FAN_MARK_MNTNS marks need a FAN_REPORT_MNT group');
  }
  if (!reportMnt && mask & FANOTIFY_MOUNT_EVENTS) {
    return refuse(Errno.EINVAL, 'mark.mount-events-need-mnt-group', 'FAN_MNT_ATTACH/FAN_MNT_DETACH need a FAN_REPORT_MNT group and a FAN_MARK_MNTNS mark');
  }
  if (type !== 0 && !privileged) return refuse(Errno.EPERM, 'mark.object-needs-admin', 'mount, filesystem and mount-namespace marks need CAP_SYS_ADMIN');
  if (mask & FANOTIFY_PERM_EVENTS && group.priority === 0) {
    return refuse(Errno.EINVAL, 'mark.permission-needs-class', 'permission events need a FAN_CLASS_CONTENT or FAN_CLASS_PRE_CONTENT group');
  }
  if (mask & FANOTIFY_PRE_CONTENT_EVENTS && group.priority === 1) return refuse(Errno.EINVAL, 'mark.pre-content-needs-class', 'FAN_PRE_ACCESS needs a FAN_CLASS_PRE_CONTENT group');
  if (group.restartable && !(mask & FANOTIFY_PERM_EVENTS)) return refuse(Errno.EINVAL, 'mark.restartable-permission-only', 'restartable groups take only permission events');
  if (mask & FS.ERROR && type !== MARK.FILESYSTEM) return refuse(Errno.EINVAL, 'mark.fs-error-needs-filesystem', 'FAN_FS_ERROR needs a FAN_MARK_FILESYSTEM mark');
  if (flags & MARK.EVICTABLE && type !== 0) return refuse(Errno.EINVAL, 'mark.evictable-inode-only', 'FAN_MARK_EVICTABLE is for inode marks only');
  const fidMode = group.flags & FANOTIFY_FID_BITS;
  // Events without a path need fids, and cannot be filtered by mount.
  if (mask & ~(FANOTIFY_FD_EVENTS | FANOTIFY_MOUNT_EVENTS | FANOTIFY_EVENT_FLAGS) && (!fidMode || type === MARK.MOUNT)) {
    return fidMode
      ? refuse(Errno.EINVAL, 'mark.inode-events-not-on-mount', 'directory-entry, attribute and self events cannot be reported through a FAN_MARK_MOUNT mark')
      : refuse(Errno.EINVAL, 'mark.inode-events-need-fid', 'directory-entry, attribute, self and error events need a fid group (fid, dirFid or name)');
  }
  if (mask & FS.RENAME && !(fidMode & INIT.REPORT_NAME)) return refuse(Errno.EINVAL, 'mark.rename-needs-name', 'FAN_RENAME needs a FAN_REPORT_NAME group');
  if (mask & FANOTIFY_PRE_CONTENT_EVENTS && mask & FS.ISDIR) return refuse(Errno.EINVAL, 'mark.pre-content-not-on-dir', 'pre-content events cannot be combined with FAN_ONDIR');
  return null;
}

/** The refusals of the checks that follow the path lookup, by name. @internal */
export const MARK_OBJECT_REFUSALS = {
  ONLYDIR: refuse(Errno.ENOTDIR, 'mark.onlydir', 'onlyDir (FAN_MARK_ONLYDIR) was given but the path is not a directory'),
  PRE_CONTENT_NEEDS_HSM: refuse(Errno.EOPNOTSUPP, 'mark.pre-content-needs-hsm', 'pre-content events need a filesystem with pre-content (HSM) support (ext4, xfs, btrfs; not tmpfs)'),
  PRE_CONTENT_REGULAR_ONLY: refuse(Errno.EINVAL, 'mark.pre-content-regular-only', 'pre-content events are for regular files and directories'),
  DIR_EVENTS_NEED_DIR: refuse(Errno.ENOTDIR, 'mark.dir-events-need-dir', 'directory-entry events, onChild and onDir (with targetFid, FAN_RENAME or an ignore mark) need a directory'),
  FID_NEEDS_PATH: refuse(Errno.EINVAL, 'mark.fid-needs-path', 'fid groups mark paths'),
  CANNOT_ENCODE_FID: refuse(Errno.EOPNOTSUPP, 'mark.cannot-encode-fid', 'the filesystem cannot encode file handles, which fid groups need'),
  CANNOT_DECODE_FH: refuse(Errno.EOPNOTSUPP, 'mark.cannot-decode-fh', 'the filesystem cannot decode file handles, which fid groups need for mount and filesystem marks (and, before Linux 6.8, for every mark)'),
  ZERO_FSID: refuse(Errno.ENODEV, 'mark.zero-fsid', 'the filesystem reports a zero fsid (e.g. some FUSE filesystems): a fid group can place only inode marks there (no mark before Linux 6.8)'),
  IGNORE_DIR_NEEDS_SURV: refuse(Errno.EISDIR, 'mark.ignore-dir-needs-surv', 'FAN_MARK_IGNORE on a directory needs surviveModify (FAN_MARK_IGNORED_SURV_MODIFY)'),
  IGNORE_OBJECT_NEEDS_SURV: refuse(Errno.EINVAL, 'mark.ignore-object-needs-surv', 'FAN_MARK_IGNORE on a mount or filesystem mark needs FAN_MARK_IGNORED_SURV_MODIFY (surviveModify)'),
  EVICTABLE_CONFLICT: refuse(Errno.EEXIST, 'mark.evictable-conflict', 'a non-evictable mark cannot become evictable'),
  IGNORE_STYLE_CONFLICT: refuse(Errno.EEXIST, 'mark.ignore-style-conflict', 'ignore-mask styles (FAN_MARK_IGNORE vs FAN_MARK_IGNORED_MASK) cannot be mixed on one mark'),
  SURV_MODIFY_CONFLICT: refuse(Errno.EEXIST, 'mark.surv-modify-conflict', 'an ignore mask that survives modify cannot be updated without FAN_MARK_IGNORED_SURV_MODIFY'),
  PRE_CONTENT_ONDIR_CONFLICT: refuse(Errno.EEXIST, 'mark.pre-content-ondir-conflict', 'pre-content events and FAN_ONDIR cannot be on one mark'),
} as const;

/** What the path lookup found, for the checks that follow it. @internal */
export interface MarkObjectFacts {
  /** The object is a directory. */
  readonly isDir: boolean;
  /** The object is a regular file. */
  readonly isRegular: boolean;
  /** The filesystem opts into pre-content events (SB_I_ALLOW_HSM). */
  readonly allowHsm: boolean;
  /** `statfs().f_fsid` is zero (e.g. some FUSE filesystems). */
  readonly zeroFsid: boolean;
  /** The filesystem can encode file handles. */
  readonly canEncodeFid: boolean;
  /** The filesystem can decode file handles (needed for mount and filesystem marks of fid groups). */
  readonly canDecodeFh: boolean;
}

/**
 * The checks of `do_fanotify_mark` between the lookup and the mark update: FAN_MARK_ONLYDIR,
 * `fanotify_events_supported` and the fsid checks of fid groups.
 *
 * @internal
 */
export function checkMarkObject(flags: number, mask: number, group: MarkGroupFacts, object: MarkObjectFacts | null, release: KernelRelease): RuleFailure | null {
  const type = flags & FANOTIFY_MARK_TYPE_BITS;
  if (object && flags & MARK.ONLYDIR && !object.isDir) return MARK_OBJECT_REFUSALS.ONLYDIR;
  if ((flags & FANOTIFY_MARK_CMD_BITS) === MARK.ADD && object) {
    const supported = checkEventsSupported(flags, mask, group, object);
    if (supported) return supported;
  }
  if (group.flags & FANOTIFY_FID_BITS) {
    if (!object) return MARK_OBJECT_REFUSALS.FID_NEEDS_PATH;
    // Before "weak" fsids, inode marks needed a non-zero fsid and decodable handles too.
    const inodeMarkTolerated = type === 0 && kernelHas(release, 'weak-fsid');
    if (object.zeroFsid && !inodeMarkTolerated) {
      return MARK_OBJECT_REFUSALS.ZERO_FSID;
    }
    if (!object.canEncodeFid) return MARK_OBJECT_REFUSALS.CANNOT_ENCODE_FID;
    if (!inodeMarkTolerated && !object.canDecodeFh) {
      return MARK_OBJECT_REFUSALS.CANNOT_DECODE_FH;
    }
  }
  return null;
}

/** `fanotify_events_supported`. */
function checkEventsSupported(flags: number, mask: number, group: MarkGroupFacts, object: MarkObjectFacts): RuleFailure | null {
  const type = flags & FANOTIFY_MARK_TYPE_BITS;
  const strictDirEvents = (group.flags & INIT.REPORT_TARGET_FID) !== 0 || (mask & FS.RENAME) !== 0 || (flags & MARK.IGNORE) !== 0;
  if (mask & FANOTIFY_PRE_CONTENT_EVENTS) {
    if (!object.allowHsm) return MARK_OBJECT_REFUSALS.PRE_CONTENT_NEEDS_HSM;
    if (!object.isDir && !object.isRegular) return MARK_OBJECT_REFUSALS.PRE_CONTENT_REGULAR_ONLY;
  }
  if (strictDirEvents && type === 0 && !object.isDir && mask & FANOTIFY_DIRONLY_EVENT_BITS) {
    return MARK_OBJECT_REFUSALS.DIR_EVENTS_NEED_DIR;
  }
  return null;
}

/** The existing mark, for {@link checkMarkUpdate}. @internal */
export interface ExistingMarkFacts {
  readonly evictable: boolean;
  readonly hasIgnoreFlags: boolean;
  readonly ignoredSurvModify: boolean;
  readonly mask: number;
}

/** FAN_MARK_IGNORE without SURV_MODIFY on a directory, mount or filesystem (`fanotify_add_mark`). @internal */
export function checkIgnoreTarget(isDirOrNotInode: boolean, isInode: boolean): RuleFailure | null {
  if (!isDirOrNotInode) return null;
  return isInode
    ? MARK_OBJECT_REFUSALS.IGNORE_DIR_NEEDS_SURV
    : MARK_OBJECT_REFUSALS.IGNORE_OBJECT_NEEDS_SURV;
}

/**
 * `fanotify_may_update_existing_mark` and the pre-content/ONDIR conflict of an existing mark.
 *
 * @internal
 */
export function checkMarkUpdate(flags: number, mask: number, mark: ExistingMarkFacts): RuleFailure | null {
  if (flags & MARK.EVICTABLE && !mark.evictable) return MARK_OBJECT_REFUSALS.EVICTABLE_CONFLICT;
  if (flags & MARK.IGNORED_MASK && mark.hasIgnoreFlags) return MARK_OBJECT_REFUSALS.IGNORE_STYLE_CONFLICT;
  if (flags & MARK.IGNORE && !(flags & MARK.IGNORED_SURV_MODIFY) && mark.ignoredSurvModify) {
    return MARK_OBJECT_REFUSALS.SURV_MODIFY_CONFLICT;
  }
  if ((mask | mark.mask) & FANOTIFY_PRE_CONTENT_EVENTS && (mask | mark.mask) & FS.ISDIR) {
    return MARK_OBJECT_REFUSALS.PRE_CONTENT_ONDIR_CONFLICT;
  }
  return null;
}

/** The ENOENT of removing a mark that does not exist. @internal */
export const NO_MARK_TO_REMOVE = refuse(Errno.ENOENT, 'mark.nothing-to-remove', 'nothing to remove: the object has no mark of this type in this group');
/** The ENOSPC of the per-user mark limit. @internal */
export const TOO_MANY_MARKS = refuse(Errno.ENOSPC, 'mark.max-user-marks', 'too many marks for this user (fs.fanotify.max_user_marks); unlimitedMarks lifts the limit');
/** The EXDEV of mixing fsids in a fid group. @internal */
export const FSID_MISMATCH = refuse(
  Errno.EXDEV,
  'mark.fsid-mismatch',
  "fid groups cannot mix marks on filesystems with different or weak fsids (e.g. a btrfs subvolume, whose fsid differs from its filesystem's)",
);

/**
 * The refusals after the lookup that give `errno`: what a live group can say of a refusal whose
 * object it has not inspected.
 *
 * @internal
 */
export function markObjectRefusalsWith(errno: number): RuleFailure[] {
  return [...Object.values(MARK_OBJECT_REFUSALS), NO_MARK_TO_REMOVE, TOO_MANY_MARKS, FSID_MISMATCH].filter((r) => r.errno === errno);
}
