// SPDX-License-Identifier: GPL-2.0
/*
 * runas UID GID[,GID...] PROGRAM [ARG...]: run PROGRAM as an unprivileged
 * user with exactly these groups (the first is the primary one), for the
 * /dev/kvm permission tests (the lab's userspace has no su/setpriv).
 */
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	gid_t groups[16];
	int n = 0;
	char *s, *tok;
	uid_t uid;

	if (argc < 4) {
		fprintf(stderr, "usage: runas UID GID[,GID...] PROGRAM [ARG...]\n");
		return 2;
	}
	uid = strtoul(argv[1], NULL, 0);
	for (s = argv[2]; (tok = strsep(&s, ",")) && n < 16;)
		groups[n++] = strtoul(tok, NULL, 0);
	if (setgroups(n, groups) || setgid(groups[0]) || setuid(uid)) {
		perror("runas");
		return 2;
	}
	if (!getuid() || !geteuid()) {
		fprintf(stderr, "runas: still root\n");
		return 2;
	}
	execvp(argv[3], argv + 3);
	perror(argv[3]);
	return 127;
}
