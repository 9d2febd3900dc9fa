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
import { FANOTIFY_RESPONSE_VALID_MASK, INIT, RESP } from '../kernel/bits.js';

const RESPONSE_LEN = 8;
const AUDIT_RULE_LEN = 16;
/** Deny errnos allowed for pre-content groups (`process_access_response`). */
const DENY_ERRNOS = new Set([0, Errno.EIO, Errno.EPERM, Errno.EBUSY, Errno.ETXTBSY, Errno.EAGAIN, Errno.ENOSPC, Errno.EDQUOT]);

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
export function processResponse(group: ModelGroup, bytes: Uint8Array, byteOrder: ByteOrder, answered: (event: ModelEvent) => void): number {
  if (bytes.length < RESPONSE_LEN) return -Errno.EINVAL;
  let parsed: ReturnType<typeof decodeResponse>;
  try {
    parsed = decodeResponse(bytes, { byteOrder });
  } catch (error) {
    // FAN_INFO with fewer than 16 info bytes: every path through the kernel's checks is EINVAL.
    if (error instanceof FanotifyDecodeError) return -Errno.EINVAL;
    throw error;
  }
  const response = parsed.response >>> 0;
  const fd = parsed.fd;
  const errno = (response >>> 24) & 0xff;
  const infoLen = bytes.length - RESPONSE_LEN;
  if (response & ~FANOTIFY_RESPONSE_VALID_MASK) return -Errno.EINVAL;
  switch (response & (RESP.ALLOW | RESP.DENY)) {
    case RESP.ALLOW:
      if (errno) return -Errno.EINVAL;
      break;
    case RESP.DENY:
      // Custom errnos only for pre-content groups, and only those open/read/write may return.
      if (errno && group.priority !== 2) return -Errno.EINVAL;
      if (!DENY_ERRNOS.has(errno)) return -Errno.EINVAL;
      break;
    default:
      return -Errno.EINVAL;
  }
  if (response & RESP.AUDIT && !group.has(INIT.ENABLE_AUDIT)) return -Errno.EINVAL;
  let ret = 0;
  if (response & RESP.INFO) {
    const header = parsed.audit_rule_header;
    if (infoLen !== AUDIT_RULE_LEN || !header) return -Errno.EINVAL;
    if (header.type !== 1 || header.pad !== 0 || header.len !== AUDIT_RULE_LEN) return -Errno.EINVAL;
    ret = infoLen;
    // FAN_NOFD with FAN_INFO: a capability probe.
    if (fd === -1) return RESPONSE_LEN + ret;
  }
  if (fd < 0) return -Errno.EINVAL;
  const at = group.accessList.findIndex((e) => e.fd === fd);
  if (at < 0) return -Errno.ENOENT;
  const [event] = group.accessList.splice(at, 1);
  finishPermissionEvent(event!, response, answered);
  return RESPONSE_LEN + ret;
}
