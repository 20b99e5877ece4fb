// SPDX-License-Identifier: GPL-2.0
/*
 * The GICv3 virtual CPU interface at EL2: load a vCPU's list registers,
 * active priorities and VMCR before entry, store them back at exit.
 * The host builds the state (vgic/vgic.c); EL2 trusts none of its counts.
 * Invariant: outside a guest run every list register is zero and
 * ICH_HCR_EL2 is 0, so nothing a guest left can fire for the host.
 * VMCR and the active priorities stay after the exit (they mean nothing
 * while ICH_HCR_EL2.En is 0): saved at every exit, so the host's copy is
 * always current, but loaded again unless this CPU holds this vCPU's and
 * they were last loaded here (hyp/switch.c __vgic_restore).
 */
#include "sv_hyp_sysreg.h"
#include "sv_hyp.h"

#define ICC_SRE_EL2_ENABLE	(1ULL << 3)

/* ICH_LR<n>_EL2 needs the register number as an immediate. */
#define LR_CASE(n, crm, op2)							\
	case n:									\
		if (write)							\
			sv_write_sysreg(v, S3_4_C12_##crm##_##op2);		\
		else								\
			v = sv_read_sysreg(S3_4_C12_##crm##_##op2);		\
		break

static sv_u64 __lr_access(unsigned int n, sv_u64 v, int write)
{
	switch (n) {
	LR_CASE(0, C12, 0); LR_CASE(1, C12, 1); LR_CASE(2, C12, 2); LR_CASE(3, C12, 3);
	LR_CASE(4, C12, 4); LR_CASE(5, C12, 5); LR_CASE(6, C12, 6); LR_CASE(7, C12, 7);
	LR_CASE(8, C13, 0); LR_CASE(9, C13, 1); LR_CASE(10, C13, 2); LR_CASE(11, C13, 3);
	LR_CASE(12, C13, 4); LR_CASE(13, C13, 5); LR_CASE(14, C13, 6); LR_CASE(15, C13, 7);
	}
	return v;
}

/* ICH_AP0R<n>_EL2 (CRm 8) and ICH_AP1R<n>_EL2 (CRm 9). */
#define APR_CASE(n)								\
	case n:									\
		if (write) {							\
			sv_write_sysreg(ap0[n], S3_4_C12_C8_##n);		\
			sv_write_sysreg(ap1[n], S3_4_C12_C9_##n);		\
		} else {							\
			ap0[n] = sv_read_sysreg(S3_4_C12_C8_##n);		\
			ap1[n] = sv_read_sysreg(S3_4_C12_C9_##n);		\
		}							\
		break

static void __apr_access(unsigned int n, sv_u64 *ap0, sv_u64 *ap1, int write)
{
	switch (n) {
	APR_CASE(0); APR_CASE(1); APR_CASE(2); APR_CASE(3);
	}
}

/* 5 preemption bits need one APR per group, 6 two, 7 four (GICv3 12.4.1). */
static unsigned int __nr_aprs(sv_u64 vtr)
{
	return 1U << (((vtr >> 26) & 7) + 1 - 5);
}

static unsigned int __nr_lrs(sv_u64 vtr)
{
	return (vtr & 0x1f) + 1;
}

/* The guest's interface is loaded (hyp/fast-sgi.c): list register n, n < __sv_vgic_v3_nr_lrs(). */
sv_u64 __sv_vgic_v3_lr_read(unsigned int n)
{
	return __lr_access(n, 0, 0);
}

void __sv_vgic_v3_lr_write(unsigned int n, sv_u64 v)
{
	__lr_access(n, v, 1);
}

unsigned int __sv_vgic_v3_nr_lrs(void)
{
	unsigned int n = __nr_lrs(sv_read_sysreg(ICH_VTR_EL2));

	return n < SV_VGIC_MAX_LRS ? n : SV_VGIC_MAX_LRS;
}

sv_u64 __sv_vgic_v3_read_vtr(void)
{
	return sv_read_sysreg(ICH_VTR_EL2);
}

/*
 * Only for a VM with a vGICv3 (hyp/switch.c); pairs with __sv_vgic_v3_save.
 * resident: this CPU's ICH_VMCR_EL2 and active priority registers hold
 * cif's values already (they were last loaded here, nobody else's since,
 * the host wrote none of them): only the list registers and ICH_HCR_EL2
 * load.
 */
void __sv_vgic_v3_restore(struct sv_vgic_v3_cpu_if *cif, int resident)
{
	sv_u64 vtr = sv_read_sysreg(ICH_VTR_EL2);
	sv_u64 used = SV_READ_ONCE(cif->used_lrs);
	unsigned int i;

	if (used > __nr_lrs(vtr))
		used = __nr_lrs(vtr);
	cif->used_lrs = used;
	/* The guest must not touch ICC_SRE_EL1: the host's SRE lives there. */
	sv_write_sysreg(sv_read_sysreg(ICC_SRE_EL2) & ~ICC_SRE_EL2_ENABLE, ICC_SRE_EL2);
	if (!resident) {
		sv_write_sysreg(cif->vmcr, ICH_VMCR_EL2);
		for (i = 0; i < __nr_aprs(vtr); i++)
			__apr_access(i, cif->ap0r, cif->ap1r, 1);
	}
	for (i = 0; i < used; i++)
		__lr_access(i, cif->lr[i], 1);
	sv_write_sysreg(cif->hcr, ICH_HCR_EL2);
	sv_isb();
}

void __sv_vgic_v3_save(struct sv_vgic_v3_cpu_if *cif)
{
	sv_u64 vtr = sv_read_sysreg(ICH_VTR_EL2);
	unsigned int i;

	cif->misr = sv_read_sysreg(ICH_MISR_EL2);
	cif->eisr = sv_read_sysreg(ICH_EISR_EL2);
	cif->elrsr = sv_read_sysreg(ICH_ELRSR_EL2);
	cif->vmcr = sv_read_sysreg(ICH_VMCR_EL2);
	for (i = 0; i < __nr_aprs(vtr); i++)
		__apr_access(i, cif->ap0r, cif->ap1r, 0);
	/* used_lrs was clamped at restore. */
	for (i = 0; i < cif->used_lrs; i++) {
		cif->lr[i] = __lr_access(i, 0, 0);
		__lr_access(i, 0, 1);
	}
	sv_write_sysreg(0, ICH_HCR_EL2);
	sv_write_sysreg(sv_read_sysreg(ICC_SRE_EL2) | ICC_SRE_EL2_ENABLE, ICC_SRE_EL2);
	sv_isb();
}

/* Panic path: whatever state the guest left, the host gets a quiet interface. */
void __sv_vgic_v3_reset(void)
{
	sv_u64 vtr = sv_read_sysreg(ICH_VTR_EL2), zero[4] = { 0 };
	unsigned int i;

	sv_write_sysreg(0, ICH_HCR_EL2);
	for (i = 0; i < __nr_lrs(vtr) && i < 16; i++)
		__lr_access(i, 0, 1);
	for (i = 0; i < __nr_aprs(vtr); i++)
		__apr_access(i, zero, zero, 1);
	sv_write_sysreg(sv_read_sysreg(ICC_SRE_EL2) | ICC_SRE_EL2_ENABLE, ICC_SRE_EL2);
	sv_isb();
}

/*
 * For a WFI at EL2 (hyp/fast-wfi.c), with the guest's interface still
 * loaded: does a list register hold an interrupt the guest would take
 * once it unmasked interrupts -- pending and not active, its group
 * enabled in ICH_VMCR_EL2, its priority above the priority mask?  The
 * criteria of the host's vgic/vgic.c sv_vgic_vcpu_pending() (the
 * distributor's group enables were checked when the host put it there).
 * The count of LRs is the host's, clamped again to what is implemented.
 */
int __sv_vgic_v3_lr_deliverable(const struct sv_vgic_v3_cpu_if *cif)
{
	sv_u64 vmcr = sv_read_sysreg(ICH_VMCR_EL2), lr, grp;
	sv_u64 pmr = (vmcr & SV_ICH_VMCR_PMR_MASK) >> SV_ICH_VMCR_PMR_SHIFT;
	sv_u64 used = SV_READ_ONCE(cif->used_lrs), nr = __nr_lrs(sv_read_sysreg(ICH_VTR_EL2));
	unsigned int i;

	if (used > nr)
		used = nr;
	for (i = 0; i < used; i++) {
		lr = __lr_access(i, 0, 0);
		grp = (lr & SV_ICH_LR_GROUP) ? SV_ICH_VMCR_ENG1_SHIFT : SV_ICH_VMCR_ENG0_SHIFT;
		if ((lr & SV_ICH_LR_STATE) == SV_ICH_LR_PENDING && (vmcr & (1ULL << grp)) &&
		    ((lr & SV_ICH_LR_PRIO_MASK) >> SV_ICH_LR_PRIO_SHIFT) < pmr)
			return 1;
	}
	return 0;
}
