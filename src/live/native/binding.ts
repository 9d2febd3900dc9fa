import type { NativeConstants } from './constants.js';
import type { NativeFileHandle } from './file-handle.js';
import type { NativePollCallback, NativePollHandle } from './poll-handle.js';

/**
 * The `addonVersion` this TypeScript code was written against. It must equal
 * `FC_ADDON_VERSION` in `native/fanotify_codec.h`; the loader rejects any
 * other binary (for example a stale local build).
 *
 * @public
 */
export const NATIVE_ADDON_VERSION = 2;

/**
 * The native addon's exports: thin, synchronous, never-blocking wrappers of
 * the fanotify-related system calls.
 *
 * @remarks
 * Conventions:
 * - A system-call failure is returned as a negative errno number (e.g.
 *   `-11` for `EAGAIN`), never thrown.
 * - A wrong argument type or an out-of-range argument (a programming error)
 *   throws a `TypeError` with a Node-style `code`.
 * - fds are plain integers; flag words accept their signed or unsigned
 *   32-bit reading; 64-bit masks are `bigint`s.
 * - Paths are strings or raw bytes (`Uint8Array`, for names that are not
 *   UTF-8); longer than `PATH_MAX` gives `-ENAMETOOLONG`, an embedded NUL
 *   throws.
 *
 * Obtain it with `loadNativeBinding()`; no other module may touch the addon.
 *
 * @internal
 */
export interface NativeBinding {
  /** Version of the binary's JavaScript-visible surface. */
  readonly addonVersion: number;
  /** libc/kernel-header constants for sanity checks. */
  readonly constants: NativeConstants;

  /**
   * `fanotify_init(flags, event_f_flags)` via the raw system call, so any
   * flag the running kernel knows passes through.
   * @returns The new group fd, or a negative errno.
   */
  init(flags: number, eventFFlags: number): number;

  /**
   * `fanotify_mark(fd, flags, mask, dirfd, path)` via the raw system call.
   * @param mask - 64-bit event mask; must be in `[0, 2^64)`.
   * @param path - `null` passes a NULL pathname (dirfd-only marks,
   *   `FAN_MARK_FLUSH`).
   * @returns `0`, or a negative errno.
   */
  mark(fd: number, flags: number, mask: bigint, dirfd: number, path: string | Uint8Array | null): number;

  /**
   * `read(fd, buf + offset, length)` straight into `buf`'s memory
   * (zero-copy, honouring the view's `byteOffset`). Retries on `EINTR`.
   * The fd must be non-blocking (`FAN_NONBLOCK`).
   * @returns Bytes read, or a negative errno (`-EAGAIN` on an empty queue).
   * @throws TypeError if `[offset, offset + length)` is not within `buf`.
   */
  read(fd: number, buf: Uint8Array, offset: number, length: number): number;

  /**
   * `write(fd, buf + offset, length)`, e.g. permission responses.
   * @returns Bytes written, or a negative errno.
   * @throws TypeError if `[offset, offset + length)` is not within `buf`.
   */
  write(fd: number, buf: Uint8Array, offset: number, length: number): number;

  /**
   * `close(fd)`. An `EINTR` from close counts as success (Linux has
   * released the fd anyway).
   * @returns `0`, or a negative errno; `-EBUSY` while an open
   *   {@link NativePollHandle} watches the fd (close the handle first).
   */
  close(fd: number): number;

  /**
   * `ioctl(fd, FIONREAD)`: bytes a `read` would return now.
   * @returns The byte count, or a negative errno.
   */
  fionread(fd: number): number;

  /**
   * `name_to_handle_at(dirfd, path, handle, mount_id, flags)` with a
   * `MAX_HANDLE_SZ` buffer.
   * @param flags - Any of `AT_EMPTY_PATH`, `AT_SYMLINK_FOLLOW`,
   *   `AT_HANDLE_FID`, `AT_HANDLE_MNT_ID_UNIQUE`, `AT_HANDLE_CONNECTABLE`.
   * @returns The handle, or a negative errno.
   */
  nameToHandleAt(dirfd: number, path: string | Uint8Array, flags: number): NativeFileHandle | number;

  /**
   * `open_by_handle_at(mountFd, handle, flags)`; needs
   * `CAP_DAC_READ_SEARCH`.
   * @param mountFd - Any fd on the handle's filesystem.
   * @returns The new fd, or a negative errno (`-EINVAL` for a handle
   *   longer than `MAX_HANDLE_SZ`).
   */
  openByHandleAt(mountFd: number, handleType: number, handle: Uint8Array, flags: number): number;

  /**
   * `statfs(path).f_fsid`: the two signed 32-bit words fanotify copies into
   * the `fsid` of FID records.
   * @returns `[val0, val1]`, or a negative errno.
   */
  statfsFsid(path: string | Uint8Array): [number, number] | number;

  /**
   * `statx(path, STATX_MNT_ID_UNIQUE).stx_mnt_id` (symlinks followed, no
   * automount, like `stat(2)`).
   * @returns The 64-bit unique mount id, or a negative errno;
   *   `-EOPNOTSUPP` on kernels before 6.8.
   */
  mountIdUnique(path: string | Uint8Array): bigint | number;

  /**
   * Starts watching `fd` for readability on the calling thread's event loop.
   * @returns A started handle, or a negative errno: `-EEXIST` if an open
   *   handle (on any thread) already watches `fd`, `-EBADF`/`-EPERM` from
   *   libuv for fds epoll cannot watch.
   */
  poll(fd: number, callback: NativePollCallback): NativePollHandle | number;

  /**
   * Diagnostics: poll handles of the calling thread whose native state is
   * not yet released (open ones, plus closed ones whose libuv close callback
   * has not run yet, i.e. until the next loop iteration).
   */
  pollHandleCount(): number;

  /**
   * `sendmsg(socket, one byte + SCM_RIGHTS [fd], MSG_DONTWAIT)`: hands `fd` to the process at
   * the other end of a Unix socket (the sender keeps its own copy).
   * @returns `0`, or a negative errno (`-EAGAIN` when the socket buffer is full).
   */
  sendFd(socket: number, fd: number): number;

  /**
   * `recvmsg(socket, MSG_DONTWAIT | MSG_CMSG_CLOEXEC)` of what {@link NativeBinding.sendFd} sent.
   * @returns The received fd (close-on-exec), or a negative errno: `-EAGAIN` when nothing was
   *   sent yet, `-EBADMSG` when the peer closed or sent no fd.
   */
  receiveFd(socket: number): number;

  /**
   * Sets `O_NONBLOCK` and `FD_CLOEXEC` on an fd a group adopts (the file status flag is shared
   * with every process holding the same open file).
   * @returns `0`, or a negative errno (`-EBADF`).
   */
  adoptFd(fd: number): number;
}
