// SPDX-License-Identifier: GPL-2.0
/*
 * Two vCPUs on two physical CPUs: vCPU 0 starts vCPU 1 with PSCI CPU_ON,
 * both count in shared guest RAM at the same time, AFFINITY_INFO sees
 * vCPU 1 on and then off after its CPU_OFF, and SYSTEM_OFF ends the VM.
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

#define COUNT	200000

/* vCPU 0 at 0: CPU_ON(mpidr 1, entry 0x400, ctx 0x3000), count, wait, report. */
GUEST_CODE(guest_smp0,
	"movz	x0, #0x0003\n"
	"movk	x0, #0xc400, lsl #16\n"		/* CPU_ON (64-bit) */
	"mov	x1, #1\n"			/* target MPIDR Aff0 = 1 */
	"mov	x2, #0x400\n"			/* entry */
	"mov	x3, #0x3000\n"			/* context id -> x0 of vCPU 1 */
	"hvc	#0\n"
	"movz	x9, #0x1000, lsl #16\n"
	"str	x0, [x9]\n"			/* report CPU_ON's result */
	"mov	x5, #0x2000\n"			/* counter 0 */
	"movz	x6, #0x0d40\n movk x6, #0x3, lsl #16\n"	/* 200000 */
	"1:	ldr x7, [x5]\n add x7, x7, #1\n str x7, [x5]\n"
	"	subs x6, x6, #1\n b.ne 1b\n"
	"	ldr x8, [x5, #8]\n"		/* vCPU 1's counter meanwhile */
	"	str x8, [x9, #8]\n"
	"2:	movz x0, #0x0004\n movk x0, #0xc400, lsl #16\n"	/* AFFINITY_INFO */
	"	mov x1, #1\n mov x2, #0\n hvc #0\n"
	"	cmp x0, #1\n b.ne 2b\n"		/* until OFF */
	"	ldr x8, [x5, #8]\n str x8, [x9, #16]\n"
	"	movz x0, #0x0008\n movk x0, #0x8400, lsl #16\n hvc #0\n"
	"3: b 3b\n"
	".balign 1024\n"
	/* vCPU 1 at 0x400: x0 = context id; count, then CPU_OFF. */
	"	mov	x5, #0x2008\n"
	"	str	x0, [x5, #8]\n"		/* context id at 0x2010 */
	"	movz	x6, #0x0d40\n movk x6, #0x3, lsl #16\n"
	"4:	ldr x7, [x5]\n add x7, x7, #1\n str x7, [x5]\n"
	"	subs x6, x6, #1\n b.ne 4b\n"
	"	movz x0, #0x0002\n movk x0, #0x8400, lsl #16\n hvc #0\n"	/* CPU_OFF */
	"5: b 5b\n");

static struct vmm v;
static struct vmm_vcpu c0, c1;
static int run1_ret = -2, run1_errno;

static void *vcpu1_thread(void *arg)
{
	vmm_pin(1);
	/* Powered off until CPU_ON; CPU_OFF parks it again: KVM_RUN then
	 * blocks until the main thread interrupts it with a signal. */
	run1_ret = vmm_vcpu_run(&c1);
	run1_errno = errno;
	return NULL;
}

static void noop(int sig)
{
}

int main(void)
{
	pthread_t t;
	uint64_t d, x0, done1, during;
	struct sigaction sa = { .sa_handler = noop };
	struct kvm_mp_state mp;

	if (sysconf(_SC_NPROCESSORS_ONLN) < 2) {
		sv_skip("smp: needs 2 CPUs");
		return 0;
	}
	sigaction(SIGUSR1, &sa, NULL);
	if (vmm_create(&v, 1 << 20) ||
	    vmm_load(&v, guest_smp0_start, guest_smp0_end - guest_smp0_start, 0) ||
	    vmm_vcpu_create(&v, &c0, 0, 1 << KVM_ARM_VCPU_PSCI_0_2) ||
	    vmm_vcpu_create(&v, &c1, 1, (1 << KVM_ARM_VCPU_PSCI_0_2) |
					 (1 << KVM_ARM_VCPU_POWER_OFF)))
		return 1;
	sv_ok(ioctl(c1.fd, KVM_GET_MP_STATE, &mp) == 0 && mp.mp_state == KVM_MP_STATE_STOPPED,
	      "smp: vCPU 1 starts powered off");
	pthread_create(&t, NULL, vcpu1_thread, NULL);
	vmm_pin(0);

	sv_ok(vmm_vcpu_run(&c0) == 0 && c0.run->exit_reason == KVM_EXIT_MMIO &&
	      (memcpy(&x0, c0.run->mmio.data, 8), x0 == 0),
	      "smp: PSCI CPU_ON of vCPU 1 succeeds");
	sv_ok(vmm_vcpu_run(&c0) == 0 && c0.run->exit_reason == KVM_EXIT_MMIO &&
	      c0.run->mmio.phys_addr == 0x10000008,
	      "smp: vCPU 0 finished counting");
	memcpy(&during, c0.run->mmio.data, 8);
	sv_ok(vmm_vcpu_run(&c0) == 0 && c0.run->exit_reason == KVM_EXIT_MMIO &&
	      c0.run->mmio.phys_addr == 0x10000010,
	      "smp: AFFINITY_INFO saw vCPU 1 turn off");
	memcpy(&done1, c0.run->mmio.data, 8);
	d = ((uint64_t *)v.mem)[0x2000 / 8];
	sv_ok(d == COUNT && done1 == COUNT,
	      "smp: both vCPUs counted to %d (%llu, %llu)", COUNT,
	      (unsigned long long)d, (unsigned long long)done1);
	sv_ok(((uint64_t *)v.mem)[0x2010 / 8] == 0x3000,
	      "smp: vCPU 1 started with CPU_ON's context id in x0");
	printf("# vCPU 1 had counted %llu when vCPU 0 finished\n", (unsigned long long)during);
	sv_ok(vmm_vcpu_run(&c0) == 0 && c0.run->exit_reason == KVM_EXIT_SYSTEM_EVENT,
	      "smp: SYSTEM_OFF from vCPU 0");
	/* vCPU 1 is parked in KVM_RUN: a signal gets it out with EINTR. */
	usleep(100000);
	pthread_kill(t, SIGUSR1);
	pthread_join(t, NULL);
	sv_ok(run1_ret == -1 && run1_errno == EINTR,
	      "smp: the parked vCPU leaves KVM_RUN with EINTR on a signal");
	vmm_vcpu_destroy(&c1);
	vmm_vcpu_destroy(&c0);
	vmm_destroy(&v);
	sv_tap_exit();
}
