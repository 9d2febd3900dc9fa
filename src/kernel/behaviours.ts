/**
 * The behaviour changes of fanotify by release that the constant tables' `since` cannot express,
 * as data: each with the release that brought it, what it changes, where in the kernel source it
 * is, whether the kernel model follows it, and on which real kernels the package verified it.
 * The rules and the model ask {@link kernelHas}; the README's release table is this list.
 *
 * @packageDocumentation
 */
import { releaseHas, type KernelRelease } from './release.js';

/**
 * One release-dependent behaviour.
 *
 * @public
 */
export interface KernelBehaviour {
  /** Stable id. */
  readonly id: BehaviourId;
  /** Mainline release that introduced it. */
  readonly since: string;
  /** Stable releases it was backported to. */
  readonly backports?: readonly string[];
  /** What changes, in one line. */
  readonly summary: string;
  /** Where it is in the kernel (file and function; commit or tag where known). */
  readonly source: string;
  /** How the kernel model follows it: `'modelled'`, or why not. */
  readonly model: string;
  /** Kernels on which the package compared model and kernel for it (`'source only'` when none). */
  readonly verified: string;
}

/** Ids of the behaviours in {@link KERNEL_BEHAVIOURS}. @public */
export type BehaviourId =
  | 'pidfd-with-tid'
  | 'pidfd-of-reaped-task'
  | 'fionread-event-len'
  | 'async-fs-error'
  | 'chattr-attrib'
  | 'special-file-children'
  | 'watchdog'
  | 'sanitised-handle-type'
  | 'userns-admin-marks'
  | 'weak-fsid'
  | 'mount-events'
  | 'pre-content'
  | 'fd-error'
  | 'response-info'
  | 'mark-ignore'
  | 'evictable-marks'
  | 'rename'
  | 'fs-error'
  | 'report-pidfd'
  | 'open-creat-directory';

const B = (b: KernelBehaviour): KernelBehaviour => Object.freeze(b);

/**
 * The behaviour changes from 5.15 through 7.3, newest first.
 *
 * @public
 */
export const KERNEL_BEHAVIOURS: readonly KernelBehaviour[] = Object.freeze([
  B({
    id: 'fionread-event-len',
    since: '7.3',
    backports: ['6.1.188', '6.12.110', '6.18.49'],
    summary: 'ioctl(FIONREAD) returns the sum of the queued events\' event_len (before: 24 bytes per queued event)',
    source: 'fanotify_user.c fanotify_ioctl() FIONREAD, "fanotify: report full event length for FIONREAD" (7.3-rc1; stable 6.1.188 and 6.12.110 per Debian\'s changelogs, 6.18.y between 6.18.45 and 6.18.49, the first tree read with it)',
    model: 'modelled',
    verified: '6.1.192 and 6.12.118 (sum), 6.18.44 (24 per event)',
  }),
  B({
    id: 'pidfd-with-tid',
    since: '7.2',
    summary: 'FAN_REPORT_PIDFD | FAN_REPORT_TID is accepted (thread pidfds); before, fanotify_init gives EINVAL',
    source: 'fanotify_user.c fanotify_init() (7.2 merge window)',
    model: 'modelled',
    verified: '6.1.192, 6.12.118, 6.18.44 (EINVAL); 7.2 from source only',
  }),
  B({
    id: 'pidfd-of-reaped-task',
    since: '7.2',
    summary: 'a PIDFD record gets a pidfd even when the task was reaped (before: FAN_NOPIDFD, or -ESRCH with FAN_REPORT_FD_ERROR)',
    source: 'fanotify_user.c copy_event_to_user() / pidfd_prepare() (7.2)',
    model: 'modelled',
    verified: 'source only',
  }),
  B({
    id: 'async-fs-error',
    since: '7.0',
    summary: 'FAN_FS_ERROR is raised from an fserror workqueue (fs/fserror.c): reporting task, merging and new error sources change',
    source: 'fs/fserror.c, fs/notify/fanotify/fanotify.c (7.0)',
    model: 'not modelled: the model raises FS_ERROR synchronously as 6.18 does',
    verified: 'source only',
  }),
  B({
    id: 'chattr-attrib',
    since: '6.19',
    summary: 'vfs_fileattr_set (chattr, FS_IOC_SETFLAGS) emits FAN_ATTRIB',
    source: 'fs/file_attr.c vfs_fileattr_set() (6.19)',
    model: 'modelled (the chattr step: open, FS_IOC_SETFLAGS, close; FAN_ATTRIB with the object from 6.19)',
    verified: '6.1.192, 6.12.118, 6.18.44 (no FAN_ATTRIB, chattr differential templates); 6.19 source only',
  }),
  B({
    id: 'special-file-children',
    since: '6.19',
    backports: ['6.1.192', '6.12.118', '6.18.44'],
    summary: 'ACCESS/MODIFY of special-file children (fifos, devices) no longer reach parent watchers',
    source: 'include/linux/fsnotify.h fsnotify_file() (6.19); in the 6.1.y, 6.12.y and 6.18.y stable points tested (each an upper bound: the first point with it not established)',
    model: 'modelled for fifos on every release (fsnotify_parent drops the parent\'s interest in ACCESS/MODIFY of a special file); stable points before the backport are not distinguished',
    verified: '6.1.192, 6.12.118, 6.18.44 (a fifo child\'s writes and reads reach filesystem marks, not its parent\'s mark: ops fifo differential templates)',
  }),
  B({
    id: 'watchdog',
    since: '6.18',
    summary: '/proc/sys/fs/fanotify/watchdog_timeout logs slow permission responders (no change on the wire)',
    source: 'fanotify_user.c perm_group_watchdog (6.18)',
    model: 'nothing to model',
    verified: 'nothing on the wire to compare',
  }),
  B({
    id: 'sanitised-handle-type',
    since: '6.17',
    summary: 'handle_type values are sanitised when reporting fids (also in stable)',
    source: 'fanotify.c fanotify_encode_fh() (6.17)',
    model: 'handles come from the scenario',
    verified: 'source only',
  }),
  B({
    id: 'userns-admin-marks',
    since: '6.16',
    summary: 'user-namespace admins may place filesystem and mount marks on objects their namespace owns',
    source: 'fanotify_user.c do_fanotify_mark() capability check (6.16)',
    model: 'the model has one privilege bit per process',
    verified: 'source only',
  }),
  B({
    id: 'mount-events',
    since: '6.15',
    summary: 'FAN_REPORT_MNT, FAN_MARK_MNTNS, FAN_MNT_ATTACH/DETACH and the MNT record',
    source: 'include/uapi/linux/fanotify.h, fanotify_user.c (6.15)',
    model: 'modelled (flags by since)',
    verified: '6.18.44 (events); 6.1.192, 6.12.118 (EINVAL at fanotify_init and fanotify_mark)',
  }),
  B({
    id: 'pre-content',
    since: '6.14',
    summary: 'FAN_PRE_ACCESS with the RANGE record, FAN_DENY_ERRNO responses in pre-content groups',
    source: 'fanotify_user.c process_access_response(), fanotify.c (6.14)',
    model: 'modelled (flags by since, response errno field by since)',
    verified: '6.18.44 (events, FAN_DENY_ERRNO); 6.1.192, 6.12.118 (EINVAL at fanotify_mark)',
  }),
  B({
    id: 'fd-error',
    since: '6.13',
    backports: ['6.12.4', '6.6.66'],
    summary: 'FAN_REPORT_FD_ERROR: -errno in fd/pidfd instead of a failed read',
    source: 'fanotify_user.c fanotify_init(), copy_event_to_user() (6.13; stable 6.12.4, 6.6.66)',
    model: 'modelled (flag by since and backports)',
    verified: '6.18.44 and 6.12.118 (accepted, -errno in fd/pidfd); 6.1.192 (EINVAL)',
  }),
  B({
    id: 'open-creat-directory',
    since: '6.4',
    backports: ['6.1.176'],
    summary: 'open(O_CREAT | O_DIRECTORY) is EINVAL before any lookup (before: a missing name is created as a regular file, then ENOTDIR; an existing directory EISDIR, or EEXIST with O_EXCL)',
    source: 'fs/open.c build_open_flags(), "open: return EINVAL for O_DIRECTORY | O_CREAT" (6.4; in 6.1.y by 6.1.176, the first 6.1 point with it not established — 6.1.176, the oldest point captured, is an upper bound); before, fs/namei.c do_open() checks LOOKUP_DIRECTORY after creating',
    model: 'modelled (the pre-6.4 create-then-ENOTDIR path too)',
    verified: '6.1.176, 6.1.192, 6.12.118, 6.18.44 (EINVAL)',
  }),
  B({
    id: 'response-info',
    since: '6.3',
    summary: 'FAN_INFO: an audit-rule record may follow a permission response',
    source: 'fanotify_user.c process_access_response_info() (6.3)',
    model: 'modelled (response bits by since)',
    verified: '6.18.44, 6.12.118 (audit-rule record and FAN_NOFD probe accepted); 6.1.192 (EINVAL)',
  }),
  B({
    id: 'weak-fsid',
    since: '6.8',
    summary: 'fid groups may place inode marks on filesystems with a zero or subvolume fsid ("weak" fsid) and without decodable handles; before, ENODEV/EXDEV/EOPNOTSUPP for every mark type',
    source: 'fanotify_user.c fanotify_test_fsid() `weak:` label and fanotify_test_fid() (read in 6.12.y, absent in 6.1.y; 6.8 per the commit log, not read at the tag)',
    model: 'modelled (zero fsid and non-decodable handles)',
    verified: 'source only',
  }),
  B({
    id: 'mark-ignore',
    since: '6.0',
    backports: ['5.15.154', '5.10.220'],
    summary: 'FAN_MARK_IGNORE: ignore masks that honour FAN_ONDIR and FAN_EVENT_ON_CHILD',
    source: 'fanotify_user.c do_fanotify_mark() (6.0)',
    model: 'modelled (flag by since)',
    verified: '6.1.192, 6.12.118, 6.18.44',
  }),
  B({
    id: 'evictable-marks',
    since: '5.19',
    backports: ['5.15.154', '5.10.220'],
    summary: 'FAN_MARK_EVICTABLE inode marks that do not pin the inode',
    source: 'fanotify_user.c fanotify_add_mark() (5.19)',
    model: 'modelled (flag by since; eviction itself is not modelled)',
    verified: 'source only (no differential template marks evictably yet)',
  }),
  B({
    id: 'rename',
    since: '5.17',
    backports: ['5.15.154', '5.10.220'],
    summary: 'FAN_RENAME with OLD/NEW_DFID_NAME records, FAN_REPORT_TARGET_FID',
    source: 'fanotify.c fanotify_alloc_name_event() (5.17)',
    model: 'modelled (flags by since)',
    verified: '6.1.192, 6.12.118, 6.18.44',
  }),
  B({
    id: 'fs-error',
    since: '5.16',
    backports: ['5.15.154', '5.10.220'],
    summary: 'FAN_FS_ERROR on filesystem marks with the ERROR record',
    source: 'fanotify.c fanotify_handle_error_event() (5.16)',
    model: 'modelled (flag by since)',
    verified: '6.1.192, 6.12.118, 6.18.44 (ext4)',
  }),
  B({
    id: 'report-pidfd',
    since: '5.15',
    backports: ['5.10.220'],
    summary: 'FAN_REPORT_PIDFD and the PIDFD record',
    source: 'fanotify_user.c copy_pidfd_info_to_user() (5.15)',
    model: 'modelled (flag by since)',
    verified: '6.1.192, 6.12.118, 6.18.44',
  }),
]);

const BY_ID = new Map(KERNEL_BEHAVIOURS.map((b) => [b.id, b]));

/** The behaviour with this id. @internal */
export function behaviour(id: BehaviourId): KernelBehaviour {
  return BY_ID.get(id)!;
}

/**
 * Whether `release` behaves as {@link KernelBehaviour} `id` says.
 *
 * @public
 */
export function kernelHas(release: KernelRelease, id: BehaviourId): boolean {
  const b = BY_ID.get(id)!;
  return releaseHas(release, b.since, b.backports);
}
