// SPDX-License-Identifier: GPL-2.0
/*
 * Stage-2 page-table building (see stage2.h).  Leaves are 4 KiB pages at
 * level 3 or 2 MiB blocks at level 2.  Any change to a valid entry is
 * break-before-make (Arm ARM D8.14.1): invalidate the entry, flush the TLB,
 * then write the new one.
 */
#include "stage2.h"

#define S2_PAGE_SHIFT	12
#define S2_PAGE_SIZE	(1ULL << S2_PAGE_SHIFT)
#define S2_ENTRIES	512
#define S2_TYPE_MASK	3ULL
#define S2_TYPE_TABLE	3ULL	/* table at L0-L2, page at L3 */
#define S2_TYPE_BLOCK	1ULL	/* block at L1/L2 */

/* Writes the hardware walker may observe: single, untorn stores. */
#define S2_WRITE(p, v)	(*(volatile __u64 *)(p) = (v))

static unsigned int s2_index(__u64 ipa, int level)
{
	return (ipa >> (S2_PAGE_SHIFT + 9 * (3 - level))) & (S2_ENTRIES - 1);
}

static __u64 s2_level_size(int level)
{
	return 1ULL << (S2_PAGE_SHIFT + 9 * (3 - level));
}

static int s2_is_table(__u64 e, int level)
{
	return level < 3 && (e & S2_TYPE_MASK) == S2_TYPE_TABLE;
}

int sv_s2_init(struct sv_s2 *s2, unsigned int ipa_bits, const struct sv_s2_ops *ops,
	       void *ctx)
{
	if (ipa_bits < SV_S2_MIN_IPA_BITS || ipa_bits > SV_S2_MAX_IPA_BITS)
		return -EINVAL;
	s2->ipa_bits = ipa_bits;
	/* One root table: level 0 covers 48 bits, level 1 up to 39 (D8.2.7). */
	s2->start_level = ipa_bits > 39 ? 0 : 1;
	s2->ops = ops;
	s2->ctx = ctx;
	s2->nr_pages = 0;
	s2->nr_blocks = 0;
	s2->root = ops->alloc_table(ctx, &s2->root_pa);
	s2->nr_tables = s2->root ? 1 : 0;
	return s2->root ? 0 : -ENOMEM;
}

__u64 sv_s2_vtcr(const struct sv_s2 *s2, unsigned int parange)
{
	__u64 sl0 = s2->start_level == 0 ? 2 : 1;

	return (1ULL << 31) |			/* RES1 */
	       ((__u64)parange << 16) |		/* PS */
	       (0ULL << 14) |			/* TG0: 4 KiB */
	       (3ULL << 12) |			/* SH0: inner shareable */
	       (1ULL << 10) | (1ULL << 8) |	/* ORGN0/IRGN0: WBWA walks */
	       (sl0 << 6) |
	       (64 - s2->ipa_bits);		/* T0SZ */
}

/* Leaf attributes; type bits added by the caller's level. */
static __u64 s2_leaf_attrs(__u64 pa, unsigned int prot)
{
	__u64 pte = pa | SV_S2_MEMATTR_NORMAL | SV_S2_SH_INNER | SV_S2_AF;

	if (prot & SV_S2_DEVICE)
		pte = pa | SV_S2_MEMATTR_DEVICE | SV_S2_AF;
	if (prot & SV_S2_R)
		pte |= SV_S2_AP_R;
	if (prot & SV_S2_W)
		pte |= SV_S2_AP_W;
	if (!(prot & SV_S2_X))
		pte |= SV_S2_XN;
	return pte;
}

static int s2_ipa_ok(const struct sv_s2 *s2, __u64 ipa, __u64 align)
{
	return !(ipa >> s2->ipa_bits) && !(ipa & (align - 1));
}

static void s2_free_level(struct sv_s2 *s2, __u64 *table, int level)
{
	unsigned int i;

	for (i = 0; i < S2_ENTRIES; i++) {
		if (s2_is_table(table[i], level))
			s2_free_level(s2, s2->ops->table_va(s2->ctx,
				table[i] & SV_S2_ADDR_MASK), level + 1);
		else if ((table[i] & SV_S2_VALID) && level == 3)
			s2->nr_pages--;
		else if (table[i] & SV_S2_VALID)
			s2->nr_blocks--;
	}
	s2->ops->free_table(s2->ctx, table);
	s2->nr_tables--;
}

/*
 * Clear a valid entry at `level`; the caller flushes the TLB, and frees a
 * table that hung below it only after that flush.
 */
static void s2_clear_entry(struct sv_s2 *s2, __u64 *slot, int level)
{
	if (level == 3)
		s2->nr_pages--;
	else if (!s2_is_table(*slot, level))
		s2->nr_blocks--;
	S2_WRITE(slot, 0);
}

/*
 * The level-`target` table holding ipa; allocates missing tables.  A block
 * on the way is broken up: cleared (the guest refaults its other pages).
 */
static __u64 *s2_walk(struct sv_s2 *s2, __u64 ipa, int target)
{
	__u64 *table = s2->root;
	int level;

	for (level = s2->start_level; level < target; level++) {
		__u64 *slot = &table[s2_index(ipa, level)];
		__u64 pa;

		if ((*slot & SV_S2_VALID) && !s2_is_table(*slot, level)) {
			s2_clear_entry(s2, slot, level);
			s2->ops->tlb_flush_all(s2->ctx);
		}
		if (!(*slot & SV_S2_VALID)) {
			__u64 *next = s2->ops->alloc_table(s2->ctx, &pa);

			if (!next)
				return NULL;
			s2->nr_tables++;
			S2_WRITE(slot, pa | SV_S2_VALID | SV_S2_TABLE);
			table = next;
		} else {
			table = s2->ops->table_va(s2->ctx, *slot & SV_S2_ADDR_MASK);
		}
	}
	return table;
}

int sv_s2_map_page(struct sv_s2 *s2, __u64 ipa, __u64 pa, unsigned int prot)
{
	__u64 *table, *pte, new;

	if (!s2_ipa_ok(s2, ipa, S2_PAGE_SIZE) || (pa & ~SV_S2_ADDR_MASK))
		return -EINVAL;
	table = s2_walk(s2, ipa, 3);
	if (!table)
		return -ENOMEM;
	pte = &table[s2_index(ipa, 3)];
	new = s2_leaf_attrs(pa, prot) | S2_TYPE_TABLE;
	if (*pte == new)
		return 0;
	if (*pte & SV_S2_VALID) {
		s2_clear_entry(s2, pte, 3);
		s2->ops->tlb_flush_ipa(s2->ctx, ipa);
	}
	/* A device frame has no cache lines to clean (and maybe no linear map). */
	if (!(prot & SV_S2_DEVICE))
		s2->ops->sync_page(s2->ctx, pa, S2_PAGE_SIZE, prot);
	S2_WRITE(pte, new);
	s2->nr_pages++;
	return 0;
}

int sv_s2_map_block(struct sv_s2 *s2, __u64 ipa, __u64 pa, unsigned int prot)
{
	__u64 *table, *slot, new, old;

	if (!s2_ipa_ok(s2, ipa, SV_S2_BLOCK_SIZE) || (pa & (SV_S2_BLOCK_SIZE - 1)) ||
	    (pa & ~SV_S2_ADDR_MASK) || s2->start_level > 2)
		return -EINVAL;
	table = s2_walk(s2, ipa, 2);
	if (!table)
		return -ENOMEM;
	slot = &table[s2_index(ipa, 2)];
	new = s2_leaf_attrs(pa, prot) | S2_TYPE_BLOCK;
	old = *slot;
	if (old == new)
		return 0;
	if (old & SV_S2_VALID) {
		s2_clear_entry(s2, slot, 2);
		s2->ops->tlb_flush_all(s2->ctx);
		if (s2_is_table(old, 2))
			s2_free_level(s2, s2->ops->table_va(s2->ctx, old & SV_S2_ADDR_MASK), 3);
	}
	s2->ops->sync_page(s2->ctx, pa, SV_S2_BLOCK_SIZE, prot);
	S2_WRITE(slot, new);
	s2->nr_blocks++;
	return 0;
}

/*
 * Apply fn to every valid leaf overlapping [ipa, end); skip absent tables.
 * fn gets the leaf's level and returns 1 if it changed it.
 */
static unsigned long s2_for_each_leaf(struct sv_s2 *s2, __u64 ipa, __u64 end,
				      int (*fn)(struct sv_s2 *, __u64 *, int))
{
	unsigned long n = 0;

	ipa &= ~(S2_PAGE_SIZE - 1);
	while (ipa < end && !(ipa >> s2->ipa_bits)) {
		__u64 *table = s2->root, *slot = NULL;
		int level;

		for (level = s2->start_level; level <= 3; level++) {
			slot = &table[s2_index(ipa, level)];
			if (!(*slot & SV_S2_VALID) || !s2_is_table(*slot, level))
				break;
			table = s2->ops->table_va(s2->ctx, *slot & SV_S2_ADDR_MASK);
		}
		if (*slot & SV_S2_VALID)
			n += fn(s2, slot, level);
		/* On to the next entry at this level. */
		ipa = (ipa & ~(s2_level_size(level) - 1)) + s2_level_size(level);
	}
	return n;
}

/* Range changes flush the VM's TLB once, after the last entry changed. */
static int s2_unmap_one(struct sv_s2 *s2, __u64 *slot, int level)
{
	s2_clear_entry(s2, slot, level);
	return 1;
}

static int s2_wrprotect_one(struct sv_s2 *s2, __u64 *slot, int level)
{
	if (!(*slot & SV_S2_AP_W))
		return 0;
	/* Dropping a permission needs no break-before-make. */
	S2_WRITE(slot, *slot & ~SV_S2_AP_W);
	return 1;
}

unsigned long sv_s2_unmap_range(struct sv_s2 *s2, __u64 ipa, __u64 size)
{
	unsigned long n = s2_for_each_leaf(s2, ipa, ipa + size, s2_unmap_one);

	if (n)
		s2->ops->tlb_flush_all(s2->ctx);
	return n;
}

unsigned long sv_s2_wrprotect_range(struct sv_s2 *s2, __u64 ipa, __u64 size)
{
	unsigned long n = s2_for_each_leaf(s2, ipa, ipa + size, s2_wrprotect_one);

	if (n)
		s2->ops->tlb_flush_all(s2->ctx);
	return n;
}

__u64 sv_s2_lookup(const struct sv_s2 *s2, __u64 ipa)
{
	__u64 *table = s2->root;
	int level;

	if (!table || (ipa >> s2->ipa_bits))
		return 0;
	for (level = s2->start_level; level <= 3; level++) {
		__u64 e = table[s2_index(ipa, level)];

		if (!(e & SV_S2_VALID))
			return 0;
		if (!s2_is_table(e, level))
			return e;
		table = s2->ops->table_va(s2->ctx, e & SV_S2_ADDR_MASK);
	}
	return 0;
}

void sv_s2_destroy(struct sv_s2 *s2)
{
	if (s2->root)
		s2_free_level(s2, s2->root, s2->start_level);
	s2->root = NULL;
}
