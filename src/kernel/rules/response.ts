/**
 * Permission responses: the checks of `fanotify_write` and `process_access_response`
 * (fs/notify/fanotify/fanotify_user.c) for any release the package knows. The kernel model
 * answers writes with them; live groups refuse a verdict with them before writing it.
 *
 * @packageDocumentation
 */
import { fanotify_response, fanotify_response_info_audit_rule } from '../../../spec/structs/response.js';
import { FAN_ERRNO_MASK, FAN_ERRNO_SHIFT, FAN_RESPONSE_INFO_AUDIT_RULE } from '../../generated/constants.js';
import { releaseHasConstant } from '../availability.js';
import { RESP } from '../bits.js';
import { Errno, errnoName, type ErrnoName } from '../errno.js';
import type { KernelRelease } from '../release.js';
import type { GroupPriority } from './init.js';
import { refuse, type RuleFailure } from './rule.js';

/** `sizeof(struct fanotify_response)`. @internal */
export const RESPONSE_LEN = fanotify_response.layout.sizeof;
/** `sizeof(struct fanotify_response_info_audit_rule)`. @internal */
export const AUDIT_RULE_LEN = fanotify_response_info_audit_rule.layout.sizeof;

/**
 * The errnos a deny may carry in a pre-content group (Linux 6.14+), besides 0 for EPERM: what
 * open, read and write of a regular file may fail with (`process_access_response`).
 *
 * @public
 */
export const DENY_ERRNOS: readonly ErrnoName[] = Object.freeze(['EIO', 'EPERM', 'EBUSY', 'ETXTBSY', 'EAGAIN', 'ENOSPC', 'EDQUOT'] as const);
const DENY_ERRNO_NUMBERS = new Set<number>([0, ...DENY_ERRNOS.map((name) => Errno[name])]);

/** The group answering, as the rules see it. @internal */
export interface ResponseGroupFacts {
  /** The group's priority (class). */
  readonly priority: GroupPriority;
  /** FAN_ENABLE_AUDIT. */
  readonly auditEnabled: boolean;
}

/** A response as written: the `response` word and its optional audit-rule info header. @internal */
export interface ResponseFacts {
  /** `fanotify_response.response`. */
  readonly response: number;
  /** Bytes written after the 8-byte response. */
  readonly infoLength: number;
  /** The info header after the response, when there are at least 4 bytes. */
  readonly infoHeader?: { readonly type: number; readonly pad: number; readonly len: number };
}

/**
 * The `response` bits a release accepts: allow/deny, FAN_AUDIT, FAN_INFO (6.3) and the errno
 * field (6.14).
 *
 * @internal
 */
export function responseValidMask(release: KernelRelease): number {
  let mask = RESP.ALLOW | RESP.DENY | RESP.AUDIT;
  if (releaseHasConstant(release, 'FAN_INFO')) mask |= RESP.INFO;
  if (releaseHasConstant(release, 'FAN_ERRNO_BITS')) mask |= FAN_ERRNO_MASK << FAN_ERRNO_SHIFT;
  return mask >>> 0;
}

/**
 * Checks a response as `release` does, before the fd is looked up among the pending events.
 *
 * @returns `null` when it is acceptable, or the refusal (always EINVAL).
 * @internal
 */
export function checkResponse(facts: ResponseFacts, group: ResponseGroupFacts, release: KernelRelease): RuleFailure | null {
  const response = facts.response >>> 0;
  const errno = (response >>> FAN_ERRNO_SHIFT) & FAN_ERRNO_MASK;
  const extra = (response & ~responseValidMask(release)) >>> 0;
  if (extra) return refuse(Errno.EINVAL, 'response.unknown-bits', unknownBitsMessage(extra, release));
  switch (response & (RESP.ALLOW | RESP.DENY)) {
    case RESP.ALLOW:
      if (errno) return refuse(Errno.EINVAL, 'response.allow-with-errno', 'an allow cannot carry an errno');
      break;
    case RESP.DENY:
      // Custom errnos only for pre-content groups, and only those open/read/write may return.
      if (errno && group.priority !== 2) return refuse(Errno.EINVAL, 'response.errno-needs-pre-content', `deny with an errno (${errnoName(errno)}) needs a pre-content group`);
      if (!DENY_ERRNO_NUMBERS.has(errno)) {
        return refuse(Errno.EINVAL, 'response.errno-not-allowed', `the kernel allows only ${DENY_ERRNOS.join(', ')} (or 0 for EPERM) as deny errnos, got ${errnoName(errno)}`);
      }
      break;
    default:
      return refuse(Errno.EINVAL, 'response.allow-or-deny', 'a response is exactly one of FAN_ALLOW and FAN_DENY');
  }
  if (response & RESP.AUDIT && !group.auditEnabled) return refuse(Errno.EINVAL, 'response.audit-needs-enable-audit', 'FAN_AUDIT needs a group opened with FAN_ENABLE_AUDIT (enableAudit)');
  if (response & RESP.INFO) return checkAuditRule(facts);
  return null;
}

function checkAuditRule(facts: ResponseFacts): RuleFailure | null {
  const header = facts.infoHeader;
  if (facts.infoLength !== AUDIT_RULE_LEN || !header || header.type !== FAN_RESPONSE_INFO_AUDIT_RULE || header.pad !== 0 || header.len !== AUDIT_RULE_LEN) {
    return refuse(Errno.EINVAL, 'response.audit-rule-record', `FAN_INFO needs exactly one ${AUDIT_RULE_LEN}-byte audit-rule record (type 1, pad 0, len ${AUDIT_RULE_LEN})`);
  }
  return null;
}

function unknownBitsMessage(extra: number, release: KernelRelease): string {
  if (extra & RESP.INFO && !releaseHasConstant(release, 'FAN_INFO')) return `FAN_INFO (audit-rule records) needs Linux 6.3 (running ${release.text})`;
  if (extra >>> FAN_ERRNO_SHIFT && !releaseHasConstant(release, 'FAN_ERRNO_BITS')) return `deny with an errno (FAN_DENY_ERRNO) needs Linux 6.14 (running ${release.text})`;
  return `response bits 0x${extra.toString(16)} are not FAN_ALLOW, FAN_DENY, FAN_AUDIT, FAN_INFO or an errno`;
}
