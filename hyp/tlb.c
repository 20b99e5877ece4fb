// SPDX-License-Identifier: GPL-2.0
/*
 * TLB maintenance for guests.  Stage-1+2 entries are tagged with the VMID
 * in VTTBR_EL2, so the VM's VTTBR is loaded for the TLBI and the host's
 * (0) put back.  Inner-shareable: a VM's vCPUs may have run on any CPU.
 */
#include "sv_hyp_sysreg.h"
#include "sv_hyp.h"

void __sv_tlb_flush_vmid(sv_u64 vttbr)
{
	sv_dsb(ishst);		/* the host's table updates first */
	sv_write_sysreg(vttbr, vttbr_el2);
	sv_isb();
	asm volatile("tlbi vmalls12e1is" : : : "memory");
	sv_dsb(ish);
	sv_isb();
	sv_write_sysreg(0, vttbr_el2);
}

void __sv_tlb_flush_ipa(sv_u64 vttbr, sv_u64 ipa)
{
	sv_dsb(ishst);
	sv_write_sysreg(vttbr, vttbr_el2);
	sv_isb();
	/* Stage-2 entry for the IPA, then all stage-1 entries that used it. */
	asm volatile("tlbi ipas2e1is, %0" : : "r"(ipa >> 12) : "memory");
	sv_dsb(ish);
	asm volatile("tlbi vmalle1is" : : : "memory");
	sv_dsb(ish);
	sv_isb();
	sv_write_sysreg(0, vttbr_el2);
}

void __sv_tlb_flush_all(void)
{
	sv_dsb(ishst);
	asm volatile("tlbi alle1is" : : : "memory");
	sv_dsb(ish);
	sv_isb();
}
