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
	sv_tlbi(vmalls12e1is);
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
	sv_tlbi_arg(ipas2e1is, ipa >> 12);
	sv_dsb(ish);
	sv_tlbi(vmalle1is);
	sv_dsb(ish);
	sv_isb();
	sv_write_sysreg(0, vttbr_el2);
}

void __sv_tlb_flush_all(void)
{
	sv_dsb(ishst);
	sv_tlbi(alle1is);
	sv_dsb(ish);
	sv_isb();
}
