/*
 * The C reader of the live benchmark: a FAN_CLASS_NOTIF group with the flags, mark and buffer
 * size given on the command line (the bench passes the same ones to the JavaScript consumer),
 * poll(2) on the group and on stdin, read until EAGAIN, walk every event with walk.h.
 * Protocol: prints "ready" once the mark is in place; EOF on stdin means the storm is over, so
 * it drains the queue and prints one JSON line (times are CLOCK_MONOTONIC, as Node's hrtime:
 * first_ns right after the first read, last_ns once the last read's events were walked), with
 * the events read and the operations they report (see count_ops).
 * Usage: reader DIR INIT_FLAGS EVENT_F_FLAGS MARK_FLAGS MASK BUFSIZE
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/fanotify.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include "walk.h"

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static uint64_t cpu_ns(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ((uint64_t)ru.ru_utime.tv_sec + (uint64_t)ru.ru_stime.tv_sec) * 1000000000ull +
	       ((uint64_t)ru.ru_utime.tv_usec + (uint64_t)ru.ru_stime.tv_usec) * 1000ull;
}

/*
 * The storm's four operation kinds, from <linux/fanotify.h> (which <sys/fanotify.h> includes); the
 * JavaScript readers take the same bits from the package's constants (bench/live/setup.ts STORM_OPS).
 */
#define STORM_OPS (FAN_CREATE | FAN_DELETE | FAN_MODIFY | FAN_CLOSE_WRITE)

static struct checksum ck;
static uint64_t bytes, reads, ops, first_ns, last_ns;

/*
 * The operations the events of a walked read report: popcount(mask & STORM_OPS) per event, so a
 * merged event (mask bits OR-ed) counts every operation it stands for. walk_events has checked
 * every event_len, so the walk stays in bounds.
 */
static uint64_t count_ops(const uint8_t *buf, size_t len)
{
	uint64_t n = 0;
	for (size_t pos = 0; pos < len; pos += ld32(buf + pos))
		n += (uint64_t)__builtin_popcountll(ld64(buf + pos + 8) & STORM_OPS);
	return n;
}

/* Reads until EAGAIN; returns 0 or -errno. */
static int drain(int fd, uint8_t *buf, size_t size)
{
	for (;;) {
		ssize_t n = read(fd, buf, size);
		if (n < 0) {
			if (errno == EINTR) continue;
			return errno == EAGAIN ? 0 : -errno;
		}
		if (!first_ns) first_ns = now_ns();
		reads++;
		bytes += (uint64_t)n;
		size_t bad = walk_events(buf, (size_t)n, &ck);
		if (bad) { fprintf(stderr, "malformed event at byte %zu of a read\n", bad - 1); return -EINVAL; }
		ops += count_ops(buf, (size_t)n);
		/* When this read's events have been handled, as the JavaScript consumer measures it. */
		last_ns = now_ns();
	}
}

int main(int argc, char **argv)
{
	if (argc != 7) {
		fprintf(stderr, "usage: %s DIR INIT_FLAGS EVENT_F_FLAGS MARK_FLAGS MASK BUFSIZE\n", argv[0]);
		return 2;
	}
	unsigned init_flags = (unsigned)strtoul(argv[2], NULL, 0), event_f_flags = (unsigned)strtoul(argv[3], NULL, 0);
	unsigned mark_flags = (unsigned)strtoul(argv[4], NULL, 0);
	uint64_t mask = strtoull(argv[5], NULL, 0);
	size_t size = strtoul(argv[6], NULL, 0);
	int fd = fanotify_init(init_flags, event_f_flags);
	if (fd < 0) { perror("fanotify_init"); return 1; }
	if (fanotify_mark(fd, mark_flags, mask, AT_FDCWD, argv[1]) < 0) { perror("fanotify_mark"); return 1; }
	uint8_t *buf = aligned_alloc(8, size);
	if (!buf) return 1;
	uint64_t cpu0 = cpu_ns();
	printf("ready\n");
	fflush(stdout);

	int done = 0;
	while (!done) {
		struct pollfd p[2] = { { .fd = fd, .events = POLLIN }, { .fd = 0, .events = POLLIN } };
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR) continue;
			perror("poll");
			return 1;
		}
		if (p[0].revents & POLLIN) {
			int err = drain(fd, buf, size);
			if (err) { fprintf(stderr, "read: %d\n", err); return 1; }
		}
		if (p[1].revents & (POLLIN | POLLHUP)) {
			char c[64];
			if (read(0, c, sizeof c) <= 0) done = 1;
		}
	}
	/* The storm is over: everything it caused is queued already. */
	int err = drain(fd, buf, size);
	if (err) { fprintf(stderr, "read: %d\n", err); return 1; }
	uint64_t cpu = cpu_ns() - cpu0;
	printf("{\"events\":%llu,\"ops\":%llu,\"overflows\":%llu,\"bytes\":%llu,\"reads\":%llu,\"firstNs\":%llu,\"lastNs\":%llu,\"cpuNs\":%llu,"
	       "\"checksum\":\"%llu/%llu/%08x/%016llx\"}\n",
	       (unsigned long long)ck.events, (unsigned long long)ops, (unsigned long long)ck.overflows, (unsigned long long)bytes, (unsigned long long)reads,
	       (unsigned long long)first_ns, (unsigned long long)last_ns, (unsigned long long)cpu, (unsigned long long)ck.events,
	       (unsigned long long)ck.records, ck.a, (unsigned long long)ck.w);
	close(fd);
	free(buf);
	return 0;
}
