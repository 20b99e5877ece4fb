// SPDX-License-Identifier: GPL-2.0
/*
 * Random ioctls on /dev/kvm, VM and vCPU fds: known KVM ioctl numbers and
 * random ones, with random, NULL, unmapped and short arguments.  Whatever
 * the answers, the host must live and its dmesg stay clean (checked by
 * the lab).  KVM_RUN is cut short by a periodic signal, memory slots only
 * ever point at a scratch area (so the guest cannot scribble on us).
 * Usage: fuzz_ioctl [count [seed]]
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <unistd.h>
#include <linux/kvm.h>
#include "../lib/tap.h"

#define SCRATCH_SIZE	(4 << 20)

static const unsigned long cmds[] = {
	KVM_GET_API_VERSION, KVM_CREATE_VM, KVM_CHECK_EXTENSION, KVM_GET_VCPU_MMAP_SIZE,
	KVM_CREATE_VCPU, KVM_SET_USER_MEMORY_REGION, KVM_GET_DIRTY_LOG, KVM_ENABLE_CAP,
	KVM_ARM_PREFERRED_TARGET, KVM_RUN, KVM_ARM_VCPU_INIT, KVM_GET_ONE_REG,
	KVM_SET_ONE_REG, KVM_GET_REG_LIST, KVM_GET_MP_STATE, KVM_SET_MP_STATE,
	KVM_GET_REGS, KVM_SET_REGS, KVM_IRQ_LINE, KVM_CREATE_IRQCHIP, KVM_CREATE_DEVICE,
	KVM_SET_DEVICE_ATTR, KVM_GET_DEVICE_ATTR, KVM_HAS_DEVICE_ATTR, KVM_IRQFD,
	KVM_IOEVENTFD, KVM_SET_GSI_ROUTING, KVM_GET_STATS_FD, KVM_SET_GUEST_DEBUG,
	KVM_GET_VCPU_EVENTS, KVM_SET_VCPU_EVENTS, KVM_ARM_VCPU_FINALIZE,
	KVM_TRACE_ENABLE, KVM_SIGNAL_MSI, KVM_REGISTER_COALESCED_MMIO,
};

static char *scratch;
static int evfd;	/* for KVM_IOEVENTFD arguments */

static unsigned long rnd(void)
{
	return ((unsigned long)random() << 31) ^ random();
}

static void alarm_handler(int sig)
{
}

/* An argument: small number, NULL, unmapped, random buffer, or a slot. */
static unsigned long make_arg(unsigned long cmd, char *buf, size_t len)
{
	unsigned int i;

	switch (random() % 6) {
	case 0:
		return random() % 8;
	case 1:
		return 0;
	case 2:
		return 16;	/* unmapped */
	case 3:
		return rnd();
	default:
		for (i = 0; i < len; i++)
			buf[i] = random();
		if (cmd == KVM_SET_USER_MEMORY_REGION) {
			struct kvm_userspace_memory_region *r = (void *)buf;

			r->slot = random() % 4;
			r->flags = random() % 4;
			r->guest_phys_addr = (random() % 64) << 16;
			r->memory_size = (random() % 16) << 12;
			r->userspace_addr = (unsigned long)scratch + ((random() % 512) << 12);
		} else if (cmd == KVM_IOEVENTFD) {
			/* Often a real eventfd and a valid length: assigns succeed. */
			struct kvm_ioeventfd *e = (void *)buf;
			static const __u32 lens[] = { 0, 1, 2, 3, 4, 8 };

			e->fd = random() % 4 ? evfd : (int)(random() % 32) - 1;
			e->addr = 0x10000000 + (random() % 16) * 4;
			e->len = lens[random() % 6];
			e->flags = random() % 4 ? (__u32)(random() % 16) : (__u32)rnd();
			e->datamatch = random() % 4;
		} else if (cmd == KVM_SET_SIGNAL_MASK) {
			return 0;	/* never block our alarm */
		}
		return (unsigned long)buf;
	}
}

int main(int argc, char **argv)
{
	int count = argc > 1 ? atoi(argv[1]) : 10000;
	unsigned int seed = argc > 2 ? atoi(argv[2]) : 12345;
	struct sigaction sa = { .sa_handler = alarm_handler };
	struct itimerval it = { { 0, 2000 }, { 0, 2000 } };
	int fds[16], nfds = 0, i, ret, kvm;
	long counts[3] = { 0, 0, 0 };
	static char buf[8192] __attribute__((aligned(4096)));

	srandom(seed);
	scratch = mmap(NULL, SCRATCH_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	sigaction(SIGALRM, &sa, NULL);
	setitimer(ITIMER_REAL, &it, NULL);
	evfd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	kvm = open("/dev/kvm", O_RDWR);
	if (!sv_ok(kvm >= 0, "fuzz: open /dev/kvm"))
		return 1;
	fds[nfds++] = kvm;
	/* Start from a VM with memory and a vCPU that can run. */
	{
		struct kvm_userspace_memory_region r = {
			.memory_size = 1 << 20, .userspace_addr = (unsigned long)scratch };
		struct kvm_vcpu_init init;
		int vm = ioctl(kvm, KVM_CREATE_VM, 0), vcpu;

		ioctl(vm, KVM_SET_USER_MEMORY_REGION, &r);
		vcpu = ioctl(vm, KVM_CREATE_VCPU, 0);
		ioctl(vm, KVM_ARM_PREFERRED_TARGET, &init);
		ioctl(vcpu, KVM_ARM_VCPU_INIT, &init);
		fds[nfds++] = vm;
		fds[nfds++] = vcpu;
	}
	for (i = 0; i < count; i++) {
		int fd = fds[random() % nfds];
		unsigned long cmd = random() % 8 ? cmds[random() % (sizeof(cmds) / sizeof(cmds[0]))]
						  : (0xae00 | (rnd() & 0xff)) | ((rnd() & 0x3fff) << 16);
		unsigned long arg = make_arg(cmd, buf, sizeof(buf));

		ret = ioctl(fd, cmd, arg);
		counts[ret < 0 ? 0 : ret == 0 ? 1 : 2]++;
		/* New fds (VMs, vCPUs) join the pool; old ones get closed. */
		if (ret > 2 && (cmd == KVM_CREATE_VM || cmd == KVM_CREATE_VCPU ||
				cmd == KVM_GET_STATS_FD)) {
			if (nfds < 16) {
				fds[nfds++] = ret;
			} else {
				int j = 1 + random() % 15;

				close(fds[j]);
				fds[j] = ret;
			}
		}
	}
	it = (struct itimerval){ { 0, 0 }, { 0, 0 } };
	setitimer(ITIMER_REAL, &it, NULL);
	for (i = 0; i < nfds; i++)
		close(fds[i]);
	sv_ok(1, "fuzz: %d ioctls (seed %u): %ld errors, %ld zero, %ld positive; all fds closed",
	      count, seed, counts[0], counts[1], counts[2]);
	sv_tap_exit();
}
