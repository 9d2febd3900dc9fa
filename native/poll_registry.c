/*
 * Process-wide registry of open poll handles.
 *
 * fds are shared by all threads, but each worker has its own libuv loop, so
 * the registry is global and guarded by a mutex. It answers two questions:
 *   - may this fd be closed? (not while a handle still watches it)
 *   - may this fd be polled? (libuv allows one poll handle per fd)
 * and counts the handles of one environment for leak tests.
 */
#define _GNU_SOURCE
#include "fanotify_codec.h"

#include <pthread.h>

static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static fc_poll_link* registry_head = NULL;

static bool fd_watched_locked(int fd) {
  for (fc_poll_link* it = registry_head; it != NULL; it = it->next) {
    if (it->fd == fd && !it->closing) {
      return true;
    }
  }
  return false;
}

bool fc_registry_claim(fc_poll_link* link) {
  bool claimed = false;
  pthread_mutex_lock(&registry_lock);
  if (!fd_watched_locked(link->fd)) {
    link->prev = NULL;
    link->next = registry_head;
    if (registry_head != NULL) {
      registry_head->prev = link;
    }
    registry_head = link;
    claimed = true;
  }
  pthread_mutex_unlock(&registry_lock);
  return claimed;
}

void fc_registry_remove(fc_poll_link* link) {
  pthread_mutex_lock(&registry_lock);
  if (link->prev != NULL) {
    link->prev->next = link->next;
  } else {
    registry_head = link->next;
  }
  if (link->next != NULL) {
    link->next->prev = link->prev;
  }
  link->prev = link->next = NULL;
  pthread_mutex_unlock(&registry_lock);
}

void fc_registry_mark_closing(fc_poll_link* link) {
  pthread_mutex_lock(&registry_lock);
  link->closing = true;
  pthread_mutex_unlock(&registry_lock);
}

bool fc_registry_fd_watched(int fd) {
  pthread_mutex_lock(&registry_lock);
  bool watched = fd_watched_locked(fd);
  pthread_mutex_unlock(&registry_lock);
  return watched;
}

size_t fc_registry_count(napi_env env) {
  size_t count = 0;
  pthread_mutex_lock(&registry_lock);
  for (fc_poll_link* it = registry_head; it != NULL; it = it->next) {
    if (it->env == env) {
      count++;
    }
  }
  pthread_mutex_unlock(&registry_lock);
  return count;
}
