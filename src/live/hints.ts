/**
 * One-line hints for failed fanotify system calls: what an errno means for that call with those
 * arguments (the same errno means different things to fanotify_init, fanotify_mark, read and
 * write). The rules mirror the kernel's checks (fanotify_user.c, Linux 6.18), most specific
 * first; the kernel stays the judge, a hint only explains its answer.
 *
 * @packageDocumentation
 */
import { readFileSync } from 'node:fs';
import * as K from '../generated/constants.js';
import { FAN_RESTARTABLE_EVENTS } from '../generated/constants.js';

const E = {
  EPERM: 1, ENOENT: 2, EIO: 5, EBADF: 9, EAGAIN: 11, ENOMEM: 12, EACCES: 13, EBUSY: 16, EEXIST: 17, EXDEV: 18,
  ENODEV: 19, ENOTDIR: 20, EISDIR: 21, EINVAL: 22, ENFILE: 23, EMFILE: 24, ETXTBSY: 26, ENOSPC: 28, EROFS: 30,
  ENOSYS: 38, ELOOP: 40, EOVERFLOW: 75, EOPNOTSUPP: 95, ESTALE: 116,
} as const;

const FID_BITS = K.FAN_REPORT_FID | K.FAN_REPORT_DIR_FID | K.FAN_REPORT_NAME | K.FAN_REPORT_TARGET_FID;
/** Every init flag a 6.18 kernel knows (FANOTIFY_INIT_FLAGS | FAN_ENABLE_AUDIT). */
const KNOWN_INIT_FLAGS =
  K.FAN_CLOEXEC | K.FAN_NONBLOCK | K.FAN_ALL_CLASS_BITS | K.FAN_UNLIMITED_QUEUE | K.FAN_UNLIMITED_MARKS | K.FAN_ENABLE_AUDIT |
  K.FAN_REPORT_PIDFD | K.FAN_REPORT_TID | FID_BITS | K.FAN_REPORT_FD_ERROR | K.FAN_REPORT_MNT;
const ADMIN_INIT_FLAGS =
  K.FAN_CLASS_CONTENT | K.FAN_CLASS_PRE_CONTENT | K.FAN_UNLIMITED_QUEUE | K.FAN_UNLIMITED_MARKS | K.FAN_REPORT_PIDFD | K.FAN_REPORT_TID | K.FAN_REPORT_FD_ERROR;

function has(flags: number, bits: number): boolean {
  return (flags & bits) !== 0;
}

/** ` = <value>` of a fanotify sysctl, or nothing when it cannot be read (e.g. no free fd). */
function sysctl(name: string): string {
  try {
    return ` = ${readFileSync(`/proc/sys/fs/fanotify/${name}`, 'utf8').trim()}`;
  } catch {
    return '';
  }
}

/**
 * Why `fanotify_init(flags, eventFFlags)` failed with `errno`.
 *
 * @internal
 */
export function initHint(errno: number, flags: number, eventFFlags: number, accmode: number): string {
  const cls = flags & K.FAN_ALL_CLASS_BITS;
  switch (errno) {
    case E.EPERM:
      if (has(flags, K.FAN_ENABLE_AUDIT)) return 'FAN_ENABLE_AUDIT needs CAP_AUDIT_WRITE (and the other flags CAP_SYS_ADMIN)';
      return has(flags, ADMIN_INIT_FLAGS) || !has(flags, FID_BITS | K.FAN_REPORT_MNT)
        ? 'needs CAP_SYS_ADMIN in the initial user namespace (run as root; a user namespace such as unshare -U is not enough); ' +
            'without it only FAN_CLASS_NOTIF groups with a fid report mode and no PIDFD/TID/FD_ERROR/UNLIMITED_* flag are allowed'
        : 'the caller lacks CAP_SYS_ADMIN in the initial user namespace';
    case E.EINVAL: {
      const unknown = (flags & ~KNOWN_INIT_FLAGS) >>> 0;
      if (unknown & FAN_RESTARTABLE_EVENTS) {
        return 'FAN_RESTARTABLE_EVENTS (0x00010000) is experimental (linux-fsdevel/vfs tree), not in mainline Linux through 6.18: this kernel rejects it';
      }
      if (unknown) return `this kernel does not know flag bit(s) 0x${unknown.toString(16)}`;
      if (cls === (K.FAN_CLASS_CONTENT | K.FAN_CLASS_PRE_CONTENT)) return 'FAN_CLASS_CONTENT and FAN_CLASS_PRE_CONTENT are exclusive';
      if (has(flags, K.FAN_REPORT_PIDFD) && has(flags, K.FAN_REPORT_TID)) return 'FAN_REPORT_PIDFD and FAN_REPORT_TID are exclusive (until Linux 7.2)';
      if (has(flags, K.FAN_REPORT_MNT)) {
        if (cls !== K.FAN_CLASS_NOTIF) return 'FAN_REPORT_MNT requires FAN_CLASS_NOTIF';
        if (has(flags, FID_BITS)) return 'FAN_REPORT_MNT cannot be combined with fid report modes';
        if (has(flags, K.FAN_REPORT_FD_ERROR)) return 'FAN_REPORT_MNT cannot be combined with FAN_REPORT_FD_ERROR';
      }
      if (accmode === 3) return 'event_f_flags has access mode 3 (use O_RDONLY, O_WRONLY or O_RDWR)';
      if (has(flags, FID_BITS) && cls !== K.FAN_CLASS_NOTIF) return 'fid report modes require FAN_CLASS_NOTIF (permission events need an fd)';
      if (has(flags, K.FAN_REPORT_NAME) && !has(flags, K.FAN_REPORT_DIR_FID)) return 'FAN_REPORT_NAME requires FAN_REPORT_DIR_FID';
      if (has(flags, K.FAN_REPORT_TARGET_FID) && (!has(flags, K.FAN_REPORT_NAME) || !has(flags, K.FAN_REPORT_FID))) {
        return 'FAN_REPORT_TARGET_FID requires FAN_REPORT_NAME, FAN_REPORT_DIR_FID and FAN_REPORT_FID';
      }
      if (has(flags, K.FAN_ENABLE_AUDIT)) return 'FAN_ENABLE_AUDIT needs a kernel with CONFIG_AUDITSYSCALL';
      return `event_f_flags 0x${eventFFlags.toString(16)} or a flag is not supported by this kernel (probeFeatures() asks the kernel which)`;
    }
    case E.EMFILE:
      return `too many fanotify groups for this user (fs.fanotify.max_user_groups${sysctl('max_user_groups')}) or no free fd (RLIMIT_NOFILE)`;
    case E.ENFILE:
      return 'the system-wide file table is full (fs.file-max)';
    case E.ENOSYS:
      return 'the kernel has no fanotify (CONFIG_FANOTIFY off) or a seccomp filter (e.g. a container runtime) blocks fanotify_init';
    case E.ENOMEM:
      return 'the kernel could not allocate the group';
    default:
      return '';
  }
}

/** What a mark call was asked, for {@link markHint}. @internal */
export interface MarkHintContext {
  readonly groupInitFlags: number;
  readonly markFlags: number;
  readonly mask: bigint;
}

const PERM_EVENTS = K.FAN_OPEN_PERM | K.FAN_ACCESS_PERM | K.FAN_OPEN_EXEC_PERM | K.FAN_PRE_ACCESS;
const FD_EVENTS = K.FAN_ACCESS | K.FAN_MODIFY | K.FAN_CLOSE | K.FAN_OPEN | K.FAN_OPEN_EXEC | PERM_EVENTS;
const MOUNT_EVENTS = K.FAN_MNT_ATTACH | K.FAN_MNT_DETACH;
const EVENT_FLAGS = K.FAN_EVENT_ON_CHILD | K.FAN_ONDIR;
const TYPE_BITS = K.FAN_MARK_MNTNS;

/**
 * Why `fanotify_mark(…)` failed with `errno`.
 *
 * @internal
 */
export function markHint(errno: number, ctx: MarkHintContext): string {
  const { groupInitFlags: g, markFlags: f, mask } = ctx;
  const type = f & TYPE_BITS;
  const cls = g & K.FAN_ALL_CLASS_BITS;
  const fid = has(g, FID_BITS);
  const remove = has(f, K.FAN_MARK_REMOVE);
  switch (errno) {
    case E.EINVAL: {
      if (mask >> 32n) return 'event masks have 32 bits; the upper half must be 0';
      if (has(f, K.FAN_MARK_IGNORE) && has(f, K.FAN_MARK_IGNORED_MASK)) return 'FAN_MARK_IGNORE and FAN_MARK_IGNORED_MASK are exclusive';
      if (has(g, K.FAN_REPORT_MNT) !== (type === K.FAN_MARK_MNTNS)) {
        return has(g, K.FAN_REPORT_MNT) ? 'FAN_REPORT_MNT groups take only FAN_MARK_MNTNS marks' : 'FAN_MARK_MNTNS marks need a FAN_REPORT_MNT group';
      }
      if (has(g, K.FAN_REPORT_MNT) && mask & ~(MOUNT_EVENTS | EVENT_FLAGS)) return 'FAN_REPORT_MNT groups take only FAN_MNT_ATTACH/FAN_MNT_DETACH';
      if (!has(g, K.FAN_REPORT_MNT) && mask & MOUNT_EVENTS) return 'FAN_MNT_ATTACH/FAN_MNT_DETACH need a FAN_REPORT_MNT group and a FAN_MARK_MNTNS mark';
      if (type === K.FAN_MARK_MNTNS) return 'the path is not a mount namespace file (use /proc/<pid>/ns/mnt)';
      if (mask & PERM_EVENTS && cls === K.FAN_CLASS_NOTIF) return 'permission events need a FAN_CLASS_CONTENT or FAN_CLASS_PRE_CONTENT group';
      if (mask & K.FAN_PRE_ACCESS && cls !== K.FAN_CLASS_PRE_CONTENT) return 'FAN_PRE_ACCESS needs a FAN_CLASS_PRE_CONTENT group';
      if (mask & K.FAN_PRE_ACCESS && mask & K.FAN_ONDIR) return 'pre-content events cannot be combined with FAN_ONDIR';
      if (mask & K.FAN_FS_ERROR && type !== K.FAN_MARK_FILESYSTEM) return 'FAN_FS_ERROR needs a FAN_MARK_FILESYSTEM mark';
      if (has(f, K.FAN_MARK_EVICTABLE) && type !== K.FAN_MARK_INODE) return 'FAN_MARK_EVICTABLE is for inode marks only';
      if (mask & ~(FD_EVENTS | MOUNT_EVENTS | EVENT_FLAGS) && (!fid || type === K.FAN_MARK_MOUNT)) {
        return fid
          ? 'directory-entry, attribute and self events cannot be reported through a FAN_MARK_MOUNT mark'
          : 'directory-entry, attribute, self and error events need a fid group (fid, dirFid or name)';
      }
      if (mask & K.FAN_RENAME && !has(g, K.FAN_REPORT_NAME)) return 'FAN_RENAME needs a FAN_REPORT_NAME group';
      if (has(f, K.FAN_MARK_IGNORE) && !has(f, K.FAN_MARK_IGNORED_SURV_MODIFY) && type !== K.FAN_MARK_INODE) {
        return 'FAN_MARK_IGNORE on a mount or filesystem mark needs FAN_MARK_IGNORED_SURV_MODIFY (surviveModify)';
      }
      if (mask & PERM_EVENTS) return 'permission events are not allowed on this object (e.g. procfs) or for this group class';
      return 'the kernel rejects this combination of mark flags and events (or an event bit this kernel lacks)';
    }
    case E.ENOENT:
      return remove ? 'nothing to remove: the object has no mark of this type in this group' : 'the path does not exist';
    case E.ENOTDIR:
      if (has(f, K.FAN_MARK_ONLYDIR)) return 'onlyDir was given but the path is not a directory';
      return 'directory-entry events, onChild and onDir (with targetFid, FAN_RENAME or an ignore mark) need a directory';
    case E.EISDIR:
      return 'FAN_MARK_IGNORE on a directory needs surviveModify (FAN_MARK_IGNORED_SURV_MODIFY)';
    case E.EXDEV:
      return 'fid groups cannot mix marks on filesystems with different or weak fsids (e.g. a btrfs subvolume, whose fsid differs from its filesystem\'s)';
    case E.ENODEV:
      return 'the filesystem reports a zero fsid (e.g. some FUSE filesystems): a fid group can only place inode marks there';
    case E.EOPNOTSUPP:
      if (mask & K.FAN_PRE_ACCESS) return 'pre-content events need a filesystem with pre-content (HSM) support (ext4, xfs, btrfs; not tmpfs)';
      return fid
        ? 'the filesystem cannot encode (or, for mount/filesystem marks, decode) file handles, which fid groups need'
        : 'the filesystem does not support this mark';
    case E.EPERM:
      return type !== K.FAN_MARK_INODE
        ? 'mount, filesystem and mount-namespace marks need CAP_SYS_ADMIN'
        : 'the caller may not watch this object';
    case E.EACCES:
      return 'no read permission on the object (or a security module denied the mark)';
    case E.EEXIST:
      return 'the existing mark conflicts: a non-evictable mark cannot become evictable, and ignore-mode styles (FAN_MARK_IGNORE vs IGNORED_MASK, surviveModify) cannot be mixed';
    case E.ENOSPC:
      return `too many marks for this user (fs.fanotify.max_user_marks${sysctl('max_user_marks')}); unlimitedMarks lifts the limit`;
    case E.EBADF:
      return 'the group is closed or dirfd is not an open fd';
    case E.ELOOP:
      return 'too many symbolic links (or dontFollow on a path whose last component is not a link)';
    default:
      return '';
  }
}

/**
 * Why `read()` on the group failed with `errno`.
 *
 * @internal
 */
export function readHint(errno: number, bufferSize: number, fdError: boolean): string {
  switch (errno) {
    case E.EINVAL:
      return `the read buffer (${bufferSize} bytes) is smaller than the next event: use a larger bufferSize`;
    case E.EMFILE:
    case E.ENFILE:
      return `no free fd for the event's file (RLIMIT_NOFILE): the kernel dropped that event (permission events are denied); raise the limit or use a smaller bufferSize${fdError ? '' : ', or fdError: true to receive it with fd = -errno'}`;
    case E.EBADF:
      return 'the group fd is closed';
    default:
      return fdError
        ? 'the kernel could not report the next event'
        : 'the kernel could not open the event\'s file with the group\'s event_f_flags (e.g. O_RDWR on a read-only mount): that event was dropped (permission events are denied); fdError: true delivers such events with fd = -errno';
  }
}

/**
 * Why writing a permission response failed with `errno`.
 *
 * @internal
 */
export function writeHint(errno: number, fd: number): string {
  switch (errno) {
    case E.ENOENT:
      return `no permission event with fd ${fd} is waiting for a response (already answered, or the group was closed)`;
    case E.EINVAL:
      return 'the kernel rejected the response (see kernel-fanotify §3.10); please report this: it should have been refused before writing';
    case E.EBADF:
      return 'the group fd is closed';
    default:
      return '';
  }
}

/**
 * Why `open_by_handle_at()` failed while resolving a path.
 *
 * @internal
 */
export function handleHint(errno: number): string {
  switch (errno) {
    case E.EPERM:
      return 'resolving file handles needs CAP_DAC_READ_SEARCH';
    case E.ESTALE:
      return 'the object no longer exists (deleted, and its inode reused or evicted)';
    case E.EOVERFLOW:
    case E.EINVAL:
      return 'the handle is malformed or too long for this filesystem';
    case E.EBADF:
      return 'the mount fd is closed';
    case E.EXDEV:
      return 'the mount fd is not on the handle\'s filesystem';
    default:
      return '';
  }
}
