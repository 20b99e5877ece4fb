// SPDX-License-Identifier: GPL-2.0
/*
 * Statistics of per-operation samples: mean, min, median, 99th percentile
 * and the mean of the samples up to (and equal to) the 99th percentile.
 */
#include <stdlib.h>
#include "bench.h"

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

void bench_stats(uint64_t *s, size_t n, struct bench_stats *st)
{
	double sum = 0;
	size_t i, k;

	*st = (struct bench_stats){ 0 };
	if (!n)
		return;
	qsort(s, n, sizeof(*s), cmp_u64);
	for (i = 0; i < n; i++)
		sum += s[i];
	st->mean = sum / n;
	st->min = s[0];
	st->median = s[n / 2];
	k = (n * 99 + 99) / 100;	/* nearest rank: ceil(0.99 n) */
	st->p99 = s[k - 1];
	/* up to p99 including its equals: exact for ops below a counter tick */
	while (k < n && s[k] == st->p99)
		k++;
	for (sum = 0, i = 0; i < k; i++)
		sum += s[i];
	st->tmean = sum / k;
}
