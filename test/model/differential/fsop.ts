/**
 * The differential runner's C helper for system calls Node has no binding for: its source (as
 * text, so that bundles such as the QEMU guests' carry it) and a lazy build with gcc into a temp
 * dir of this process, removed when the process exits.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The helper's C source. */
export const FSOP_SOURCE = String.raw`/*
 * fsop: the system calls the differential runner needs and Node does not offer (renameat2,
 * touch from a second thread, truncate, execve, mknod, xattrs, utimensat with UTIME_OMIT,
 * FS_IOC_SETFLAGS, O_TMPFILE + linkat, mmap), and open/unlink as another user ("as UID GID OP
 * ..."). One operation per run; prints its result on stdout: 0 (or a count) on success, -errno
 * on failure. Run without arguments it is the image an exec step runs, and prints 0.
 * Kept as text in fsop.ts (so that the QEMU guests' bundles carry it) and built with gcc into
 * the test's own temp dir at test time; never committed as a binary.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/xattr.h>
#include <unistd.h>

static int result(long r) { return r < 0 ? -errno : (int)r; }

/* The file handle of an open fd, printed after the result (" handle=TYPE:HEX"): the harness
 * cannot name an unlinked O_TMPFILE file. AT_HANDLE_FID where the kernel has it (6.5+). */
static char handle_text[300];
static void remember_handle(int fd) {
	struct { struct file_handle fh; unsigned char bytes[128]; } h;
	int mnt, r;
	h.fh.handle_bytes = 128;
	r = name_to_handle_at(fd, "", &h.fh, &mnt, AT_EMPTY_PATH | 0x200);
	if (r < 0 && errno == EINVAL) {
		h.fh.handle_bytes = 128;
		r = name_to_handle_at(fd, "", &h.fh, &mnt, AT_EMPTY_PATH);
	}
	if (r < 0) return;
	int n = snprintf(handle_text, sizeof handle_text, " handle=%d:", h.fh.handle_type);
	for (unsigned i = 0; i < h.fh.handle_bytes && n < (int)sizeof handle_text - 3; i++)
		n += snprintf(handle_text + n, sizeof handle_text - n, "%02x", h.fh.f_handle[i]);
}

/* O_TMPFILE in DIR, COUNT bytes written, then linkat of /proc/self/fd/N to LINK ("-": none). */
static int tmpfile_op(const char *dir, const char *link, int count, int excl) {
	char buf[4096], proc[64];
	int fd = open(dir, O_TMPFILE | O_RDWR | (excl ? O_EXCL : 0), 0644);
	if (fd < 0) return -errno;
	remember_handle(fd);
	memset(buf, 'a', sizeof buf);
	if (count > 0 && write(fd, buf, count > (int)sizeof buf ? (int)sizeof buf : count) < 0) return -errno;
	int r = 0;
	if (strcmp(link, "-") != 0) {
		snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
		r = result(linkat(AT_FDCWD, proc, AT_FDCWD, link, AT_SYMLINK_FOLLOW));
	}
	close(fd);
	return r;
}

/* touch (open O_WRONLY|O_CREAT, close) on the main thread or a second one; prints " tid=N". */
static const char *touch_path;
static int touch_result;
static char tid_text[32];
static void *touch_thread(void *unused) {
	(void)unused;
	snprintf(tid_text, sizeof tid_text, " tid=%ld", (long)syscall(SYS_gettid));
	int fd = open(touch_path, O_WRONLY | O_CREAT, 0644);
	touch_result = fd < 0 ? -errno : close(fd);
	return NULL;
}
static int touch_op(const char *path, int thread) {
	pthread_t t;
	touch_path = path;
	if (!thread) touch_thread(NULL);
	else if (pthread_create(&t, NULL, touch_thread, NULL) != 0 || pthread_join(t, NULL) != 0) return -EAGAIN;
	return touch_result;
}

static int utimens_op(const char *path, int atime, int mtime) {
	struct timespec ts[2] = { { 1000000000, 0 }, { 1000000000, 0 } };
	if (!atime) ts[0].tv_nsec = UTIME_OMIT;
	if (!mtime) ts[1].tv_nsec = UTIME_OMIT;
	return result(utimensat(AT_FDCWD, path, ts, 0));
}

/* chattr +A: FS_IOC_GETFLAGS, then FS_IOC_SETFLAGS with FS_NOATIME_FL added. */
static int chattr_op(const char *path) {
	int flags = 0, fd = open(path, O_RDONLY);
	if (fd < 0) return -errno;
	int r = result(ioctl(fd, FS_IOC_GETFLAGS, &flags));
	if (r == 0) {
		flags |= FS_NOATIME_FL;
		r = result(ioctl(fd, FS_IOC_SETFLAGS, &flags));
	}
	close(fd);
	return r;
}

static int setxattr_op(const char *path, const char *name, int size, int flags) {
	char value[256];
	memset(value, 'v', sizeof value);
	return result(setxattr(path, name, value, size > 256 ? 256 : size, flags));
}

/* open O_RDONLY, mmap PROT_READ of LENGTH bytes at OFFSET (its pre-content event), munmap, close. */
static int mmap_op(const char *path, long offset, long length) {
	int fd = open(path, O_RDONLY);
	if (fd < 0) return -errno;
	void *p = mmap(NULL, length, PROT_READ, MAP_SHARED, fd, offset);
	int r = p == MAP_FAILED ? -errno : 0;
	if (p != MAP_FAILED) munmap(p, length);
	close(fd);
	return r;
}

int main(int argc, char **argv) {
	/* Run with no arguments: this is the image an exec step runs (a copy of this helper), so the
	 * execve that started it succeeded. */
	if (argc == 1) {
		printf("0\n");
		return 0;
	}
	/* "as UID GID OP ...": drop to that user (no supplementary groups, no capabilities) first. */
	if (argc > 4 && !strcmp(argv[1], "as")) {
		gid_t gid = (gid_t)atol(argv[3]);
		if (setgroups(0, NULL) || setgid(gid) || setuid((uid_t)atol(argv[2]))) return 3;
		argv += 3;
		argc -= 3;
	}
	if (argc < 3) return 2;
	const char *op = argv[1];
	int r;
	if (!strcmp(op, "renameat2") && argc == 5)
		r = result(syscall(SYS_renameat2, AT_FDCWD, argv[2], AT_FDCWD, argv[3], atoi(argv[4])));
	else if (!strcmp(op, "mknod") && argc == 4)
		r = result(mknod(argv[2], (strcmp(argv[3], "fifo") ? S_IFREG : S_IFIFO) | 0644, 0));
	else if (!strcmp(op, "touch") && argc == 4)
		r = touch_op(argv[2], atoi(argv[3]));
	else if (!strcmp(op, "truncate") && argc == 4)
		r = result(truncate(argv[2], atol(argv[3])));
	else if (!strcmp(op, "exec") && argc == 3) {
		/* Failures return here (EACCES, ENOEXEC, a denied read); an image that runs prints 0 itself. */
		char *args[] = { argv[2], NULL }, *env[] = { NULL };
		r = result(execve(argv[2], args, env));
	} else if (!strcmp(op, "chattr") && argc == 3)
		r = chattr_op(argv[2]);
	else if (!strcmp(op, "setxattr") && argc == 6)
		r = setxattr_op(argv[2], argv[3], atoi(argv[4]), atoi(argv[5]));
	else if (!strcmp(op, "removexattr") && argc == 4)
		r = result(removexattr(argv[2], argv[3]));
	else if (!strcmp(op, "utimens") && argc == 5)
		r = utimens_op(argv[2], atoi(argv[3]), atoi(argv[4]));
	else if (!strcmp(op, "open") && argc == 4)
		r = result(open(argv[2], atoi(argv[3]), 0644)); /* left open: the exit closes it */
	else if (!strcmp(op, "unlink") && argc == 3)
		r = result(unlink(argv[2]));
	else if (!strcmp(op, "mmap") && argc == 5)
		r = mmap_op(argv[2], atol(argv[3]), atol(argv[4]));
	else if (!strcmp(op, "tmpfile") && argc == 6)
		r = tmpfile_op(argv[2], argv[3], atoi(argv[4]), atoi(argv[5]));
	else
		return 2;
	printf("%d%s%s\n", r, handle_text, tid_text);
	return 0;
}
`;

let built: string | undefined;

/** Path of the built helper (built on first use: gcc -static, in a fresh temp dir). */
export function fsopPath(): string {
  if (built) return built;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fanotify-fsop-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(path.join(dir, 'fsop.c'), FSOP_SOURCE);
  execFileSync('gcc', ['-O2', '-Wall', '-static', '-o', path.join(dir, 'fsop'), path.join(dir, 'fsop.c')], { stdio: 'pipe' });
  built = path.join(dir, 'fsop');
  return built;
}

/** What one helper run did: its pid, its result (0, a count, or -errno), and the handle of a file it opened (tmpfile). */
export interface FsopRun {
  readonly pid: number;
  readonly result: number;
  readonly handle?: { readonly type: number; readonly hex: string };
  /** The thread that performed the operation (touch). */
  readonly tid?: number;
}

/** What fsop printed, as an {@link FsopRun}. */
function parseFsop(args: readonly string[], pid: number | undefined, status: number | null, stdout: string, stderr: string): FsopRun {
  const m = /^(-?[0-9]+)(?: handle=([0-9]+):([0-9a-f]*))?(?: tid=([0-9]+))?$/.exec(stdout.trim());
  if (status !== 0 || !m || pid === undefined) throw new Error(`fsop ${args.join(' ')} failed: status ${status}, ${stdout} ${stderr}`);
  return { pid, result: Number(m[1]), ...(m[2] !== undefined ? { handle: { type: Number(m[2]), hex: m[3]! } } : {}), ...(m[4] !== undefined ? { tid: Number(m[4]) } : {}) };
}

/** Runs one helper operation in its own process. */
export function runFsop(args: readonly string[]): FsopRun {
  const r = spawnSync(fsopPath(), args, { cwd: '/', stdio: ['ignore', 'pipe', 'pipe'] });
  return parseFsop(args, r.pid, r.status, r.stdout.toString(), r.stderr.toString());
}

/**
 * Starts one helper operation that will block on a permission event (this process answers it,
 * so it cannot wait synchronously): its pid at once, its run when it has exited.
 */
export function startFsop(args: readonly string[]): { readonly pid: number; readonly done: Promise<FsopRun> } {
  const proc = spawn(fsopPath(), args, { cwd: '/', stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<FsopRun>((resolve, reject) => {
    proc.once('error', reject);
    proc.once('close', (status) => {
      try {
        resolve(parseFsop(args, proc.pid, status, stdout, stderr));
      } catch (error) {
        reject(error as Error);
      }
    });
  });
  if (proc.pid === undefined) throw new Error(`fsop ${args.join(' ')} did not start`);
  return { pid: proc.pid, done };
}
