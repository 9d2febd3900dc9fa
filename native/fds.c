/*
 * Handing group fds between processes: what Node itself cannot do.
 *
 *   sendFd(socket, fd)  sendmsg(2) of one byte with fd in SCM_RIGHTS
 *   receiveFd(socket)   recvmsg(2) of that byte, the fd arrives O_CLOEXEC
 *   adoptFd(fd)         O_NONBLOCK and FD_CLOEXEC on an fd a group adopts
 *
 * Node can pass only its own socket and server handles to child processes;
 * an arbitrary fd (a fanotify group kept across a daemon restart, one from
 * systemd's fd store) needs SCM_RIGHTS. Neither call blocks: MSG_DONTWAIT
 * turns an empty socket into -EAGAIN for the caller to retry.
 */
#define _GNU_SOURCE
#include "fanotify_codec.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

typedef union {
  char buf[CMSG_SPACE(sizeof(int))];
  struct cmsghdr align;
} fc_fd_control;

napi_value fc_send_fd(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  int32_t sock, fd;
  if (!fc_get_args(env, info, 2, argv, NULL) ||
      !fc_arg_int32(env, argv[0], "socket", &sock) ||
      !fc_arg_int32(env, argv[1], "fd", &fd)) {
    return NULL;
  }
  char byte = 'F';
  struct iovec iov = {.iov_base = &byte, .iov_len = 1};
  fc_fd_control control;
  memset(&control, 0, sizeof control);
  struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control.buf, .msg_controllen = sizeof control.buf};
  struct cmsghdr* cmsg = CMSG_FIRSTHDR(&msg);
  cmsg->cmsg_level = SOL_SOCKET;
  cmsg->cmsg_type = SCM_RIGHTS;
  cmsg->cmsg_len = CMSG_LEN(sizeof(int));
  memcpy(CMSG_DATA(cmsg), &fd, sizeof fd);
  ssize_t r;
  do {
    r = sendmsg(sock, &msg, MSG_DONTWAIT | MSG_NOSIGNAL);
  } while (r < 0 && errno == EINTR);
  return fc_syscall_result(env, r < 0 ? r : 0, errno);
}

napi_value fc_receive_fd(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  int32_t sock;
  if (!fc_get_args(env, info, 1, argv, NULL) ||
      !fc_arg_int32(env, argv[0], "socket", &sock)) {
    return NULL;
  }
  char byte;
  struct iovec iov = {.iov_base = &byte, .iov_len = 1};
  fc_fd_control control;
  struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control.buf, .msg_controllen = sizeof control.buf};
  ssize_t r;
  do {
    r = recvmsg(sock, &msg, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
  } while (r < 0 && errno == EINTR);
  if (r < 0) {
    return fc_syscall_result(env, r, errno);
  }
  struct cmsghdr* cmsg = CMSG_FIRSTHDR(&msg);
  if (r == 0 || cmsg == NULL || cmsg->cmsg_level != SOL_SOCKET || cmsg->cmsg_type != SCM_RIGHTS ||
      cmsg->cmsg_len != CMSG_LEN(sizeof(int))) {
    /* The peer closed, or sent bytes without exactly one fd. */
    return fc_number(env, -EBADMSG);
  }
  int fd;
  memcpy(&fd, CMSG_DATA(cmsg), sizeof fd);
  return fc_number(env, fd);
}

napi_value fc_adopt_fd(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  int32_t fd;
  if (!fc_get_args(env, info, 1, argv, NULL) ||
      !fc_arg_int32(env, argv[0], "fd", &fd)) {
    return NULL;
  }
  /* Reads must never block the event loop, and the fd must not leak into children. */
  int fl = fcntl(fd, F_GETFL);
  if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0) {
    return fc_syscall_result(env, -1, errno);
  }
  int fdf = fcntl(fd, F_GETFD);
  int r = fdf < 0 ? -1 : fcntl(fd, F_SETFD, fdf | FD_CLOEXEC);
  return fc_syscall_result(env, r, errno);
}
