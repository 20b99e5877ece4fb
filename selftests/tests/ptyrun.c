// SPDX-License-Identifier: GPL-2.0
/*
 * ptyrun PROGRAM [ARG...]: run PROGRAM on a new pseudo-terminal and relay
 * our stdin to it and its output to our stdout, for interactive tools
 * that insist on a terminal (virsh console) in scripted lab tests.  Ends
 * when PROGRAM exits (its status is ours) or after 600 s.
 */
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static int relay(int from, int to)
{
	char buf[4096];
	ssize_t n = read(from, buf, sizeof(buf));

	if (n <= 0)
		return -1;
	return write(to, buf, n) == n ? 0 : -1;
}

int main(int argc, char **argv)
{
	struct termios raw;
	time_t end = time(NULL) + 600;
	int master, status, in_open = 1;
	pid_t pid;

	if (argc < 2) {
		fprintf(stderr, "usage: ptyrun PROGRAM [ARG...]\n");
		return 2;
	}
	cfmakeraw(&raw);
	pid = forkpty(&master, NULL, &raw, NULL);
	if (pid < 0) {
		perror("forkpty");
		return 2;
	}
	if (!pid) {
		execvp(argv[1], argv + 1);
		perror(argv[1]);
		_exit(127);
	}
	while (time(NULL) < end) {
		struct pollfd p[2] = { { master, POLLIN, 0 }, { 0, POLLIN, 0 } };

		if (poll(p, in_open ? 2 : 1, 1000) < 0)
			break;
		if ((p[0].revents & (POLLIN | POLLHUP)) && relay(master, 1))
			break;
		if (in_open && (p[1].revents & (POLLIN | POLLHUP)) && relay(0, master))
			in_open = 0;
	}
	kill(pid, SIGTERM);
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
		return 1;
	return WEXITSTATUS(status);
}
