/**
 * The kernel's internal aggregates of fanotify and fsnotify bits, as `include/linux/fanotify.h`
 * and `include/linux/fsnotify_backend.h` define them (Linux 6.18). Each is declared by its
 * members' names, never by value: `npm run generate` resolves them against the constant tables
 * into `src/generated/kernel-aggregates.ts`, and the kernel-rules layer narrows each to what a
 * given release knows through its members' `since`.
 *
 * Members are uapi constant names (spec/constants), other aggregates of this file, or the
 * kernel-internal bits below.
 */

/** fsnotify bits that no uapi header names (include/linux/fsnotify_backend.h). */
export const internalBits = {
  /** FS_UNMOUNT: the inode's filesystem was unmounted (inotify only). */
  FS_UNMOUNT: 0x0000_2000,
  /** FANOTIFY_UNPRIV: group flag of groups created without CAP_SYS_ADMIN (include/linux/fanotify.h). */
  FANOTIFY_UNPRIV: 0x8000_0000,
} as const;

/** One aggregate: what it is a union of and where the kernel defines it. */
export interface AggregateSpec {
  /** Member names. */
  readonly of: readonly string[];
  /** Which kind of bits: event-mask bits, init flags or mark flags. */
  readonly kind: 'event' | 'init' | 'mark';
  /** The kernel header that defines it. */
  readonly header: 'fanotify.h' | 'fsnotify_backend.h';
}

const ev = (...of: string[]): AggregateSpec => ({ of, kind: 'event', header: 'fanotify.h' });
const fs = (...of: string[]): AggregateSpec => ({ of, kind: 'event', header: 'fsnotify_backend.h' });
const init = (...of: string[]): AggregateSpec => ({ of, kind: 'init', header: 'fanotify.h' });
const mark = (...of: string[]): AggregateSpec => ({ of, kind: 'mark', header: 'fanotify.h' });

/** The aggregates, in dependency order. */
export const aggregates = {
  // include/linux/fsnotify_backend.h
  FS_MOVE: fs('FAN_MOVED_FROM', 'FAN_MOVED_TO'),
  ALL_FSNOTIFY_DIRENT_EVENTS: fs('FAN_CREATE', 'FAN_DELETE', 'FS_MOVE', 'FAN_RENAME'),
  FSNOTIFY_MNT_EVENTS: fs('FAN_MNT_ATTACH', 'FAN_MNT_DETACH'),
  FSNOTIFY_CONTENT_PERM_EVENTS: fs('FAN_OPEN_PERM', 'FAN_OPEN_EXEC_PERM', 'FAN_ACCESS_PERM'),
  FSNOTIFY_PRE_CONTENT_EVENTS: fs('FAN_PRE_ACCESS'),
  ALL_FSNOTIFY_PERM_EVENTS: fs('FSNOTIFY_CONTENT_PERM_EVENTS', 'FSNOTIFY_PRE_CONTENT_EVENTS'),
  FS_EVENTS_POSS_ON_CHILD: fs(
    'ALL_FSNOTIFY_PERM_EVENTS', 'FAN_ACCESS', 'FAN_MODIFY', 'FAN_ATTRIB', 'FAN_CLOSE_WRITE', 'FAN_CLOSE_NOWRITE', 'FAN_OPEN', 'FAN_OPEN_EXEC',
  ),
  ALL_FSNOTIFY_EVENTS: fs(
    'ALL_FSNOTIFY_DIRENT_EVENTS', 'FSNOTIFY_MNT_EVENTS', 'FS_EVENTS_POSS_ON_CHILD', 'FAN_DELETE_SELF', 'FAN_MOVE_SELF', 'FS_UNMOUNT', 'FAN_Q_OVERFLOW', 'FAN_FS_ERROR',
  ),
  // include/linux/fanotify.h: init flags
  FANOTIFY_FID_BITS: init('FAN_REPORT_FID', 'FAN_REPORT_DIR_FID', 'FAN_REPORT_NAME', 'FAN_REPORT_TARGET_FID'),
  FANOTIFY_INFO_MODES: init('FANOTIFY_FID_BITS', 'FAN_REPORT_PIDFD', 'FAN_REPORT_MNT'),
  FANOTIFY_PERM_CLASSES: init('FAN_CLASS_CONTENT', 'FAN_CLASS_PRE_CONTENT'),
  FANOTIFY_CLASS_BITS: init('FAN_CLASS_NOTIF', 'FANOTIFY_PERM_CLASSES'),
  FANOTIFY_ADMIN_INIT_FLAGS: init(
    'FANOTIFY_PERM_CLASSES', 'FAN_REPORT_TID', 'FAN_REPORT_PIDFD', 'FAN_REPORT_FD_ERROR', 'FAN_UNLIMITED_QUEUE', 'FAN_UNLIMITED_MARKS',
  ),
  FANOTIFY_USER_INIT_FLAGS: init('FANOTIFY_FID_BITS', 'FAN_REPORT_MNT', 'FAN_CLOEXEC', 'FAN_NONBLOCK'),
  FANOTIFY_INIT_FLAGS: init('FANOTIFY_ADMIN_INIT_FLAGS', 'FANOTIFY_USER_INIT_FLAGS'),
  // include/linux/fanotify.h: mark flags
  FANOTIFY_MARK_TYPE_BITS: mark('FAN_MARK_INODE', 'FAN_MARK_MOUNT', 'FAN_MARK_FILESYSTEM', 'FAN_MARK_MNTNS'),
  FANOTIFY_MARK_CMD_BITS: mark('FAN_MARK_ADD', 'FAN_MARK_REMOVE', 'FAN_MARK_FLUSH'),
  FANOTIFY_MARK_IGNORE_BITS: mark('FAN_MARK_IGNORED_MASK', 'FAN_MARK_IGNORE'),
  FANOTIFY_MARK_FLAGS: mark(
    'FANOTIFY_MARK_TYPE_BITS', 'FANOTIFY_MARK_CMD_BITS', 'FANOTIFY_MARK_IGNORE_BITS', 'FAN_MARK_DONT_FOLLOW', 'FAN_MARK_ONLYDIR',
    'FAN_MARK_IGNORED_SURV_MODIFY', 'FAN_MARK_EVICTABLE',
  ),
  // include/linux/fanotify.h: events
  FANOTIFY_PATH_EVENTS: ev('FAN_ACCESS', 'FAN_MODIFY', 'FAN_CLOSE', 'FAN_OPEN', 'FAN_OPEN_EXEC'),
  FANOTIFY_DIRENT_EVENTS: ev('FAN_MOVE', 'FAN_CREATE', 'FAN_DELETE', 'FAN_RENAME'),
  FANOTIFY_DIRONLY_EVENT_BITS: ev('FANOTIFY_DIRENT_EVENTS', 'FAN_EVENT_ON_CHILD', 'FAN_ONDIR'),
  FANOTIFY_INODE_EVENTS: ev('FANOTIFY_DIRENT_EVENTS', 'FAN_ATTRIB', 'FAN_MOVE_SELF', 'FAN_DELETE_SELF'),
  FANOTIFY_MOUNT_EVENTS: ev('FAN_MNT_ATTACH', 'FAN_MNT_DETACH'),
  FANOTIFY_ERROR_EVENTS: ev('FAN_FS_ERROR'),
  FANOTIFY_EVENTS: ev('FANOTIFY_PATH_EVENTS', 'FANOTIFY_INODE_EVENTS', 'FANOTIFY_ERROR_EVENTS', 'FANOTIFY_MOUNT_EVENTS'),
  FANOTIFY_CONTENT_PERM_EVENTS: ev('FAN_OPEN_PERM', 'FAN_OPEN_EXEC_PERM', 'FAN_ACCESS_PERM'),
  FANOTIFY_PRE_CONTENT_EVENTS: ev('FAN_PRE_ACCESS'),
  FANOTIFY_PERM_EVENTS: ev('FANOTIFY_CONTENT_PERM_EVENTS', 'FANOTIFY_PRE_CONTENT_EVENTS'),
  FANOTIFY_FD_EVENTS: ev('FANOTIFY_PATH_EVENTS', 'FANOTIFY_PERM_EVENTS'),
  FANOTIFY_EVENT_FLAGS: ev('FAN_EVENT_ON_CHILD', 'FAN_ONDIR'),
  FANOTIFY_OUTGOING_EVENTS: ev('FANOTIFY_EVENTS', 'FANOTIFY_PERM_EVENTS', 'FAN_Q_OVERFLOW', 'FAN_ONDIR'),
} as const satisfies Record<string, AggregateSpec>;
