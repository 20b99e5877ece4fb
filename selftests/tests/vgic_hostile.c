// SPDX-License-Identifier: GPL-2.0
/*
 * A hostile guest against the vGIC: vCPU 0 writes pseudo-random values to
 * every 32-bit offset of the distributor and of both frames of its
 * redistributor (reading each back), sends 4096 random SGIs (most to
 * vCPUs that do not exist), and writes random INTIDs to ICC_EOIR1_EL1 and
 * ICC_DIR_EL1 that it never acknowledged.  Meanwhile vCPU 1, on the other
 * CPU, counts in guest RAM: it must keep counting, and the host must come
 * out of it clean (the lab checks dmesg).
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../lib/tap.h"
#include "../lib/vmm.h"

#define GICD	0x08000000ULL
#define GICR	0x080a0000ULL

/* x10: 64-bit LCG state; "lcg" advances it (x12, x13 scratch). */
#define LCG	"	movz x12, #0x7f2d\n movk x12, #0x4c95, lsl #16\n"	\
		"	movk x12, #0xf42d, lsl #32\n movk x12, #0x5851, lsl #48\n" \
		"	mul x10, x10, x12\n add x10, x10, #0x3b\n"

GUEST_CODE(guest_hostile,
	/* vCPU 0 at 0 */
	"	movz	x10, #0x1234\n"
	"	movz	x20, #0x0800, lsl #16\n"	/* GICD */
	"	mov	x1, #0\n"
	"1:" LCG
	"	str	w10, [x20, x1]\n ldr w11, [x20, x1]\n"
	"	add	x1, x1, #4\n cmp x1, #0x10000\n b.lt 1b\n"
	"	movz	x20, #0x080a, lsl #16\n"	/* GICR of vCPU 0: RD + SGI frames */
	"	mov	x1, #0\n"
	"2:" LCG
	"	str	w10, [x20, x1]\n ldr w11, [x20, x1]\n"
	"	add	x1, x1, #4\n cmp x1, #0x20000\n b.lt 2b\n"
	"	mov	x1, #4096\n"
	"3:" LCG
	"	msr	S3_0_C12_C11_5, x10\n"		/* ICC_SGI1R_EL1 */
	"	lsr	x11, x10, #17\n"
	"	msr	S3_0_C12_C12_1, x11\n"		/* ICC_EOIR1_EL1 */
	"	lsr	x11, x10, #33\n"
	"	msr	S3_0_C12_C11_1, x11\n"		/* ICC_DIR_EL1 */
	"	mrs	x11, S3_0_C12_C12_0\n"		/* ICC_IAR1_EL1 */
	"	subs	x1, x1, #1\n b.ne 3b\n"
	"	movz	x9, #0x1000, lsl #16\n"
	"	str	x10, [x9]\n"			/* done: MMIO exit to us */
	"4:	b 4b\n"
	".balign 1024\n"
	/* vCPU 1 at 0x400: count at 0x2000 forever. */
	"	mov	x5, #0x2000\n"
	"5:	ldr x7, [x5]\n add x7, x7, #1\n str x7, [x5]\n b 5b\n");

static struct vmm v;
static struct vmm_vcpu c0, c1;

static void *vcpu1_thread(void *arg)
{
	vmm_pin(1);
	vmm_vcpu_run(&c1);	/* until the signal */
	return NULL;
}

static void noop(int sig)
{
}

int main(void)
{
	struct sigaction sa = { .sa_handler = noop };
	volatile uint64_t *count;
	uint64_t a, b;
	pthread_t t;
	int gic;

	sigaction(SIGUSR1, &sa, NULL);
	if (vmm_create(&v, 1 << 20) ||
	    vmm_load(&v, guest_hostile_start, guest_hostile_end - guest_hostile_start, 0) ||
	    vmm_vcpu_create(&v, &c0, 0, 0) || vmm_vcpu_create(&v, &c1, 1, 0) ||
	    vmm_set_reg(&c1, VMM_CORE_REG(regs.pc), 0x400))
		return 1;
	gic = vmm_vgic_v3(&v, GICD, GICR, 2);
	if (!sv_ok(gic >= 0, "vgic hostile: vGICv3 created for 2 vCPUs"))
		return 1;
	count = (volatile uint64_t *)((char *)v.mem + 0x2000);
	pthread_create(&t, NULL, vcpu1_thread, NULL);
	vmm_pin(0);
	sv_ok(vmm_vcpu_run(&c0) == 0 && c0.run->exit_reason == KVM_EXIT_MMIO &&
	      c0.run->mmio.phys_addr == 0x10000000,
	      "vgic hostile: vCPU 0 went through every GICD/GICR offset, 4096 SGIs and stray EOIs");
	a = *count;
	usleep(300000);
	b = *count;
	sv_ok(b > a, "vgic hostile: vCPU 1 kept running meanwhile (%llu -> %llu)",
	      (unsigned long long)a, (unsigned long long)b);
	pthread_kill(t, SIGUSR1);
	pthread_join(t, NULL);
	close(gic);
	vmm_vcpu_destroy(&c1);
	vmm_vcpu_destroy(&c0);
	vmm_destroy(&v);
	sv_tap_exit();
}
