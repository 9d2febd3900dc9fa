/**
 * Permission verdicts in words, validated the way the kernel validates a response
 * (`process_access_response`, Linux 6.18) before anything is written, and encoded with the
 * codec's one response writer (`encodeResponse`).
 *
 * @packageDocumentation
 */
import { encodeResponse, FAN_DENY_ERRNO, type PermissionResponse } from '../codec/response.js';
import * as K from '../generated/constants.js';
import { errnoName, errnoNumber } from '../kernel/errno.js';
import { FanotifyResponseError } from './errors.js';
import type { GroupTraits } from './options.js';

/** An errno as a number (`5`) or a name (`'EIO'`). @public */
export type ErrnoSpec = number | string;

/**
 * The audit-rule record of a response (`FAN_INFO`, since 6.3): which rule decided and the trust
 * levels the audit log records (0 no, 1 yes, 2 unknown by convention; the kernel passes them on).
 *
 * @public
 */
export interface AuditRule {
  /** Number of the rule that decided (`rule_number`). */
  readonly ruleNumber: number;
  /** Trust in the subject, the accessing process (`subj_trust`). */
  readonly subjTrust: number;
  /** Trust in the object, the file (`obj_trust`). */
  readonly objTrust: number;
}

/**
 * A verdict in object form: exactly one of `allow` and `deny`; `deny` may carry an errno for the
 * accessor (pre-content groups only); `audit` adds FAN_AUDIT (needs `enableAudit`); `auditRule`
 * adds the FAN_INFO audit-rule record.
 *
 * @public
 */
export interface VerdictObject {
  /** FAN_ALLOW. */
  readonly allow?: true;
  /** FAN_DENY, or FAN_DENY_ERRNO(errno) with an errno (pre-content groups only). */
  readonly deny?: true | ErrnoSpec;
  /** FAN_AUDIT: also write an audit record (needs `enableAudit`). */
  readonly audit?: boolean;
  /** FAN_INFO with an audit-rule record (Linux 6.3). */
  readonly auditRule?: AuditRule;
}

/**
 * How to answer a permission event: `'allow'`, `'deny'` (the accessor gets EPERM),
 * `{ deny: 'EIO' }` (the accessor gets that errno; pre-content groups only), or a
 * {@link VerdictObject} with audit options.
 *
 * @public
 */
export type Verdict = 'allow' | 'deny' | VerdictObject;

/**
 * The errnos a deny may carry (0 means EPERM), the kernel's list for open/read/write of regular
 * files.
 *
 * @public
 */
export const DENY_ERRNOS: readonly string[] = ['EIO', 'EPERM', 'EBUSY', 'ETXTBSY', 'EAGAIN', 'ENOSPC', 'EDQUOT'];
const DENY_ERRNO_NUMBERS = new Set([0, ...DENY_ERRNOS.map((name) => errnoNumber(name)!)]);

function bad(message: string): FanotifyResponseError {
  return new FanotifyResponseError('ERR_FANOTIFY_BAD_RESPONSE', message);
}

function errnoOf(spec: ErrnoSpec): number {
  if (typeof spec === 'number') {
    if (!Number.isInteger(spec) || spec < 0) throw bad(`a deny errno must be a non-negative integer or a name, got ${spec}`);
    return spec;
  }
  const n = errnoNumber(spec);
  if (n === undefined) throw bad(`unknown errno name '${spec}'`);
  return n;
}

function u32(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 0xffff_ffff) {
    throw bad(`${what} must be a 32-bit unsigned integer, got ${String(value)}`);
  }
  return value;
}

/**
 * The response for answering the event whose `metadata.fd` is `fd` with `verdict` in a group
 * with `traits`, checked against every rule the kernel applies.
 *
 * @throws {@link FanotifyResponseError} (`ERR_FANOTIFY_BAD_RESPONSE`) naming the broken rule.
 * @internal
 */
export function responseFor(verdict: Verdict, fd: number, traits: GroupTraits): PermissionResponse {
  const v: VerdictObject = verdict === 'allow' ? { allow: true } : verdict === 'deny' ? { deny: true } : verdict;
  if (v === null || typeof v !== 'object') throw bad(`a verdict is 'allow', 'deny' or an object, got ${String(verdict)}`);
  const allow = v.allow !== undefined && v.allow !== (false as unknown);
  const deny = v.deny !== undefined && v.deny !== (false as unknown);
  if (allow === deny) throw bad('a verdict must be exactly one of allow and deny');
  let response: number = allow ? K.FAN_ALLOW : K.FAN_DENY;
  if (deny && v.deny !== true) {
    const errno = errnoOf(v.deny as ErrnoSpec);
    if (errno !== 0 && traits.notificationClass !== 'pre-content') {
      throw bad(`deny with an errno (${errnoName(errno)}) needs a pre-content group (class: 'pre-content'); this group is '${traits.notificationClass}'`);
    }
    if (!DENY_ERRNO_NUMBERS.has(errno)) {
      throw bad(`the kernel allows only ${DENY_ERRNOS.join(', ')} (or 0 for EPERM) as deny errnos, got ${errnoName(errno)}`);
    }
    response = FAN_DENY_ERRNO(errno);
  }
  if (v.audit) {
    if (!traits.auditEnabled) throw bad('audit needs a group opened with enableAudit (FAN_ENABLE_AUDIT)');
    response |= K.FAN_AUDIT;
  }
  let rule: PermissionResponse['audit_rule'];
  if (v.auditRule !== undefined) {
    const r = v.auditRule;
    if (r === null || typeof r !== 'object') throw bad('auditRule must be { ruleNumber, subjTrust, objTrust }');
    rule = { rule_number: u32(r.ruleNumber, 'auditRule.ruleNumber'), subj_trust: u32(r.subjTrust, 'auditRule.subjTrust'), obj_trust: u32(r.objTrust, 'auditRule.objTrust') };
    response |= K.FAN_INFO;
  }
  return rule === undefined ? { fd, response: response >>> 0 } : { fd, response: response >>> 0, audit_rule: rule };
}

/**
 * The bytes to write for `verdict`: {@link responseFor} encoded by the codec.
 *
 * @internal
 */
export function encodeVerdict(verdict: Verdict, fd: number, traits: GroupTraits): Uint8Array {
  return encodeResponse(responseFor(verdict, fd, traits));
}

/** A verdict in words for messages and records, e.g. `'deny(EIO)'`. @internal */
export function describeVerdict(verdict: Verdict): string {
  if (typeof verdict === 'string') return verdict;
  const base = verdict.allow ? 'allow' : verdict.deny === true || verdict.deny === undefined ? 'deny' : `deny(${typeof verdict.deny === 'number' ? errnoName(verdict.deny) : verdict.deny})`;
  return base + (verdict.audit ? '+audit' : '') + (verdict.auditRule ? `+rule ${verdict.auditRule.ruleNumber}` : '');
}
