/**
 * Kernel bits as 32-bit numbers, as the kernel works on them (`u32` masks: every release rejects
 * an upper-32 bit at fanotify_mark): the fsnotify event bits by their FS_* names, init, mark and
 * response flags, the internal aggregates (generated from spec/kernel/aggregates.ts), open(2)
 * flags and the limits of include/linux/fanotify.h.
 *
 * @packageDocumentation
 */
import * as C from '../generated/constants.js';
import { FS_UNMOUNT } from '../generated/kernel-aggregates.js';

const n = (v: bigint): number => Number(v);

/** FS_* / FAN_* event bits as numbers (identical values, BUILD_BUG_ON in fanotify.c). @internal */
export const FS = {
  ACCESS: n(C.FAN_ACCESS),
  MODIFY: n(C.FAN_MODIFY),
  ATTRIB: n(C.FAN_ATTRIB),
  CLOSE_WRITE: n(C.FAN_CLOSE_WRITE),
  CLOSE_NOWRITE: n(C.FAN_CLOSE_NOWRITE),
  OPEN: n(C.FAN_OPEN),
  MOVED_FROM: n(C.FAN_MOVED_FROM),
  MOVED_TO: n(C.FAN_MOVED_TO),
  CREATE: n(C.FAN_CREATE),
  DELETE: n(C.FAN_DELETE),
  DELETE_SELF: n(C.FAN_DELETE_SELF),
  MOVE_SELF: n(C.FAN_MOVE_SELF),
  OPEN_EXEC: n(C.FAN_OPEN_EXEC),
  UNMOUNT: FS_UNMOUNT,
  Q_OVERFLOW: n(C.FAN_Q_OVERFLOW),
  ERROR: n(C.FAN_FS_ERROR),
  OPEN_PERM: n(C.FAN_OPEN_PERM),
  ACCESS_PERM: n(C.FAN_ACCESS_PERM),
  OPEN_EXEC_PERM: n(C.FAN_OPEN_EXEC_PERM),
  PRE_ACCESS: n(C.FAN_PRE_ACCESS),
  MNT_ATTACH: n(C.FAN_MNT_ATTACH),
  MNT_DETACH: n(C.FAN_MNT_DETACH),
  EVENT_ON_CHILD: n(C.FAN_EVENT_ON_CHILD),
  RENAME: n(C.FAN_RENAME),
  ISDIR: n(C.FAN_ONDIR),
} as const;

export {
  FS_MOVE,
  ALL_FSNOTIFY_DIRENT_EVENTS,
  FSNOTIFY_MNT_EVENTS,
  FSNOTIFY_CONTENT_PERM_EVENTS,
  FSNOTIFY_PRE_CONTENT_EVENTS,
  ALL_FSNOTIFY_PERM_EVENTS,
  FS_EVENTS_POSS_ON_CHILD,
  ALL_FSNOTIFY_EVENTS,
  FANOTIFY_PATH_EVENTS,
  FANOTIFY_DIRENT_EVENTS,
  FANOTIFY_CONTENT_PERM_EVENTS,
  FANOTIFY_PRE_CONTENT_EVENTS,
  FANOTIFY_PERM_EVENTS,
  FANOTIFY_FD_EVENTS,
  FANOTIFY_INODE_EVENTS,
  FANOTIFY_MOUNT_EVENTS,
  FANOTIFY_EVENTS,
  FANOTIFY_EVENT_FLAGS,
  FANOTIFY_OUTGOING_EVENTS,
  FANOTIFY_DIRONLY_EVENT_BITS,
  FANOTIFY_PERM_CLASSES,
  FANOTIFY_CLASS_BITS,
  FANOTIFY_FID_BITS,
  FANOTIFY_INFO_MODES,
  FANOTIFY_ADMIN_INIT_FLAGS,
  FANOTIFY_USER_INIT_FLAGS,
  FANOTIFY_INIT_FLAGS,
  FANOTIFY_UNPRIV,
  FANOTIFY_MARK_TYPE_BITS,
  FANOTIFY_MARK_CMD_BITS,
  FANOTIFY_MARK_IGNORE_BITS,
  FANOTIFY_MARK_FLAGS,
} from '../generated/kernel-aggregates.js';

/** init flags (numbers straight from the codec). @internal */
export const INIT = {
  CLOEXEC: C.FAN_CLOEXEC,
  NONBLOCK: C.FAN_NONBLOCK,
  CLASS_CONTENT: C.FAN_CLASS_CONTENT,
  CLASS_PRE_CONTENT: C.FAN_CLASS_PRE_CONTENT,
  UNLIMITED_QUEUE: C.FAN_UNLIMITED_QUEUE,
  UNLIMITED_MARKS: C.FAN_UNLIMITED_MARKS,
  ENABLE_AUDIT: C.FAN_ENABLE_AUDIT,
  REPORT_PIDFD: C.FAN_REPORT_PIDFD,
  REPORT_TID: C.FAN_REPORT_TID,
  REPORT_FID: C.FAN_REPORT_FID,
  REPORT_DIR_FID: C.FAN_REPORT_DIR_FID,
  REPORT_NAME: C.FAN_REPORT_NAME,
  REPORT_TARGET_FID: C.FAN_REPORT_TARGET_FID,
  REPORT_FD_ERROR: C.FAN_REPORT_FD_ERROR,
  REPORT_MNT: C.FAN_REPORT_MNT,
  /** FAN_RESTARTABLE_EVENTS: linux-fsdevel/vfs only, not in 6.18 (kernel-fanotify.md §8). */
  RESTARTABLE_EVENTS: C.FAN_RESTARTABLE_EVENTS,
} as const;

/** mark flags (numbers straight from the codec). @internal */
export const MARK = {
  ADD: C.FAN_MARK_ADD,
  REMOVE: C.FAN_MARK_REMOVE,
  DONT_FOLLOW: C.FAN_MARK_DONT_FOLLOW,
  ONLYDIR: C.FAN_MARK_ONLYDIR,
  MOUNT: C.FAN_MARK_MOUNT,
  IGNORED_MASK: C.FAN_MARK_IGNORED_MASK,
  IGNORED_SURV_MODIFY: C.FAN_MARK_IGNORED_SURV_MODIFY,
  FLUSH: C.FAN_MARK_FLUSH,
  FILESYSTEM: C.FAN_MARK_FILESYSTEM,
  EVICTABLE: C.FAN_MARK_EVICTABLE,
  IGNORE: C.FAN_MARK_IGNORE,
  MNTNS: C.FAN_MARK_MNTNS,
} as const;

/** Response bits. @internal */
export const RESP = {
  ALLOW: C.FAN_ALLOW,
  DENY: C.FAN_DENY,
  AUDIT: C.FAN_AUDIT,
  INFO: C.FAN_INFO,
} as const;

/** open(2) flags the model understands (x86_64 values). @internal */
export const O = {
  RDONLY: 0,
  WRONLY: 1,
  RDWR: 2,
  ACCMODE: 3,
  CREAT: 0o100,
  EXCL: 0o200,
  TRUNC: 0o1000,
  APPEND: 0o2000,
  NONBLOCK: 0o4000,
  DSYNC: 0o10000,
  DIRECTORY: 0o200000,
  NOFOLLOW: 0o400000,
  NOATIME: 0o1000000,
  CLOEXEC: 0o2000000,
  SYNC: 0o4010000,
  LARGEFILE: 0o100000,
  PATH: 0o10000000,
  /** `__O_TMPFILE` (include/uapi/asm-generic/fcntl.h); `O_TMPFILE` is it plus O_DIRECTORY. */
  TMPFILE: 0o20000000,
} as const;

/** renameat2(2) flags (include/uapi/linux/fs.h). @internal */
export const RENAME = { NOREPLACE: 1, EXCHANGE: 2, WHITEOUT: 4 } as const;
/** FANOTIFY_INIT_ALL_EVENT_F_BITS (`__O_SYNC` is 0o4000000). @internal */
export const FANOTIFY_INIT_ALL_EVENT_F_BITS = O.ACCMODE | O.APPEND | O.NONBLOCK | O.SYNC | O.DSYNC | O.CLOEXEC | O.LARGEFILE | O.NOATIME;

/** Page size the model uses for pre-content ranges (x86_64). @internal */
export const PAGE_SIZE = 4096;
/** FANOTIFY_DEFAULT_MAX_EVENTS. @internal */
export const FANOTIFY_DEFAULT_MAX_EVENTS = 16384;
/** FANOTIFY_MAX_MERGE_EVENTS. @internal */
export const FANOTIFY_MAX_MERGE_EVENTS = 128;
/** FANOTIFY_HTABLE_BITS: 128 merge buckets. @internal */
export const FANOTIFY_HTABLE_MASK = (1 << 7) - 1;
/** FANOTIFY_DEFAULT_FEE_POOL_SIZE: error events per group. @internal */
export const FANOTIFY_DEFAULT_FEE_POOL_SIZE = 32;
/** FILEID_INVALID. @internal */
export const FILEID_INVALID = 255;
/** MAX_HANDLE_SZ. @internal */
export const MAX_HANDLE_SZ = 128;
