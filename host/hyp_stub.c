// SPDX-License-Identifier: GPL-2.0
/*
 * Finding out whether we can own EL2.
 *
 * A module cannot use is_hyp_mode_available(): __boot_cpu_mode is not
 * exported.  Instead: the kernel must run at EL1 (not a VHE host), the CPU
 * must implement EL2 (ID_AA64PFR0_EL1.EL2), and what answers `hvc #0` must
 * be the kernel's hyp stub, recognised by its reply HVC_STUB_ERR to a call
 * number it does not know.  `hvc` is only issued once EL2 is known to be
 * implemented: without EL2 it is UNDEFINED and would oops the host.
 */
#include <linux/kernel.h>
#include <linux/printk.h>
#include <asm/sysreg.h>
#include <asm/virt.h>

#include "splitvisor.h"
#include "sv_hyp_abi.h"
#include "el2.h"

#define ID_AA64PFR0_EL2_SHIFT_SV	8	/* Arm ARM D19.2.64 */

int sv_el2_probe(void)
{
	u64 pfr0 = read_sysreg(id_aa64pfr0_el1);
	unsigned long ret;

	if (is_kernel_in_hyp_mode()) {
		pr_err(SV_NAME ": the kernel runs at EL2 (VHE host); split mode needs the kernel at EL1: boot with kvm-arm.mode=none on a CPU without VHE, or with kvm-arm.mode=none id_aa64mmfr1.vh=0\n");
		return -ENODEV;
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
	return 0;
}
