/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pure encodings of the virtual ITS and of the LPI registers: GITS_*
 * and GICR_{PROP,PEND}BASER fields (Arm IHI 0069, 12.19 and 12.11), the
 * 32-byte ITS commands (chapter 6.3), and the guest-memory table entries
 * of KVM's save/restore ABI revision 0
 * (Documentation/virt/kvm/devices/arm-vgic-its.rst).  Static inlines
 * only, so selftests/unit/test_vgic_its.c checks them natively.
 */
#ifndef SV_VGIC_ITS_ABI_H
#define SV_VGIC_ITS_ABI_H

#include "sv_pure.h"

#define SV_BITS64(hi, lo)	((~0ULL >> (63 - (hi))) & (~0ULL << (lo)))

#define SV_VGIC_MIN_LPI		8192
#define SV_LPI_ID_BITS		16		/* INTIDs < 65536, as upstream */

/* ---- the ITS frame (offsets from GITS_base; 128 KiB with the doorbell) ---- */
#define SV_ITS_FRAME_SIZE	0x20000
#define SV_GITS_CTLR		0x0000
#define SV_GITS_IIDR		0x0004
#define SV_GITS_TYPER		0x0008
#define SV_GITS_CBASER		0x0080
#define SV_GITS_CWRITER		0x0088
#define SV_GITS_CREADR		0x0090
#define SV_GITS_BASER		0x0100		/* 8 of them, 64-bit */
#define SV_GITS_IDREGS		0xffd0		/* PIDR4..7, PIDR0..3, CIDR0..3 */
#define SV_GITS_TRANSLATER	0x10040

#define SV_GITS_CTLR_ENABLED	(1U << 0)
#define SV_GITS_CTLR_QUIESCENT	(1U << 31)

/*
 * TYPER: Physical LPIs, 8-byte ITT entries, 16 EventID bits, 16
 * DeviceID bits; PTA = 0 (collections target processor numbers, the
 * vCPU index as upstream) and CIL = 0 (16-bit collection IDs).
 */
#define SV_ITS_ESZ		8		/* DTE, CTE and ITE sizes of ABI 0 */
#define SV_ITS_DEVBITS		16
#define SV_ITS_EVBITS		16
#define SV_GITS_TYPER_VAL	(1ULL | ((__u64)(SV_ITS_ESZ - 1) << 4) |		\
				 ((__u64)(SV_ITS_EVBITS - 1) << 8) |		\
				 ((__u64)(SV_ITS_DEVBITS - 1) << 13))
/* IIDR: the table ABI revision in Revision [15:12], ProductID 'K', Arm. */
#define SV_GITS_IIDR_REV_SHIFT	12
#define SV_GITS_IIDR_REV_MASK	(0xfU << SV_GITS_IIDR_REV_SHIFT)
#define SV_GITS_IIDR_VAL(rev)	((0x4bU << 24) | ((rev) << SV_GITS_IIDR_REV_SHIFT) | 0x43b)

/* CBASER and BASER<n> share Valid, the cacheability fields and Size[7:0]. */
#define SV_BASER_VALID		(1ULL << 63)
#define SV_BASER_INDIRECT	(1ULL << 62)
#define SV_BASER_INNER_SHIFT	59
#define SV_BASER_INNER_MASK	SV_BITS64(61, 59)
#define SV_BASER_TYPE_SHIFT	56
#define SV_BASER_TYPE_MASK	SV_BITS64(58, 56)
#define SV_BASER_OUTER_SHIFT	53
#define SV_BASER_OUTER_MASK	SV_BITS64(55, 53)
#define SV_BASER_ESZ_SHIFT	48
#define SV_BASER_ESZ_MASK	SV_BITS64(52, 48)
#define SV_BASER_SHARE_SHIFT	10
#define SV_BASER_SHARE_MASK	SV_BITS64(11, 10)
#define SV_BASER_PSZ_MASK	SV_BITS64(9, 8)
#define SV_BASER_PSZ_64K	(2ULL << 8)
#define SV_BASER_SIZE_MASK	0xffULL
#define SV_BASER_TYPE_DEVICE	1ULL
#define SV_BASER_TYPE_COLL	4ULL
/* Read-only fields of BASER<n>: Type and Entry_Size. */
#define SV_BASER_RO_MASK	(SV_BASER_TYPE_MASK | SV_BASER_ESZ_MASK)
#define SV_CBASER_ADDR_MASK	SV_BITS64(51, 12)

/* GICR_PROPBASER / GICR_PENDBASER (IHI 0069 12.11.29 / 12.11.28). */
#define SV_PROPBASER_IDBITS	0x1fULL
#define SV_PROPBASER_ADDR_MASK	SV_BITS64(51, 12)
#define SV_PENDBASER_ADDR_MASK	SV_BITS64(51, 16)
#define SV_PENDBASER_PTZ	(1ULL << 62)
#define SV_RBASER_OUTER_SHIFT	56
#define SV_RBASER_OUTER_MASK	SV_BITS64(58, 56)
#define SV_RBASER_INNER_SHIFT	7
#define SV_RBASER_INNER_MASK	SV_BITS64(9, 7)
#define SV_PROPBASER_RES0	(SV_BITS64(63, 59) | SV_BITS64(55, 52) | SV_BITS64(6, 5))
#define SV_PENDBASER_RES0	((1ULL << 63) | SV_BITS64(61, 59) | SV_BITS64(55, 52) | \
				 SV_BITS64(15, 12) | SV_BITS64(6, 0))

/* The LPI configuration byte (IHI 0069 5.1.1): priority [7:2], enable bit 0. */
#define SV_LPI_PROP_ENABLE	0x01
#define SV_LPI_PROP_PRIO_MASK	0xfc

/* ---- memory attributes: what upstream KVM reads back (guests check) ---- */

/* Outer Shareable is reported as Inner Shareable; others stay. */
static inline __u64 sv_its_share(__u64 f)
{
	return f == 2 ? 1 : f;
}

/* Device-nGnRnE and Non-cacheable become RaWb; others stay. */
static inline __u64 sv_its_inner(__u64 f)
{
	return f <= 1 ? 7 : f;
}

/* Only SameAsInner (0) and Non-cacheable (1) are kept as outer. */
static inline __u64 sv_its_outer(__u64 f)
{
	return f <= 1 ? f : 0;
}

static inline __u64 sv_its_field(__u64 reg, __u64 mask, unsigned int shift,
			       __u64 (*fix)(__u64))
{
	return (reg & ~mask) | ((fix((reg & mask) >> shift) << shift) & mask);
}

static inline __u64 sv_its_sanitise_cbaser(__u64 v)
{
	v = sv_its_field(v, SV_BASER_SHARE_MASK, SV_BASER_SHARE_SHIFT, sv_its_share);
	v = sv_its_field(v, SV_BASER_INNER_MASK, SV_BASER_INNER_SHIFT, sv_its_inner);
	v = sv_its_field(v, SV_BASER_OUTER_MASK, SV_BASER_OUTER_SHIFT, sv_its_outer);
	/* The queue is 64 KiB aligned (as upstream; reserved bits 15:12). */
	return v & ~SV_BITS64(15, 12);
}

/*
 * BASER<n>: the type and entry size are ours, pages are 64 KiB; the
 * tables are flat (Indirect RAZ/WI), which every guest must accept.
 */
static inline __u64 sv_its_sanitise_baser(__u64 v, __u64 type)
{
	v &= ~(SV_BASER_RO_MASK | SV_BASER_INDIRECT | SV_BASER_PSZ_MASK);
	v |= (type << SV_BASER_TYPE_SHIFT) | ((__u64)(SV_ITS_ESZ - 1) << SV_BASER_ESZ_SHIFT);
	v |= SV_BASER_PSZ_64K;
	v = sv_its_field(v, SV_BASER_SHARE_MASK, SV_BASER_SHARE_SHIFT, sv_its_share);
	v = sv_its_field(v, SV_BASER_INNER_MASK, SV_BASER_INNER_SHIFT, sv_its_inner);
	return sv_its_field(v, SV_BASER_OUTER_MASK, SV_BASER_OUTER_SHIFT, sv_its_outer);
}

/* A 64 KiB-page BASER's table address: PA[51:48] sits in bits [15:12]. */
static inline __u64 sv_its_baser_addr(__u64 baser)
{
	return (baser & SV_BITS64(47, 16)) | ((baser & SV_BITS64(15, 12)) << 36);
}

static inline __u64 sv_its_baser_bytes(__u64 baser)
{
	return ((baser & SV_BASER_SIZE_MASK) + 1) * 0x10000;
}

/* The command queue: Size+1 4 KiB pages; CREADR/CWRITER offsets [19:5]. */
static inline __u64 sv_its_cmdq_bytes(__u64 cbaser)
{
	return ((cbaser & SV_BASER_SIZE_MASK) + 1) * 0x1000;
}

#define SV_ITS_CMD_SIZE		32
#define SV_ITS_CMDQ_OFF_MASK	SV_BITS64(19, 5)

static inline __u64 sv_rbaser_sanitise(__u64 v, bool pend)
{
	v = sv_its_field(v, SV_BASER_SHARE_MASK, SV_BASER_SHARE_SHIFT, sv_its_share);
	v = sv_its_field(v, SV_RBASER_INNER_MASK, SV_RBASER_INNER_SHIFT, sv_its_inner);
	v = sv_its_field(v, SV_RBASER_OUTER_MASK, SV_RBASER_OUTER_SHIFT, sv_its_outer);
	return v & ~(pend ? SV_PENDBASER_RES0 : SV_PROPBASER_RES0);
}

/* LPIs the property table covers: 2^(IDbits+1), at most 2^16, as upstream. */
static inline __u32 sv_lpi_limit(__u64 propbaser)
{
	unsigned int bits = (propbaser & SV_PROPBASER_IDBITS) + 1;

	return 1U << (bits < SV_LPI_ID_BITS ? bits : SV_LPI_ID_BITS);
}

/* ---- commands (IHI 0069 6.3): four little-endian doublewords ---- */
enum sv_its_cmd_id {
	SV_ITS_MOVI	= 0x01,
	SV_ITS_INT	= 0x03,
	SV_ITS_CLEAR	= 0x04,
	SV_ITS_SYNC	= 0x05,
	SV_ITS_MAPD	= 0x08,
	SV_ITS_MAPC	= 0x09,
	SV_ITS_MAPTI	= 0x0a,
	SV_ITS_MAPI	= 0x0b,
	SV_ITS_INV	= 0x0c,
	SV_ITS_INVALL	= 0x0d,
	SV_ITS_MOVALL	= 0x0e,
	SV_ITS_DISCARD	= 0x0f,
};

struct sv_its_cmd {
	__u64 dw[4];			/* already in CPU byte order */
};

static inline __u64 sv_its_cmd_field(const struct sv_its_cmd *c, unsigned int dw,
				   unsigned int shift, unsigned int bits)
{
	return (c->dw[dw] >> shift) & (bits == 64 ? ~0ULL : (1ULL << bits) - 1);
}

static inline __u8 sv_its_cmd_id(const struct sv_its_cmd *c)	{ return sv_its_cmd_field(c, 0, 0, 8); }
static inline __u32 sv_its_cmd_devid(const struct sv_its_cmd *c)	{ return sv_its_cmd_field(c, 0, 32, 32); }
static inline __u32 sv_its_cmd_eventid(const struct sv_its_cmd *c) { return sv_its_cmd_field(c, 1, 0, 32); }
static inline __u32 sv_its_cmd_pintid(const struct sv_its_cmd *c)	{ return sv_its_cmd_field(c, 1, 32, 32); }
/* MAPD Size: EventID bits minus one. */
static inline __u32 sv_its_cmd_evbits(const struct sv_its_cmd *c)	{ return sv_its_cmd_field(c, 1, 0, 5) + 1; }
static inline __u16 sv_its_cmd_icid(const struct sv_its_cmd *c)	{ return sv_its_cmd_field(c, 2, 0, 16); }
static inline __u64 sv_its_cmd_itt(const struct sv_its_cmd *c)	{ return sv_its_cmd_field(c, 2, 8, 44) << 8; }
/* RDbase with PTA = 0: a processor number (MAPC, SYNC, MOVALL's first). */
static inline __u32 sv_its_cmd_rd(const struct sv_its_cmd *c)	{ return sv_its_cmd_field(c, 2, 16, 32); }
static inline __u32 sv_its_cmd_rd2(const struct sv_its_cmd *c)	{ return sv_its_cmd_field(c, 3, 16, 32); }
static inline bool sv_its_cmd_valid(const struct sv_its_cmd *c)	{ return sv_its_cmd_field(c, 2, 63, 1); }

/* ---- save/restore table entries, ABI revision 0 (all 8 bytes) ---- */
#define SV_ITS_DTE_VALID	(1ULL << 63)
#define SV_ITS_DTE_NEXT_SHIFT	49
#define SV_ITS_DTE_NEXT_MAX	((1U << 14) - 1)
#define SV_ITS_ITE_NEXT_SHIFT	48
#define SV_ITS_ITE_NEXT_MAX	((1U << 16) - 1)
#define SV_ITS_CTE_VALID	(1ULL << 63)

static inline __u64 sv_its_enc_dte(__u32 next, __u64 itt, __u32 evbits)
{
	return SV_ITS_DTE_VALID | ((__u64)next << SV_ITS_DTE_NEXT_SHIFT) |
	       ((itt >> 8) << 5) | ((evbits - 1) & 0x1f);
}

static inline __u32 sv_its_dte_next(__u64 e)	{ return (e >> SV_ITS_DTE_NEXT_SHIFT) & SV_ITS_DTE_NEXT_MAX; }
static inline __u64 sv_its_dte_itt(__u64 e)		{ return ((e & SV_BITS64(48, 5)) >> 5) << 8; }
static inline __u32 sv_its_dte_evbits(__u64 e)	{ return (e & 0x1f) + 1; }

static inline __u64 sv_its_enc_ite(__u32 next, __u32 lpi, __u16 icid)
{
	return ((__u64)next << SV_ITS_ITE_NEXT_SHIFT) | ((__u64)lpi << 16) | icid;
}

static inline __u32 sv_its_ite_next(__u64 e)	{ return e >> SV_ITS_ITE_NEXT_SHIFT; }
static inline __u32 sv_its_ite_lpi(__u64 e)		{ return (e >> 16) & 0xffffffffULL; }
static inline __u16 sv_its_ite_icid(__u64 e)	{ return e & 0xffff; }

static inline __u64 sv_its_enc_cte(__u32 target, __u16 icid)
{
	return SV_ITS_CTE_VALID | ((__u64)target << 16) | icid;
}

static inline __u32 sv_its_cte_target(__u64 e)	{ return (e >> 16) & 0xffffffffULL; }
static inline __u16 sv_its_cte_icid(__u64 e)	{ return e & 0xffff; }

#endif /* SV_VGIC_ITS_ABI_H */
