/**
 * Permission verdicts in words, checked against the kernel's rules for the running release
 * (`checkResponse` of the kernel-rules layer: `process_access_response`) before anything is
 * written, and encoded with the codec's one response writer (`encodeResponse`). The shape of a
 * verdict (allow or deny, errno names, audit-rule numbers) is checked here; what the kernel
 * accepts is the rules' to say.
 *
 * @packageDocumentation
 */
import { encodeResponse, FAN_DENY_ERRNO, type AuditRuleInfo, type PermissionResponse } from '../codec/response.js';
import * as K from '../generated/constants.js';
import { errnoName, errnoNumber } from '../kernel/errno.js';
import type { KernelRelease } from '../kernel/release.js';
import { AUDIT_RULE_LEN, checkResponse, type ResponseFacts } from '../kernel/rules/response.js';
import type { RuleFailure } from '../kernel/rules/rule.js';
import { FanotifyResponseError } from './errors.js';
import { unknownKeysMessage, type GroupTraits } from './options.js';
import { runningRelease } from './running-release.js';

export { DENY_ERRNOS } from '../kernel/rules/response.js';

/** An errno as a number (`5`) or a name (`'EIO'`). @public */
export type ErrnoSpec = number | string;

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
  readonly auditRule?: AuditRuleInfo;
}

/**
 * How to answer a permission event: `'allow'`, `'deny'` (the accessor gets EPERM),
 * `{ deny: 'EIO' }` (the accessor gets that errno; pre-content groups only), or a
 * {@link VerdictObject} with audit options.
 *
 * @public
 */
export type Verdict = 'allow' | 'deny' | VerdictObject;

function bad(message: string): FanotifyResponseError {
  return new FanotifyResponseError('LIVE_BAD_RESPONSE', message);
}

const VERDICT_KEYS: Readonly<Record<keyof VerdictObject, true>> = { allow: true, deny: true, audit: true, auditRule: true };
const AUDIT_RULE_KEYS: Readonly<Record<keyof AuditRuleInfo, true>> = { rule_number: true, subj_trust: true, obj_trust: true };

/** A verdict with a misspelled key must not be written as something else. */
function refuseUnknown(value: object, known: object, what: string): void {
  const message = unknownKeysMessage(value, Object.keys(known), `${what} key`);
  if (message !== undefined) throw bad(message);
}

function errnoOf(spec: ErrnoSpec): number {
  if (typeof spec === 'number') {
    // The response has 8 bits for it; a larger number would silently become another errno.
    if (!Number.isInteger(spec) || spec < 0 || spec > K.FAN_ERRNO_MASK) throw bad(`a deny errno must be a name or an integer from 0 to ${K.FAN_ERRNO_MASK}, got ${spec}`);
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

/** The verdict as an object with exactly one of allow and deny, and which. */
function verdictObject(verdict: Verdict): { v: VerdictObject; allow: boolean } {
  const v: VerdictObject = verdict === 'allow' ? { allow: true } : verdict === 'deny' ? { deny: true } : verdict;
  if (v === null || typeof v !== 'object') throw bad(`a verdict is 'allow', 'deny' or an object, got ${String(verdict)}`);
  refuseUnknown(v, VERDICT_KEYS, 'verdict');
  const allow = v.allow !== undefined && v.allow !== (false as unknown);
  const deny = v.deny !== undefined && v.deny !== (false as unknown);
  if (allow === deny) throw bad('a verdict must be exactly one of allow and deny');
  return { v, allow };
}

/** The `response` word: FAN_ALLOW or FAN_DENY (with its errno), FAN_AUDIT, FAN_INFO. */
function responseWord(v: VerdictObject, allow: boolean): number {
  let response = allow ? K.FAN_ALLOW : v.deny === true ? K.FAN_DENY : FAN_DENY_ERRNO(errnoOf(v.deny as ErrnoSpec));
  if (v.audit) response |= K.FAN_AUDIT;
  if (v.auditRule !== undefined) response |= K.FAN_INFO;
  return response >>> 0;
}

function auditRuleOf(r: AuditRuleInfo): NonNullable<PermissionResponse['audit_rule']> {
  if (r === null || typeof r !== 'object') throw bad('auditRule must be { rule_number, subj_trust, obj_trust }');
  refuseUnknown(r, AUDIT_RULE_KEYS, 'auditRule');
  return { rule_number: u32(r.rule_number, 'auditRule.rule_number'), subj_trust: u32(r.subj_trust, 'auditRule.subj_trust'), obj_trust: u32(r.obj_trust, 'auditRule.obj_trust') };
}

/**
 * The kernel rule `response` breaks in a group with `traits` on `release`, or `null`: the
 * response as the codec writes it (an audit-rule record is one 16-byte FAN_RESPONSE_INFO_AUDIT_RULE).
 *
 * @internal
 */
export function responseRefusal(response: PermissionResponse, traits: Pick<GroupTraits, 'priority' | 'auditEnabled'>, release: KernelRelease): RuleFailure | null {
  const facts: ResponseFacts = response.audit_rule
    ? { response: response.response, infoLength: AUDIT_RULE_LEN, infoHeader: { type: K.FAN_RESPONSE_INFO_AUDIT_RULE, pad: 0, len: AUDIT_RULE_LEN } }
    : { response: response.response, infoLength: 0 };
  return checkResponse(facts, { priority: traits.priority, auditEnabled: traits.auditEnabled }, release);
}

/**
 * The response for answering the event whose `metadata.fd` is `fd` with `verdict` in a group
 * with `traits`, checked against the kernel's rules for `release` (default: the running kernel).
 *
 * @throws {@link FanotifyResponseError} (`LIVE_BAD_RESPONSE`) for a malformed verdict, or
 *   with the message of the kernel rule it breaks (e.g. `deny with an errno (FAN_DENY_ERRNO)
 *   needs Linux 6.14 (running 6.12.57)`).
 * @internal
 */
export function responseFor(verdict: Verdict, fd: number, traits: GroupTraits, release: KernelRelease = runningRelease()): PermissionResponse {
  const { v, allow } = verdictObject(verdict);
  const response = responseWord(v, allow);
  const built: PermissionResponse = v.auditRule === undefined ? { fd, response } : { fd, response, audit_rule: auditRuleOf(v.auditRule) };
  const refusal = responseRefusal(built, traits, release);
  if (refusal) throw bad(refusal.message);
  return built;
}

/**
 * The bytes to write for `verdict`: {@link responseFor} (for `release`, default the running
 * kernel) encoded by the codec.
 *
 * @internal
 */
export function encodeVerdict(verdict: Verdict, fd: number, traits: GroupTraits, release?: KernelRelease): Uint8Array {
  return encodeResponse(responseFor(verdict, fd, traits, release));
}

/** A verdict in words for messages and records, e.g. `'deny(EIO)'`. @internal */
export function describeVerdict(verdict: Verdict): string {
  if (typeof verdict === 'string') return verdict;
  const base = verdict.allow ? 'allow' : verdict.deny === true || verdict.deny === undefined ? 'deny' : `deny(${typeof verdict.deny === 'number' ? errnoName(verdict.deny) : verdict.deny})`;
  return base + (verdict.audit ? '+audit' : '') + (verdict.auditRule ? `+rule ${verdict.auditRule.rule_number}` : '');
}
