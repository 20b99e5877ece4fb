/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stage-2 page tables (guest IPA -> host PA), 4 KiB granule.  Built and
 * changed by the host under the VM's mmu_lock, walked by the hardware for
 * the guest.  Pure logic with the allocator and the TLB flush passed in,
 * so it is unit-tested natively.
 */
#ifndef SV_STAGE2_H
#define SV_STAGE2_H

#include "sv_pure.h"

#define SV_S2_MIN_IPA_BITS	32
#define SV_S2_MAX_IPA_BITS	48

/* Leaf permissions. */
#define SV_S2_R		(1U << 0)
#define SV_S2_W		(1U << 1)
#define SV_S2_X		(1U << 2)
/*
 * A device frame (the GICv2 GICV): Device-nGnRE, no cache maintenance, no
 * struct page behind it.  Never combined with SV_S2_X.
 */
#define SV_S2_DEVICE	(1U << 3)

/* Descriptor bits (Arm ARM D8.3, stage 2). */
#define SV_S2_VALID		(1ULL << 0)
#define SV_S2_TABLE		(1ULL << 1)	/* table at L0-L2, page at L3 */
#define SV_S2_MEMATTR_NORMAL	(0xfULL << 2)	/* Normal, inner/outer WB */
#define SV_S2_MEMATTR_DEVICE	(0x1ULL << 2)	/* Device-nGnRE */
#define SV_S2_AP_R		(1ULL << 6)
#define SV_S2_AP_W		(1ULL << 7)
#define SV_S2_SH_INNER		(3ULL << 8)
#define SV_S2_AF		(1ULL << 10)
#define SV_S2_XN		(1ULL << 54)
#define SV_S2_ADDR_MASK		0x0000fffffffff000ULL

struct sv_s2_ops {
	void *(*alloc_table)(void *ctx, __u64 *pa);	/* zeroed; may fail */
	void (*free_table)(void *ctx, void *table);
	void *(*table_va)(void *ctx, __u64 pa);
	/* Invalidate TLB entries for one IPA (after a valid entry changed). */
	void (*tlb_flush_ipa)(void *ctx, __u64 ipa);
	/* Invalidate all of this VM's TLB entries (after a range change). */
	void (*tlb_flush_all)(void *ctx);
	/* Make newly mapped memory coherent for the guest. */
	void (*sync_page)(void *ctx, __u64 pa, __u64 size, unsigned int prot);
};

struct sv_s2 {
	__u64 *root;
	__u64 root_pa;
	unsigned int ipa_bits;
	int start_level;		/* 0 or 1 */
	const struct sv_s2_ops *ops;
	void *ctx;
	unsigned long nr_tables;
	unsigned long nr_pages;		/* valid 4 KiB leaf entries */
	unsigned long nr_blocks;	/* valid 2 MiB block entries */
};

#define SV_S2_BLOCK_SIZE	(1ULL << 21)

int sv_s2_init(struct sv_s2 *s2, unsigned int ipa_bits, const struct sv_s2_ops *ops,
	       void *ctx);
void sv_s2_destroy(struct sv_s2 *s2);
/* VTCR_EL2 for this table, with PS from the host's PARange field. */
__u64 sv_s2_vtcr(const struct sv_s2 *s2, unsigned int parange);

/* Map one page; replacing a different valid entry is break-before-make. */
int sv_s2_map_page(struct sv_s2 *s2, __u64 ipa, __u64 pa, unsigned int prot);
/*
 * Map a 2 MiB block (ipa and pa 2 MiB-aligned).  Page tables below it are
 * replaced (break-before-make, then freed).
 */
int sv_s2_map_block(struct sv_s2 *s2, __u64 ipa, __u64 pa, unsigned int prot);
/*
 * Unmap [ipa, ipa+size); returns how many leaf entries were unmapped.  A
 * block that overlaps the range goes as a whole (the guest refaults).
 */
unsigned long sv_s2_unmap_range(struct sv_s2 *s2, __u64 ipa, __u64 size);
/* Drop write permission in [ipa, ipa+size) (whole blocks); returns entries changed. */
unsigned long sv_s2_wrprotect_range(struct sv_s2 *s2, __u64 ipa, __u64 size);
/* The leaf descriptor (page or block) for ipa, or 0. */
__u64 sv_s2_lookup(const struct sv_s2 *s2, __u64 ipa);

#endif /* SV_STAGE2_H */
