/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal TAP for the native unit tests: one "ok"/"not ok" line per check,
 * a plan at the end, exit status 1 if anything failed.
 */
#ifndef SV_TAP_H
#define SV_TAP_H

#include <stdio.h>
#include <stdlib.h>

static int tap_n, tap_failed;

#define TAP_CHECK(cond, ...)						\
	do {								\
		tap_n++;						\
		if (cond) {						\
			printf("ok %d - ", tap_n);			\
		} else {						\
			tap_failed++;					\
			printf("not ok %d - ", tap_n);			\
		}							\
		printf(__VA_ARGS__);					\
		printf("\n");						\
		if (!(cond))						\
			printf("#   failed: %s (%s:%d)\n", #cond,	\
			       __FILE__, __LINE__);			\
	} while (0)

#define TAP_EQ(got, want, ...)						\
	do {								\
		long long _g = (long long)(got), _w = (long long)(want);\
		TAP_CHECK(_g == _w, __VA_ARGS__);			\
		if (_g != _w)						\
			printf("#   got %lld (%#llx), want %lld (%#llx)\n",\
			       _g, _g, _w, _w);				\
	} while (0)

static inline int tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif /* SV_TAP_H */
