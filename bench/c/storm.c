/*
 * The event storm of the live benchmark: NPROCS processes, each in its own directory under DIR,
 * each creating, writing one byte to, closing and unlinking ITERATIONS files (CREATE, MODIFY,
 * CLOSE_WRITE, DELETE), with names cycling through 512. A fixed amount of work, so every reader
 * faces the same storm. Prints one JSON line: operations and wall time.
 * "ops" counts the operations the live bench's mark reports (CREATE, MODIFY, CLOSE_WRITE, DELETE,
 * with FAN_ONDIR): 4 per file iteration, plus each worker's mkdir (CREATE) and rmdir (DELETE) of
 * its directory — what a reader would count from a queue where no event merged with another.
 * Usage: storm DIR NPROCS ITERATIONS
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int worker(const char *dir, int id, long iterations)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/w%d", dir, id);
	if (mkdir(path, 0700) < 0) { perror(path); return 1; }
	for (long k = 0; k < iterations; k++) {
		snprintf(path, sizeof path, "%s/w%d/f%ld", dir, id, k % 512);
		int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0600);
		if (fd < 0) { perror(path); return 1; }
		if (write(fd, "x", 1) != 1) { perror("write"); return 1; }
		close(fd);
		if (unlink(path) < 0) { perror(path); return 1; }
	}
	snprintf(path, sizeof path, "%s/w%d", dir, id);
	return rmdir(path) < 0;
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: %s DIR NPROCS ITERATIONS\n", argv[0]);
		return 2;
	}
	int nprocs = atoi(argv[2]);
	long iterations = atol(argv[3]);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int i = 0; i < nprocs; i++) {
		pid_t pid = fork();
		if (pid < 0) { perror("fork"); return 1; }
		if (pid == 0) _exit(worker(argv[1], i, iterations));
	}
	int failed = 0, status;
	while (wait(&status) > 0)
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) failed = 1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	long long ns = (long long)(t1.tv_sec - t0.tv_sec) * 1000000000ll + (t1.tv_nsec - t0.tv_nsec);
	printf("{\"ops\":%lld,\"startNs\":%lld,\"ns\":%lld}\n", (long long)nprocs * (4 * (long long)iterations + 2),
	       (long long)t0.tv_sec * 1000000000ll + t0.tv_nsec, ns);
	return failed;
}
