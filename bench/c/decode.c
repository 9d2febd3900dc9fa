/*
 * The machine limit for decoding: walks the stream file given on the command line `reps` times
 * (after `warmup` untimed walks) and prints one JSON line per timed walk: its nanoseconds and
 * the checksum in bench/checksum.ts's digest format.
 * Usage: decode FILE WARMUP REPS
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "walk.h"

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: %s FILE WARMUP REPS\n", argv[0]);
		return 2;
	}
	FILE *f = fopen(argv[1], "rb");
	if (!f) { perror(argv[1]); return 1; }
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	fseek(f, 0, SEEK_SET);
	uint8_t *buf = malloc(size > 0 ? (size_t)size : 1);
	if (!buf || fread(buf, 1, (size_t)size, f) != (size_t)size) { perror("read"); return 1; }
	fclose(f);
	int warmup = atoi(argv[2]), reps = atoi(argv[3]);
	for (int i = 0; i < warmup + reps; i++) {
		struct checksum ck = {0};
		uint64_t t0 = now_ns();
		size_t bad = walk_events(buf, (size_t)size, &ck);
		uint64_t t1 = now_ns();
		if (bad) { fprintf(stderr, "malformed event at byte %zu\n", bad - 1); return 1; }
		if (i >= warmup)
			printf("{\"ns\":%llu,\"checksum\":\"%llu/%llu/%08x/%016llx\"}\n", (unsigned long long)(t1 - t0),
			       (unsigned long long)ck.events, (unsigned long long)ck.records, ck.a, (unsigned long long)ck.w);
	}
	free(buf);
	return 0;
}
