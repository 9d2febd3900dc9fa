// Generated from spec/constants by spec/codegen. Do not edit: run `npm run generate`.
/* eslint-disable */

// event-bits: Bits of the 64-bit event mask (fanotify_mark mask, metadata.mask).

/** File was accessed (read). Since Linux 2.6.37. @public */
export const FAN_ACCESS = 0x1n;
/** File was modified (write). Since Linux 2.6.37. @public */
export const FAN_MODIFY = 0x2n;
/** Metadata changed (fid groups only). Since Linux 5.1. @public */
export const FAN_ATTRIB = 0x4n;
/** A file opened for writing was closed. Since Linux 2.6.37. @public */
export const FAN_CLOSE_WRITE = 0x8n;
/** A file or directory not opened for writing was closed. Since Linux 2.6.37. @public */
export const FAN_CLOSE_NOWRITE = 0x10n;
/** File or directory was opened. Since Linux 2.6.37. @public */
export const FAN_OPEN = 0x20n;
/** An entry was moved out of a watched directory (fid groups only). Since Linux 5.1. @public */
export const FAN_MOVED_FROM = 0x40n;
/** An entry was moved into a watched directory (fid groups only). Since Linux 5.1. @public */
export const FAN_MOVED_TO = 0x80n;
/** An entry was created in a watched directory (fid groups only). Since Linux 5.1. @public */
export const FAN_CREATE = 0x100n;
/** An entry was deleted from a watched directory (fid groups only). Since Linux 5.1. @public */
export const FAN_DELETE = 0x200n;
/** A watched file or directory was deleted (fid groups only). Since Linux 5.1. @public */
export const FAN_DELETE_SELF = 0x400n;
/** A watched file or directory was moved (fid groups only). Since Linux 5.1. @public */
export const FAN_MOVE_SELF = 0x800n;
/** File was opened for execution. Since Linux 5.0. @public */
export const FAN_OPEN_EXEC = 0x1000n;
/** The event queue overflowed (output only). Since Linux 2.6.37. @public */
export const FAN_Q_OVERFLOW = 0x4000n;
/** Filesystem error (filesystem marks, fid groups; also 5.15.154, 5.10.220). Since Linux 5.16. @public */
export const FAN_FS_ERROR = 0x8000n;
/** Permission to open a file or directory. Since Linux 2.6.37. @public */
export const FAN_OPEN_PERM = 0x10000n;
/** Permission to read a file or directory. Since Linux 2.6.37. @public */
export const FAN_ACCESS_PERM = 0x20000n;
/** Permission to open a file for execution. Since Linux 5.0. @public */
export const FAN_OPEN_EXEC_PERM = 0x40000n;
/** Pre-content permission event before a file range is accessed (carries a RANGE record). Since Linux 6.14. @public */
export const FAN_PRE_ACCESS = 0x100000n;
/** A mount was attached to a watched mount namespace (FAN_REPORT_MNT groups). Since Linux 6.15. @public */
export const FAN_MNT_ATTACH = 0x1000000n;
/** A mount was detached from a watched mount namespace; a move reports ATTACH|DETACH. Since Linux 6.15. @public */
export const FAN_MNT_DETACH = 0x2000000n;
/** Mark flag: report events on the children of a marked directory (never in metadata.mask). Since Linux 2.6.37. @public */
export const FAN_EVENT_ON_CHILD = 0x8000000n;
/** An entry was renamed (needs FAN_REPORT_NAME; also 5.15.154, 5.10.220). Since Linux 5.17. @public */
export const FAN_RENAME = 0x10000000n;
/** Event concerns a directory (reported in metadata.mask only by fid groups). Since Linux 2.6.37. @public */
export const FAN_ONDIR = 0x40000000n;
/** FAN_CLOSE_WRITE | FAN_CLOSE_NOWRITE. Since Linux 2.6.37. @public */
export const FAN_CLOSE = 0x18n;
/** FAN_MOVED_FROM | FAN_MOVED_TO. Since Linux 5.1. @public */
export const FAN_MOVE = 0xc0n;
/** Deprecated uapi aggregate: ACCESS | MODIFY | CLOSE | OPEN. Since Linux 2.6.37. @public */
export const FAN_ALL_EVENTS = 0x3bn;
/** Deprecated uapi aggregate: OPEN_PERM | ACCESS_PERM. Since Linux 2.6.37. @public */
export const FAN_ALL_PERM_EVENTS = 0x30000n;
/** Deprecated uapi aggregate: ALL_EVENTS | ALL_PERM_EVENTS | Q_OVERFLOW. Since Linux 2.6.37. @public */
export const FAN_ALL_OUTGOING_EVENTS = 0x3403bn;

// init-flags: Flags of fanotify_init(): notification class, queue/mark limits and report modes.

/** Set close-on-exec on the group fd. Since Linux 2.6.37. @public */
export const FAN_CLOEXEC = 1;
/** Make the group fd non-blocking. Since Linux 2.6.37. @public */
export const FAN_NONBLOCK = 2;
/** Notification class: events only, no permission decisions. Since Linux 2.6.37. @public */
export const FAN_CLASS_NOTIF = 0;
/** Content class: permission events after content is final. Since Linux 2.6.37. @public */
export const FAN_CLASS_CONTENT = 4;
/** Pre-content class: permission events before content is final (FAN_PRE_ACCESS since 6.14). Since Linux 2.6.37. @public */
export const FAN_CLASS_PRE_CONTENT = 8;
/** No limit on queued events (privileged). Since Linux 2.6.37. @public */
export const FAN_UNLIMITED_QUEUE = 0x10;
/** No limit on marks (privileged). Since Linux 2.6.37. @public */
export const FAN_UNLIMITED_MARKS = 0x20;
/** Allow FAN_AUDIT in permission responses (needs CAP_AUDIT_WRITE). Since Linux 4.15. @public */
export const FAN_ENABLE_AUDIT = 0x40;
/** Add a PIDFD record to every event (privileged; also 5.10.220). Since Linux 5.15. @public */
export const FAN_REPORT_PIDFD = 0x80;
/** metadata.pid is the thread id, not the thread-group id (privileged). Since Linux 4.20. @public */
export const FAN_REPORT_TID = 0x100;
/** Report the object by file handle (FID record). Since Linux 5.1. @public */
export const FAN_REPORT_FID = 0x200;
/** Report the parent directory by file handle (DFID record). Since Linux 5.9. @public */
export const FAN_REPORT_DIR_FID = 0x400;
/** Report the entry name with the directory (DFID_NAME record; needs DIR_FID). Since Linux 5.9. @public */
export const FAN_REPORT_NAME = 0x800;
/** Report the child of dirent events by handle (needs FID and NAME; also 5.15.154, 5.10.220). Since Linux 5.17. @public */
export const FAN_REPORT_TARGET_FID = 0x1000;
/** Report -errno in metadata.fd/pidfd instead of failing the read (privileged; also 6.12.4, 6.6.66). Since Linux 6.13. @public */
export const FAN_REPORT_FD_ERROR = 0x2000;
/** Report mount events with an MNT record (FAN_MARK_MNTNS marks). Since Linux 6.15. @public */
export const FAN_REPORT_MNT = 0x4000;
/** FAN_REPORT_DIR_FID | FAN_REPORT_NAME. Since Linux 5.9. @public */
export const FAN_REPORT_DFID_NAME = 0xc00;
/** FAN_REPORT_DFID_NAME | FAN_REPORT_FID | FAN_REPORT_TARGET_FID. Since Linux 5.17. @public */
export const FAN_REPORT_DFID_NAME_TARGET = 0x1e00;
/** Deprecated uapi aggregate of the class bits. Since Linux 2.6.37. @public */
export const FAN_ALL_CLASS_BITS = 12;
/** Deprecated uapi aggregate (does not include newer flags). Since Linux 2.6.37. @public */
export const FAN_ALL_INIT_FLAGS = 0x3f;

// mark-flags: Flags of fanotify_mark(): command, object type and modifiers.

/** Add events to a mark. Since Linux 2.6.37. @public */
export const FAN_MARK_ADD = 1;
/** Remove events from a mark. Since Linux 2.6.37. @public */
export const FAN_MARK_REMOVE = 2;
/** Mark a symbolic link itself, not its target. Since Linux 2.6.37. @public */
export const FAN_MARK_DONT_FOLLOW = 4;
/** Fail with ENOTDIR unless the path is a directory. Since Linux 2.6.37. @public */
export const FAN_MARK_ONLYDIR = 8;
/** Mark the mount containing the path. Since Linux 2.6.37. @public */
export const FAN_MARK_MOUNT = 0x10;
/** The mask is an ignore mask (legacy form). Since Linux 2.6.37. @public */
export const FAN_MARK_IGNORED_MASK = 0x20;
/** The ignore mask survives modify events. Since Linux 2.6.37. @public */
export const FAN_MARK_IGNORED_SURV_MODIFY = 0x40;
/** Remove all marks of the given type. Since Linux 2.6.37. @public */
export const FAN_MARK_FLUSH = 0x80;
/** Mark the filesystem containing the path. Since Linux 4.20. @public */
export const FAN_MARK_FILESYSTEM = 0x100;
/** The inode mark does not pin the inode in cache (also 5.15.154, 5.10.220). Since Linux 5.19. @public */
export const FAN_MARK_EVICTABLE = 0x200;
/** The mask is an ignore mask that honours FAN_ONDIR/FAN_EVENT_ON_CHILD (also 5.15.154, 5.10.220). Since Linux 6.0. @public */
export const FAN_MARK_IGNORE = 0x400;
/** Mark the inode itself (the default object type). Since Linux 2.6.37. @public */
export const FAN_MARK_INODE = 0;
/** Mark a mount namespace (path is an nsfs mnt namespace file; FAN_REPORT_MNT groups). Since Linux 6.15. @public */
export const FAN_MARK_MNTNS = 0x110;
/** FAN_MARK_IGNORE | FAN_MARK_IGNORED_SURV_MODIFY. Since Linux 6.0. @public */
export const FAN_MARK_IGNORE_SURV = 0x440;
/** Deprecated uapi aggregate (does not include newer flags). Since Linux 2.6.37. @public */
export const FAN_ALL_MARK_FLAGS = 0xff;

// info-types: Values of fanotify_event_info_header.info_type.

/** File handle of the object. Since Linux 5.1. @public */
export const FAN_EVENT_INFO_TYPE_FID = 1;
/** File handle of a directory and an entry name. Since Linux 5.9. @public */
export const FAN_EVENT_INFO_TYPE_DFID_NAME = 2;
/** File handle of a directory. Since Linux 5.9. @public */
export const FAN_EVENT_INFO_TYPE_DFID = 3;
/** pidfd of the process that caused the event. Since Linux 5.15. @public */
export const FAN_EVENT_INFO_TYPE_PIDFD = 4;
/** Error number and count of a FAN_FS_ERROR event. Since Linux 5.16. @public */
export const FAN_EVENT_INFO_TYPE_ERROR = 5;
/** File range of a FAN_PRE_ACCESS event. Since Linux 6.14. @public */
export const FAN_EVENT_INFO_TYPE_RANGE = 6;
/** Unique mount id of a mount event. Since Linux 6.15. @public */
export const FAN_EVENT_INFO_TYPE_MNT = 7;
/** Old directory and name of a FAN_RENAME event. Since Linux 5.17. @public */
export const FAN_EVENT_INFO_TYPE_OLD_DFID_NAME = 10;
/** New directory and name of a FAN_RENAME event. Since Linux 5.17. @public */
export const FAN_EVENT_INFO_TYPE_NEW_DFID_NAME = 12;

// responses: fanotify_response.response bits, errno encoding and response info types.

/** Allow the access. Since Linux 2.6.37. @public */
export const FAN_ALLOW = 1;
/** Deny the access (the accessor sees EPERM unless an errno is encoded). Since Linux 2.6.37. @public */
export const FAN_DENY = 2;
/** Also create an audit record (needs FAN_ENABLE_AUDIT). Since Linux 4.15. @public */
export const FAN_AUDIT = 0x10;
/** A response info record follows the response. Since Linux 6.3. @public */
export const FAN_INFO = 0x20;
/** Width of the errno field of FAN_DENY_ERRNO. Since Linux 6.14. @public */
export const FAN_ERRNO_BITS = 8;
/** Position of the errno field (32 - FAN_ERRNO_BITS). Since Linux 6.14. @public */
export const FAN_ERRNO_SHIFT = 0x18;
/** Mask of the errno field before shifting. Since Linux 6.14. @public */
export const FAN_ERRNO_MASK = 0xff;
/** Response info type: none. Since Linux 6.3. @public */
export const FAN_RESPONSE_INFO_NONE = 0;
/** Response info type: audit rule record. Since Linux 6.3. @public */
export const FAN_RESPONSE_INFO_AUDIT_RULE = 1;

// special-values: Special fd/pidfd values and wire-format constants.

/** The only metadata.vers value current kernels write. Since Linux 2.6.37. @public */
export const FANOTIFY_METADATA_VERSION = 3;
/** sizeof(struct fanotify_event_metadata): metadata.metadata_len. Since Linux 2.6.37. @public */
export const FAN_EVENT_METADATA_LEN = 0x18;
/** metadata.fd when the event carries no fd (fid groups, overflow). Since Linux 2.6.37. @public */
export const FAN_NOFD = -1;
/** pidfd when the process no longer exists. Since Linux 5.15. @public */
export const FAN_NOPIDFD = -1;
/** pidfd when creating the pidfd failed. Since Linux 5.15. @public */
export const FAN_EPIDFD = -2;

// experimental: Proposed in the linux-fsdevel/vfs tree, not in mainline through 6.18 (rejected with EINVAL).

/** Init flag: restartable permission events, answered through a queue fd opened with FAN_IOC_OPEN_QUEUE_FD. Status: not mainline (linux-fsdevel/vfs). @public */
export const FAN_RESTARTABLE_EVENTS = 0x10000;
