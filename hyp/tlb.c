// SPDX-License-Identifier: GPL-2.0
/*
 * TLB maintenance for guests.  Stage-1+2 entries are tagged with the VMID
 * in VTTBR_EL2, so the VM's VTTBR is loaded for the TLBI and the host's
 * (0) put back.  Inner-shareable: a VM's vCPUs may have run on any CPU.
 *
 * VHE mode: with HCR_EL2.{E2H,TGE} = {1,1} an EL1 TLBI (vmalle1is) means
 * the kernel's own EL2&0 regime, not the guest's; TGE is cleared around
 * the operations (the host calls in with every interrupt masked) and
 * put back after.  Split mode has no TGE to clear.
 */
#include "sv_hyp_sysreg.h"
#include "sv_hyp_mode.h"
#include "sv_hyp.h"

#define SV_HCR_TGE	(1ULL << 27)

static sv_u64 __tlb_switch_to_guest(sv_u64 vttbr)
{
	sv_u64 hcr = 0;

	sv_dsb(ishst);		/* the host's table updates first */
	sv_write_sysreg(vttbr, vttbr_el2);
	if (SV_HYP_IS_VHE) {
		hcr = sv_read_sysreg(hcr_el2);
		sv_write_sysreg(hcr & ~SV_HCR_TGE, hcr_el2);
	}
	sv_isb();
	return hcr;
}

static void __tlb_switch_to_host(sv_u64 hcr)
{
	sv_dsb(ish);
	sv_isb();
	if (SV_HYP_IS_VHE) {
		sv_write_sysreg(hcr, hcr_el2);
		sv_isb();
	}
	sv_write_sysreg(0, vttbr_el2);
}

void __sv_tlb_flush_vmid(sv_u64 vttbr)
{
	sv_u64 hcr = __tlb_switch_to_guest(vttbr);

	sv_tlbi(vmalls12e1is);
	__tlb_switch_to_host(hcr);
}

void __sv_tlb_flush_ipa(sv_u64 vttbr, sv_u64 ipa)
{
	sv_u64 hcr = __tlb_switch_to_guest(vttbr);

	/* Stage-2 entry for the IPA, then all stage-1 entries that used it. */
	sv_tlbi_arg(ipas2e1is, ipa >> 12);
	sv_dsb(ish);
	sv_tlbi(vmalle1is);
	__tlb_switch_to_host(hcr);
}

void __sv_tlb_flush_all(void)
{
	sv_u64 hcr = __tlb_switch_to_guest(0);

	sv_tlbi(alle1is);
	__tlb_switch_to_host(hcr);
}
