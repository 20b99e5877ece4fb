/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The benchmark VMM (Documentation/benchmarks.rst): shared layout of the
 * benchmark VMs, the guest code blobs (guest.c), statistics (stats.c).
 */
#ifndef SV_BENCH_H
#define SV_BENCH_H

#include <stddef.h>
#include <stdint.h>
#include "vmm.h"

/*
 * Guest physical layout of every benchmark VM (one 1 MiB memslot at 0):
 *   0x0000  code; vCPU 0 starts at 0, its vectors at 0x800
 *   0x1000  vCPU 1's vectors, 0x1800 its entry (vipi only)
 *   0x3000  shared words (flags, counters, timestamps)
 *   0x10000 samples, one u64 per operation (x26 points here at entry)
 * and outside it: the MMIO page (exits to the VMM, or the ioeventfd), the
 * vGICv3, and for vmswitch a page shared by the two VMs.
 */
#define BENCH_MEM	(1UL << 20)
#define BENCH_SHARED	0x3000UL
#define BENCH_SAMPLES	0x10000UL
#define BENCH_MAX_ITERS	((BENCH_MEM - BENCH_SAMPLES) / 8)
#define BENCH_MMIO	0x10000000ULL
#define BENCH_IOEVENT	(BENCH_MMIO + 0x200)	/* io-out's doorbell */
#define BENCH_ERR	(BENCH_MMIO + 0x110)	/* a guest-detected error */
#define BENCH_GICD	0x08000000ULL
#define BENCH_GICR	0x080a0000ULL
#define BENCH_XPAGE	0x200000ULL		/* vmswitch: shared by both VMs */
#define BENCH_SPI_GSI	0			/* io-in: GSI 0 = SPI INTID 32 */

/* Guest code (guest.c): [name_start, name_end) is copied to GPA 0. */
#define BENCH_BLOB(name) extern const char name##_start[], name##_end[]
BENCH_BLOB(g_hypercall);
BENCH_BLOB(g_mmio_user);
BENCH_BLOB(g_sysreg);
BENCH_BLOB(g_gic_trap);
BENCH_BLOB(g_virq);
BENCH_BLOB(g_vipi);
BENCH_BLOB(g_vmswitch);
BENCH_BLOB(g_io_out);
BENCH_BLOB(g_io_in);

/* Per-operation cost statistics over n samples (counter ticks). */
struct bench_stats {
	double mean, tmean;	/* tmean: of the samples <= p99 */
	uint64_t min, median, p99;
};
/* Sorts s in place. */
void bench_stats(uint64_t *s, size_t n, struct bench_stats *st);

#endif /* SV_BENCH_H */
