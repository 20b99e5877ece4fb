// SPDX-License-Identifier: GPL-2.0
/*
 * A GICv2 guest through the legacy ABI (KVM_CREATE_IRQCHIP, placed with
 * KVM_ARM_SET_DEVICE_ADDR), on a GICv2 host: the guest reads GICD_TYPER,
 * enables the distributor and its CPU interface (GICC, which is the
 * host's GICV at stage 2), sends itself SGI 5 through GICD_SGIR and
 * acknowledges it through GICC_IAR, which must name SGI 5 from CPU 0,
 * then sends SGI 6 to all the others.  A GICv2 has 8 CPU interfaces: no
 * 9th vCPU.  Skips where there is no GICv2 emulation.
 */
#include <errno.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include "../lib/tap.h"
#include "../lib/vmm.h"

#define GICD	0x08000000ULL
#define GICC	0x08010000ULL

GUEST_CODE(guest_v2,
	"	movz	x20, #0x0800, lsl #16\n"	/* GICD */
	"	movz	x21, #0x0801, lsl #16\n"	/* GICC */
	"	ldr	w1, [x20, #4]\n"		/* GICD_TYPER */
	"	mov	w9, #1\n"
	"	str	w9, [x20]\n"			/* GICD_CTLR.Enable */
	"	str	w9, [x21]\n"			/* GICC_CTLR.EnableGrp0 */
	"	mov	w9, #0xff\n"
	"	str	w9, [x21, #4]\n"		/* GICC_PMR */
	"	movz	w9, #0x0200, lsl #16\n"
	"	movk	w9, #5\n"
	"	str	w9, [x20, #0xf00]\n"		/* GICD_SGIR: self, SGI 5 */
	"	movz	x3, #0x2, lsl #16\n"
	"1:	ldr	w2, [x21, #0xc]\n"		/* GICC_IAR */
	"	and	w4, w2, #0x3ff\n"
	"	cmp	w4, #1023\n"
	"	b.ne	2f\n"
	"	subs	x3, x3, #1\n"
	"	b.ne	1b\n"
	"2:	str	w2, [x21, #0x10]\n"		/* GICC_EOIR */
	"	movz	w9, #0x0100, lsl #16\n"
	"	movk	w9, #6\n"
	"	str	w9, [x20, #0xf00]\n"		/* GICD_SGIR: all but self, SGI 6 */
	"	movz	x9, #0x1000, lsl #16\n"
	"	str	x2, [x9]\n"			/* done: MMIO exit */
	"3:	b 3b\n");

static int set_addr(struct vmm *v, uint64_t type, uint64_t addr)
{
	struct kvm_arm_device_addr da = {
		.id = ((uint64_t)KVM_ARM_DEVICE_VGIC_V2 << KVM_ARM_DEVICE_ID_SHIFT) | type,
		.addr = addr,
	};

	return ioctl(v->vm, KVM_ARM_SET_DEVICE_ADDR, &da);
}

static void check_guest(struct vmm_vcpu *c0)
{
	uint64_t typer = 0, iar = 0;

	sv_ok(vmm_vcpu_run(c0) == 0 && c0->run->exit_reason == KVM_EXIT_MMIO &&
	      c0->run->mmio.phys_addr == 0x10000000, "vgic v2: the guest ran to its end");
	vmm_get_reg(c0, VMM_CORE_REG(regs.regs[1]), &typer);
	vmm_get_reg(c0, VMM_CORE_REG(regs.regs[2]), &iar);
	sv_ok((typer & 0xe0) == 0xe0, "vgic v2: GICD_TYPER.CPUNumber = 7 for 8 vCPUs (%#llx)",
	      (unsigned long long)typer);
	sv_ok((iar & 0x1fff) == 5, "vgic v2: GICC_IAR (GICV) gave SGI 5 from CPU 0 (%#llx)",
	      (unsigned long long)iar);
}

int main(void)
{
	struct vmm v;
	struct vmm_vcpu c0, c1, extra[7];
	int i, n = 0;

	if (vmm_create(&v, 1 << 20) ||
	    vmm_load(&v, guest_v2_start, guest_v2_end - guest_v2_start, 0))
		return 1;
	if (ioctl(v.vm, KVM_CREATE_IRQCHIP, 0)) {
		sv_skip("vgic v2: no GICv2 emulation (KVM_CREATE_IRQCHIP: errno %d)", errno);
		vmm_destroy(&v);
		sv_tap_exit();
	}
	sv_ok_errno(ioctl(v.vm, KVM_CREATE_IRQCHIP, 0), EEXIST, "vgic v2: a second irqchip");
	sv_ok_errno(set_addr(&v, KVM_VGIC_V2_ADDR_TYPE_DIST, GICD + 0x800), EINVAL,
		    "vgic v2: misaligned GICD");
	sv_ok(!set_addr(&v, KVM_VGIC_V2_ADDR_TYPE_DIST, GICD), "vgic v2: GICD placed");
	sv_ok_errno(set_addr(&v, KVM_VGIC_V2_ADDR_TYPE_DIST, GICD), EEXIST, "vgic v2: GICD again");
	sv_ok_errno(set_addr(&v, 7, GICD), ENODEV, "vgic v2: unknown region type");
	sv_ok(!set_addr(&v, KVM_VGIC_V2_ADDR_TYPE_CPU, GICC), "vgic v2: GICC placed");
	if (vmm_vcpu_create(&v, &c0, 0, 0) || vmm_vcpu_create(&v, &c1, 1, 0))
		return 1;
	for (i = 0; i < 6; i++)
		n += !vmm_vcpu_create(&v, &extra[i], 2 + i, 0);
	sv_ok(n == 6, "vgic v2: 8 vCPUs");
	sv_ok_errno(ioctl(v.vm, KVM_CREATE_VCPU, 8), EINVAL, "vgic v2: no 9th vCPU");
	for (i = 0; i < n; i++)
		vmm_vcpu_destroy(&extra[i]);
	check_guest(&c0);
	vmm_vcpu_destroy(&c1);
	vmm_vcpu_destroy(&c0);
	vmm_destroy(&v);
	sv_tap_exit();
}
