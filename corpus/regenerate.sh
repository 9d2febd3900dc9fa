#!/usr/bin/env bash
# Regenerates the fanotify capture corpus on this kernel, with the package's own
# `fanotify-codec capture` command.
#
#   sudo bash corpus/regenerate.sh [--only REGEX] [--unavailable FILE] [OUTDIR]
#
# OUTDIR defaults to corpus/ (this directory). Each capture lands in OUTDIR/<fs>/<case>/ as
# capture.bin (the bytes every read() returned), capture.json (the capture's sidecar) and
# capture.jsonl (exactly what `fanotify-codec decode capture.bin` prints). --only regenerates
# only the cases whose "<fs>/<case>" matches REGEX (grep -E) and leaves the others alone;
# without it the whole corpus is replaced.
# --unavailable FILE is for older kernels (test/kernels/capture-corpus.ts): a capture whose
# fanotify_init or fanotify_mark fails with EINVAL (the kernel lacks a flag or an event) is not
# an error but skipped, and one JSON line per such case is appended to FILE: { case, call,
# errno, args (the call's arguments in words, the group's fd left out), hint, capture (the capture options) }. Any other
# failure still ends the run.
#
# Needs root, loop devices, mkfs.ext4/mkfs.xfs/mkfs.btrfs, debugfs, unshare/nsenter and node.
# CORPUS_CLI=path/to/cli.js uses that CLI instead of bundling this checkout's src/cli/main.ts.
# Everything it creates lives under one temporary directory (a private bind mount, so no mount
# propagates anywhere): loop images, their mounts, a tmpfs, a persistent mount namespace. The
# EXIT trap unmounts all of it (loop devices are auto-cleared), restores
# /proc/sys/fs/fanotify/max_queued_events and removes the directory, on success and on failure.
#
# Reproducibility: the workloads of non-permission captures first SIGSTOP the capture process
# (their parent), do their file operations, then SIGCONT it. The kernel therefore queues and
# merges every event before the first read(), so event merging and read() boundaries are the
# kernel's alone, not a race with the reader. Event-producing helpers (touch, cat, mkdir...) have
# exited before the read, so their pidfds are FAN_NOPIDFD; cases that need a live pidfd keep
# their shell alive until the capture's bytes appear. Permission events block their workload
# until answered, so those captures read one event at a time without any pausing.
# Run again, the corpus differs only in run-specific values (pids, fds, fsids, handles, mount
# ids, times): `bash corpus/verify.sh` regenerates into a temporary directory and compares
# normalized forms.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PKG=$(cd "$HERE/.." && pwd)
ONLY=''
UNAVAILABLE=''
while [ $# -gt 0 ]; do
  case "$1" in
    --only) ONLY=${2:?--only needs a regular expression}; shift 2 ;;
    --unavailable) UNAVAILABLE=$(realpath -m "${2:?--unavailable needs a file}"); shift 2 ;;
    *) break ;;
  esac
done
OUT=$(realpath -m "${1:-$HERE}")

die() {
  echo "corpus/regenerate.sh: $*" >&2
  exit 1
}

[ "$(id -u)" -eq 0 ] || die "must run as root (fanotify capture, loop devices, mounts)"
export PATH="$PATH:/usr/sbin:/sbin"
for tool in node mount umount mountpoint losetup truncate mkfs.ext4 mkfs.xfs mkfs.btrfs debugfs unshare nsenter timeout; do
  command -v "$tool" >/dev/null || die "missing $tool (see .ci/system-deps.sh)"
done

MAX_QUEUED=/proc/sys/fs/fanotify/max_queued_events
SAVED_MAX_QUEUED=$(cat "$MAX_QUEUED")
WORK=$(mktemp -d /tmp/fanotify-corpus.XXXXXX)
TOOLS=''
if [ -z "${CORPUS_CLI:-}" ]; then
  mkdir -p "$PKG/temp"
  # Inside the package, so the bundled CLI finds the package root and its native addon.
  TOOLS=$(mktemp -d "$PKG/temp/corpus-cli.XXXXXX")
fi

cleanup() {
  local status=$?
  set +e
  echo "$SAVED_MAX_QUEUED" >"$MAX_QUEUED"
  if mountpoint -q "$WORK"; then
    umount -R "$WORK" 2>/dev/null || { sleep 1; umount -R "$WORK"; } || umount -R -l "$WORK"
  fi
  rm -rf "$WORK" ${TOOLS:+"$TOOLS"}
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A private mount: nothing mounted below propagates to other namespaces, and `umount -R` takes
# everything down in one go.
mount --bind "$WORK" "$WORK"
mount --make-private "$WORK"
mkdir -p "$WORK/images" "$WORK/staging"

# The CLI: this checkout's src/cli/main.ts, bundled; or CORPUS_CLI (e.g. dist/cli.js of a build).
if [ -n "${CORPUS_CLI:-}" ]; then
  CLI=$(realpath "$CORPUS_CLI")
else
  echo "corpus: bundling the CLI"
  "$PKG/node_modules/.bin/esbuild" --bundle --platform=node --format=esm --target=node20 --log-level=warning \
    "$PKG/src/cli/main.ts" --outfile="$TOOLS/cli.mjs"
  CLI="$TOOLS/cli.mjs"
fi
node "$CLI" capture --help >/dev/null 2>&1 || die "'fanotify-codec capture' is not available in this checkout"

# --- filesystems -----------------------------------------------------------------------------

loop_fs() { # loop_fs TYPE SIZE MKFS...: a fresh loop-mounted filesystem at $WORK/TYPE
  local type=$1 size=$2
  shift 2
  truncate -s "$size" "$WORK/images/$type.img"
  "$@" "$WORK/images/$type.img" >/dev/null
  mkdir -p "$WORK/$type"
  mount -o loop "$WORK/images/$type.img" "$WORK/$type"
}

echo "corpus: creating ext4, xfs, btrfs and tmpfs"
loop_fs ext4 64M mkfs.ext4 -q -F
loop_fs xfs 320M mkfs.xfs -q -f
loop_fs btrfs 256M mkfs.btrfs -q -f
mkdir -p "$WORK/tmpfs"
mount -t tmpfs -o size=16m corpus-tmpfs "$WORK/tmpfs"

# --- capture helpers -------------------------------------------------------------------------

# The workload prologue/epilogue described at the top. $PPID is the capture process.
HOLD='kill -STOP $PPID; trap "kill -CONT $PPID" EXIT; '
# Resume the capture, then stay alive until its first read is on disk (for live pidfds).
STAY_ALIVE='; kill -CONT $PPID; while [ ! -s "$CAPTURE_OUT" ]; do sleep 0.01; done'

selected() { # selected FS CASE: whether --only lets this case through
  [ -z "$ONLY" ] || printf '%s/%s\n' "$1" "$2" | grep -Eq -- "$ONLY"
}

# capture FS CASE WORKLOAD [capture options...]: runs the workload under `capture` with cwd
# $WORK (so mark paths and the workload use stable relative paths), then decodes the bytes.
capture() {
  local fs=$1 name=$2 workload=$3
  shift 3
  selected "$fs" "$name" || return 0
  local dir="$WORK/staging/$fs/$name"
  mkdir -p "$dir"
  echo "corpus: $fs/$name"
  # A paused capture must never hang the script: timeout's SIGKILL also ends a stopped process.
  if ! (cd "$WORK" && CAPTURE_OUT="$dir/capture.bin" timeout --kill-after=5 120 \
    node "$CLI" capture "$@" -o "$dir/capture.bin" -- sh -c "$workload" >"$WORK/capture.log" 2>&1); then
    if [ -n "$UNAVAILABLE" ] && unavailable "$fs/$name" "$@" <"$WORK/capture.log" >>"$UNAVAILABLE"; then
      echo "corpus: $fs/$name is not available on $(uname -r): $(tail -1 "$WORK/capture.log")"
      rm -rf "$dir"
      return 0
    fi
    cat "$WORK/capture.log" >&2
    die "capture of $fs/$name failed"
  fi
  node "$CLI" decode "$dir/capture.bin" >"$dir/capture.jsonl" || die "decoding $fs/$name failed"
}

# unavailable CASE CAPTURE-OPTIONS... <LOG: one JSON line when the capture failed because
# fanotify_init or fanotify_mark said EINVAL (the CLI's "fanotify_init(flags: ...) failed with
# EINVAL: hint" line); fails (no output) for anything else.
unavailable() {
  node -e '
    const [id, ...options] = process.argv.slice(1);
    const log = require("fs").readFileSync(0, "utf8");
    const m = /^fanotify-codec capture: (fanotify_init|fanotify_mark)\((.*)\) failed with (EINVAL)(?:: (.*))?$/m.exec(log);
    if (!m) process.exit(1);
    const args = Object.fromEntries(m[2].split(/, (?=[a-z_]+: )/).filter((a) => !a.startsWith("fd: ")).map((a) => [a.slice(0, a.indexOf(": ")), a.slice(a.indexOf(": ") + 2)]));
    console.log(JSON.stringify({ case: id, call: m[1], errno: m[3], args, hint: m[4] ?? "", capture: options }));
  ' "$@"
}

casedir() { # casedir FS CASE: a fresh directory for one case's files, relative to $WORK
  mkdir -p "$WORK/$1/$2"
  echo "$1/$2"
}

# Every event a directory and its children produce, for the fid report modes.
FID_EVENTS=FAN_CREATE,FAN_DELETE,FAN_MOVED_FROM,FAN_MOVED_TO,FAN_ATTRIB,FAN_MODIFY,FAN_OPEN,FAN_ACCESS,FAN_CLOSE,FAN_DELETE_SELF,FAN_MOVE_SELF,FAN_ONDIR,FAN_EVENT_ON_CHILD

fid_workload() { # fid_workload DIR: mkdir, create, append, read, rename, delete, rmdir
  printf '%s' "${HOLD}mkdir $1/sub; touch $1/file; echo data >>$1/file; cat $1/file >/dev/null; mv $1/file $1/moved; rm $1/moved; rmdir $1/sub"
}

# Names of every length modulo 4 (1..8), NAME_MAX (255), bytes that are not UTF-8, a truncated
# UTF-8 sequence, a 4-byte UTF-8 character, and characters that need escaping.
names_workload() {
  printf '%s' "${HOLD}d=$1; for n in a bb ccc dddd eeeee ffffff ggggggg hhhhhhhh; do : >\"\$d/\$n\"; done; "
  printf '%s' ": >\"\$d/\$(printf '%0255d' 0)\"; : >\"\$d/\$(printf 'caf\\351')\"; : >\"\$d/\$(printf '\\377\\376')\"; "
  printf '%s' ": >\"\$d/\$(printf 'x\\342\\202')\"; : >\"\$d/\$(printf '\\360\\237\\246\\212')\"; : >\"\$d/\$(printf 'q\"b\\\\s p')\"; : >\"\$d/\$(printf 'new\\nline')\""
}

fid_cases() { # fid_cases FS: the fid report modes on one filesystem
  local fs=$1 d
  d=$(casedir "$fs" fid)/d && mkdir -p "$WORK/$d"
  capture "$fs" fid "$(fid_workload "$d")" --init FAN_CLASS_NOTIF,FAN_REPORT_FID --mark "inode:$d:$FID_EVENTS"
  d=$(casedir "$fs" dir-fid)/d && mkdir -p "$WORK/$d"
  capture "$fs" dir-fid "$(fid_workload "$d")" --init FAN_CLASS_NOTIF,FAN_REPORT_DIR_FID --mark "inode:$d:$FID_EVENTS"
  d=$(casedir "$fs" dir-fid-fid)/d && mkdir -p "$WORK/$d"
  capture "$fs" dir-fid-fid "$(fid_workload "$d")" --init FAN_CLASS_NOTIF,FAN_REPORT_DIR_FID,FAN_REPORT_FID --mark "inode:$d:$FID_EVENTS"
  d=$(casedir "$fs" dfid-name)/d && mkdir -p "$WORK/$d"
  capture "$fs" dfid-name "$(fid_workload "$d")" --init FAN_CLASS_NOTIF,FAN_REPORT_DFID_NAME --mark "inode:$d:$FID_EVENTS"
  d=$(casedir "$fs" dfid-name-fid)/d && mkdir -p "$WORK/$d"
  capture "$fs" dfid-name-fid "$(fid_workload "$d")" --init FAN_CLASS_NOTIF,FAN_REPORT_DFID_NAME,FAN_REPORT_FID --mark "inode:$d:$FID_EVENTS"
  # FAN_RENAME with DFID_NAME_TARGET: within one directory, then across two (both marked).
  local r
  r=$(casedir "$fs" dfid-name-target-rename) && mkdir -p "$WORK/$r/d1" "$WORK/$r/d2"
  capture "$fs" dfid-name-target-rename "${HOLD}touch $r/d1/x; mv $r/d1/x $r/d1/yy; mv $r/d1/yy $r/d2/z; mkdir $r/d1/s; mv $r/d1/s $r/d2/s" \
    --init FAN_CLASS_NOTIF,FAN_REPORT_DFID_NAME_TARGET \
    --mark "inode:$r/d1:FAN_RENAME,FAN_MOVED_FROM,FAN_MOVED_TO,FAN_CREATE,FAN_ONDIR" \
    --mark "inode:$r/d2:FAN_RENAME,FAN_MOVED_FROM,FAN_MOVED_TO,FAN_CREATE,FAN_ONDIR"
  d=$(casedir "$fs" names)/d && mkdir -p "$WORK/$d"
  capture "$fs" names "$(names_workload "$d")" --init FAN_CLASS_NOTIF,FAN_REPORT_DFID_NAME --mark "inode:$d:FAN_CREATE"
}

for fs in ext4 xfs btrfs tmpfs; do fid_cases "$fs"; done

# --- ext4 only: fd mode, pidfd, tid, fd errors -----------------------------------------------

d=$(casedir ext4 fd-mode)/d && mkdir -p "$WORK/$d"
capture ext4 fd-mode "${HOLD}echo data >$d/f; cat $d/f >/dev/null; ls $d >/dev/null; echo more >>$d/f" \
  --init FAN_CLASS_NOTIF --mark "inode:$d:FAN_OPEN,FAN_ACCESS,FAN_MODIFY,FAN_CLOSE,FAN_ONDIR,FAN_EVENT_ON_CHILD"

# The shell's own event gets a live pidfd; cat has exited by the read (FAN_NOPIDFD).
d=$(casedir ext4 fd-mode-pidfd)/d && mkdir -p "$WORK/$d"
capture ext4 fd-mode-pidfd "${HOLD}echo data >$d/f; cat $d/f >/dev/null${STAY_ALIVE}" \
  --init FAN_CLASS_NOTIF,FAN_REPORT_PIDFD --mark "inode:$d:FAN_OPEN,FAN_CLOSE,FAN_EVENT_ON_CHILD"

d=$(casedir ext4 fid-pidfd)/d && mkdir -p "$WORK/$d"
capture ext4 fid-pidfd "${HOLD}echo data >$d/f; mkdir $d/sub${STAY_ALIVE}" \
  --init FAN_CLASS_NOTIF,FAN_REPORT_FID,FAN_REPORT_PIDFD --mark "inode:$d:FAN_CREATE,FAN_OPEN,FAN_CLOSE,FAN_ONDIR,FAN_EVENT_ON_CHILD"

d=$(casedir ext4 fd-mode-tid)/d && mkdir -p "$WORK/$d"
capture ext4 fd-mode-tid "${HOLD}echo data >$d/f; cat $d/f >/dev/null" \
  --init FAN_CLASS_NOTIF,FAN_REPORT_TID --mark "inode:$d:FAN_OPEN,FAN_CLOSE,FAN_EVENT_ON_CHILD"

# FAN_REPORT_FD_ERROR: the kernel cannot open O_RDWR on a read-only bind mount, so fd = -EROFS;
# cat has exited, so pidfd = -ESRCH.
if selected ext4 fd-error-erofs; then
  mkdir -p "$WORK/ext4/fd-error-erofs/src" "$WORK/ext4-ro"
  echo data >"$WORK/ext4/fd-error-erofs/src/file"
  mount --bind "$WORK/ext4/fd-error-erofs/src" "$WORK/ext4-ro"
  mount -o remount,bind,ro "$WORK/ext4-ro"
fi
capture ext4 fd-error-erofs "${HOLD}cat ext4-ro/file >/dev/null" \
  --init FAN_CLASS_NOTIF,FAN_REPORT_FD_ERROR,FAN_REPORT_PIDFD --event-flags O_RDWR,O_LARGEFILE,O_CLOEXEC \
  --mark "mount:ext4-ro:FAN_OPEN,FAN_CLOSE_NOWRITE"

# Fid events carry no fd: -EBADF with FAN_REPORT_FD_ERROR.
d=$(casedir ext4 fid-fd-error)/d && mkdir -p "$WORK/$d"
capture ext4 fid-fd-error "${HOLD}touch $d/f; mkdir $d/sub" \
  --init FAN_CLASS_NOTIF,FAN_REPORT_FID,FAN_REPORT_FD_ERROR,FAN_REPORT_PIDFD --mark "inode:$d:FAN_CREATE,FAN_OPEN,FAN_CLOSE,FAN_ONDIR,FAN_EVENT_ON_CHILD"

# --- ext4 only: permission and pre-content events (not paused: each blocks until answered) ----

d=$(casedir ext4 permission)/d
if selected ext4 permission; then
  mkdir -p "$WORK/$d"
  echo data >"$WORK/$d/file"
  cp "$(type -P true)" "$WORK/$d/prog"
fi
capture ext4 permission "cat $d/file >/dev/null; $d/prog" \
  --init FAN_CLASS_CONTENT --mark "inode:$d:FAN_OPEN_PERM,FAN_ACCESS_PERM,FAN_OPEN_EXEC_PERM,FAN_EVENT_ON_CHILD"

# Pre-content (ext4 supports it, tmpfs does not): ranges of a 5-page file read in several ways.
p=$(casedir ext4 pre-content)
if selected ext4 pre-content; then head -c 20480 /dev/zero >"$WORK/$p/file"; fi
capture ext4 pre-content "dd if=$p/file of=/dev/null bs=4096 skip=2 count=1 status=none; dd if=$p/file of=/dev/null bs=100 skip=82 count=1 status=none; head -c 10 $p/file >/dev/null" \
  --init FAN_CLASS_PRE_CONTENT --mark "inode:$p/file:FAN_PRE_ACCESS"
p=$(casedir ext4 pre-content-pidfd)
if selected ext4 pre-content-pidfd; then head -c 8192 /dev/zero >"$WORK/$p/file"; fi
capture ext4 pre-content-pidfd "dd if=$p/file of=/dev/null bs=4096 skip=1 count=1 status=none" \
  --init FAN_CLASS_PRE_CONTENT,FAN_REPORT_PIDFD --mark "inode:$p/file:FAN_PRE_ACCESS"

# --- ext4 only: many events per read, overflow ------------------------------------------------

# 300 distinct names from one shell: several 4 KiB reads, each packed with events.
d=$(casedir ext4 many-events)/d && mkdir -p "$WORK/$d"
capture ext4 many-events "${HOLD}i=0; while [ \$i -lt 300 ]; do : >$d/file-\$i; i=\$((i+1)); done" \
  --init FAN_CLASS_NOTIF,FAN_REPORT_DFID_NAME --buffer-size 4096 --mark "inode:$d:FAN_CREATE"

# The queue limit is sampled at fanotify_init: 8 events fit, the rest become one FAN_Q_OVERFLOW.
overflow() { # overflow CASE INIT
  local d
  d=$(casedir ext4 "$1")/d && mkdir -p "$WORK/$d"
  selected ext4 "$1" || return 0
  for i in $(seq 1 12); do echo "$i" >"$WORK/$d/f$i"; done
  echo 8 >"$MAX_QUEUED"
  capture ext4 "$1" "${HOLD}for i in \$(seq 1 12); do cat $d/f\$i >/dev/null; done" --init "$2" --mark "inode:$d:FAN_OPEN,FAN_EVENT_ON_CHILD"
  echo "$SAVED_MAX_QUEUED" >"$MAX_QUEUED"
}
overflow overflow-fd FAN_CLASS_NOTIF
overflow overflow-fid FAN_CLASS_NOTIF,FAN_REPORT_FID

# --- ext4 only: mount events in a mount namespace of our own ----------------------------------

mount_case() { # mount_case CASE INIT
  selected ext4 "$1" || return 0
  mkdir -p "$WORK/mnt/a" "$WORK/mnt/b"
  if [ ! -e "$WORK/mntns" ]; then
    touch "$WORK/mntns"
    # A persistent namespace (bound to $WORK/mntns): the capture marks it, the workload enters it.
    unshare --mount="$WORK/mntns" --propagation private true
  fi
  capture ext4 "$1" "${HOLD}w=\$PWD; nsenter --mount=mntns sh -c \"mount -t tmpfs corpus-mnt \$w/mnt/a; mount --move \$w/mnt/a \$w/mnt/b; umount \$w/mnt/b\"" \
    --init "$2" --mark "mntns:mntns:FAN_MNT_ATTACH,FAN_MNT_DETACH"
}
mount_case mount FAN_CLASS_NOTIF,FAN_REPORT_MNT
mount_case mount-pidfd FAN_CLASS_NOTIF,FAN_REPORT_MNT,FAN_REPORT_PIDFD

# --- ext4 only: FAN_FS_ERROR from a deliberately corrupted image -----------------------------

# As LTP fanotify22: a directory whose inode mode is invalid, and a hard link to inode 1 (the
# bad-blocks inode), which no lookup may reach.
truncate -s 16M "$WORK/images/corrupt.img"
mkfs.ext4 -q -F "$WORK/images/corrupt.img" >/dev/null
mkdir -p "$WORK/errfs"
mount -o loop "$WORK/images/corrupt.img" "$WORK/errfs"
mkdir -p "$WORK/errfs/dir/bad_dir"
umount "$WORK/errfs"
debugfs -w -R "sif dir/bad_dir mode 0xff" "$WORK/images/corrupt.img" >/dev/null 2>&1
debugfs -w -R "ln <1> dir/bad_link" "$WORK/images/corrupt.img" >/dev/null 2>&1

fs_error() { # fs_error CASE WORKLOAD: on a fresh copy of the corrupted image
  selected ext4 "$1" || return 0
  cp --sparse=always "$WORK/images/corrupt.img" "$WORK/images/$1.img"
  mount -o loop,errors=continue "$WORK/images/$1.img" "$WORK/errfs"
  capture ext4 "$1" "$2" --init FAN_CLASS_NOTIF,FAN_REPORT_FID --mark "filesystem:errfs:FAN_FS_ERROR"
  umount "$WORK/errfs"
}
# One failing lookup; then two by one process (merged: error_count 2, the first error's handle);
# then a superblock-level error (shutdown: no inode, a zero-length handle).
fs_error fs-error-single "${HOLD}stat errfs/dir/bad_dir >/dev/null 2>&1 || true"
fs_error fs-error-merged "${HOLD}[ -e errfs/dir/bad_link ]; [ -e errfs/dir/bad_dir ]; true"
fs_error fs-error-abort "${HOLD}mount -o remount,abort \$PWD/errfs"

# --- publish ---------------------------------------------------------------------------------

echo "corpus: writing $OUT"
mkdir -p "$OUT"
for fsdir in "$WORK/staging"/*/; do
  [ -d "$fsdir" ] || continue
  fs=$(basename "$fsdir")
  if [ -z "$ONLY" ]; then rm -rf "${OUT:?}/$fs"; fi
  for casedir_ in "$fsdir"*/; do
    name=$(basename "$casedir_")
    rm -rf "${OUT:?}/$fs/$name"
    mkdir -p "$OUT/$fs"
    cp -r "$casedir_" "$OUT/$fs/$name"
  done
done
if [ -z "$ONLY" ]; then
  # Filesystems that produced nothing this time must not keep stale captures.
  for fs in ext4 xfs btrfs tmpfs; do [ -d "$WORK/staging/$fs" ] || rm -rf "${OUT:?}/$fs"; done
fi
echo "corpus: done ($(find "$OUT" -name capture.bin | wc -l) captures, $(du -sh "$OUT" | cut -f1))"
