/**
 * `fanotify_init(flags, event_f_flags)` validation in the kernel's order (fs/notify/fanotify/
 * fanotify_user.c, `SYSCALL_DEFINE2(fanotify_init)`), for any release the package knows: the
 * kernel model decides with it, live groups explain the kernel's refusals with it.
 *
 * @packageDocumentation
 */
import { initFlags } from '../../../spec/constants/init-flags.js';
import { aggregateAt, missingFlags } from '../availability.js';
import { FANOTIFY_UNPRIV, INIT, O, FANOTIFY_INIT_ALL_EVENT_F_BITS } from '../bits.js';
import { Errno } from '../errno.js';
import { behaviour, kernelHas } from '../behaviours.js';
import type { KernelRelease } from '../release.js';
import { missingMessage, refuse, type RuleFailure } from './rule.js';

/** `enum fsnotify_group_prio`: 0 notification, 1 content, 2 pre-content. @internal */
export type GroupPriority = 0 | 1 | 2;

/** Who calls fanotify_init and how the kernel is configured. @internal */
export interface InitContext {
  /** The release whose rules apply. */
  readonly release: KernelRelease;
  /** `capable(CAP_SYS_ADMIN)` in the initial user namespace. */
  readonly privileged: boolean;
  /** CONFIG_AUDITSYSCALL: FAN_ENABLE_AUDIT is a known flag. */
  readonly auditSyscall: boolean;
  /** `capable(CAP_AUDIT_WRITE)`. */
  readonly capAuditWrite: boolean;
  /** Accept FAN_RESTARTABLE_EVENTS (linux-fsdevel/vfs semantics; mainline gives EINVAL). */
  readonly restartableEvents: boolean;
  /** Groups the user already has (`undefined`: not known, the limit is not checked). */
  readonly userGroups?: number;
  /** `/proc/sys/fs/fanotify/max_user_groups`. */
  readonly maxUserGroups?: number;
}

/** An accepted call: the group's stored flags and priority. @internal */
export interface InitDecision {
  /** The group's flags: the init flags plus internal ones (FANOTIFY_UNPRIV). */
  readonly flags: number;
  /** The group's `event_f_flags` (O_LARGEFILE forced, as on 64-bit kernels). */
  readonly fFlags: number;
  /** The group's priority, from its class. */
  readonly priority: GroupPriority;
}

/**
 * Validates `fanotify_init(flags, event_f_flags)` as `ctx.release` does.
 *
 * @returns The group parameters, or the refusal with the kernel's errno and the rule that fired.
 * @internal
 */
export function checkInit(flagsIn: number, eventFFlags: number, ctx: InitContext): InitDecision | RuleFailure {
  const flags = flagsIn >>> 0;
  const r = ctx.release;
  const restartableBit = ctx.restartableEvents ? INIT.RESTARTABLE_EVENTS : 0;
  const fidBits = aggregateAt('FANOTIFY_FID_BITS', r);
  const fidMode = flags & fidBits;
  const cls = flags & aggregateAt('FANOTIFY_CLASS_BITS', r);
  const reportMnt = flags & aggregateAt('FANOTIFY_USER_INIT_FLAGS', r) & INIT.REPORT_MNT;
  const privilege = checkPrivilege(flags, fidMode | reportMnt, restartableBit, ctx);
  if (privilege) return privilege;
  const known = aggregateAt('FANOTIFY_INIT_FLAGS', r) | restartableBit | (ctx.auditSyscall ? INIT.ENABLE_AUDIT : 0);
  const unknown = (flags & ~known) >>> 0;
  if (unknown) return unknownInitFlags(unknown, r);
  if (flags & INIT.REPORT_PIDFD && flags & INIT.REPORT_TID && !kernelHas(r, 'pidfd-with-tid')) {
    return refuse(Errno.EINVAL, 'init.pidfd-with-tid', `FAN_REPORT_PIDFD and FAN_REPORT_TID are exclusive before Linux ${behaviour('pidfd-with-tid').since} (running ${r.text})`);
  }
  if (reportMnt) {
    if (cls !== 0) return refuse(Errno.EINVAL, 'init.report-mnt-needs-notif', 'FAN_REPORT_MNT requires FAN_CLASS_NOTIF');
    if (flags & (fidBits | INIT.REPORT_FD_ERROR)) {
      return refuse(Errno.EINVAL, 'init.report-mnt-alone', 'FAN_REPORT_MNT cannot be combined with fid report modes or FAN_REPORT_FD_ERROR');
    }
  }
  const fFlags = checkEventFFlags(eventFFlags);
  if (typeof fFlags !== 'number') return fFlags;
  const report = checkReportModes(fidMode, cls);
  if (report) return report;
  if (flags & restartableBit && cls === 0) return refuse(Errno.EINVAL, 'init.restartable-needs-permission-class', 'FAN_RESTARTABLE_EVENTS needs a permission class');
  if (ctx.userGroups !== undefined && ctx.maxUserGroups !== undefined && ctx.userGroups >= ctx.maxUserGroups) {
    return refuse(Errno.EMFILE, 'init.max-user-groups', 'too many fanotify groups for this user (fs.fanotify.max_user_groups)');
  }
  const priority = priorityOf(cls);
  if (priority === undefined) return refuse(Errno.EINVAL, 'init.two-classes', 'FAN_CLASS_CONTENT and FAN_CLASS_PRE_CONTENT are exclusive');
  if (flags & INIT.ENABLE_AUDIT && !ctx.capAuditWrite) return refuse(Errno.EPERM, 'init.audit-needs-cap', 'FAN_ENABLE_AUDIT needs CAP_AUDIT_WRITE');
  return { flags: (flags | (ctx.privileged ? 0 : FANOTIFY_UNPRIV)) >>> 0, fFlags: fFlags | O.LARGEFILE, priority };
}

/** Unprivileged groups: notification only, with fids or mount ids, no unlimited resources. */
function checkPrivilege(flags: number, infoModes: number, restartableBit: number, ctx: InitContext): RuleFailure | null {
  if (ctx.privileged) return null;
  if (flags & (aggregateAt('FANOTIFY_ADMIN_INIT_FLAGS', ctx.release) | restartableBit)) {
    return refuse(Errno.EPERM, 'init.admin-flags', 'the class and the PIDFD/TID/FD_ERROR/UNLIMITED_* flags need CAP_SYS_ADMIN in the initial user namespace (run as root; a user namespace such as unshare -U is not enough)');
  }
  if (!infoModes) {
    return refuse(Errno.EPERM, 'init.unprivileged-needs-fid', 'without CAP_SYS_ADMIN in the initial user namespace (a user namespace such as unshare -U is not enough) only FAN_CLASS_NOTIF groups with a fid report mode (or, from 6.15, FAN_REPORT_MNT) are allowed');
  }
  return null;
}

function unknownInitFlags(unknown: number, release: KernelRelease): RuleFailure {
  if (unknown & INIT.RESTARTABLE_EVENTS) {
    return refuse(Errno.EINVAL, 'init.unknown-flags', `FAN_RESTARTABLE_EVENTS (0x00010000) is experimental (linux-fsdevel/vfs tree), not in mainline Linux (running ${release.text})`);
  }
  const missing = missingFlags(initFlags.entries, unknown, release);
  if (missing.length) return refuse(Errno.EINVAL, 'init.flag-too-new', missingMessage(missing, release));
  if (unknown & INIT.ENABLE_AUDIT) return refuse(Errno.EINVAL, 'init.audit-not-configured', 'FAN_ENABLE_AUDIT needs a kernel with CONFIG_AUDITSYSCALL');
  return refuse(Errno.EINVAL, 'init.unknown-flags', `no kernel release the package knows has init flag bit(s) 0x${unknown.toString(16)}`);
}

function checkEventFFlags(eventFFlags: number): number | RuleFailure {
  if (eventFFlags & ~FANOTIFY_INIT_ALL_EVENT_F_BITS) {
    return refuse(Errno.EINVAL, 'init.event-f-flags', `event_f_flags 0x${(eventFFlags >>> 0).toString(16)} has bits outside FANOTIFY_INIT_ALL_EVENT_F_BITS`);
  }
  if ((eventFFlags & O.ACCMODE) === O.ACCMODE) return refuse(Errno.EINVAL, 'init.access-mode', 'event_f_flags has access mode 3 (use O_RDONLY, O_WRONLY or O_RDWR)');
  return eventFFlags;
}

function checkReportModes(fidMode: number, cls: number): RuleFailure | null {
  if (fidMode && cls !== 0) return refuse(Errno.EINVAL, 'init.fid-needs-notif', 'fid report modes require FAN_CLASS_NOTIF (permission events need an fd)');
  // The child name is reported with the parent fid.
  if (fidMode & INIT.REPORT_NAME && !(fidMode & INIT.REPORT_DIR_FID)) return refuse(Errno.EINVAL, 'init.name-needs-dir-fid', 'FAN_REPORT_NAME requires FAN_REPORT_DIR_FID');
  if (fidMode & INIT.REPORT_TARGET_FID && (!(fidMode & INIT.REPORT_NAME) || !(fidMode & INIT.REPORT_FID))) {
    return refuse(Errno.EINVAL, 'init.target-fid-needs-name-and-fid', 'FAN_REPORT_TARGET_FID requires FAN_REPORT_NAME, FAN_REPORT_DIR_FID and FAN_REPORT_FID');
  }
  return null;
}

/** The priority of a class field value, or `undefined` for both class bits. @internal */
export function priorityOf(cls: number): GroupPriority | undefined {
  if (cls === 0) return 0;
  if (cls === INIT.CLASS_CONTENT) return 1;
  if (cls === INIT.CLASS_PRE_CONTENT) return 2;
  return undefined;
}
