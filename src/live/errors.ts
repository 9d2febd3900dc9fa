/**
 * Errors of live fanotify groups. Every failure is a {@link FanotifyError} (under the package's
 * root {@link FanotifyCodecError}) with a stable `LIVE_…` code: system-call failures
 * (`LIVE_SYSCALL_FAILED`) carry the errno name, the call and its arguments in words plus a hint;
 * refused permission responses say which kernel rule they break; misuse of a closed group or an
 * expired event says so.
 *
 * @packageDocumentation
 */
import { FanotifyCodecError, type ReasonOf } from '../fanotify-codec-error.js';
import { errnoName } from '../kernel/errno.js';

/**
 * Base class of the live layer's errors.
 *
 * @public
 */
export class FanotifyError extends FanotifyCodecError {
  /** Stable, machine-readable code: `LIVE_SYSCALL_FAILED`, `LIVE_BUSY`, … (see docs/errors.md). */
  declare readonly code: `LIVE_${ReasonOf<'LIVE'>}`;

  /**
   * @param code - The stable code.
   * @param message - Human-readable explanation.
   * @param options - The underlying error, if any.
   */
  constructor(code: `LIVE_${ReasonOf<'LIVE'>}`, message: string, options?: { readonly cause?: unknown }) {
    super(code, message, options);
    this.name = 'FanotifyError';
  }
}

/**
 * The system calls the live layer reports failures of.
 *
 * @public
 */
export type FanotifySyscall =
  | 'fanotify_init'
  | 'fanotify_mark'
  | 'read'
  | 'write'
  | 'close'
  | 'poll'
  | 'open'
  | 'open_by_handle_at'
  | 'readlink'
  | 'statfs'
  | 'sendmsg'
  | 'recvmsg';

/**
 * A system call failed. `code` is `LIVE_SYSCALL_FAILED`; `errno` is the errno name (`'EINVAL'`),
 * `errnoValue` its number; `args` are the
 * call's arguments in words (`{ flags: 'FAN_CLASS_CONTENT|FAN_REPORT_FID', … }`); `hint` says
 * in one line what that errno means for this call with these arguments.
 *
 * @example
 * ```ts
 * try { openGroup({ class: 'content', fid: true }) } catch (e) {
 *   if (e instanceof FanotifySyscallError && e.errno === 'EINVAL') console.error(e.hint);
 * }
 * ```
 * @public
 */
export class FanotifySyscallError extends FanotifyError {
  /** Stable, machine-readable reason (see docs/errors.md). */
  declare readonly code: 'LIVE_SYSCALL_FAILED';
  /** The errno name, e.g. `'EPERM'`. */
  readonly errno: string;
  /** The errno number, e.g. `1`. */
  readonly errnoValue: number;
  /** The system call that failed. */
  readonly syscall: FanotifySyscall;
  /** The call's arguments, in words. */
  readonly args: Readonly<Record<string, string>>;
  /** What the errno means here, in one line; empty when nothing specific is known. */
  readonly hint: string;

  /**
   * @param syscall - The failed call.
   * @param errno - The errno as the addon returns it (negative) or as a positive number.
   * @param args - The call's arguments in words.
   * @param hint - One line on what it means here.
   */
  constructor(syscall: FanotifySyscall, errno: number, args: Readonly<Record<string, string>>, hint: string) {
    const name = errnoName(errno);
    const argText = Object.entries(args)
      .map(([key, value]) => `${key}: ${value}`)
      .join(', ');
    super('LIVE_SYSCALL_FAILED', `${syscall}(${argText}) failed with ${name}${hint ? `: ${hint}` : ''}`);
    this.name = 'FanotifySyscallError';
    this.errno = name;
    this.errnoValue = Math.abs(errno);
    this.syscall = syscall;
    this.args = Object.freeze({ ...args });
    this.hint = hint;
  }
}

/**
 * Codes of {@link FanotifyResponseError}.
 *
 * - `LIVE_BAD_RESPONSE`: the kernel would refuse this response for this group (the
 *   message names the rule), so it was not written.
 * - `LIVE_ALREADY_ANSWERED`: the event was answered before (by you, by the default
 *   verdict at the end of its step, or when the group closed).
 * - `LIVE_NOT_PERMISSION_EVENT`: `respond()` on an event nobody waits for.
 * - `LIVE_AUTO_DENIED`: the kernel could not open the event's file (its fd is a negative
 *   errno) and denied the access itself; there is nothing left to answer.
 * - `LIVE_DEADLINE_PASSED`: the group's `permissionTimeoutMs` passed first and the event
 *   was answered with the default verdict.
 *
 * @public
 */
export type FanotifyResponseErrorCode =
  | 'LIVE_BAD_RESPONSE'
  | 'LIVE_ALREADY_ANSWERED'
  | 'LIVE_DEADLINE_PASSED'
  | 'LIVE_NOT_PERMISSION_EVENT'
  | 'LIVE_AUTO_DENIED';

/**
 * A permission response was refused before it was written.
 *
 * @public
 */
export class FanotifyResponseError extends FanotifyError {
  /** Why the response was refused (see {@link FanotifyResponseErrorCode}). */
  declare readonly code: FanotifyResponseErrorCode;

  /**
   * @param code - Why.
   * @param message - The rule that was broken, in words.
   */
  constructor(code: FanotifyResponseErrorCode, message: string) {
    super(code, message);
    this.name = 'FanotifyResponseError';
  }
}

/**
 * Codes of {@link FanotifyStateError}.
 *
 * - `LIVE_CLOSED`: the group is closed.
 * - `LIVE_BUSY`: the group already has a consumer (an iterator, a stream, `consume()` or
 *   `'event'` listeners); one group feeds one consumer at a time.
 * - `LIVE_EVENT_EXPIRED`: the event's bytes were overwritten by a later read; keep an
 *   event past its step with `copy()` or `toObject()`.
 * - `LIVE_FD_UNAVAILABLE`: the event has no fd or pidfd to give (negative, already
 *   taken, or already closed at the end of the step).
 *
 * @public
 */
export type FanotifyStateErrorCode =
  | 'LIVE_CLOSED'
  | 'LIVE_BUSY'
  | 'LIVE_EVENT_EXPIRED'
  | 'LIVE_FD_UNAVAILABLE';

/**
 * An operation that the group's or the event's current state does not allow.
 *
 * @public
 */
export class FanotifyStateError extends FanotifyError {
  /** Which state forbids the operation (see {@link FanotifyStateErrorCode}). */
  declare readonly code: FanotifyStateErrorCode;

  /**
   * @param code - Which state forbids it.
   * @param message - What happened and what to do instead.
   */
  constructor(code: FanotifyStateErrorCode, message: string) {
    super(code, message);
    this.name = 'FanotifyStateError';
  }
}

/**
 * An option that cannot become a valid system-call argument (an unknown event name, a buffer
 * smaller than one event, …). Raised before anything is asked of the kernel.
 *
 * @public
 */
export class FanotifyOptionError extends FanotifyError {
  /** Always `'LIVE_BAD_OPTION'`. */
  declare readonly code: 'LIVE_BAD_OPTION';

  /** @param message - What is wrong with which option. */
  constructor(message: string) {
    super('LIVE_BAD_OPTION', message);
    this.name = 'FanotifyOptionError';
  }
}

/**
 * A path could not be resolved for an event (no mount fd for the event's filesystem, a mount
 * event, an error event without a handle).
 *
 * @public
 */
export class FanotifyPathError extends FanotifyError {
  /** Always `'LIVE_NO_PATH'`. */
  declare readonly code: 'LIVE_NO_PATH';

  /** @param message - Why there is no path. */
  constructor(message: string) {
    super('LIVE_NO_PATH', message);
    this.name = 'FanotifyPathError';
  }
}

/**
 * `openGroup({ fd })` was given an fd that is not a fanotify group (or not open), so there is
 * nothing to adopt.
 *
 * @example
 * ```ts
 * try { openGroup({ fd: 0 }) } catch (e) { if (e instanceof FanotifyAdoptError) console.error(e.message) }
 * // openGroup({ fd: 0 }): fd 0 cannot be adopted: it is /dev/pts/0, not a fanotify group (anon_inode:[fanotify])
 * ```
 * @public
 */
export class FanotifyAdoptError extends FanotifyError {
  /** Always `'LIVE_NOT_A_GROUP'`. */
  declare readonly code: 'LIVE_NOT_A_GROUP';
  /** The fd that was offered. */
  readonly fd: number;

  /**
   * @param fd - The fd that was offered.
   * @param why - What it is instead, in words.
   */
  constructor(fd: number, why: string) {
    super('LIVE_NOT_A_GROUP', `openGroup({ fd: ${fd} }): fd ${fd} cannot be adopted: ${why}`);
    this.name = 'FanotifyAdoptError';
    this.fd = fd;
  }
}
