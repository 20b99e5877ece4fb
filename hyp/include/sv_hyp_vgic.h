/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The GICv3 CPU interface state of a vCPU as EL2 switches it
 * (hyp/vgic-v3-sr.c), shared with the host emulation (vgic/).  Types and
 * register layouts only.
 */
#ifndef SV_HYP_VGIC_H
#define SV_HYP_VGIC_H

#include "sv_hyp_ctxt.h"

#define SV_VGIC_MAX_LRS		16

/*
 * The host fills lr[0..used_lrs) and hcr before entry; EL2 loads them,
 * and on exit stores the LRs back with misr/eisr/elrsr.  EL2 clamps
 * used_lrs to what ICH_VTR_EL2 implements.
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
	sv_u64 enabled;			/* the VM has a vGICv3: switch all of this */
};

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

#endif /* SV_HYP_VGIC_H */
