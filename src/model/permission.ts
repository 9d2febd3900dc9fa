/**
 * Answering permission events: `process_access_response` (the checks of write(2) on a fanotify
 * fd, in the kernel's order) and `finish_permission_event`.
 *
 * @packageDocumentation
 */
import { decodeResponse } from '../codec/response.js';
import type { ByteOrder } from '../codec/byte-order.js';
import { FanotifyDecodeError } from '../errors.js';
import { Errno } from '../kernel/errno.js';
import type { ModelEvent } from './event.js';
import type { ModelGroup } from './group.js';
import { INIT, RESP } from '../kernel/bits.js';
import { releaseHasConstant } from '../kernel/availability.js';
import type { KernelRelease } from '../kernel/release.js';
import { checkResponse, RESPONSE_LEN } from '../kernel/rules/response.js';
import { FAN_NOFD } from '../generated/constants.js';

/** `finish_permission_event`: records the answer; the waiter resumes. @internal */
export function finishPermissionEvent(event: ModelEvent, response: number, answered: (event: ModelEvent) => void): void {
  event.response = (response & ~RESP.INFO) >>> 0;
  event.state = 'answered';
  answered(event);
}

/**
 * write(2) of a response to a fanotify fd, parsed with the codec's response decoder.
 *
 * @returns Bytes accepted (8, or 24 with an audit-rule record) or a negative errno.
 * @internal
 */
export function processResponse(group: ModelGroup, bytes: Uint8Array, byteOrder: ByteOrder, release: KernelRelease, answered: (event: ModelEvent) => void): number {
  if (bytes.length < RESPONSE_LEN) return -Errno.EINVAL;
  // Before 6.3 only the 8-byte response is read; the rest of the write is ignored.
  const info = releaseHasConstant(release, 'FAN_INFO');
  const written = info ? bytes : bytes.subarray(0, RESPONSE_LEN);
  let parsed: ReturnType<typeof decodeResponse>;
  try {
    parsed = decodeResponse(written, { byteOrder });
  } catch (error) {
    // FAN_INFO with fewer than 16 info bytes: every path through the kernel's checks is EINVAL.
    if (error instanceof FanotifyDecodeError) return -Errno.EINVAL;
    throw error;
  }
  const infoLength = written.length - RESPONSE_LEN;
  const header = parsed.audit_rule_header;
  const refused = checkResponse(
    { response: parsed.response, infoLength, ...(header ? { infoHeader: header } : {}) },
    { priority: group.priority, auditEnabled: group.has(INIT.ENABLE_AUDIT) },
    release,
  );
  if (refused) return -refused.errno;
  const fd = parsed.fd;
  const accepted = RESPONSE_LEN + (parsed.response & RESP.INFO ? infoLength : 0);
  // FAN_NOFD with FAN_INFO: a capability probe.
  if (fd === FAN_NOFD && parsed.response & RESP.INFO) return accepted;
  if (fd < 0) return -Errno.EINVAL;
  const at = group.accessList.findIndex((e) => e.fd === fd);
  if (at < 0) return -Errno.ENOENT;
  const [event] = group.accessList.splice(at, 1);
  finishPermissionEvent(event!, parsed.response >>> 0, answered);
  return accepted;
}
