/*
 * fanotify group system calls: init, mark, read, write, close, FIONREAD.
 *
 * Raw syscall(2) is used for fanotify_init/fanotify_mark so flags newer than
 * the installed headers pass through untouched; the kernel is the only judge
 * of what is valid. None of these calls can block: the TypeScript layer
 * always creates groups with FAN_NONBLOCK, and uv_poll_init also switches a
 * polled fd to O_NONBLOCK.
 */
#define _GNU_SOURCE
#include "fanotify_codec.h"

#include <errno.h>
#include <stdbool.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#if !defined(__LP64__)
/* 32-bit ABIs split the 64-bit mask across two registers; glibc does that. */
#include <sys/fanotify.h>
#endif

napi_value fc_init(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  uint32_t flags, event_f_flags;
  if (!fc_get_args(env, info, 2, argv, NULL) ||
      !fc_arg_flags(env, argv[0], "flags", &flags) ||
      !fc_arg_flags(env, argv[1], "eventFFlags", &event_f_flags)) {
    return NULL;
  }
  long fd = syscall(SYS_fanotify_init, flags, event_f_flags);
  return fc_syscall_result(env, fd, errno);
}

napi_value fc_mark(napi_env env, napi_callback_info info) {
  napi_value argv[5];
  int32_t fd, dirfd;
  uint32_t flags;
  uint64_t mask;
  fc_path path;
  if (!fc_get_args(env, info, 5, argv, NULL) ||
      !fc_arg_int32(env, argv[0], "fd", &fd) ||
      !fc_arg_flags(env, argv[1], "flags", &flags) ||
      !fc_arg_mask(env, argv[2], "mask", &mask) ||
      !fc_arg_int32(env, argv[3], "dirfd", &dirfd) ||
      !fc_arg_path(env, argv[4], "path", true, &path)) {
    return NULL;
  }
  if (path.err != 0) {
    return fc_number(env, path.err);
  }
#if defined(__LP64__)
  long r = syscall(SYS_fanotify_mark, fd, flags, mask, dirfd, path.ptr);
#else
  long r = fanotify_mark(fd, flags, mask, dirfd, path.ptr);
#endif
  return fc_syscall_result(env, r, errno);
}

/* read(2) or write(2) of (fd, view, offset, length), retried on EINTR. */
static napi_value fc_span_io(napi_env env, napi_callback_info info, bool writing) {
  napi_value argv[4];
  int32_t fd;
  uint8_t* data;
  size_t size;
  if (!fc_get_args(env, info, 4, argv, NULL) ||
      !fc_arg_int32(env, argv[0], "fd", &fd) ||
      !fc_arg_span(env, argv[1], argv[2], argv[3], &data, &size)) {
    return NULL;
  }
  ssize_t r;
  do {
    r = writing ? write(fd, data, size) : read(fd, data, size);
  } while (r < 0 && errno == EINTR);
  return fc_syscall_result(env, r, errno);
}

napi_value fc_read(napi_env env, napi_callback_info info) {
  /* Zero-copy: the kernel writes straight into the caller's view. */
  return fc_span_io(env, info, false);
}

napi_value fc_write(napi_env env, napi_callback_info info) {
  return fc_span_io(env, info, true);
}

napi_value fc_close(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  int32_t fd;
  if (!fc_get_args(env, info, 1, argv, NULL) ||
      !fc_arg_int32(env, argv[0], "fd", &fd)) {
    return NULL;
  }
  /*
   * libuv rule: an fd must not be closed while a uv_poll_t watches it (epoll
   * would keep a stale registration and a reused fd number would be
   * misrouted). Refuse instead of corrupting the event loop.
   */
  if (fc_registry_fd_watched(fd)) {
    return fc_number(env, -EBUSY);
  }
  int r = close(fd);
  /* On Linux the fd is released even when close() reports EINTR; retrying
   * could close an unrelated fd that reused the number. */
  if (r < 0 && errno == EINTR) {
    r = 0;
  }
  return fc_syscall_result(env, r, errno);
}

napi_value fc_fionread(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  int32_t fd;
  if (!fc_get_args(env, info, 1, argv, NULL) ||
      !fc_arg_int32(env, argv[0], "fd", &fd)) {
    return NULL;
  }
  int available = 0;
  int r = ioctl(fd, FIONREAD, &available);
  return fc_syscall_result(env, r < 0 ? r : available, errno);
}
