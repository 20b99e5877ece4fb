// SPDX-License-Identifier: GPL-2.0
/* EL2 stage-1 page-table builder (see hyp_pgtable.h). */
#include "hyp_pgtable.h"

static unsigned int sv_pgt_index(__u64 va, int level)
{
	/* level 0 resolves VA[47:39], level 3 VA[20:12] */
	return (va >> (SV_PGT_PAGE_SHIFT + 9 * (3 - level))) & (SV_PGT_ENTRIES - 1);
}

__u64 sv_pgt_prot_bits(enum sv_pgt_prot prot)
{
	__u64 pte = SV_PTE_VALID | SV_PTE_TABLE | SV_PTE_AF | SV_PTE_SH_INNER |
		    SV_PTE_ATTRIDX(SV_MAIR_IDX_NORMAL);

	switch (prot) {
	case SV_PROT_DEVICE:
		/* Shareability does not apply to Device memory: outer, as Linux does. */
		return SV_PTE_VALID | SV_PTE_TABLE | SV_PTE_AF | SV_PTE_AP_RW |
		       SV_PTE_XN | SV_PTE_ATTRIDX(SV_MAIR_IDX_DEVICE);
	case SV_PROT_RX:
		return pte | SV_PTE_AP_RO;
	case SV_PROT_RO:
		return pte | SV_PTE_AP_RO | SV_PTE_XN;
	case SV_PROT_RW:
	default:
		return pte | SV_PTE_AP_RW | SV_PTE_XN;
	}
}

int sv_pgt_init(struct sv_pgt *pgt, const struct sv_pgt_ops *ops, void *ctx)
{
	pgt->ops = ops;
	pgt->ctx = ctx;
	pgt->nr_tables = 0;
	pgt->root = ops->alloc_table(ctx, &pgt->root_pa);
	if (!pgt->root)
		return -ENOMEM;
	pgt->nr_tables = 1;
	return 0;
}

static int sv_pgt_va_ok(__u64 va)
{
	return !(va >> SV_PGT_VA_BITS) && !(va & (SV_PGT_PAGE_SIZE - 1));
}

int sv_pgt_map_page(struct sv_pgt *pgt, __u64 va, __u64 pa, enum sv_pgt_prot prot)
{
	__u64 *table = pgt->root, pte, next_pa;
	int level;

	if (!sv_pgt_va_ok(va) || (pa & ~SV_PTE_ADDR_MASK))
		return -EINVAL;
	for (level = 0; level < 3; level++) {
		__u64 *slot = &table[sv_pgt_index(va, level)];

		if (!(*slot & SV_PTE_VALID)) {
			__u64 *next = pgt->ops->alloc_table(pgt->ctx, &next_pa);

			if (!next)
				return -ENOMEM;
			pgt->nr_tables++;
			*slot = next_pa | SV_PTE_VALID | SV_PTE_TABLE;
			table = next;
		} else {
			table = pgt->ops->table_va(pgt->ctx, *slot & SV_PTE_ADDR_MASK);
		}
	}
	pte = pa | sv_pgt_prot_bits(prot);
	if (table[sv_pgt_index(va, 3)] & SV_PTE_VALID)
		return table[sv_pgt_index(va, 3)] == pte ? 0 : -EEXIST;
	table[sv_pgt_index(va, 3)] = pte;
	return 0;
}

int sv_pgt_map_range(struct sv_pgt *pgt, __u64 va, __u64 pa, __u64 size,
		     enum sv_pgt_prot prot)
{
	__u64 off;
	int ret;

	if (size & (SV_PGT_PAGE_SIZE - 1))
		return -EINVAL;
	for (off = 0; off < size; off += SV_PGT_PAGE_SIZE) {
		ret = sv_pgt_map_page(pgt, va + off, pa + off, prot);
		if (ret)
			return ret;
	}
	return 0;
}

__u64 sv_pgt_lookup(const struct sv_pgt *pgt, __u64 va)
{
	__u64 *table = pgt->root;
	int level;

	if (!table || !sv_pgt_va_ok(va & ~(SV_PGT_PAGE_SIZE - 1)))
		return 0;
	for (level = 0; level < 3; level++) {
		__u64 slot = table[sv_pgt_index(va, level)];

		if (!(slot & SV_PTE_VALID))
			return 0;
		table = pgt->ops->table_va(pgt->ctx, slot & SV_PTE_ADDR_MASK);
	}
	return table[sv_pgt_index(va, 3)];
}

static void sv_pgt_free_level(struct sv_pgt *pgt, __u64 *table, int level)
{
	unsigned int i;

	if (level < 3) {
		for (i = 0; i < SV_PGT_ENTRIES; i++)
			if (table[i] & SV_PTE_VALID)
				sv_pgt_free_level(pgt, pgt->ops->table_va(pgt->ctx,
					table[i] & SV_PTE_ADDR_MASK), level + 1);
	}
	pgt->ops->free_table(pgt->ctx, table);
	pgt->nr_tables--;
}

void sv_pgt_destroy(struct sv_pgt *pgt)
{
	if (pgt->root)
		sv_pgt_free_level(pgt, pgt->root, 0);
	pgt->root = NULL;
	pgt->root_pa = 0;
}
