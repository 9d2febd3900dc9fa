/**
 * Permission responses: `struct fanotify_response`, optionally followed by the audit-rule info
 * record, encoded and decoded through the same schemas as events.
 *
 * @packageDocumentation
 */
import { responseValues } from '../../spec/constants/responses.js';
import { fanotify_response, fanotify_response_info_audit_rule } from '../../spec/structs/response.js';
import { FanotifyDecodeError, FanotifyEncodeError } from '../errors.js';
import { rejectUnknownOptions } from '../fanotify-codec-error.js';
import { compileCodecStruct } from './structs.js';
import type { StructValue } from '../schema/infer.js';
import { isLittleEndian, viewsOf, type ByteOrder } from './byte-order.js';

const r = responseValues.entries;
const compiledResponse = compileCodecStruct(fanotify_response);
const compiledAuditRule = compileCodecStruct(fanotify_response_info_audit_rule);
const RESPONSE_LEN = fanotify_response.layout.sizeof;
const AUDIT_RULE_LEN = fanotify_response_info_audit_rule.layout.sizeof;
const BYTE_ORDER_ONLY = ['byteOrder'];

/** The audit-rule info of a response (`struct fanotify_response_info_audit_rule` without its header). @public */
export interface AuditRuleInfo {
  /** Number of the rule that decided. */
  readonly rule_number: number;
  /** Trust of the subject (0 no, 1 yes, 2 unknown). */
  readonly subj_trust: number;
  /** Trust of the object (0 no, 1 yes, 2 unknown). */
  readonly obj_trust: number;
}

/**
 * A permission response as written to the fanotify fd.
 *
 * @public
 */
export interface PermissionResponse {
  /** `metadata.fd` of the event answered, or FAN_NOFD for a FAN_INFO capability probe. */
  readonly fd: number;
  /** FAN_ALLOW or FAN_DENY, `|` FAN_AUDIT, FAN_INFO, and an errno from {@link FAN_DENY_ERRNO}. */
  readonly response: number;
  /** Audit-rule record; present exactly when `response` has FAN_INFO. */
  readonly audit_rule?: AuditRuleInfo;
}

/**
 * `FAN_DENY_ERRNO(err)`: a deny response that makes the accessor's call fail with `errno`
 * (pre-content groups only; since Linux 6.14).
 *
 * @public
 */
export function FAN_DENY_ERRNO(errno: number): number {
  return (r.FAN_DENY.value | ((errno & r.FAN_ERRNO_MASK.value) << r.FAN_ERRNO_SHIFT.value)) >>> 0;
}

/** The errno encoded in a response (0 when none); the replayed capture's responses report it. @internal */
export function responseErrno(response: number): number {
  return (response >>> r.FAN_ERRNO_SHIFT.value) & r.FAN_ERRNO_MASK.value;
}

/**
 * Encodes a response (8 bytes, or 24 with an audit-rule record). Refuses an `audit_rule` without
 * FAN_INFO and FAN_INFO without an `audit_rule`, which the kernel would reject.
 *
 * @public
 */
export function encodeResponse(response: PermissionResponse, options: { readonly byteOrder?: ByteOrder } = {}): Uint8Array {
  rejectUnknownOptions('encodeResponse', options, BYTE_ORDER_ONLY);
  const le = isLittleEndian(options.byteOrder);
  const hasInfo = typeof response.response === 'number' && (response.response & r.FAN_INFO.value) !== 0;
  if (hasInfo !== (response.audit_rule !== undefined)) {
    throw new FanotifyEncodeError('BAD_RESPONSE', 'response', hasInfo ? 'FAN_INFO is set but no audit_rule is given' : 'an audit_rule needs FAN_INFO in response');
  }
  const u8 = new Uint8Array(RESPONSE_LEN + (hasInfo ? AUDIT_RULE_LEN : 0));
  const dv = new DataView(u8.buffer);
  compiledResponse.write(response as unknown as Record<string, unknown>, dv, u8, 0, le, 'response');
  if (response.audit_rule) {
    const preset = { type: r.FAN_RESPONSE_INFO_AUDIT_RULE.value, len: AUDIT_RULE_LEN };
    compiledAuditRule.write(response.audit_rule as unknown as Record<string, unknown>, dv, u8, RESPONSE_LEN, le, 'response.audit_rule', preset);
  }
  return u8;
}

/**
 * Decodes what a listener wrote: the response and, with FAN_INFO, the info record that follows.
 * Structural checks only; whether the kernel accepts it is a separate question.
 *
 * @public
 */
export function decodeResponse(bytes: Uint8Array | ArrayBufferView | ArrayBuffer, options: { readonly byteOrder?: ByteOrder } = {}): PermissionResponse & { readonly audit_rule_header?: StructValue<typeof fanotify_response_info_audit_rule> } {
  rejectUnknownOptions('decodeResponse', options, BYTE_ORDER_ONLY);
  const le = isLittleEndian(options.byteOrder);
  const { dv, u8 } = viewsOf(bytes);
  if (u8.length === 0) throw new FanotifyDecodeError('EMPTY_INPUT', 0, 'response', `a response is at least ${RESPONSE_LEN} bytes, got none`);
  const view = new compiledResponse.View();
  const issue = compiledResponse.bind(view, dv, u8, 0, u8.length, le);
  // Each check keeps its own code: a short buffer is DECODE_TRUNCATED, a bad field is not.
  if (issue) throw new FanotifyDecodeError(issue.code, issue.offset, `response.${issue.field}`, issue.detail);
  const value = compiledResponse.toObject(view);
  if ((value.response & r.FAN_INFO.value) === 0) return value;
  const info = new compiledAuditRule.View();
  const infoIssue = compiledAuditRule.bind(info, dv, u8, RESPONSE_LEN, u8.length, le);
  if (infoIssue) throw new FanotifyDecodeError(infoIssue.code, infoIssue.offset, `response.audit_rule.${infoIssue.field}`, infoIssue.detail);
  const rule = compiledAuditRule.toObject(info);
  return { ...value, audit_rule: { rule_number: rule.rule_number, subj_trust: rule.subj_trust, obj_trust: rule.obj_trust }, audit_rule_header: rule };
}
