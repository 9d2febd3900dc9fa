/*
 * The frozen `constants` object: libc/kernel-header values the TypeScript
 * layer cross-checks its own tables against. fanotify constants are not
 * here on purpose: they live in the TypeScript spec, which is the single
 * source of truth for the wire format.
 */
#define _GNU_SOURCE
#include "fanotify_codec.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <uv.h>

typedef struct fc_constant {
  const char* name;
  int64_t value;
} fc_constant;

#define FC_CONSTANT(name) {#name, (int64_t)(name)}

napi_value fc_constants(napi_env env) {
  const fc_constant table[] = {
      /* open(2) flags */
      FC_CONSTANT(O_RDONLY),
      FC_CONSTANT(O_WRONLY),
      FC_CONSTANT(O_RDWR),
      FC_CONSTANT(O_ACCMODE),
      {"O_LARGEFILE", fc_kernel_o_largefile()},
      FC_CONSTANT(O_CLOEXEC),
      FC_CONSTANT(O_NONBLOCK),
      FC_CONSTANT(O_PATH),
      FC_CONSTANT(O_DIRECTORY),
      FC_CONSTANT(O_NOFOLLOW),
      FC_CONSTANT(O_NOATIME),
      FC_CONSTANT(O_APPEND),
      FC_CONSTANT(O_CREAT),
      FC_CONSTANT(O_EXCL),
      FC_CONSTANT(O_TRUNC),
      /* *at(2) */
      FC_CONSTANT(AT_FDCWD),
      FC_CONSTANT(AT_EMPTY_PATH),
      FC_CONSTANT(AT_SYMLINK_FOLLOW),
      FC_CONSTANT(AT_SYMLINK_NOFOLLOW),
      FC_CONSTANT(AT_NO_AUTOMOUNT),
      FC_CONSTANT(AT_HANDLE_FID),
      FC_CONSTANT(AT_HANDLE_MNT_ID_UNIQUE),
      FC_CONSTANT(AT_HANDLE_CONNECTABLE),
      FC_CONSTANT(MAX_HANDLE_SZ),
      FC_CONSTANT(STATX_MNT_ID_UNIQUE),
      /* ioctl */
      FC_CONSTANT(FIONREAD),
      /* PollHandle callback `events` bits */
      FC_CONSTANT(UV_READABLE),
      FC_CONSTANT(UV_WRITABLE),
      FC_CONSTANT(UV_DISCONNECT),
      FC_CONSTANT(UV_PRIORITIZED),
      /* errno values the TypeScript layer maps to typed errors */
      FC_CONSTANT(EPERM),
      FC_CONSTANT(ENOENT),
      FC_CONSTANT(EINTR),
      FC_CONSTANT(EIO),
      FC_CONSTANT(EBADF),
      FC_CONSTANT(EAGAIN),
      FC_CONSTANT(EWOULDBLOCK),
      FC_CONSTANT(ENOMEM),
      FC_CONSTANT(EACCES),
      FC_CONSTANT(EFAULT),
      FC_CONSTANT(EBUSY),
      FC_CONSTANT(EEXIST),
      FC_CONSTANT(EXDEV),
      FC_CONSTANT(ENODEV),
      FC_CONSTANT(ENOTDIR),
      FC_CONSTANT(EISDIR),
      FC_CONSTANT(EINVAL),
      FC_CONSTANT(ENFILE),
      FC_CONSTANT(EMFILE),
      FC_CONSTANT(ENOSPC),
      FC_CONSTANT(ENAMETOOLONG),
      FC_CONSTANT(ENOSYS),
      FC_CONSTANT(ELOOP),
      FC_CONSTANT(EOVERFLOW),
      FC_CONSTANT(EOPNOTSUPP),
      FC_CONSTANT(ENOTSUP),
      FC_CONSTANT(ESTALE),
      FC_CONSTANT(ECANCELED),
  };
  napi_value result, value;
  FC_NAPI(env, napi_create_object(env, &result));
  for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
    FC_NAPI(env, napi_create_int64(env, table[i].value, &value));
    FC_NAPI(env, napi_set_named_property(env, result, table[i].name, value));
  }
  FC_NAPI(env, napi_object_freeze(env, result));
  return result;
}
