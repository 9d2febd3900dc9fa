/**
 * The permission responses a simulated group wrote, for tests to assert: each with the event it
 * answered (found by fd among the permission events read and not yet answered, as the kernel
 * matches them) and what the write returned.
 *
 * @packageDocumentation
 */
import { hostByteOrder } from '../../codec/byte-order.js';
import { decodeEvents } from '../../codec/default-codec.js';
import { maskNames } from '../../codec/mask-names.js';
import { decodeResponse, responseErrno } from '../../codec/response.js';
import * as K from '../../generated/constants.js';
import { FANOTIFY_PERM_EVENTS } from '../../kernel/bits.js';
import { errnoName } from '../../kernel/errno.js';

/** FANOTIFY_PERM_EVENTS as a bigint, like the event masks. */
const PERMISSION_EVENTS = BigInt(FANOTIFY_PERM_EVENTS);

/**
 * One permission response a model or capture group wrote.
 *
 * @public
 */
export interface RecordedResponse {
  /** The `fd` field of the response: the permission event's fd. */
  readonly fd: number;
  /** The `response` word (FAN_ALLOW or FAN_DENY, with FAN_AUDIT / FAN_INFO / an errno). */
  readonly response: number;
  /** Allow or deny, in words. */
  readonly verdict: 'allow' | 'deny';
  /** The errno name of a FAN_DENY_ERRNO response (`'EIO'`), else `null`. */
  readonly errno: string | null;
  /** Mask names of the event answered (empty when no pending event had this fd). */
  readonly maskNames: readonly string[];
  /** `pid` of the event answered (0 when none). */
  readonly pid: number;
  /** What `write()` returned: the byte count, or a negative errno (`-ENOENT`: nothing waits under that fd). */
  readonly result: number;
}

/**
 * Permission events read and not yet answered, and the responses written.
 *
 * @internal
 */
export class ResponseLog {
  /** The responses, in write order. */
  readonly responses: RecordedResponse[] = [];
  private readonly pending = new Map<number, { readonly mask: bigint; readonly pid: number }>();

  /**
   * Notes the permission events of one read (`bytes` in the host's byte order).
   *
   * @returns Their fds and pids.
   */
  observeRead(bytes: Uint8Array): { fd: number; pid: number }[] {
    const found: { fd: number; pid: number }[] = [];
    for (const event of decodeEvents(bytes, { lenient: true })) {
      if ((event.mask & PERMISSION_EVENTS) === 0n || event.fd < 0) continue;
      this.pending.set(event.fd, { mask: event.mask, pid: event.pid });
      found.push({ fd: event.fd, pid: event.pid });
    }
    return found;
  }

  /** Whether a permission event read under `fd` still waits for its response. */
  isPending(fd: number): boolean {
    return this.pending.has(fd);
  }

  /**
   * Writes a response through `write` (given the fd of the event it names) and records it; an
   * answered event stops being pending.
   *
   * @returns What `write` returned, for the binding to return.
   */
  record(bytes: Uint8Array, write: (eventFd: number) => number): number {
    const decoded = decodeResponse(bytes, { byteOrder: hostByteOrder });
    const event = this.pending.get(decoded.fd);
    const result = write(decoded.fd);
    if (result >= 0) this.pending.delete(decoded.fd);
    const errno = responseErrno(decoded.response);
    this.responses.push({
      fd: decoded.fd,
      response: decoded.response,
      verdict: (decoded.response & K.FAN_DENY) !== 0 ? 'deny' : 'allow',
      errno: errno === 0 ? null : errnoName(errno),
      maskNames: event ? maskNames(event.mask) : [],
      pid: event?.pid ?? 0,
      result,
    });
    return result;
  }

  /** Forgets every pending event (the group was closed: the kernel allowed them). */
  clear(): void {
    this.pending.clear();
  }
}
