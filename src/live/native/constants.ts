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
 * @public
 */
export interface NativeConstants {
  readonly O_RDONLY: number;
  readonly O_WRONLY: number;
  readonly O_RDWR: number;
  readonly O_ACCMODE: number;
  readonly O_LARGEFILE: number;
  readonly O_CLOEXEC: number;
  readonly O_NONBLOCK: number;
  readonly O_PATH: number;
  readonly O_DIRECTORY: number;
  readonly O_NOFOLLOW: number;
  readonly O_NOATIME: number;
  readonly O_APPEND: number;
  readonly O_CREAT: number;
  readonly O_EXCL: number;
  readonly O_TRUNC: number;
  readonly AT_FDCWD: number;
  readonly AT_EMPTY_PATH: number;
  readonly AT_SYMLINK_FOLLOW: number;
  readonly AT_SYMLINK_NOFOLLOW: number;
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
  readonly FIONREAD: number;
  /** Bits of the `events` argument of a `NativePollCallback`. */
  readonly UV_READABLE: number;
  readonly UV_WRITABLE: number;
  readonly UV_DISCONNECT: number;
  readonly UV_PRIORITIZED: number;
  readonly EPERM: number;
  readonly ENOENT: number;
  readonly EINTR: number;
  readonly EIO: number;
  readonly EBADF: number;
  readonly EAGAIN: number;
  readonly EWOULDBLOCK: number;
  readonly ENOMEM: number;
  readonly EACCES: number;
  readonly EFAULT: number;
  readonly EBUSY: number;
  readonly EEXIST: number;
  readonly EXDEV: number;
  readonly ENODEV: number;
  readonly ENOTDIR: number;
  readonly EISDIR: number;
  readonly EINVAL: number;
  readonly ENFILE: number;
  readonly EMFILE: number;
  readonly ENOSPC: number;
  readonly ENAMETOOLONG: number;
  readonly ENOSYS: number;
  readonly ELOOP: number;
  readonly EOVERFLOW: number;
  readonly EOPNOTSUPP: number;
  readonly ENOTSUP: number;
  readonly ESTALE: number;
  readonly ECANCELED: number;
}
