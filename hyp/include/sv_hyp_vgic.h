/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The virtual CPU interface state of a vCPU as EL2 switches it
 * (hyp/vgic-v3-sr.c for ICH_*_EL2, hyp/vgic-v2-sr.c for the GICv2 GICH
 * frame), shared with the host emulation (vgic/).  Types and register
 * layouts only.
 */
#ifndef SV_HYP_VGIC_H
#define SV_HYP_VGIC_H

#include "sv_hyp_ctxt.h"

#define SV_VGIC_MAX_LRS		16

/* What struct sv_vgic_v3_cpu_if.model says EL2 must switch. */
#define SV_VGIC_MODEL_NONE	0
#define SV_VGIC_MODEL_V2	2	/* GICH/GICV: 32-bit LRs, VMCR, one APR */
#define SV_VGIC_MODEL_V3	3	/* ICH_*_EL2 */

/*
 * The host fills lr[0..used_lrs) and hcr before entry; EL2 loads them,
 * and on exit stores the LRs back with misr/eisr/elrsr.  EL2 clamps
 * used_lrs to what ICH_VTR_EL2 (GICH_VTR) implements.  A vGICv2 uses the
 * same fields with the GICH_* values: lr[] holds GICH_LR<n>, vmcr
 * GICH_VMCR, ap0r[0] GICH_APR.
 */
struct sv_vgic_v3_cpu_if {
	sv_u64 lr[SV_VGIC_MAX_LRS];
	sv_u64 hcr;			/* ICH_HCR_EL2 while the guest runs */
	sv_u64 vmcr;			/* ICH_VMCR_EL2: the guest's PMR, BPRs, EOImode, enables */
	sv_u64 ap0r[4];			/* ICH_AP0R<n>_EL2 */
	sv_u64 ap1r[4];			/* ICH_AP1R<n>_EL2 */
	sv_u64 used_lrs;
	sv_u64 misr;			/* out: ICH_MISR_EL2 at exit */
	sv_u64 eisr;			/* out: ICH_EISR_EL2 at exit */
	sv_u64 elrsr;			/* out: ICH_ELRSR_EL2 at exit */
	sv_u64 model;			/* SV_VGIC_MODEL_*: what to switch, if anything */
	/*
	 * EL2 address of the struct sv_hyp_cpu whose ICH_VMCR_EL2 and
	 * ICH_AP<n>R<m>_EL2 EL2 last loaded vmcr/ap0r/ap1r into; together
	 * with that CPU's vgic_resident naming this interface, they are
	 * still there.  EL2 sets it at each load; the host sets 0 after it
	 * writes vmcr, ap0r or ap1r (userspace, a reset): load them again.
	 */
	sv_u64 loaded_on;
};
SV_SHARED_SIZE(struct sv_vgic_v3_cpu_if, 256);

/* ICH_LR<n>_EL2 (GICv3 arch spec 12.5.10) */
#define SV_ICH_LR_VINTID_MASK	0xffffffffULL
#define SV_ICH_LR_PINTID_SHIFT	32
#define SV_ICH_LR_PINTID_MASK	(0x3ffULL << SV_ICH_LR_PINTID_SHIFT)
#define SV_ICH_LR_EOI		(1ULL << 41)	/* HW == 0: maintenance IRQ on EOI */
#define SV_ICH_LR_PRIO_SHIFT	48
#define SV_ICH_LR_PRIO_MASK	(0xffULL << SV_ICH_LR_PRIO_SHIFT)
#define SV_ICH_LR_GROUP		(1ULL << 60)
#define SV_ICH_LR_HW		(1ULL << 61)
#define SV_ICH_LR_PENDING	(1ULL << 62)
#define SV_ICH_LR_ACTIVE	(1ULL << 63)
#define SV_ICH_LR_STATE		(SV_ICH_LR_PENDING | SV_ICH_LR_ACTIVE)

/* ICH_HCR_EL2 */
#define SV_ICH_HCR_EN		(1ULL << 0)
#define SV_ICH_HCR_UIE		(1ULL << 1)	/* underflow: <= 1 valid LR */
#define SV_ICH_HCR_LRENPIE	(1ULL << 2)	/* EOIcount != 0 */
#define SV_ICH_HCR_NPIE		(1ULL << 3)	/* no LR pending */
#define SV_ICH_HCR_EOICOUNT_SHIFT 27

/* ICH_MISR_EL2 */
#define SV_ICH_MISR_EOI		(1ULL << 0)
#define SV_ICH_MISR_U		(1ULL << 1)
#define SV_ICH_MISR_LRENP	(1ULL << 2)
#define SV_ICH_MISR_NP		(1ULL << 3)

/* ICH_VMCR_EL2 */
#define SV_ICH_VMCR_ENG0_SHIFT	0
#define SV_ICH_VMCR_ENG1_SHIFT	1
#define SV_ICH_VMCR_ACK_CTL_SHIFT 2
#define SV_ICH_VMCR_FIQ_EN_SHIFT 3
#define SV_ICH_VMCR_CBPR_SHIFT	4
#define SV_ICH_VMCR_EOIM_SHIFT	9
#define SV_ICH_VMCR_BPR1_SHIFT	18
#define SV_ICH_VMCR_BPR1_MASK	(7ULL << SV_ICH_VMCR_BPR1_SHIFT)
#define SV_ICH_VMCR_BPR0_SHIFT	21
#define SV_ICH_VMCR_BPR0_MASK	(7ULL << SV_ICH_VMCR_BPR0_SHIFT)
#define SV_ICH_VMCR_PMR_SHIFT	24
#define SV_ICH_VMCR_PMR_MASK	(0xffULL << SV_ICH_VMCR_PMR_SHIFT)

/* ICH_VTR_EL2 */
#define SV_ICH_VTR_LISTREGS(vtr)	(((vtr) & 0x1f) + 1)
#define SV_ICH_VTR_PREBITS(vtr)		((((vtr) >> 26) & 7) + 1)
#define SV_ICH_VTR_PRIBITS(vtr)		((((vtr) >> 29) & 7) + 1)

/*
 * GICv2 virtual interface control (GICH, IHI 0048B 5.3): 32-bit registers
 * at these offsets from the frame EL2 maps (struct sv_hyp_cpu.gich_va).
 * HCR and MISR bits are the ones of ICH_HCR_EL2/ICH_MISR_EL2 above.
 */
#define SV_GICH_HCR		0x000
#define SV_GICH_VTR		0x004
#define SV_GICH_VMCR		0x008
#define SV_GICH_MISR		0x010
#define SV_GICH_EISR0		0x020
#define SV_GICH_EISR1		0x024
#define SV_GICH_ELRSR0		0x030
#define SV_GICH_ELRSR1		0x034
#define SV_GICH_APR		0x0f0
#define SV_GICH_LR0		0x100
#define SV_GICH_VTR_LISTREGS(vtr)	(((vtr) & 0x3f) + 1)
#define SV_GICH_VTR_PRIBITS(vtr)	((((vtr) >> 29) & 7) + 1)

/* GICH_LR<n> (IHI 0048B 5.3.11) */
#define SV_GICH_LR_VIRTID_MASK	0x3ffU
#define SV_GICH_LR_PHYSID_SHIFT	10
#define SV_GICH_LR_PHYSID_MASK	(0x3ffU << SV_GICH_LR_PHYSID_SHIFT)
#define SV_GICH_LR_CPUID_SHIFT	10		/* HW == 0, SGIs: the source CPU */
#define SV_GICH_LR_CPUID_MASK	(7U << SV_GICH_LR_CPUID_SHIFT)
#define SV_GICH_LR_EOI		(1U << 19)	/* HW == 0: maintenance IRQ on EOI */
#define SV_GICH_LR_PRIO_SHIFT	23		/* 5 bits: priority[7:3] */
#define SV_GICH_LR_PRIO_MASK	(0x1fU << SV_GICH_LR_PRIO_SHIFT)
#define SV_GICH_LR_PENDING	(1U << 28)
#define SV_GICH_LR_ACTIVE	(1U << 29)
#define SV_GICH_LR_STATE	(SV_GICH_LR_PENDING | SV_GICH_LR_ACTIVE)
#define SV_GICH_LR_GROUP1	(1U << 30)
#define SV_GICH_LR_HW		(1U << 31)

/*
 * GICH_VMCR (IHI 0048B 5.3.4): VMGrp0En [0], VMGrp1En [1], VMAckCtl [2],
 * VMFIQEn [3], VMCBPR [4], VEM [9] are GICV_CTLR's bits at the same
 * places; VMPriMask [31:27] is PMR[7:3], i.e. the PMR byte at [31:24]
 * as ICH_VMCR_EL2 has it.
 */
#define SV_GICH_VMCR_CTLR_MASK	0x21fU
#define SV_GICH_VMCR_ABP_SHIFT	18
#define SV_GICH_VMCR_ABP_MASK	(7U << SV_GICH_VMCR_ABP_SHIFT)
#define SV_GICH_VMCR_BP_SHIFT	21
#define SV_GICH_VMCR_BP_MASK	(7U << SV_GICH_VMCR_BP_SHIFT)
#define SV_GICH_VMCR_PMR_SHIFT	27
#define SV_GICH_VMCR_PMR_MASK	(0x1fU << SV_GICH_VMCR_PMR_SHIFT)

/*
 * SV_FAST_SGI: where a VM's SGIs go, for the sender's EL2 (hyp/fast-sgi.c).
 * One entry per vCPU, sorted by key: the fields of ICC_SGI1R_EL1 that
 * name the vCPU's MPIDR (Aff3, Aff2, Aff1, RS = Aff0 / 16) and the bit
 * of TargetList (Aff0 % 16), SV_SGI_ROUTE_KEY().  The host rewrites it
 * (vgic/vgic-v3-sgi.c) with seq odd around the change; EL2 reads it
 * only while seq is even and unchanged, else the host routes the SGI.
 * Pages of the pool shared with EL2, per VM with a vGICv3.
 */
#define SV_SGI_ROUTE_MAX	512	/* SV_MAX_VCPUS */

#define SV_SGI_ROUTE_KEY(aff3, aff2, aff1, rs, bit)				\
	(((sv_u64)(aff3) << 28) | ((sv_u64)(aff2) << 20) | ((sv_u64)(aff1) << 12) | \
	 ((sv_u64)(rs) << 4) | (sv_u64)(bit))

struct sv_sgi_route_entry {
	sv_u64 key;			/* SV_SGI_ROUTE_KEY of its MPIDR */
	sv_u64 idx;			/* the vCPU's index */
	sv_u64 vcpu;			/* EL2 address of its struct sv_vcpu_hyp */
};
SV_SHARED_SIZE(struct sv_sgi_route_entry, 24);

struct sv_sgi_route {
	sv_u64 seq;
	sv_u64 nr;
	struct sv_sgi_route_entry e[SV_SGI_ROUTE_MAX];
};
SV_SHARED_SIZE(struct sv_sgi_route, 12304);	/* four pages */
#define SV_SGI_ROUTE_PAGES	4

/*
 * The physical SGI a sender's EL2 raises on the CPU where a target vCPU
 * runs (host/gic_host.c requests it from Linux, with a handler that does
 * nothing, and gives it a priority above every Linux interrupt so that
 * the target's EL2 can acknowledge it knowing it is this one).
 */
#define SV_KICK_SGI		15
#define SV_KICK_PRIO		0x80

/* struct sv_sgi_fast.cfg */
#define SV_SGI_CFG_GROUP_SHIFT	16		/* bit 16 + n: SGI n is group 1 */
#define SV_SGI_CFG_GRP0_ON	(1ULL << 32)	/* GICD_CTLR.EnableGrp0 */
#define SV_SGI_CFG_GRP1_ON	(1ULL << 33)	/* GICD_CTLR.EnableGrp1 */
#define SV_SGI_CFG_VALID	(1ULL << 34)	/* published at least once */

#endif /* SV_HYP_VGIC_H */
