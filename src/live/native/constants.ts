/**
 * libc and kernel-header values reported by the native addon.
 *
 * The TypeScript layer cross-checks its own tables against these at load
 * time. fanotify constants are intentionally absent: they live in the
 * TypeScript spec, the single source of truth for the wire format.
 *
 * @remarks
 * `O_LARGEFILE` is the kernel's value (e.g. `0o100000` on x86_64), not
 * glibc's, which is `0` on 64-bit targets even though the kernel still
 * reports the bit in `F_GETFL`, `/proc/<pid>/fdinfo` and fanotify's
 * `event_f_flags`.
 *
 * @internal
 */
export interface NativeConstants {
  /** `open(2)` flag `O_RDONLY`. */
  readonly O_RDONLY: number;
  /** `open(2)` flag `O_WRONLY`. */
  readonly O_WRONLY: number;
  /** `open(2)` flag `O_RDWR`. */
  readonly O_RDWR: number;
  /** Mask of the `open(2)` access-mode bits (`O_ACCMODE`). */
  readonly O_ACCMODE: number;
  /** `open(2)` flag `O_LARGEFILE`. */
  readonly O_LARGEFILE: number;
  /** `open(2)` flag `O_CLOEXEC`. */
  readonly O_CLOEXEC: number;
  /** `open(2)` flag `O_NONBLOCK`. */
  readonly O_NONBLOCK: number;
  /** `open(2)` flag: a path-only fd (no I/O). */
  readonly O_PATH: number;
  /** `open(2)` flag `O_DIRECTORY`. */
  readonly O_DIRECTORY: number;
  /** `open(2)` flag `O_NOFOLLOW`. */
  readonly O_NOFOLLOW: number;
  /** `open(2)` flag `O_NOATIME`. */
  readonly O_NOATIME: number;
  /** `open(2)` flag `O_APPEND`. */
  readonly O_APPEND: number;
  /** `open(2)` flag `O_CREAT`. */
  readonly O_CREAT: number;
  /** `open(2)` flag `O_EXCL`. */
  readonly O_EXCL: number;
  /** `open(2)` flag `O_TRUNC`. */
  readonly O_TRUNC: number;
  /** `dirfd` value meaning the current working directory. */
  readonly AT_FDCWD: number;
  /** `*at(2)` flag `AT_EMPTY_PATH`. */
  readonly AT_EMPTY_PATH: number;
  /** `*at(2)` flag `AT_SYMLINK_FOLLOW`. */
  readonly AT_SYMLINK_FOLLOW: number;
  /** `*at(2)` flag `AT_SYMLINK_NOFOLLOW`. */
  readonly AT_SYMLINK_NOFOLLOW: number;
  /** `*at(2)` flag `AT_NO_AUTOMOUNT`. */
  readonly AT_NO_AUTOMOUNT: number;
  /** `name_to_handle_at` flag for a comparable-only handle (Linux 6.5). */
  readonly AT_HANDLE_FID: number;
  /** `name_to_handle_at` flag reporting the 64-bit unique mount id (Linux 6.12). */
  readonly AT_HANDLE_MNT_ID_UNIQUE: number;
  /** `name_to_handle_at` flag for a handle that can be reopened (Linux 6.13). */
  readonly AT_HANDLE_CONNECTABLE: number;
  /** Largest file handle, in bytes, the kernel accepts. */
  readonly MAX_HANDLE_SZ: number;
  /** `statx` mask bit for the unique mount id (Linux 6.8). */
  readonly STATX_MNT_ID_UNIQUE: number;
  /** `ioctl` request: bytes a read would return now. */
  readonly FIONREAD: number;
  /** Poll event bit: readable (bits of the `events` argument of a `NativePollCallback`). */
  readonly UV_READABLE: number;
  /** Poll event bit: writable. */
  readonly UV_WRITABLE: number;
  /** Poll event bit: the peer disconnected. */
  readonly UV_DISCONNECT: number;
  /** Poll event bit: urgent data. */
  readonly UV_PRIORITIZED: number;
  /** errno `EPERM`. */
  readonly EPERM: number;
  /** errno `ENOENT`. */
  readonly ENOENT: number;
  /** errno `EINTR`. */
  readonly EINTR: number;
  /** errno `EIO`. */
  readonly EIO: number;
  /** errno `EBADF`. */
  readonly EBADF: number;
  /** errno `EAGAIN`. */
  readonly EAGAIN: number;
  /** errno `EWOULDBLOCK`. */
  readonly EWOULDBLOCK: number;
  /** errno `ENOMEM`. */
  readonly ENOMEM: number;
  /** errno `EACCES`. */
  readonly EACCES: number;
  /** errno `EFAULT`. */
  readonly EFAULT: number;
  /** errno `EBUSY`. */
  readonly EBUSY: number;
  /** errno `EEXIST`. */
  readonly EEXIST: number;
  /** errno `EXDEV`. */
  readonly EXDEV: number;
  /** errno `ENODEV`. */
  readonly ENODEV: number;
  /** errno `ENOTDIR`. */
  readonly ENOTDIR: number;
  /** errno `EISDIR`. */
  readonly EISDIR: number;
  /** errno `EINVAL`. */
  readonly EINVAL: number;
  /** errno `ENFILE`. */
  readonly ENFILE: number;
  /** errno `EMFILE`. */
  readonly EMFILE: number;
  /** errno `ENOSPC`. */
  readonly ENOSPC: number;
  /** errno `ENAMETOOLONG`. */
  readonly ENAMETOOLONG: number;
  /** errno `ENOSYS`. */
  readonly ENOSYS: number;
  /** errno `ELOOP`. */
  readonly ELOOP: number;
  /** errno `EOVERFLOW`. */
  readonly EOVERFLOW: number;
  /** errno `EOPNOTSUPP`. */
  readonly EOPNOTSUPP: number;
  /** errno `ENOTSUP`. */
  readonly ENOTSUP: number;
  /** errno `ESTALE`. */
  readonly ESTALE: number;
  /** errno `ECANCELED`. */
  readonly ECANCELED: number;
}
