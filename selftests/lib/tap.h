/* SPDX-License-Identifier: GPL-2.0 */
/*
 * TAP helpers for the lab test programs (arm64, run in the emulated
 * server).  Lines: "ok - name", "not ok - name", "ok - name # SKIP why";
 * the suite runner numbers and counts them.
 */
#ifndef SV_LAB_TAP_H
#define SV_LAB_TAP_H

#include <errno.h>
#include <stdio.h>
#include <string.h>

static int sv_tap_failed;

#define sv_ok(cond, ...)						\
	({								\
		int _c = !!(cond);					\
		printf(_c ? "ok - " : "not ok - ");			\
		printf(__VA_ARGS__);					\
		printf("\n");						\
		if (!_c)						\
			sv_tap_failed++;				\
		fflush(stdout);						\
		_c;							\
	})

/* A call that must fail with errno `want`. */
#define sv_ok_errno(ret, want, ...)					\
	({								\
		long _r = (long)(ret);					\
		int _e = errno;						\
		int _c = sv_ok(_r == -1 && _e == (want), __VA_ARGS__);	\
		if (!_c)						\
			printf("#   returned %ld errno %d (%s), want -1 errno %d (%s)\n",\
			       _r, _e, strerror(_e), (want), strerror(want));\
		_c;							\
	})

#define sv_skip(...)							\
	do {								\
		printf("ok - ");					\
		printf(__VA_ARGS__);					\
		printf(" # SKIP\n");					\
	} while (0)

#define sv_tap_exit()	return sv_tap_failed ? 1 : 0

#endif /* SV_LAB_TAP_H */
