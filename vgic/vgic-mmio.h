/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Emulated GIC register frames as descriptor tables.
 *
 * A frame (GICD, GICR RD_base + SGI_base, later GICv2's) is an array of
 * struct sv_vgic_reg sorted by offset.  An access is decoded once by the
 * pure code in vgic-mmio-desc.c (which register, is the width allowed,
 * which INTIDs does it cover) and then handed to the register's handler
 * with the vGIC lock held.  The decoding is pure so that selftests/unit
 * runs it natively; the handlers live in vgic-mmio.c and vgic-mmio-v3.c.
 */
#ifndef SV_VGIC_MMIO_H
#define SV_VGIC_MMIO_H

#include "sv_pure.h"

struct sv_vm;
struct sv_vcpu;
struct sv_mmio;

/* Access widths a register accepts. */
#define SV_VGIC_ACC_8		(1U << 0)
#define SV_VGIC_ACC_32		(1U << 2)
#define SV_VGIC_ACC_64		(1U << 3)

#define SV_VGIC_SGI_FRAME	0x10000		/* GICR SGI_base, from RD_base */

/* One decoded access, what a handler sees. */
struct sv_vgic_mmio_ctx {
	struct sv_vm *vm;
	struct sv_vcpu *rd;	/* owner of private INTIDs (GICR), or NULL */
	struct sv_vcpu *vcpu;	/* who accesses; NULL for userspace */
	bool uaccess;		/* device-attribute save/restore semantics */
	__u32 offset;		/* from the frame's base */
	unsigned int len;	/* 1, 4 or 8 */
	__u32 intid;		/* first INTID covered (per-IRQ registers) */
	unsigned int nr;	/* how many INTIDs the access covers */
};

struct sv_vgic_reg {
	__u32 offset;
	__u32 len;		/* bytes the descriptor covers */
	__u8 access;		/* SV_VGIC_ACC_* */
	__u8 bpi;		/* bits per IRQ, 0 = not a per-IRQ register */
	__u16 first_intid;	/* INTID of the descriptor's first field */
	__u64 (*read)(const struct sv_vgic_mmio_ctx *c);
	void (*write)(const struct sv_vgic_mmio_ctx *c, __u64 val);
	/* Userspace variants; NULL means "same as the guest's". */
	__u64 (*uread)(const struct sv_vgic_mmio_ctx *c);
	int (*uwrite)(const struct sv_vgic_mmio_ctx *c, __u64 val);
};

/* ---- vgic/vgic-mmio-desc.c (pure) ---- */
/* The descriptor containing offset, or NULL (table sorted by offset). */
const struct sv_vgic_reg *sv_vgic_reg_find(const struct sv_vgic_reg *tbl,
					   unsigned int n, __u32 offset);
/*
 * Decode an access: find its register, check width and alignment and,
 * for per-IRQ registers, that its first INTID is below nr_irqs (the
 * INTIDs the VM has).  Fills c->offset/len/intid/nr.  -ENXIO if the
 * access does not reach a register.
 */
int sv_vgic_mmio_decode(const struct sv_vgic_reg *tbl, unsigned int n,
			__u32 offset, unsigned int len, __u32 nr_irqs,
			struct sv_vgic_mmio_ctx *c, const struct sv_vgic_reg **reg);

/* Bytes [off & 7, +len) of a 64-bit register (a 32-bit half, or all). */
__u64 sv_vgic_reg64_read(__u64 reg, __u32 off, unsigned int len);
/* reg with the half (or whole) that an access of len at off writes replaced. */
__u64 sv_vgic_reg64_write(__u64 reg, __u32 off, unsigned int len, __u64 val);

/* Byte i of a priority register write, narrowed to the priority bits we keep. */
static inline __u8 sv_vgic_prio_byte(__u64 val, unsigned int i, __u8 mask)
{
	return (__u8)(val >> (8 * i)) & mask;
}

/* ---- vgic/vgic-mmio.c: handlers shared by the frames ---- */
__u64 sv_vgic_mmio_raz(const struct sv_vgic_mmio_ctx *c);
void sv_vgic_mmio_wi(const struct sv_vgic_mmio_ctx *c, __u64 val);
int sv_vgic_mmio_uwi(const struct sv_vgic_mmio_ctx *c, __u64 val);
__u64 sv_vgic_mmio_read_group(const struct sv_vgic_mmio_ctx *c);
void sv_vgic_mmio_write_group(const struct sv_vgic_mmio_ctx *c, __u64 val);
__u64 sv_vgic_mmio_read_enable(const struct sv_vgic_mmio_ctx *c);
void sv_vgic_mmio_write_senable(const struct sv_vgic_mmio_ctx *c, __u64 val);
void sv_vgic_mmio_write_cenable(const struct sv_vgic_mmio_ctx *c, __u64 val);
__u64 sv_vgic_mmio_read_pending(const struct sv_vgic_mmio_ctx *c);
void sv_vgic_mmio_write_spending(const struct sv_vgic_mmio_ctx *c, __u64 val);
void sv_vgic_mmio_write_cpending(const struct sv_vgic_mmio_ctx *c, __u64 val);
__u64 sv_vgic_mmio_uread_pending(const struct sv_vgic_mmio_ctx *c);
int sv_vgic_mmio_uwrite_pending(const struct sv_vgic_mmio_ctx *c, __u64 val);
__u64 sv_vgic_mmio_read_active(const struct sv_vgic_mmio_ctx *c);
void sv_vgic_mmio_write_sactive(const struct sv_vgic_mmio_ctx *c, __u64 val);
void sv_vgic_mmio_write_cactive(const struct sv_vgic_mmio_ctx *c, __u64 val);
__u64 sv_vgic_mmio_read_priority(const struct sv_vgic_mmio_ctx *c);
void sv_vgic_mmio_write_priority(const struct sv_vgic_mmio_ctx *c, __u64 val);
__u64 sv_vgic_mmio_read_config(const struct sv_vgic_mmio_ctx *c);
void sv_vgic_mmio_write_config(const struct sv_vgic_mmio_ctx *c, __u64 val);

/* Run one decoded access under the vGIC lock; -ENXIO if no register. */
int sv_vgic_mmio_access(const struct sv_vgic_reg *tbl, unsigned int n,
			struct sv_vgic_mmio_ctx *c, __u32 offset, unsigned int len,
			__u64 *val, bool write);
/* The same with the lock already held. */
int sv_vgic_mmio_access_locked(const struct sv_vgic_reg *tbl, unsigned int n,
			       struct sv_vgic_mmio_ctx *c, __u32 offset, unsigned int len,
			       __u64 *val, bool write);

/* ---- GICv3 frames (Arm IHI 0069, 12.9 GICD and 12.11 GICR) ---- */
#define SV_GICD_CTLR		0x0000
#define SV_GICD_TYPER		0x0004
#define SV_GICD_IIDR		0x0008
#define SV_GICD_TYPER2		0x000c
#define SV_GICD_STATUSR		0x0010
#define SV_GICD_IGROUPR		0x0080
#define SV_GICD_ISENABLER	0x0100
#define SV_GICD_ICENABLER	0x0180
#define SV_GICD_ISPENDR		0x0200
#define SV_GICD_ICPENDR		0x0280
#define SV_GICD_ISACTIVER	0x0300
#define SV_GICD_ICACTIVER	0x0380
#define SV_GICD_IPRIORITYR	0x0400
#define SV_GICD_ITARGETSR	0x0800
#define SV_GICD_ICFGR		0x0c00
#define SV_GICD_IGRPMODR	0x0d00
#define SV_GICD_NSACR		0x0e00
#define SV_GICD_IROUTER		0x6000
#define SV_GICD_IDREGS		0xffd0		/* PIDR4..7, PIDR0..3, CIDR0..3 */
#define SV_GICD_PIDR2		0xffe8

#define SV_GICR_CTLR		0x0000
#define SV_GICR_IIDR		0x0004
#define SV_GICR_TYPER		0x0008
#define SV_GICR_STATUSR		0x0010
#define SV_GICR_WAKER		0x0014
#define SV_GICR_PROPBASER	0x0070
#define SV_GICR_PENDBASER	0x0078
#define SV_GICR_INVLPIR		0x00a0
#define SV_GICR_INVALLR		0x00b0
#define SV_GICR_SYNCR		0x00c0
/* SGI_base registers sit at the GICD offsets of their SGI/PPI fields. */
#define SV_GICR_SGI(gicd_off)	(SV_VGIC_SGI_FRAME + (gicd_off))

/* vgic/vgic-v3-regs.c (pure): the two GICv3 tables. */
extern const struct sv_vgic_reg sv_vgic_v3_dist_regs[];
extern const unsigned int sv_vgic_v3_nr_dist_regs;
extern const struct sv_vgic_reg sv_vgic_v3_rd_regs[];
extern const unsigned int sv_vgic_v3_nr_rd_regs;

/* ---- vgic/vgic-mmio-v3.c: GICv3-only handlers ---- */
__u64 sv_vgic_v3_read_misc(const struct sv_vgic_mmio_ctx *c);
void sv_vgic_v3_write_misc(const struct sv_vgic_mmio_ctx *c, __u64 val);
int sv_vgic_v3_uwrite_misc(const struct sv_vgic_mmio_ctx *c, __u64 val);
__u64 sv_vgic_v3_read_irouter(const struct sv_vgic_mmio_ctx *c);
void sv_vgic_v3_write_irouter(const struct sv_vgic_mmio_ctx *c, __u64 val);
__u64 sv_vgic_v3_read_idregs(const struct sv_vgic_mmio_ctx *c);
__u64 sv_vgic_v3_read_rctlr(const struct sv_vgic_mmio_ctx *c);
__u64 sv_vgic_v3_read_riidr(const struct sv_vgic_mmio_ctx *c);
__u64 sv_vgic_v3_read_rtyper(const struct sv_vgic_mmio_ctx *c);
__u64 sv_vgic_v3_read_rwaker(const struct sv_vgic_mmio_ctx *c);
void sv_vgic_v3_write_rwaker(const struct sv_vgic_mmio_ctx *c, __u64 val);

/* ---- vgic/vgic-lpi.c: GICR_CTLR writes and the LPI table registers ---- */
void sv_vgic_v3_write_rctlr(const struct sv_vgic_mmio_ctx *c, __u64 val);
__u64 sv_vgic_v3_read_propbaser(const struct sv_vgic_mmio_ctx *c);
void sv_vgic_v3_write_propbaser(const struct sv_vgic_mmio_ctx *c, __u64 val);
__u64 sv_vgic_v3_read_pendbaser(const struct sv_vgic_mmio_ctx *c);
void sv_vgic_v3_write_pendbaser(const struct sv_vgic_mmio_ctx *c, __u64 val);
void sv_vgic_v3_write_invlpir(const struct sv_vgic_mmio_ctx *c, __u64 val);
void sv_vgic_v3_write_invallr(const struct sv_vgic_mmio_ctx *c, __u64 val);

/* Guest access to a GICv3 frame: 1 handled, 0 not a vGIC address. */
int sv_vgic_v3_mmio(struct sv_vcpu *vcpu, struct sv_mmio *m);
bool sv_vgic_v3_claims(struct sv_vm *vm, __u64 ipa);	/* its GICD or a GICR frame */
/* KVM_HAS_DEVICE_ATTR: does a 32-bit access at offset reach a register? */
bool sv_vgic_v3_reg_exists(struct sv_vm *vm, bool redist, __u32 offset);

#endif /* SV_VGIC_MMIO_H */
