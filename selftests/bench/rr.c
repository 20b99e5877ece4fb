// SPDX-License-Identifier: GPL-2.0
/*
 * rr: TCP request/response round trips, a netperf TCP_RR-like load for the
 * application benchmarks (run-apps.sh), as a static arm64 binary that runs
 * in the emulated server and, fetched over the network, in the guest.
 *
 *   rr server PORT            answer every byte with one byte, connection
 *                             after connection (until killed)
 *   rr client HOST PORT N     N one-byte requests, each waiting for its
 *                             answer; prints "rr N TOTAL_NS MIN_NS" with
 *                             CLOCK_MONOTONIC (under -icount shift=0 one
 *                             ns is one instruction of the whole machine)
 *   rr now                    CLOCK_MONOTONIC in ns (to time a job)
 *
 * TCP_NODELAY on both ends: every request and answer is its own segment.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

static void nodelay(int fd)
{
	int one = 1;

	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
}

static int serve(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };
	int one = 1, s = socket(AF_INET, SOCK_STREAM, 0);

	if (s < 0)
		return perror("socket"), 1;
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(s, (struct sockaddr *)&a, sizeof(a)) || listen(s, 4))
		return perror("bind/listen"), 1;
	for (;;) {
		char c;
		int fd = accept(s, NULL, NULL);

		if (fd < 0)
			continue;
		nodelay(fd);
		while (read(fd, &c, 1) == 1)
			if (write(fd, &c, 1) != 1)
				break;
		close(fd);
	}
}

static int client(const char *host, int port, long n)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };
	uint64_t t0, t, min = UINT64_MAX;
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	char c = 'r';
	long i;

	if (fd < 0 || inet_pton(AF_INET, host, &a.sin_addr) != 1)
		return fprintf(stderr, "rr: bad address %s\n", host), 1;
	if (connect(fd, (struct sockaddr *)&a, sizeof(a)))
		return perror("connect"), 1;
	nodelay(fd);
	t0 = now_ns();
	for (i = 0; i < n; i++) {
		uint64_t s = now_ns();

		if (write(fd, &c, 1) != 1 || read(fd, &c, 1) != 1)
			return fprintf(stderr, "rr: connection lost after %ld\n", i), 1;
		t = now_ns() - s;
		if (t < min)
			min = t;
	}
	t = now_ns() - t0;
	printf("rr %ld %llu %llu\n", n, (unsigned long long)t, (unsigned long long)min);
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "now"))
		return printf("%llu\n", (unsigned long long)now_ns()) < 0;
	if (argc == 3 && !strcmp(argv[1], "server"))
		return serve(atoi(argv[2]));
	if (argc == 5 && !strcmp(argv[1], "client") && atol(argv[4]) > 0)
		return client(argv[2], atoi(argv[3]), atol(argv[4]));
	fprintf(stderr, "usage: rr server PORT | rr client HOST PORT N | rr now\n");
	return 2;
}
