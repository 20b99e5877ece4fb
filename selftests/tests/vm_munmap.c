// SPDX-License-Identifier: GPL-2.0
/*
 * munmap() of a slot's memory while a vCPU runs in it: the MMU notifier
 * takes the pages out of stage-2, the guest's next access finds no host
 * page and KVM_RUN fails with EFAULT.  Nothing of the freed memory may
 * stay reachable by the guest; the host stays healthy.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "../lib/tap.h"
#include "../lib/vmm.h"

/* Count forever in RAM at 0x2000, never exiting. */
GUEST_CODE(guest_spin,
	"mov	x5, #0x2000\n"
	"1:	ldr x7, [x5]\n add x7, x7, #1\n str x7, [x5]\n b 1b\n");

static struct vmm v;
static struct vmm_vcpu c;
static volatile int run_ret, run_errno, done;

static void *vcpu_thread(void *arg)
{
	run_ret = vmm_vcpu_run(&c);
	run_errno = errno;
	__sync_synchronize();	/* the results before the flag */
	done = 1;
	return NULL;
}

int main(void)
{
	volatile uint64_t *counter;
	pthread_t t;
	int i;

	if (vmm_create(&v, 1 << 20) ||
	    vmm_load(&v, guest_spin_start, guest_spin_end - guest_spin_start, 0) ||
	    vmm_vcpu_create(&v, &c, 0, 1 << KVM_ARM_VCPU_PSCI_0_2))
		return 1;
	counter = (uint64_t *)((char *)v.mem + 0x2000);
	pthread_create(&t, NULL, vcpu_thread, NULL);
	for (i = 0; i < 2000 && *counter < 100000; i++)
		usleep(10000);
	sv_ok(*counter >= 100000, "munmap: the guest is running (counter %llu)",
	      (unsigned long long)*counter);
	sv_ok(munmap(v.mem, v.mem_size) == 0, "munmap: unmap the slot's memory under it");
	v.mem = NULL;
	for (i = 0; i < 1000 && !done; i++)
		usleep(10000);
	if (done)
		pthread_join(t, NULL);
	sv_ok(done && run_ret == -1 && run_errno == EFAULT,
	      "munmap: KVM_RUN fails with EFAULT (done %d, ret %d, errno %d)",
	      done, run_ret, run_errno);
	sv_ok(vmm_vcpu_run(&c) == -1 && errno == EFAULT,
	      "munmap: and keeps failing with EFAULT");
	vmm_vcpu_destroy(&c);
	vmm_destroy(&v);
	sv_tap_exit();
}
