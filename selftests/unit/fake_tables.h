/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fake physical memory for the page-table builders' unit tests: table i
 * lives at PA (i + 1) * 4096.  Counts allocations and frees, and can be
 * told to fail from the n-th allocation on.
 */
#ifndef SV_FAKE_TABLES_H
#define SV_FAKE_TABLES_H

#include <stdlib.h>
#include <string.h>
#include <linux/types.h>

#define FAKE_MAX_TABLES 64
static void *fake_tables[FAKE_MAX_TABLES];
static int nr_alloc, nr_free, fail_after = -1;

static void *fake_alloc(void *ctx, __u64 *pa)
{
	int i;

	if (fail_after >= 0 && nr_alloc >= fail_after)
		return NULL;
	for (i = 0; i < FAKE_MAX_TABLES; i++) {
		if (!fake_tables[i]) {
			fake_tables[i] = aligned_alloc(4096, 4096);
			memset(fake_tables[i], 0, 4096);
			*pa = (__u64)(i + 1) << 12;
			nr_alloc++;
			return fake_tables[i];
		}
	}
	return NULL;
}

static void fake_free(void *ctx, void *t)
{
	int i;

	for (i = 0; i < FAKE_MAX_TABLES; i++)
		if (fake_tables[i] == t) {
			free(t);
			fake_tables[i] = NULL;
			nr_free++;
		}
}

static void *fake_va(void *ctx, __u64 pa)
{
	return fake_tables[(pa >> 12) - 1];
}

#endif /* SV_FAKE_TABLES_H */
