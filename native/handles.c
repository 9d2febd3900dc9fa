/*
 * File handles and filesystem identity: name_to_handle_at,
 * open_by_handle_at, statfs f_fsid and the unique mount id from statx.
 *
 * These let tests and the kernel model relate fanotify FID records (fsid +
 * file handle) to real files.
 */
#define _GNU_SOURCE
#include "fanotify_codec.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>

/* A file_handle with room for the largest handle the kernel accepts. */
typedef union fc_file_handle {
  struct file_handle fh;
  unsigned char storage[sizeof(struct file_handle) + MAX_HANDLE_SZ];
} fc_file_handle;

napi_value fc_name_to_handle_at(napi_env env, napi_callback_info info) {
  napi_value argv[3];
  int32_t dirfd;
  uint32_t flags;
  fc_path path;
  if (!fc_get_args(env, info, 3, argv, NULL) ||
      !fc_arg_int32(env, argv[0], "dirfd", &dirfd) ||
      !fc_arg_path(env, argv[1], "path", false, &path) ||
      !fc_arg_flags(env, argv[2], "flags", &flags)) {
    return NULL;
  }
  if (path.err != 0) {
    return fc_number(env, path.err);
  }

  fc_file_handle handle;
  handle.fh.handle_bytes = MAX_HANDLE_SZ;
  /*
   * With AT_HANDLE_MNT_ID_UNIQUE the kernel stores a u64 instead of an int,
   * so the mount id always gets 8 bytes of storage.
   */
  union {
    int legacy;
    uint64_t unique;
  } mount_id = {.unique = 0};
  if (name_to_handle_at(dirfd, path.ptr, &handle.fh, &mount_id.legacy,
                        (int)flags) < 0) {
    return fc_number(env, -errno);
  }

  napi_value result, handle_type, bytes, buffer, mnt;
  void* copy = NULL;
  FC_NAPI(env, napi_create_object(env, &result));
  FC_NAPI(env, napi_create_int32(env, handle.fh.handle_type, &handle_type));
  FC_NAPI(env, napi_create_arraybuffer(env, handle.fh.handle_bytes, &copy,
                                       &buffer));
  if (handle.fh.handle_bytes > 0) {
    memcpy(copy, handle.fh.f_handle, handle.fh.handle_bytes);
  }
  FC_NAPI(env, napi_create_typedarray(env, napi_uint8_array,
                                      handle.fh.handle_bytes, buffer, 0,
                                      &bytes));
  if (flags & AT_HANDLE_MNT_ID_UNIQUE) {
    FC_NAPI(env, napi_create_bigint_uint64(env, mount_id.unique, &mnt));
  } else {
    FC_NAPI(env, napi_create_int32(env, mount_id.legacy, &mnt));
  }
  FC_NAPI(env, napi_set_named_property(env, result, "handleType", handle_type));
  FC_NAPI(env, napi_set_named_property(env, result, "handle", bytes));
  FC_NAPI(env, napi_set_named_property(env, result, "mountId", mnt));
  return result;
}

napi_value fc_open_by_handle_at(napi_env env, napi_callback_info info) {
  napi_value argv[4];
  int32_t mount_fd, handle_type;
  uint32_t flags;
  uint8_t* bytes;
  size_t length;
  if (!fc_get_args(env, info, 4, argv, NULL) ||
      !fc_arg_int32(env, argv[0], "mountFd", &mount_fd) ||
      !fc_arg_int32(env, argv[1], "handleType", &handle_type) ||
      !fc_arg_bytes(env, argv[2], "handle", &bytes, &length) ||
      !fc_arg_flags(env, argv[3], "flags", &flags)) {
    return NULL;
  }
  /* The kernel rejects larger handles with EINVAL too. */
  if (length > MAX_HANDLE_SZ) {
    return fc_number(env, -EINVAL);
  }
  fc_file_handle handle;
  handle.fh.handle_bytes = (unsigned int)length;
  handle.fh.handle_type = handle_type;
  if (length > 0) {
    memcpy(handle.fh.f_handle, bytes, length);
  }
  int fd = open_by_handle_at(mount_fd, &handle.fh, (int)flags);
  return fc_syscall_result(env, fd, errno);
}

napi_value fc_statfs_fsid(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  fc_path path;
  if (!fc_get_args(env, info, 1, argv, NULL) ||
      !fc_arg_path(env, argv[0], "path", false, &path)) {
    return NULL;
  }
  if (path.err != 0) {
    return fc_number(env, path.err);
  }
  struct statfs st;
  if (statfs(path.ptr, &st) < 0) {
    return fc_number(env, -errno);
  }
  /* The same two ints fanotify copies into a FID record's fsid. */
  napi_value result, word;
  FC_NAPI(env, napi_create_array_with_length(env, 2, &result));
  for (uint32_t i = 0; i < 2; i++) {
    FC_NAPI(env, napi_create_int32(env, st.f_fsid.__val[i], &word));
    FC_NAPI(env, napi_set_element(env, result, i, word));
  }
  return result;
}

napi_value fc_mount_id_unique(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  fc_path path;
  if (!fc_get_args(env, info, 1, argv, NULL) ||
      !fc_arg_path(env, argv[0], "path", false, &path)) {
    return NULL;
  }
  if (path.err != 0) {
    return fc_number(env, path.err);
  }
  struct statx stx;
  /* AT_NO_AUTOMOUNT matches stat(2), which never triggers automounts. */
  if (statx(AT_FDCWD, path.ptr, AT_NO_AUTOMOUNT, STATX_MNT_ID_UNIQUE, &stx) <
      0) {
    return fc_number(env, -errno);
  }
  /* Kernels before 6.8 silently ignore the request bit. */
  if (!(stx.stx_mask & STATX_MNT_ID_UNIQUE)) {
    return fc_number(env, -EOPNOTSUPP);
  }
  napi_value result;
  FC_NAPI(env, napi_create_bigint_uint64(env, stx.stx_mnt_id, &result));
  return result;
}
