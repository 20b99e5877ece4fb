// SPDX-License-Identifier: GPL-2.0
/*
 * Decoding of accesses to the emulated GIC frames: which descriptor, is
 * the width allowed, which INTIDs.  Pure (no locks, no vGIC state) so
 * selftests/unit/test_vgic_mmio.c runs it natively.
 */
#include "vgic-mmio.h"

const struct sv_vgic_reg *sv_vgic_reg_find(const struct sv_vgic_reg *tbl,
					   unsigned int n, __u32 offset)
{
	unsigned int lo = 0, hi = n;

	/* Tables are sorted by offset and do not overlap. */
	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;
		const struct sv_vgic_reg *r = &tbl[mid];

		if (offset < r->offset)
			hi = mid;
		else if (offset - r->offset >= r->len)
			lo = mid + 1;
		else
			return r;
	}
	return NULL;
}

static bool sv_vgic_width_ok(const struct sv_vgic_reg *r, __u32 offset,
			     unsigned int len)
{
	unsigned int flag;

	switch (len) {
	case 1:
		flag = SV_VGIC_ACC_8;
		break;
	case 4:
		flag = SV_VGIC_ACC_32;
		break;
	case 8:
		flag = SV_VGIC_ACC_64;
		break;
	default:	/* 16-bit accesses exist for no GIC register */
		return false;
	}
	if (!(r->access & flag) || (offset & (len - 1)))
		return false;
	/* Aligned widths never straddle, but a table typo must not matter. */
	return offset - r->offset + len <= r->len;
}

int sv_vgic_mmio_decode(const struct sv_vgic_reg *tbl, unsigned int n,
			__u32 offset, unsigned int len, __u32 nr_irqs,
			struct sv_vgic_mmio_ctx *c, const struct sv_vgic_reg **reg)
{
	const struct sv_vgic_reg *r = sv_vgic_reg_find(tbl, n, offset);

	if (!r || !sv_vgic_width_ok(r, offset, len))
		return -ENXIO;

	c->offset = offset;
	c->len = len;
	c->intid = 0;
	c->nr = 0;
	if (r->bpi) {
		c->intid = r->first_intid + (offset - r->offset) * 8 / r->bpi;
		c->nr = len * 8 / r->bpi;
		if (!c->nr)	/* a 32-bit half of a 64-bit field (IROUTER) */
			c->nr = 1;
		/* Like upstream: an access whose first INTID the VM lacks is no register. */
		if (c->intid >= nr_irqs)
			return -ENXIO;
	}
	*reg = r;
	return 0;
}

__u64 sv_vgic_reg64_read(__u64 reg, __u32 off, unsigned int len)
{
	reg >>= (off & 7) * 8;
	return len >= 8 ? reg : reg & ((1ULL << (len * 8)) - 1);
}

__u64 sv_vgic_reg64_write(__u64 reg, __u32 off, unsigned int len, __u64 val)
{
	unsigned int shift = (off & 7) * 8;
	__u64 mask;

	if (len >= 8)
		return val;
	mask = ((1ULL << (len * 8)) - 1) << shift;
	return (reg & ~mask) | ((val << shift) & mask);
}
