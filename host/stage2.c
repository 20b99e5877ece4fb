// SPDX-License-Identifier: GPL-2.0
/* Stage-2 page-table building (see stage2.h). */
#include "stage2.h"

#define S2_PAGE_SHIFT	12
#define S2_PAGE_SIZE	(1ULL << S2_PAGE_SHIFT)
#define S2_ENTRIES	512

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

static __u64 s2_leaf(__u64 pa, unsigned int prot)
{
	__u64 pte = pa | SV_S2_VALID | SV_S2_TABLE | SV_S2_MEMATTR_NORMAL |
		    SV_S2_SH_INNER | SV_S2_AF;

	if (prot & SV_S2_R)
		pte |= SV_S2_AP_R;
	if (prot & SV_S2_W)
		pte |= SV_S2_AP_W;
	if (!(prot & SV_S2_X))
		pte |= SV_S2_XN;
	return pte;
}

static int s2_ipa_ok(const struct sv_s2 *s2, __u64 ipa)
{
	return !(ipa >> s2->ipa_bits) && !(ipa & (S2_PAGE_SIZE - 1));
}

/* The level-3 table holding ipa; allocates missing tables if asked. */
static __u64 *s2_walk(struct sv_s2 *s2, __u64 ipa, int alloc)
{
	__u64 *table = s2->root;
	int level;

	for (level = s2->start_level; level < 3; level++) {
		__u64 *slot = &table[s2_index(ipa, level)];
		__u64 pa;

		if (!(*slot & SV_S2_VALID)) {
			__u64 *next;

			if (!alloc)
				return NULL;
			next = s2->ops->alloc_table(s2->ctx, &pa);
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

	if (!s2_ipa_ok(s2, ipa) || (pa & ~SV_S2_ADDR_MASK))
		return -EINVAL;
	table = s2_walk(s2, ipa, 1);
	if (!table)
		return -ENOMEM;
	pte = &table[s2_index(ipa, 3)];
	new = s2_leaf(pa, prot);
	if (*pte == new)
		return 0;
	if (*pte & SV_S2_VALID) {
		/* Break-before-make (Arm ARM D8.14.1). */
		S2_WRITE(pte, 0);
		s2->ops->tlb_flush_ipa(s2->ctx, ipa);
		s2->nr_pages--;
	}
	s2->ops->sync_page(s2->ctx, pa, prot);
	S2_WRITE(pte, new);
	s2->nr_pages++;
	return 0;
}

/* Apply fn to every valid leaf in [ipa, end); skip absent tables quickly. */
static unsigned long s2_for_each_leaf(struct sv_s2 *s2, __u64 ipa, __u64 end,
				      int (*fn)(struct sv_s2 *, __u64 *, __u64))
{
	unsigned long n = 0;

	ipa &= ~(S2_PAGE_SIZE - 1);
	while (ipa < end && !(ipa >> s2->ipa_bits)) {
		__u64 *table = s2->root;
		int level;

		for (level = s2->start_level; level < 3; level++) {
			__u64 slot = table[s2_index(ipa, level)];

			if (!(slot & SV_S2_VALID))
				break;
			table = s2->ops->table_va(s2->ctx, slot & SV_S2_ADDR_MASK);
		}
		if (level < 3) {
			/* Nothing mapped below this level: skip its whole span. */
			ipa = (ipa & ~(s2_level_size(level) - 1)) + s2_level_size(level);
			continue;
		}
		if (table[s2_index(ipa, 3)] & SV_S2_VALID)
			n += fn(s2, &table[s2_index(ipa, 3)], ipa);
		ipa += S2_PAGE_SIZE;
	}
	return n;
}

/* Range changes flush the VM's TLB once, after the last entry changed. */
static int s2_unmap_one(struct sv_s2 *s2, __u64 *pte, __u64 ipa)
{
	S2_WRITE(pte, 0);
	s2->nr_pages--;
	return 1;
}

static int s2_wrprotect_one(struct sv_s2 *s2, __u64 *pte, __u64 ipa)
{
	if (!(*pte & SV_S2_AP_W))
		return 0;
	S2_WRITE(pte, *pte & ~SV_S2_AP_W);
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
	for (level = s2->start_level; level < 3; level++) {
		__u64 slot = table[s2_index(ipa, level)];

		if (!(slot & SV_S2_VALID))
			return 0;
		table = s2->ops->table_va(s2->ctx, slot & SV_S2_ADDR_MASK);
	}
	return table[s2_index(ipa, 3)];
}

static void s2_free_level(struct sv_s2 *s2, __u64 *table, int level)
{
	unsigned int i;

	if (level < 3)
		for (i = 0; i < S2_ENTRIES; i++)
			if (table[i] & SV_S2_VALID)
				s2_free_level(s2, s2->ops->table_va(s2->ctx,
					table[i] & SV_S2_ADDR_MASK), level + 1);
	s2->ops->free_table(s2->ctx, table);
	s2->nr_tables--;
}

void sv_s2_destroy(struct sv_s2 *s2)
{
	if (s2->root)
		s2_free_level(s2, s2->root, s2->start_level);
	s2->root = NULL;
	s2->nr_pages = 0;
}
