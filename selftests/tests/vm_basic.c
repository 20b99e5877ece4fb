// SPDX-License-Identifier: GPL-2.0
/*
 * A guest runs: instruction fetch from RAM (stage-2 fault), a PSCI call
 * through HVC, an MMIO write, an MMIO read completed by userspace, RAM
 * writes that stay in RAM, and SYSTEM_OFF as a system event.  Runs the
 * same on splitvisor and the in-kernel KVM.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../lib/tap.h"
#include "../lib/vmm.h"

#define MMIO_BASE	0x10000000ULL

GUEST_CODE(guest_basic,
	"movz	x0, #0x0000\n"
	"movk	x0, #0x8400, lsl #16\n"		/* PSCI_VERSION */
	"hvc	#0\n"
	"movz	x1, #0x1000, lsl #16\n"		/* MMIO_BASE */
	"str	x0, [x1]\n"			/* write: the PSCI version */
	"ldr	x2, [x1, #8]\n"			/* read: userspace supplies it */
	"add	x2, x2, #1\n"
	"str	x2, [x1, #16]\n"		/* write: that plus one */
	"mov	x3, #-1\n"
	"ldrh	w3, [x1, #24]\n"		/* 16-bit read, zero-extended */
	"str	x3, [x1, #32]\n"		/* report it */
	"stp	x3, x3, [x1, #40]\n"		/* a pair: no syndrome (ISV=0) */
	"movz	x5, #0x2000\n"			/* RAM at 0x2000 */
	"movz	x6, #0xbeef\n"
	"str	x6, [x5]\n"
	"ldr	x7, [x5]\n"
	"str	x7, [x1, #56]\n"		/* report the RAM read-back */
	"movz	x0, #0x0008\n"
	"movk	x0, #0x8400, lsl #16\n"		/* PSCI SYSTEM_OFF */
	"hvc	#0\n"
	"1: b 1b\n");

static struct vmm v;
static struct vmm_vcpu c;

/* Run until the next exit; return its reason or -1. */
static int run(void)
{
	if (vmm_vcpu_run(&c))
		return -1;
	return c.run->exit_reason;
}

static int expect_mmio(uint64_t addr, int len, int is_write, uint64_t *data)
{
	if (run() < 0) {
		printf("#   KVM_RUN: %s\n", strerror(errno));
		return 0;
	}
	return vmm_mmio_is(&c, addr, len, is_write, data);
}

int main(void)
{
	uint64_t d, pc;

	if (!sv_ok(vmm_create(&v, 2 << 20) == 0, "vm_basic: create a VM with 2 MiB of RAM"))
		return 1;
	vmm_load(&v, guest_basic_start, guest_basic_end - guest_basic_start, 0);
	if (!sv_ok(vmm_vcpu_create(&v, &c, 0, 1 << KVM_ARM_VCPU_PSCI_0_2) == 0,
		   "vm_basic: create and init a vCPU"))
		return 1;
	sv_ok(vmm_get_reg(&c, VMM_CORE_REG(regs.pc), &pc) == 0 && pc == 0,
	      "vm_basic: the vCPU resets with pc = 0");

	sv_ok(expect_mmio(MMIO_BASE, 8, 1, &d) && d == 0x10001,
	      "vm_basic: PSCI_VERSION through HVC is 1.1, reported by an MMIO write (%#llx)",
	      (unsigned long long)d);
	d = 41;
	sv_ok(expect_mmio(MMIO_BASE + 8, 8, 0, &d), "vm_basic: an MMIO read exits to userspace");
	sv_ok(expect_mmio(MMIO_BASE + 16, 8, 1, &d) && d == 42,
	      "vm_basic: the read's data reached the guest register (%llu)",
	      (unsigned long long)d);
	d = 0xfffe;
	sv_ok(expect_mmio(MMIO_BASE + 24, 2, 0, &d), "vm_basic: a 16-bit MMIO read");
	sv_ok(expect_mmio(MMIO_BASE + 32, 8, 1, &d) && d == 0xfffe,
	      "vm_basic: the 16-bit read zero-extends into the register (%#llx)",
	      (unsigned long long)d);
	/* stp to MMIO has no valid syndrome: upstream fails KVM_RUN with ENOSYS. */
	errno = 0;
	sv_ok(run() == -1 && errno == ENOSYS,
	      "vm_basic: an MMIO access without syndrome (stp) fails KVM_RUN with ENOSYS");
	/* Skip the stp as a VMM that emulates it would, and go on. */
	vmm_get_reg(&c, VMM_CORE_REG(regs.pc), &pc);
	vmm_set_reg(&c, VMM_CORE_REG(regs.pc), pc + 4);
	sv_ok(expect_mmio(MMIO_BASE + 56, 8, 1, &d) && d == 0xbeef,
	      "vm_basic: a RAM write reads back from RAM (%#llx)", (unsigned long long)d);
	sv_ok(((uint64_t *)v.mem)[0x2000 / 8] == 0xbeef,
	      "vm_basic: the guest's RAM write is in the VMM's memory");
	sv_ok(run() == KVM_EXIT_SYSTEM_EVENT &&
	      c.run->system_event.type == KVM_SYSTEM_EVENT_SHUTDOWN,
	      "vm_basic: PSCI SYSTEM_OFF exits with a shutdown system event");
	{
		uint64_t x0 = 0, x1 = 1;

		/* PSCI returns in x0..x3: x1 is zeroed like upstream's SMCCC return. */
		vmm_get_reg(&c, VMM_CORE_REG(regs.regs[0]), &x0);
		vmm_get_reg(&c, VMM_CORE_REG(regs.regs[1]), &x1);
		sv_ok(x0 == (uint64_t)-6 && x1 == 0,
		      "vm_basic: a resumed SYSTEM_OFF returns INTERNAL_FAILURE (x0=%#llx x1=%#llx)",
		      (unsigned long long)x0, (unsigned long long)x1);
	}
	vmm_vcpu_destroy(&c);
	vmm_destroy(&v);
	sv_tap_exit();
}
