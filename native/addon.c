/*
 * Module entry point: one set of exports per environment.
 *
 * NAPI_MODULE_INIT makes the addon context-aware, so it loads in the main
 * thread and in every worker_thread; per-environment state lives in
 * instance data, never in globals (the only global is the mutex-guarded
 * poll registry in poll_registry.c).
 */
#define _GNU_SOURCE
#include "fanotify_codec.h"

#include <stdlib.h>

static void free_env_state(napi_env env, void* data, void* hint) {
  (void)hint;
  fc_env* state = data;
  if (state->poll_state != NULL) {
    napi_delete_reference(env, state->poll_state);
  }
  free(state);
}

#define FC_METHOD(name, fn) \
  {name, NULL, fn, NULL, NULL, NULL, napi_enumerable, NULL}

NAPI_MODULE_INIT() {
  fc_env* state = calloc(1, sizeof *state);
  if (state == NULL) {
    napi_throw_error(env, "ERR_FANOTIFY_NATIVE_NAPI", "out of memory");
    return NULL;
  }
  if (napi_set_instance_data(env, state, free_env_state, NULL) != napi_ok) {
    free(state);
    fc_throw_napi_failure(env);
    return NULL;
  }
  if (!fc_poll_setup(env, state)) {
    return NULL;
  }

  napi_value constants = fc_constants(env);
  napi_value version;
  if (constants == NULL) {
    return NULL;
  }
  FC_NAPI(env, napi_create_int32(env, FC_ADDON_VERSION, &version));

  /* Read-only exports: the addon object is shared by the whole process. */
  const napi_property_descriptor exports_table[] = {
      {"addonVersion", NULL, NULL, NULL, NULL, version, napi_enumerable, NULL},
      {"constants", NULL, NULL, NULL, NULL, constants, napi_enumerable, NULL},
      FC_METHOD("init", fc_init),
      FC_METHOD("mark", fc_mark),
      FC_METHOD("read", fc_read),
      FC_METHOD("write", fc_write),
      FC_METHOD("close", fc_close),
      FC_METHOD("fionread", fc_fionread),
      FC_METHOD("nameToHandleAt", fc_name_to_handle_at),
      FC_METHOD("openByHandleAt", fc_open_by_handle_at),
      FC_METHOD("statfsFsid", fc_statfs_fsid),
      FC_METHOD("mountIdUnique", fc_mount_id_unique),
      FC_METHOD("poll", fc_poll),
      FC_METHOD("pollHandleCount", fc_poll_handle_count),
      FC_METHOD("sendFd", fc_send_fd),
      FC_METHOD("receiveFd", fc_receive_fd),
      FC_METHOD("adoptFd", fc_adopt_fd),
  };
  FC_NAPI(env, napi_define_properties(
                   env, exports,
                   sizeof exports_table / sizeof exports_table[0],
                   exports_table));
  return exports;
}
