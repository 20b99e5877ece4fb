// SPDX-License-Identifier: GPL-2.0
/*
 * Finding out whether, and how, we can use EL2.
 *
 * A module cannot use is_hyp_mode_available(): __boot_cpu_mode is not
 * exported.  Instead:
 *   - the kernel runs at EL2 (is_kernel_in_hyp_mode(): on arm64 only with
 *     VHE, HCR_EL2.E2H set): VHE mode; KVM is off, or it would hold
 *     /dev/kvm, which main.c registers first;
 *   - the kernel runs at EL1, the CPU implements EL2 (ID_AA64PFR0_EL1.EL2)
 *     and what answers `hvc #0` is the kernel's hyp stub, recognised by its
 *     reply HVC_STUB_ERR to a call number it does not know: split mode.
 *     `hvc` is only issued once EL2 is known to be implemented: without
 *     EL2 it is UNDEFINED and would oops the host.
 */
#include <linux/kernel.h>
#include <linux/printk.h>
#include <asm/sysreg.h>
#include <asm/virt.h>

#include "splitvisor.h"
#include "sv_hyp_abi.h"
#include "el2.h"

#define ID_AA64PFR0_EL2_SHIFT_SV	8	/* Arm ARM D19.2.64 */

#define SV_HCR_E2H	BIT_ULL(34)

/* 1: VHE mode, 0: split mode, or -ENODEV with the reason in dmesg. */
int sv_el2_probe(void)
{
	u64 pfr0 = read_sysreg(id_aa64pfr0_el1);
	unsigned long ret;

	if (is_kernel_in_hyp_mode()) {
		if (!(read_sysreg(hcr_el2) & SV_HCR_E2H)) {
			pr_err(SV_NAME ": the kernel runs at EL2 without HCR_EL2.E2H; not a configuration splitvisor knows\n");
			return -ENODEV;
		}
		pr_info(SV_NAME ": the kernel runs at EL2 with VHE: VHE mode (guests entered from the kernel's EL2)\n");
		return 1;
	}
	if (!((pfr0 >> ID_AA64PFR0_EL2_SHIFT_SV) & 0xf)) {
		pr_err(SV_NAME ": this CPU does not implement EL2 (ID_AA64PFR0_EL1=%#llx)\n",
		       pfr0);
		return -ENODEV;
	}
	ret = sv_hvc(SV_HCALL_PING, 0, 0, 0, 0).x0;
	if (ret != SV_STUB_ERR) {
		pr_err(SV_NAME ": EL2 is not held by the kernel's hyp stub (hvc answered %#lx); was the kernel entered at EL2?\n",
		       ret);
		return -ENODEV;
	}
	pr_info(SV_NAME ": the kernel runs at EL1 with the hyp stub at EL2: split mode (EL2 taken from the stub)\n");
	return 0;
}
