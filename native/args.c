/*
 * Argument validation and result helpers.
 *
 * Validation is strict on purpose: a wrong type or an out-of-range value is
 * a bug in the TypeScript layer, so it throws a TypeError at once instead of
 * being coerced into a different system call.
 */
#define _GNU_SOURCE
#include "fanotify_codec.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* 2^53: the largest range in which every integer is exact as a double. */
#define FC_MAX_SAFE_INTEGER 9007199254740991.0

static bool throw_arg(napi_env env, const char* code, const char* name,
                      const char* expectation) {
  char message[192];
  snprintf(message, sizeof message, "The \"%s\" argument must be %s", name,
           expectation);
  napi_throw_type_error(env, code, message);
  return false;
}

bool fc_get_args(napi_env env, napi_callback_info info, size_t count,
                 napi_value* argv, napi_value* self) {
  /* Missing arguments come back as undefined and then fail validation. */
  size_t argc = count;
  if (napi_get_cb_info(env, info, &argc, argv, self, NULL) != napi_ok) {
    fc_throw_napi_failure(env);
    return false;
  }
  return true;
}

/* Reads a number that must be an integer within [min, max]. */
static bool arg_integer(napi_env env, napi_value value, const char* name,
                        double min, double max, const char* expectation,
                        double* out) {
  napi_valuetype type;
  if (napi_typeof(env, value, &type) != napi_ok || type != napi_number) {
    return throw_arg(env, "ERR_INVALID_ARG_TYPE", name, expectation);
  }
  double d;
  if (napi_get_value_double(env, value, &d) != napi_ok || !isfinite(d) ||
      trunc(d) != d || d < min || d > max) {
    return throw_arg(env, "ERR_OUT_OF_RANGE", name, expectation);
  }
  *out = d;
  return true;
}

bool fc_arg_int32(napi_env env, napi_value value, const char* name,
                  int32_t* out) {
  double d;
  if (!arg_integer(env, value, name, (double)INT32_MIN, (double)INT32_MAX,
                   "an integer in the int32 range", &d)) {
    return false;
  }
  *out = (int32_t)d;
  return true;
}

bool fc_arg_flags(napi_env env, napi_value value, const char* name,
                  uint32_t* out) {
  /*
   * Flag words are unsigned in the kernel, but JavaScript bitwise operators
   * produce signed int32 results (e.g. 0x80000000 | 1 is negative), so both
   * readings of the same 32 bits are accepted.
   */
  double d;
  if (!arg_integer(env, value, name, (double)INT32_MIN, (double)UINT32_MAX,
                   "a 32-bit integer flag word", &d)) {
    return false;
  }
  *out = d < 0 ? (uint32_t)(int32_t)d : (uint32_t)d;
  return true;
}

bool fc_arg_mask(napi_env env, napi_value value, const char* name,
                 uint64_t* out) {
  napi_valuetype type;
  if (napi_typeof(env, value, &type) != napi_ok || type != napi_bigint) {
    return throw_arg(env, "ERR_INVALID_ARG_TYPE", name, "a bigint");
  }
  bool lossless = false;
  if (napi_get_value_bigint_uint64(env, value, out, &lossless) != napi_ok ||
      !lossless) {
    return throw_arg(env, "ERR_OUT_OF_RANGE", name,
                     "a bigint in the range [0, 2^64)");
  }
  return true;
}

bool fc_arg_bytes(napi_env env, napi_value value, const char* name,
                  uint8_t** data, size_t* length) {
  bool is_typedarray = false;
  napi_typedarray_type type;
  void* base = NULL;
  if (napi_is_typedarray(env, value, &is_typedarray) != napi_ok ||
      !is_typedarray ||
      napi_get_typedarray_info(env, value, &type, length, &base, NULL, NULL) !=
          napi_ok ||
      type != napi_uint8_array) {
    return throw_arg(env, "ERR_INVALID_ARG_TYPE", name, "a Uint8Array");
  }
  /*
   * Node-API already adds the view's byteOffset to `base`, so `data` points
   * at element 0 of the view (not of its ArrayBuffer). A detached buffer
   * reports length 0, so no access through `data` can happen.
   */
  *data = base;
  return true;
}

bool fc_arg_span(napi_env env, napi_value buffer, napi_value offset,
                 napi_value length, uint8_t** data, size_t* size) {
  uint8_t* base;
  size_t view_length;
  double off, len;
  if (!fc_arg_bytes(env, buffer, "buf", &base, &view_length) ||
      !arg_integer(env, offset, "offset", 0, FC_MAX_SAFE_INTEGER,
                   "a non-negative integer", &off) ||
      !arg_integer(env, length, "length", 0, FC_MAX_SAFE_INTEGER,
                   "a non-negative integer", &len)) {
    return false;
  }
  if (off > (double)view_length) {
    return throw_arg(env, "ERR_OUT_OF_RANGE", "offset",
                     "within the bounds of buf");
  }
  if (len > (double)view_length - off) {
    return throw_arg(env, "ERR_OUT_OF_RANGE", "length",
                     "within the bounds of buf after offset");
  }
  *data = base + (size_t)off;
  *size = (size_t)len;
  return true;
}

bool fc_arg_path(napi_env env, napi_value value, const char* name,
                 bool nullable, fc_path* out) {
  const char* expectation =
      nullable ? "a string, a Uint8Array or null" : "a string or a Uint8Array";
  out->ptr = NULL;
  out->err = 0;
  napi_valuetype type;
  if (napi_typeof(env, value, &type) != napi_ok) {
    return throw_arg(env, "ERR_INVALID_ARG_TYPE", name, expectation);
  }
  if (type == napi_null && nullable) {
    return true;
  }
  size_t length = 0;
  if (type == napi_string) {
    if (napi_get_value_string_utf8(env, value, NULL, 0, &length) != napi_ok) {
      return throw_arg(env, "ERR_INVALID_ARG_TYPE", name, expectation);
    }
    /* Like the kernel: PATH_MAX includes the terminating NUL. */
    if (length >= sizeof out->buf) {
      out->err = -ENAMETOOLONG;
      return true;
    }
    napi_get_value_string_utf8(env, value, out->buf, sizeof out->buf, &length);
  } else {
    /* Raw bytes: Linux file names need not be valid UTF-8. */
    uint8_t* bytes;
    if (type != napi_object ||
        !fc_arg_bytes(env, value, name, &bytes, &length)) {
      bool pending = false;
      napi_is_exception_pending(env, &pending);
      return pending ? false
                     : throw_arg(env, "ERR_INVALID_ARG_TYPE", name,
                                 expectation);
    }
    if (length >= sizeof out->buf) {
      out->err = -ENAMETOOLONG;
      return true;
    }
    memcpy(out->buf, bytes, length);
    out->buf[length] = '\0';
  }
  /* An embedded NUL would silently truncate the path the kernel sees. */
  if (strlen(out->buf) != length) {
    return throw_arg(env, "ERR_INVALID_ARG_VALUE", name,
                     "free of NUL characters");
  }
  out->ptr = out->buf;
  return true;
}

bool fc_arg_function(napi_env env, napi_value value, const char* name) {
  napi_valuetype type;
  if (napi_typeof(env, value, &type) != napi_ok || type != napi_function) {
    return throw_arg(env, "ERR_INVALID_ARG_TYPE", name, "a function");
  }
  return true;
}

napi_value fc_number(napi_env env, int64_t value) {
  napi_value result;
  FC_NAPI(env, napi_create_int64(env, value, &result));
  return result;
}

napi_value fc_syscall_result(napi_env env, int64_t r, int saved_errno) {
  return fc_number(env, r < 0 ? -(int64_t)saved_errno : r);
}

void fc_throw_napi_failure(napi_env env) {
  /* Read the error first: napi_is_exception_pending clears it. */
  const napi_extended_error_info* info = NULL;
  const char* message = "a Node-API call failed";
  if (napi_get_last_error_info(env, &info) == napi_ok && info != NULL &&
      info->error_message != NULL) {
    message = info->error_message;
  }
  bool pending = false;
  napi_is_exception_pending(env, &pending);
  if (!pending) {
    napi_throw_error(env, "ERR_FANOTIFY_NATIVE_NAPI", message);
  }
}
