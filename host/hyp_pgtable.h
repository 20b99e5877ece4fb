/* SPDX-License-Identifier: GPL-2.0 */
/*
 * EL2 stage-1 page tables: 4 KiB granule, 4 levels, 48-bit input
 * addresses (TCR_EL2.T0SZ = 16), built by the host and walked only by the
 * hardware at EL2.  Pure logic: the allocator is passed in, so the same
 * code is unit-tested natively.
 */
#ifndef SV_HYP_PGTABLE_H
#define SV_HYP_PGTABLE_H

#include "sv_pure.h"

#define SV_PGT_VA_BITS		48
#define SV_PGT_PAGE_SHIFT	12
#define SV_PGT_PAGE_SIZE	(1ULL << SV_PGT_PAGE_SHIFT)
#define SV_PGT_ENTRIES		512

/* Descriptor bits (Arm ARM D8.3, stage 1, EL2 regime without E2H). */
#define SV_PTE_VALID		(1ULL << 0)
#define SV_PTE_TABLE		(1ULL << 1)	/* table at L0-L2, page at L3 */
#define SV_PTE_ATTRIDX(i)	((__u64)(i) << 2)
#define SV_PTE_AP_RW		(1ULL << 6)	/* AP[2:1]=01: AP[1] is RES1 at EL2 */
#define SV_PTE_AP_RO		(3ULL << 6)
#define SV_PTE_SH_INNER		(3ULL << 8)
#define SV_PTE_AF		(1ULL << 10)
#define SV_PTE_XN		(1ULL << 54)
#define SV_PTE_ADDR_MASK	0x0000fffffffff000ULL

/* MAIR_EL2 indexes the host programs (hyp init params). */
#define SV_MAIR_IDX_NORMAL	0
#define SV_MAIR_IDX_DEVICE	1

enum sv_pgt_prot {
	SV_PROT_RX,	/* EL2 text */
	SV_PROT_RO,	/* read-only data */
	SV_PROT_RW,	/* data, stacks */
	SV_PROT_DEVICE,	/* MMIO frames: Device-nGnRE, RW, never executable */
};

struct sv_pgt_ops {
	/* A zeroed, page-aligned table: its host pointer, and its PA in *pa. */
	void *(*alloc_table)(void *ctx, __u64 *pa);
	void (*free_table)(void *ctx, void *table);
	/* The host pointer of a table allocated above, from its PA. */
	void *(*table_va)(void *ctx, __u64 pa);
};

struct sv_pgt {
	__u64 *root;
	__u64 root_pa;
	const struct sv_pgt_ops *ops;
	void *ctx;
	unsigned long nr_tables;
};

int sv_pgt_init(struct sv_pgt *pgt, const struct sv_pgt_ops *ops, void *ctx);
int sv_pgt_map_page(struct sv_pgt *pgt, __u64 va, __u64 pa, enum sv_pgt_prot prot);
int sv_pgt_map_range(struct sv_pgt *pgt, __u64 va, __u64 pa, __u64 size,
		     enum sv_pgt_prot prot);
/* The level-3 descriptor mapping va, or 0. */
__u64 sv_pgt_lookup(const struct sv_pgt *pgt, __u64 va);
void sv_pgt_destroy(struct sv_pgt *pgt);
__u64 sv_pgt_prot_bits(enum sv_pgt_prot prot);

#endif /* SV_HYP_PGTABLE_H */
