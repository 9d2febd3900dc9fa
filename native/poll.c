/*
 * PollHandle: level-triggered readability notifications for one fd, backed
 * by a uv_poll_t on the loop of the calling environment (main thread or
 * worker), so no thread ever blocks and no threadpool thread is parked.
 *
 * Lifetime rules (libuv and Node-API):
 *   - A uv_poll_t must be released with uv_close(); its memory may only be
 *     freed in the close callback.
 *   - The fd must not be closed while a handle watches it. uv_close() and
 *     uv_poll_stop() unregister it from epoll at once, so the fd may be
 *     closed right after close(), before the close callback runs. We never
 *     close the fd ourselves: the TypeScript layer owns it.
 *   - The JS object is held strongly while polling is started (an active
 *     handle must not vanish on GC and silently stop reporting), and weakly
 *     otherwise. A stopped handle that is garbage collected without close()
 *     is closed by its finalizer.
 *   - The callback lives in a symbol-keyed property of the JS object rather
 *     than in a strong napi_ref, so a callback that closes over its own
 *     handle forms an ordinary JS cycle the GC can collect.
 *   - Environment teardown (process exit, worker termination) closes open
 *     handles through an async cleanup hook; Node keeps spinning the loop
 *     until our close callback removes the hook, so the loop is never closed
 *     with our handle still in it.
 *   - The C struct is freed once both sides are done: the uv close callback
 *     ran and the JS object was finalized (or never existed).
 */
#define _GNU_SOURCE
#include "fanotify_codec.h"

#include <errno.h>
#include <stdlib.h>
#include <uv.h>

typedef struct fc_poll_handle {
  uv_poll_t uv;
  fc_poll_link link; /* registry entry; link.fd is the watched fd */
  napi_env env;
  napi_ref wrapper; /* the PollHandle object: weak, strong while started */
  napi_async_context async_context;
  napi_async_cleanup_hook_handle cleanup_hook;
  bool started;   /* polling was started and not stopped since */
  bool closing;   /* uv_close() was called */
  bool uv_closed; /* the close callback ran: libuv is done with `uv` */
  bool wrapped;   /* a JS object will finalize this struct */
  bool finalized; /* the JS object is gone, or never existed */
} fc_poll_handle;

/* Distinguishes our wrapped objects from any other addon's. */
static const napi_type_tag POLL_TAG = {0x6a1f0c3d9b2e4f51ULL,
                                       0x8c7d2e1fa3b64c09ULL};

/* Fetches the PollHandle constructor and the callback property key. */
static bool get_state(napi_env env, fc_env** state, napi_value* ctor,
                      napi_value* key) {
  napi_value pair;
  return napi_get_instance_data(env, (void**)state) == napi_ok &&
         napi_get_reference_value(env, (*state)->poll_state, &pair) ==
             napi_ok &&
         napi_get_element(env, pair, 0, ctor) == napi_ok &&
         napi_get_element(env, pair, 1, key) == napi_ok;
}

static void on_closed(uv_handle_t* handle) {
  fc_poll_handle* p = handle->data;
  napi_env env = p->env;
  p->uv_closed = true;
  fc_registry_remove(&p->link);

  napi_handle_scope scope;
  bool scoped = napi_open_handle_scope(env, &scope) == napi_ok;
  if (p->async_context != NULL) {
    napi_async_destroy(env, p->async_context);
    p->async_context = NULL;
  }
  if (p->wrapper != NULL) {
    napi_delete_reference(env, p->wrapper);
    p->wrapper = NULL;
  }
  if (scoped) {
    napi_close_handle_scope(env, scope);
  }
  /*
   * Last use of `env`: removing the hook tells Node an in-progress teardown
   * may continue, after which the environment can be destroyed.
   */
  if (p->cleanup_hook != NULL) {
    napi_remove_async_cleanup_hook(p->cleanup_hook);
    p->cleanup_hook = NULL;
  }
  if (p->finalized) {
    free(p);
  }
}

static void begin_close(fc_poll_handle* p) {
  if (p->closing) {
    return;
  }
  p->closing = true;
  fc_registry_mark_closing(&p->link);
  uv_close((uv_handle_t*)&p->uv, on_closed);
}

/* Runs when the environment is torn down with the handle still open. */
static void on_env_cleanup(napi_async_cleanup_hook_handle hook, void* arg) {
  (void)hook; /* already stored in p->cleanup_hook; on_closed removes it */
  begin_close(arg);
}

/* Runs (from a SetImmediate, never inside GC) once the JS object is gone. */
static void on_finalize(napi_env env, void* data, void* hint) {
  (void)env;
  (void)hint;
  fc_poll_handle* p = data;
  p->finalized = true;
  if (!p->closing) {
    begin_close(p); /* dropped without close(): on_closed frees */
  } else if (p->uv_closed) {
    free(p);
  }
}

/* Hands an exception thrown by the callback to process 'uncaughtException',
 * exactly like an exception thrown by any other event listener. */
static void report_exception(napi_env env) {
  bool pending = false;
  napi_value error;
  if (napi_is_exception_pending(env, &pending) == napi_ok && pending &&
      napi_get_and_clear_last_exception(env, &error) == napi_ok) {
    napi_fatal_exception(env, error);
  }
}

static void on_poll(uv_poll_t* handle, int status, int events) {
  fc_poll_handle* p = handle->data;
  napi_env env = p->env;
  napi_handle_scope scope;
  if (napi_open_handle_scope(env, &scope) != napi_ok) {
    return;
  }
  fc_env* state;
  napi_value self = NULL, ctor, key, callback, argv[2], ignored;
  if (napi_get_reference_value(env, p->wrapper, &self) != napi_ok ||
      self == NULL) {
    goto done;
  }
  if (status < 0 && p->started) {
    /* On POLLERR libuv stops the handle itself; stop holding the object. */
    p->started = false;
    napi_reference_unref(env, p->wrapper, NULL);
  }
  /*
   * During teardown JS can no longer run: these calls then fail without an
   * exception and the event is dropped, which is what we want.
   */
  if (!get_state(env, &state, &ctor, &key) ||
      napi_get_property(env, self, key, &callback) != napi_ok ||
      napi_create_int32(env, status, &argv[0]) != napi_ok ||
      napi_create_int32(env, events, &argv[1]) != napi_ok) {
    goto done;
  }
  /*
   * napi_make_callback enters the handle's async context and drains the
   * nextTick and microtask queues afterwards, like any Node event. `p`
   * stays allocated meanwhile: `self` is alive in this scope.
   */
  if (napi_make_callback(env, p->async_context, self, callback, 2, argv,
                         &ignored) != napi_ok) {
    report_exception(env);
  }
done:
  napi_close_handle_scope(env, scope);
}

static napi_value undefined(napi_env env) {
  napi_value result;
  FC_NAPI(env, napi_get_undefined(env, &result));
  return result;
}

static fc_poll_handle* unwrap_this(napi_env env, napi_callback_info info) {
  napi_value self;
  bool tagged = false;
  void* p = NULL;
  if (!fc_get_args(env, info, 0, NULL, &self)) {
    return NULL;
  }
  if (napi_check_object_type_tag(env, self, &POLL_TAG, &tagged) != napi_ok ||
      !tagged || napi_unwrap(env, self, &p) != napi_ok) {
    napi_throw_type_error(env, "ERR_INVALID_THIS",
                          "Value of \"this\" must be a PollHandle");
    return NULL;
  }
  return p;
}

static napi_value poll_constructor(napi_env env, napi_callback_info info) {
  napi_value self;
  fc_env* state;
  if (!fc_get_args(env, info, 0, NULL, &self)) {
    return NULL;
  }
  FC_NAPI(env, napi_get_instance_data(env, (void**)&state));
  fc_poll_handle* p = state->constructing;
  if (p == NULL) {
    napi_throw_type_error(env, "ERR_ILLEGAL_CONSTRUCTOR",
                          "PollHandle cannot be constructed; use poll()");
    return NULL;
  }
  state->constructing = NULL;
  FC_NAPI(env, napi_type_tag_object(env, self, &POLL_TAG));
  FC_NAPI(env, napi_wrap(env, self, p, on_finalize, NULL, NULL));
  p->wrapped = true;
  return self;
}

static napi_value poll_start(napi_env env, napi_callback_info info) {
  fc_poll_handle* p = unwrap_this(env, info);
  if (p == NULL) {
    return NULL;
  }
  if (p->closing) {
    return fc_number(env, -EBADF);
  }
  int err = uv_poll_start(&p->uv, UV_READABLE, on_poll);
  if (err == 0 && !p->started) {
    p->started = true;
    FC_NAPI(env, napi_reference_ref(env, p->wrapper, NULL));
  }
  return fc_number(env, err);
}

static napi_value poll_stop(napi_env env, napi_callback_info info) {
  fc_poll_handle* p = unwrap_this(env, info);
  if (p == NULL) {
    return NULL;
  }
  if (!p->closing) {
    uv_poll_stop(&p->uv);
    if (p->started) {
      p->started = false;
      FC_NAPI(env, napi_reference_unref(env, p->wrapper, NULL));
    }
  }
  return undefined(env);
}

static napi_value poll_close(napi_env env, napi_callback_info info) {
  fc_poll_handle* p = unwrap_this(env, info);
  if (p == NULL) {
    return NULL;
  }
  if (!p->closing) {
    /* Drop the callback now; a closed handle never calls it again. */
    napi_value self, ctor, key;
    fc_env* state;
    bool deleted;
    if (fc_get_args(env, info, 0, NULL, &self) &&
        get_state(env, &state, &ctor, &key)) {
      napi_delete_property(env, self, key, &deleted);
    }
    begin_close(p);
  }
  return undefined(env);
}

static napi_value poll_ref(napi_env env, napi_callback_info info) {
  fc_poll_handle* p = unwrap_this(env, info);
  if (p == NULL) {
    return NULL;
  }
  if (!p->closing) {
    uv_ref((uv_handle_t*)&p->uv);
  }
  return undefined(env);
}

static napi_value poll_unref(napi_env env, napi_callback_info info) {
  fc_poll_handle* p = unwrap_this(env, info);
  if (p == NULL) {
    return NULL;
  }
  if (!p->closing) {
    uv_unref((uv_handle_t*)&p->uv);
  }
  return undefined(env);
}

static napi_value poll_has_ref(napi_env env, napi_callback_info info) {
  fc_poll_handle* p = unwrap_this(env, info);
  if (p == NULL) {
    return NULL;
  }
  napi_value result;
  FC_NAPI(env, napi_get_boolean(
                   env, !p->closing && uv_has_ref((uv_handle_t*)&p->uv),
                   &result));
  return result;
}

/* Creates the JS object for `p` and attaches callback, async context and
 * teardown hook. On failure an exception is pending. */
static bool attach(napi_env env, fc_poll_handle* p, napi_value callback,
                   napi_value* out) {
  fc_env* state;
  napi_value ctor, key, self, name;
  if (!get_state(env, &state, &ctor, &key)) {
    fc_throw_napi_failure(env);
    return false;
  }
  state->constructing = p;
  napi_status status = napi_new_instance(env, ctor, 0, NULL, &self);
  state->constructing = NULL;
  napi_property_descriptor slot = {
      NULL, key, NULL, NULL, NULL, callback, napi_configurable, NULL};
  if (status != napi_ok ||
      napi_define_properties(env, self, 1, &slot) != napi_ok ||
      napi_create_reference(env, self, 0, &p->wrapper) != napi_ok ||
      napi_create_string_utf8(env, "FanotifyPoll", NAPI_AUTO_LENGTH, &name) !=
          napi_ok ||
      napi_async_init(env, self, name, &p->async_context) != napi_ok ||
      napi_add_async_cleanup_hook(env, on_env_cleanup, p, &p->cleanup_hook) !=
          napi_ok) {
    fc_throw_napi_failure(env);
    return false;
  }
  *out = self;
  return true;
}

napi_value fc_poll(napi_env env, napi_callback_info info) {
  napi_value argv[2], self;
  int32_t fd;
  uv_loop_t* loop;
  if (!fc_get_args(env, info, 2, argv, NULL) ||
      !fc_arg_int32(env, argv[0], "fd", &fd) ||
      !fc_arg_function(env, argv[1], "callback")) {
    return NULL;
  }
  if (fd < 0) {
    return fc_number(env, -EBADF);
  }
  /* The loop of *this* environment, so workers poll on their own thread. */
  FC_NAPI(env, napi_get_uv_event_loop(env, &loop));

  fc_poll_handle* p = calloc(1, sizeof *p);
  if (p == NULL) {
    return fc_number(env, -ENOMEM);
  }
  p->env = env;
  p->link.env = env;
  p->link.fd = fd;
  /* libuv allows a single poll handle per fd. */
  if (!fc_registry_claim(&p->link)) {
    free(p);
    return fc_number(env, -EEXIST);
  }
  int err = uv_poll_init(loop, &p->uv, fd);
  if (err != 0) {
    fc_registry_remove(&p->link);
    free(p);
    return fc_number(env, err);
  }
  p->uv.data = p;

  /* From here on the handle belongs to the loop: only uv_close releases it. */
  if (!attach(env, p, argv[1], &self)) {
    p->finalized = !p->wrapped;
    begin_close(p);
    return NULL;
  }
  err = uv_poll_start(&p->uv, UV_READABLE, on_poll);
  if (err != 0) {
    begin_close(p);
    return fc_number(env, err);
  }
  p->started = true;
  if (napi_reference_ref(env, p->wrapper, NULL) != napi_ok) {
    begin_close(p);
    fc_throw_napi_failure(env);
    return NULL;
  }
  return self;
}

napi_value fc_poll_handle_count(napi_env env, napi_callback_info info) {
  (void)info;
  return fc_number(env, (int64_t)fc_registry_count(env));
}

bool fc_poll_setup(napi_env env, fc_env* state) {
  napi_property_descriptor methods[] = {
      {"start", NULL, poll_start, NULL, NULL, NULL, napi_default_method, NULL},
      {"stop", NULL, poll_stop, NULL, NULL, NULL, napi_default_method, NULL},
      {"close", NULL, poll_close, NULL, NULL, NULL, napi_default_method, NULL},
      {"ref", NULL, poll_ref, NULL, NULL, NULL, napi_default_method, NULL},
      {"unref", NULL, poll_unref, NULL, NULL, NULL, napi_default_method, NULL},
      {"hasRef", NULL, poll_has_ref, NULL, NULL, NULL, napi_default_method,
       NULL},
  };
  napi_value ctor, description, key, pair;
  if (napi_define_class(env, "PollHandle", NAPI_AUTO_LENGTH, poll_constructor,
                        NULL, sizeof methods / sizeof methods[0], methods,
                        &ctor) != napi_ok ||
      napi_create_string_utf8(env, "fanotify-codec.pollCallback",
                              NAPI_AUTO_LENGTH, &description) != napi_ok ||
      napi_create_symbol(env, description, &key) != napi_ok ||
      napi_create_array_with_length(env, 2, &pair) != napi_ok ||
      napi_set_element(env, pair, 0, ctor) != napi_ok ||
      napi_set_element(env, pair, 1, key) != napi_ok ||
      napi_create_reference(env, pair, 1, &state->poll_state) != napi_ok) {
    fc_throw_napi_failure(env);
    return false;
  }
  return true;
}
