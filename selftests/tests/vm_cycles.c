// SPDX-License-Identifier: GPL-2.0
/*
 * VM lifetimes: N times create a VM with memory, a vCPU that runs a guest
 * to SYSTEM_OFF, then close everything.  The shell around it compares the
 * kernel's slab and vmalloc use before and after (lab-splitvisor.sh).
 * Usage: vm_cycles N
 */
#include <stdio.h>
#include <stdlib.h>
#include "../lib/tap.h"
#include "../lib/vmm.h"

GUEST_CODE(guest_off,
	"mov	x5, #0x2000\n str x5, [x5]\n"
	"movz	x0, #0x0008\n movk x0, #0x8400, lsl #16\n hvc #0\n 1: b 1b\n");

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 200, i, ok = 0;

	for (i = 0; i < n; i++) {
		struct vmm v;
		struct vmm_vcpu c;

		if (vmm_create(&v, 64 << 10) ||
		    vmm_load(&v, guest_off_start, guest_off_end - guest_off_start, 0) ||
		    vmm_vcpu_create(&v, &c, 0, 1 << KVM_ARM_VCPU_PSCI_0_2))
			break;
		if (vmm_vcpu_run(&c) == 0 && c.run->exit_reason == KVM_EXIT_SYSTEM_EVENT)
			ok++;
		vmm_vcpu_destroy(&c);
		vmm_destroy(&v);
	}
	sv_ok(ok == n, "cycles: %d VMs created, run to SYSTEM_OFF and closed (%d ok)", n, ok);
	sv_tap_exit();
}
