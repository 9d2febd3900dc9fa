/**
 * One-line hints for failed fanotify system calls: what an errno means for that call with those
 * arguments (the same errno means different things to fanotify_init, fanotify_mark, read and
 * write). The kernel stays the judge; a hint only explains its answer. `fanotify_init` and
 * `fanotify_mark` refusals are explained by the kernel-rules layer for the running release (so
 * a flag this kernel lacks is named with the release that brought it), and by a per-errno text
 * where the rules cannot tell (resources, security modules, the object behind a path).
 *
 * @packageDocumentation
 */
import { readFileSync } from 'node:fs';
import { FANOTIFY_MARK_CMD_BITS, FANOTIFY_MARK_TYPE_BITS, FANOTIFY_PERM_EVENTS, FANOTIFY_PRE_CONTENT_EVENTS, FS, INIT, MARK } from '../kernel/bits.js';
import { Errno } from '../kernel/errno.js';
import type { KernelRelease } from '../kernel/release.js';
import { checkInit, type InitContext } from '../kernel/rules/init.js';
import { checkMarkArguments, MARK_OBJECT_REFUSALS, markObjectRefusalsWith, NO_MARK_TO_REMOVE, type MarkGroupFacts } from '../kernel/rules/mark.js';
import { isRefusal, type RuleFailure } from '../kernel/rules/rule.js';
import { traitsOf } from './options.js';
import { runningAsRoot, runningRelease } from './running-release.js';

function has(flags: number, bits: number): boolean {
  return (flags & bits) !== 0;
}

/** The first rule refusal that gave the kernel's errno: the explanation of that errno. */
function refusalWith(errno: number, results: readonly unknown[]): RuleFailure | undefined {
  return results.find((r): r is RuleFailure => isRefusal(r) && r.errno === errno);
}

/** Adds the current value to every fanotify sysctl a hint names: `(fs.fanotify.max_user_marks = 8192)`. */
function withSysctlValues(hint: string): string {
  return hint.replace(/fs\.fanotify\.(\w+)/g, (whole, name: string) => whole + sysctl(name));
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
 * The callers the init rules are asked about, the likeliest first: what the process seems to
 * be (root: every capability, a kernel with audit), then the guesses that could explain a
 * refusal anyway: no CAP_AUDIT_WRITE, the other side of CAP_SYS_ADMIN (root of a user
 * namespace; a non-root with file capabilities), a kernel without CONFIG_AUDITSYSCALL.
 */
function initCallers(release: KernelRelease): InitContext[] {
  const root = runningAsRoot();
  const base: InitContext = { release, privileged: root, capAuditWrite: root, auditSyscall: true, restartableEvents: false };
  return [base, { ...base, capAuditWrite: !root }, { ...base, privileged: !root, capAuditWrite: !root }, { ...base, auditSyscall: false }];
}

/** What `fanotify_init` errnos mean where the rules do not say. */
const INIT_FALLBACKS: Readonly<Partial<Record<number, string>>> = {
  [Errno.EPERM]:
    'needs CAP_SYS_ADMIN in the initial user namespace (run as root; a user namespace such as unshare -U is not enough); ' +
    'without it only FAN_CLASS_NOTIF groups with a fid report mode and no PIDFD/TID/FD_ERROR/UNLIMITED_* flag are allowed',
  [Errno.EINVAL]: 'a flag or event_f_flags is not supported by this kernel (probeFeatures() asks the kernel which)',
  [Errno.EMFILE]: 'too many fanotify groups for this user (fs.fanotify.max_user_groups) or no free fd (RLIMIT_NOFILE)',
  [Errno.ENFILE]: 'the system-wide file table is full (fs.file-max)',
  [Errno.ENOSYS]: 'the kernel has no fanotify (CONFIG_FANOTIFY off) or a seccomp filter (e.g. a container runtime) blocks fanotify_init',
  [Errno.ENOMEM]: 'the kernel could not allocate the group',
};

/**
 * Why `fanotify_init(flags, eventFFlags)` failed with `errno` on `release` (default: the
 * running kernel): the kernel rule that gives that errno, e.g. `FAN_REPORT_FD_ERROR needs
 * Linux 6.13 (or 6.12.4, 6.6.66 stable) (running 6.1.0-50-amd64)`, else what the errno usually
 * means for fanotify_init.
 *
 * @internal
 */
export function initHint(errno: number, flags: number, eventFFlags: number, release: KernelRelease = runningRelease()): string {
  const refusal = refusalWith(errno, initCallers(release).map((ctx) => checkInit(flags, eventFFlags, ctx)));
  return withSysctlValues(refusal?.message ?? INIT_FALLBACKS[errno] ?? '');
}

/** What a mark call was asked, for {@link markHint}. @internal */
export interface MarkHintContext {
  /** The group's `fanotify_init` flags. */
  readonly groupInitFlags: number;
  /** The `fanotify_mark` flags. */
  readonly markFlags: number;
  /** The event mask. */
  readonly mask: bigint;
}

/** A mark call as the choice among refusals after the lookup sees it. */
interface MarkCall {
  readonly flags: number;
  /** The low 32 bits (a mask with upper bits is refused before the lookup). */
  readonly mask: number;
  readonly type: number;
  readonly fid: boolean;
}

const R = MARK_OBJECT_REFUSALS;
const preContent = (c: MarkCall): boolean => has(c.mask, FANOTIFY_PRE_CONTENT_EVENTS);
const ignoreWithoutSurv = (c: MarkCall): boolean => has(c.flags, MARK.IGNORE) && !has(c.flags, MARK.IGNORED_SURV_MODIFY);

/**
 * When a refusal after the lookup can be the one behind an errno, for the refusals that share
 * an errno with another (the rest always can): the hint cannot inspect the object, but the
 * flags rule some out.
 */
const OBJECT_REFUSAL_APPLIES: ReadonlyMap<RuleFailure, (c: MarkCall) => boolean> = new Map([
  [R.ONLYDIR, (c: MarkCall) => has(c.flags, MARK.ONLYDIR)],
  [R.PRE_CONTENT_NEEDS_HSM, preContent],
  [R.PRE_CONTENT_REGULAR_ONLY, preContent],
  // Live marks always name an object (a path or dirfd).
  [R.FID_NEEDS_PATH, () => false],
  [R.CANNOT_ENCODE_FID, (c: MarkCall) => c.fid && c.type === 0],
  [R.CANNOT_DECODE_FH, (c: MarkCall) => c.fid],
  [R.IGNORE_OBJECT_NEEDS_SURV, (c: MarkCall) => ignoreWithoutSurv(c) && c.type !== 0],
  [R.EVICTABLE_CONFLICT, (c: MarkCall) => has(c.flags, MARK.EVICTABLE)],
  [R.IGNORE_STYLE_CONFLICT, (c: MarkCall) => has(c.flags, MARK.IGNORED_MASK)],
  [R.SURV_MODIFY_CONFLICT, ignoreWithoutSurv],
  [R.PRE_CONTENT_ONDIR_CONFLICT, (c: MarkCall) => has(c.mask, FANOTIFY_PRE_CONTENT_EVENTS | FS.ISDIR)],
  [NO_MARK_TO_REMOVE, (c: MarkCall) => (c.flags & FANOTIFY_MARK_CMD_BITS) === MARK.REMOVE],
]);

/** What `fanotify_mark` errnos mean where the rules do not say. */
const MARK_FALLBACKS: Readonly<Partial<Record<number, string>>> = {
  [Errno.EINVAL]: 'the kernel rejects this combination of mark flags and events (or an event bit this kernel lacks)',
  [Errno.ENOENT]: 'the path does not exist',
  [Errno.EOPNOTSUPP]: 'the filesystem does not support this mark',
  [Errno.EPERM]: 'the caller may not watch this object',
  [Errno.EACCES]: 'no read permission on the object (or a security module denied the mark)',
  [Errno.EEXIST]:
    'the existing mark conflicts: a non-evictable mark cannot become evictable, and ignore-mode styles (FAN_MARK_IGNORE vs IGNORED_MASK, surviveModify) cannot be mixed',
  [Errno.EBADF]: 'the group is closed or dirfd is not an open fd',
  [Errno.ELOOP]: 'too many symbolic links (or dontFollow on a path whose last component is not a link)',
};

/** The EINVALs the rules leave to the object, which only the kernel has looked at. */
function invalidObjectHint(c: MarkCall): string | undefined {
  if (c.type === MARK.MNTNS) return 'the path is not a mount namespace file (use /proc/<pid>/ns/mnt)';
  if (has(c.mask, FANOTIFY_PERM_EVENTS)) return 'permission events are not allowed on this object (e.g. procfs) or for this group class';
  return undefined;
}

/** The argument checks, as this process (root: CAP_SYS_ADMIN) and as the other side of CAP_SYS_ADMIN. */
function argumentRefusal(errno: number, ctx: MarkHintContext, release: KernelRelease): RuleFailure | undefined {
  const g = ctx.groupInitFlags;
  const group: MarkGroupFacts = { flags: g, priority: traitsOf(g, 0).priority, restartable: has(g, INIT.RESTARTABLE_EVENTS) };
  const root = runningAsRoot();
  return refusalWith(errno, [root, !root].map((privileged) => checkMarkArguments(ctx.markFlags, ctx.mask, { release, privileged, group })));
}

/**
 * Why `fanotify_mark(…)` failed with `errno` on `release` (default: the running kernel): the
 * kernel rule that gives that errno before the path lookup (e.g. `FAN_MNT_ATTACH needs Linux
 * 6.15 (running 6.12.57)`), else the refusal after the lookup that the flags allow, else what the
 * errno usually means for fanotify_mark.
 *
 * @internal
 */
export function markHint(errno: number, ctx: MarkHintContext, release: KernelRelease = runningRelease()): string {
  const call: MarkCall = {
    flags: ctx.markFlags,
    mask: Number(ctx.mask & 0xffff_ffffn),
    type: ctx.markFlags & FANOTIFY_MARK_TYPE_BITS,
    fid: traitsOf(ctx.groupInitFlags, 0).reportsFid,
  };
  const refusal =
    argumentRefusal(errno, ctx, release) ?? markObjectRefusalsWith(errno).find((r) => OBJECT_REFUSAL_APPLIES.get(r)?.(call) ?? true);
  const fallback = errno === Errno.EINVAL ? invalidObjectHint(call) : undefined;
  return withSysctlValues(refusal?.message ?? fallback ?? MARK_FALLBACKS[errno] ?? '');
}

/**
 * Why `read()` on the group failed with `errno`.
 *
 * @internal
 */
export function readHint(errno: number, bufferSize: number, fdError: boolean): string {
  switch (errno) {
    case Errno.EINVAL:
      return `the read buffer (${bufferSize} bytes) is smaller than the next event: use a larger bufferSize`;
    case Errno.EMFILE:
    case Errno.ENFILE:
      return `no free fd for the event's file (RLIMIT_NOFILE): the kernel dropped that event (permission events are denied); raise the limit or use a smaller bufferSize${fdError ? '' : ', or fdError: true to receive it with fd = -errno'}`;
    case Errno.EBADF:
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
    case Errno.ENOENT:
      return `no permission event with fd ${fd} is waiting for a response (already answered, or the group was closed)`;
    case Errno.EINVAL:
      return 'the kernel rejected the response (see kernel-fanotify §3.10); please report this: it should have been refused before writing';
    case Errno.EBADF:
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
    case Errno.EPERM:
      return 'resolving file handles needs CAP_DAC_READ_SEARCH';
    case Errno.ESTALE:
      return 'the object no longer exists (deleted, and its inode reused or evicted)';
    case Errno.EOVERFLOW:
    case Errno.EINVAL:
      return 'the handle is malformed or too long for this filesystem';
    case Errno.EBADF:
      return 'the mount fd is closed';
    case Errno.EXDEV:
      return 'the mount fd is not on the handle\'s filesystem';
    default:
      return '';
  }
}
