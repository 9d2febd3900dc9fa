/**
 * `fanotify_init()` argument validation in the kernel's order (fanotify_user.c, 6.18), with the
 * experimental FAN_RESTARTABLE_EVENTS rules of the linux-fsdevel/vfs tree behind an option.
 *
 * @packageDocumentation
 */
import { Errno } from '../kernel/errno.js';
import type { GroupPriority } from './group.js';
import {
  FANOTIFY_ADMIN_INIT_FLAGS,
  FANOTIFY_CLASS_BITS,
  FANOTIFY_FID_BITS,
  FANOTIFY_INIT_ALL_EVENT_F_BITS,
  FANOTIFY_INIT_FLAGS,
  FANOTIFY_UNPRIV,
  INIT,
  O,
} from '../kernel/bits.js';

/** Who calls fanotify_init and how the simulated kernel is configured. @internal */
export interface InitContext {
  /** `capable(CAP_SYS_ADMIN)` (and in the initial user namespace). */
  readonly privileged: boolean;
  /** CONFIG_AUDITSYSCALL: FAN_ENABLE_AUDIT is a known flag (default true). */
  readonly auditSyscall: boolean;
  /** `capable(CAP_AUDIT_WRITE)`. */
  readonly capAuditWrite: boolean;
  /** Accept FAN_RESTARTABLE_EVENTS (linux-fsdevel/vfs semantics; 6.18 gives EINVAL). */
  readonly restartableEvents: boolean;
  /** Groups the user already has. */
  readonly userGroups: number;
  /** `/proc/sys/fs/fanotify/max_user_groups`. */
  readonly maxUserGroups: number;
}

/** A successful validation: the group's stored flags and priority. @internal */
export interface InitDecision {
  /** The group's flags: the init flags plus internal ones (FANOTIFY_UNPRIV). */
  readonly flags: number;
  /** The group's `event_f_flags` (O_LARGEFILE added). */
  readonly fFlags: number;
  /** The group's priority, from its class. */
  readonly priority: GroupPriority;
}

/**
 * Validates `fanotify_init(flags, event_f_flags)`.
 *
 * @returns The group parameters, or a negative errno, exactly as the kernel decides it.
 * @internal
 */
export function validateInit(flagsIn: number, eventFFlags: number, ctx: InitContext): InitDecision | number {
  const flags = flagsIn >>> 0;
  const restartable = ctx.restartableEvents ? flags & INIT.RESTARTABLE_EVENTS : 0;
  const adminFlags = FANOTIFY_ADMIN_INIT_FLAGS | (ctx.restartableEvents ? INIT.RESTARTABLE_EVENTS : 0);
  const initFlags = FANOTIFY_INIT_FLAGS | (ctx.restartableEvents ? INIT.RESTARTABLE_EVENTS : 0);
  const fidMode = flags & FANOTIFY_FID_BITS;
  const cls = flags & FANOTIFY_CLASS_BITS;
  let internal = 0;

  // Unprivileged groups: notification only, with fids or mount ids, no unlimited resources.
  if ((flags & adminFlags || !(flags & (FANOTIFY_FID_BITS | INIT.REPORT_MNT))) && !ctx.privileged) return -Errno.EPERM;
  if (!ctx.privileged) internal |= FANOTIFY_UNPRIV;
  if (flags & ~(initFlags | (ctx.auditSyscall ? INIT.ENABLE_AUDIT : 0))) return -Errno.EINVAL;
  // A pidfd can only be made for a thread-group leader.
  if (flags & INIT.REPORT_PIDFD && flags & INIT.REPORT_TID) return -Errno.EINVAL;
  if (flags & INIT.REPORT_MNT) {
    if (cls !== 0) return -Errno.EINVAL;
    if (flags & (FANOTIFY_FID_BITS | INIT.REPORT_FD_ERROR)) return -Errno.EINVAL;
  }
  if (eventFFlags & ~FANOTIFY_INIT_ALL_EVENT_F_BITS) return -Errno.EINVAL;
  if ((eventFFlags & O.ACCMODE) === O.ACCMODE) return -Errno.EINVAL;
  if (fidMode && cls !== 0) return -Errno.EINVAL;
  // The child name is reported with the parent fid.
  if (fidMode & INIT.REPORT_NAME && !(fidMode & INIT.REPORT_DIR_FID)) return -Errno.EINVAL;
  if (fidMode & INIT.REPORT_TARGET_FID && (!(fidMode & INIT.REPORT_NAME) || !(fidMode & INIT.REPORT_FID))) return -Errno.EINVAL;
  if (restartable && cls === 0) return -Errno.EINVAL;
  if (ctx.userGroups >= ctx.maxUserGroups) return -Errno.EMFILE;
  let priority: GroupPriority;
  switch (cls) {
    case 0:
      priority = 0;
      break;
    case INIT.CLASS_CONTENT:
      priority = 1;
      break;
    case INIT.CLASS_PRE_CONTENT:
      priority = 2;
      break;
    default:
      return -Errno.EINVAL;
  }
  if (flags & INIT.ENABLE_AUDIT && !ctx.capAuditWrite) return -Errno.EPERM;
  // force_o_largefile() on 64-bit.
  return { flags: (flags | internal) >>> 0, fFlags: eventFFlags | O.LARGEFILE, priority };
}
