/*
 * fanotify-codec native addon: shared declarations.
 *
 * The addon is deliberately tiny: it exposes the fanotify-related system
 * calls and one libuv poll handle, nothing else. All wire-format knowledge
 * lives in TypeScript. Conventions shared by every export:
 *
 *   - System call failures are returned as a negative errno number, never
 *     thrown; the TypeScript layer turns them into typed errors.
 *   - Wrong JavaScript argument types or out-of-range arguments are
 *     programming errors and throw a TypeError.
 *   - Nothing here may block: fds are non-blocking, no threadpool work.
 */
#ifndef FANOTIFY_CODEC_H
#define FANOTIFY_CODEC_H

#ifndef NAPI_VERSION
#define NAPI_VERSION 8
#endif

#include <limits.h>
#include <node_api.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Bump on every change of the JavaScript-visible surface. The loader
 * (src/live/native/load.ts) refuses a binary with a different version so a
 * stale build/ directory fails loudly instead of misbehaving.
 */
#define FC_ADDON_VERSION 2

/* Constants newer than the installed glibc/kernel headers. */
#ifndef AT_HANDLE_FID
#define AT_HANDLE_FID 0x200 /* Linux 6.5 */
#endif
#ifndef AT_HANDLE_MNT_ID_UNIQUE
#define AT_HANDLE_MNT_ID_UNIQUE 0x001 /* Linux 6.12 */
#endif
#ifndef AT_HANDLE_CONNECTABLE
#define AT_HANDLE_CONNECTABLE 0x002 /* Linux 6.13 */
#endif
#ifndef STATX_MNT_ID_UNIQUE
#define STATX_MNT_ID_UNIQUE 0x4000U /* Linux 6.8 */
#endif

/* Per-environment (main thread or worker) state, see addon.c. */
typedef struct fc_env {
  /* Strong reference to [PollHandle constructor, callback symbol]. */
  napi_ref poll_state;
  /* Set by poll() while it runs the PollHandle constructor. */
  struct fc_poll_handle* constructing;
} fc_env;

/* ---- args.c: argument validation and result helpers ------------------- */

/* A path argument copied into a NUL-terminated buffer. */
typedef struct fc_path {
  char buf[PATH_MAX];
  const char* ptr; /* NULL for a JavaScript null path */
  int err;         /* 0, or -ENAMETOOLONG (reported like the kernel would) */
} fc_path;

bool fc_get_args(napi_env env, napi_callback_info info, size_t count,
                 napi_value* argv, napi_value* self);
bool fc_arg_int32(napi_env env, napi_value value, const char* name,
                  int32_t* out);
bool fc_arg_flags(napi_env env, napi_value value, const char* name,
                  uint32_t* out);
bool fc_arg_mask(napi_env env, napi_value value, const char* name,
                 uint64_t* out);
bool fc_arg_bytes(napi_env env, napi_value value, const char* name,
                  uint8_t** data, size_t* length);
bool fc_arg_span(napi_env env, napi_value buffer, napi_value offset,
                 napi_value length, uint8_t** data, size_t* size);
bool fc_arg_path(napi_env env, napi_value value, const char* name,
                 bool nullable, fc_path* out);
bool fc_arg_function(napi_env env, napi_value value, const char* name);

napi_value fc_number(napi_env env, int64_t value);
/* Converts a libc-style result: r >= 0 as is, otherwise -errno. */
napi_value fc_syscall_result(napi_env env, int64_t r, int saved_errno);
/* Throws an Error for a failed napi_* call unless an exception is pending. */
void fc_throw_napi_failure(napi_env env);
/* Invokes a napi_* call; on failure throws and returns NULL from the caller. */
#define FC_NAPI(env, call)                 \
  do {                                     \
    if ((call) != napi_ok) {               \
      fc_throw_napi_failure(env);          \
      return NULL;                         \
    }                                      \
  } while (0)

/* ---- exported functions ----------------------------------------------- */

napi_value fc_init(napi_env env, napi_callback_info info);
napi_value fc_mark(napi_env env, napi_callback_info info);
napi_value fc_read(napi_env env, napi_callback_info info);
napi_value fc_write(napi_env env, napi_callback_info info);
napi_value fc_close(napi_env env, napi_callback_info info);
napi_value fc_fionread(napi_env env, napi_callback_info info);
napi_value fc_name_to_handle_at(napi_env env, napi_callback_info info);
napi_value fc_open_by_handle_at(napi_env env, napi_callback_info info);
napi_value fc_statfs_fsid(napi_env env, napi_callback_info info);
napi_value fc_mount_id_unique(napi_env env, napi_callback_info info);
napi_value fc_poll(napi_env env, napi_callback_info info);
napi_value fc_poll_handle_count(napi_env env, napi_callback_info info);
napi_value fc_send_fd(napi_env env, napi_callback_info info);
napi_value fc_receive_fd(napi_env env, napi_callback_info info);
napi_value fc_adopt_fd(napi_env env, napi_callback_info info);

/* poll.c: defines the PollHandle class for this environment. */
bool fc_poll_setup(napi_env env, fc_env* state);

/* constants.c: the frozen `constants` object. */
napi_value fc_constants(napi_env env);

/* poll_registry.c: every open poll handle of the process, by fd. */
typedef struct fc_poll_link {
  struct fc_poll_link* prev;
  struct fc_poll_link* next;
  napi_env env;
  int fd;
  bool closing; /* uv_close() called: the fd is no longer watched */
} fc_poll_link;

/* Adds `link` unless its fd is already watched by an open handle. */
bool fc_registry_claim(fc_poll_link* link);
void fc_registry_remove(fc_poll_link* link);
void fc_registry_mark_closing(fc_poll_link* link);
bool fc_registry_fd_watched(int fd);
size_t fc_registry_count(napi_env env);

/* kernel_fcntl.c: values only the kernel uapi headers know. */
int fc_kernel_o_largefile(void);

#endif /* FANOTIFY_CODEC_H */
