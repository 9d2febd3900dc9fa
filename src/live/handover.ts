/**
 * Handing a group fd to another process over a Unix socket (SCM_RIGHTS), which Node cannot do
 * for arbitrary fds: a daemon passes its group to its successor so that a restart keeps the
 * group, its marks and its queued events; the successor adopts it with `openGroup({ fd })`.
 * Inheritance needs no helper: pass `group.fd` in `spawn`'s `stdio` array.
 *
 * @packageDocumentation
 */
import { Errno } from '../kernel/errno.js';
import { FanotifySyscallError } from './errors.js';
import { loadNativeBinding } from './native/load.js';

/**
 * Sends a copy of `fd` (e.g. `group.fd`) to the process at the other end of the connected Unix
 * socket `socket`. The sender keeps its own copy; closing it does not affect the receiver's.
 *
 * @throws {@link FanotifySyscallError} (`syscall: 'sendmsg'`), e.g. ENOTSOCK when `socket` is
 *   not a Unix socket, EAGAIN when its buffer is full.
 * @public
 */
export function sendFd(socket: number, fd: number): void {
  const result = loadNativeBinding().sendFd(socket, fd);
  if (result < 0) throw new FanotifySyscallError('sendmsg', result, { socket: String(socket), fd: String(fd) }, result === -Errno.ENOTSOCK ? 'the socket fd is not a socket' : '');
}

/**
 * Receives an fd sent with {@link sendFd} on the Unix socket `socket`, without blocking. The
 * new fd is close-on-exec and yours (hand it to `openGroup({ fd })`, which then owns it).
 *
 * @returns The fd, or `undefined` when nothing has arrived yet (try again when readable).
 * @throws {@link FanotifySyscallError} (`syscall: 'recvmsg'`): EBADMSG when the peer closed or
 *   sent data without exactly one fd, ENOTSOCK when `socket` is not a socket.
 * @public
 */
export function receiveFd(socket: number): number | undefined {
  const result = loadNativeBinding().receiveFd(socket);
  if (result === -Errno.EAGAIN) return undefined;
  if (result < 0) throw new FanotifySyscallError('recvmsg', result, { socket: String(socket) }, result === -Errno.EBADMSG ? 'the peer closed or sent no fd' : '');
  return result;
}
