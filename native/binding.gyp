{
  "targets": [
    {
      "target_name": "fanotify_codec",
      "sources": [
        "addon.c",
        "args.c",
        "constants.c",
        "fds.c",
        "handles.c",
        "kernel_fcntl.c",
        "poll.c",
        "poll_registry.c",
        "syscalls.c"
      ],
      "defines": ["NAPI_VERSION=8"],
      "cflags": ["-O2", "-Wall", "-Wextra", "-Werror", "-pthread", "-fvisibility=hidden"],
      "cflags!": ["-O3"],
      "cflags_c": ["-std=gnu11"],
      "ldflags": ["-pthread"]
    }
  ]
}
