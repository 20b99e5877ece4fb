// SPDX-License-Identifier: GPL-2.0
/*
 * SV_FAST_WFI: a guest WFI (EC 0x01, TI = WFI) while one of its list
 * registers already holds an interrupt it would take.  The host would
 * step over the WFI and, finding that interrupt pending
 * (host/exits.c sv_exit_wfx -> sv_wfi_wake -> sv_vgic_vcpu_pending),
 * not block but re-enter at once: EL2 does the same without leaving.
 * Only with a vGICv3 loaded (a vGICv2's list registers are MMIO, the
 * host's); WFE, WFIT and WFET go to the host.  Nothing here comes from
 * the guest but the ESR; the list registers are read by number up to
 * what ICH_VTR_EL2 implements.
 */
#include "sv_esr.h"
#include "sv_hyp_sysreg.h"
#include "sv_hyp.h"

/* EC 0x01 */
int __sv_fast_wfi(struct sv_vcpu_hyp *vcpu)
{
	if (!(vcpu->cfg.fastpath & SV_FAST_WFI) || (vcpu->exit.esr & SV_ESR_WFX_TI) ||
	    __sv_this_cpu()->vgic_loaded != SV_VGIC_MODEL_V3 ||
	    !__sv_vgic_v3_lr_deliverable(&vcpu->vgic))
		return 0;
	__sv_skip_instr(vcpu);
	vcpu->fast.wfi++;
	return 1;
}
