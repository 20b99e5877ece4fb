// SPDX-License-Identifier: GPL-2.0
/*
 * Random ioctls on /dev/kvm, VM, vCPU, device (vGIC, ITS) and stats fds:
 * known KVM ioctl numbers and random ones, with random, NULL, unmapped,
 * misaligned and short arguments and structures of random or huge
 * values, from several threads sharing one pool of fds, so VMs, vCPUs
 * and devices are created and closed while other threads use them.
 * Whatever the answers, the host must live and its dmesg stay clean
 * (checked by the lab).  KVM_RUN is cut short by a per-thread periodic
 * signal; memory slots only ever point at a scratch area (so the guest
 * cannot scribble on us).  The seed decides each thread's stream (the
 * interleaving is the scheduler's).
 * Usage: fuzz_ioctl [count [seed [threads]]]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sys/syscall.h>
#include <time.h>
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

#ifndef sigev_notify_thread_id
#define sigev_notify_thread_id	_sigev_un._tid
#endif

static char *scratch;
static int evfd;	/* for KVM_IOEVENTFD arguments */

/* Each thread's own stream (random() is one stream for all threads). */
static __thread unsigned long long rstate;

static long rand31(void)
{
	rstate = rstate * 6364136223846793005ULL + 1442695040888963407ULL;
	return (long)(rstate >> 33);
}
#define random()	rand31()

static unsigned long rnd(void)
{
	return ((unsigned long)random() << 31) ^ random();
}

/* The pool of fds every thread draws from; slot 0 is /dev/kvm. */
#define NR_FDS	24
static int fds[NR_FDS], nfds;
static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;

static int pool_get(void)
{
	int fd;

	pthread_mutex_lock(&pool_lock);
	fd = fds[random() % nfds];
	pthread_mutex_unlock(&pool_lock);
	return fd;
}

/* A new fd joins the pool; when it is full, a random one (not /dev/kvm) is closed. */
static void pool_add(int fd)
{
	pthread_mutex_lock(&pool_lock);
	if (nfds < NR_FDS) {
		fds[nfds++] = fd;
	} else {
		int j = 1 + random() % (NR_FDS - 1);

		close(fds[j]);
		fds[j] = fd;
	}
	pthread_mutex_unlock(&pool_lock);
}

/* An argument: small number, NULL, unmapped, random buffer, or a slot. */
static unsigned long make_arg(unsigned long cmd, char *buf, size_t len)
{
	unsigned int i;

	switch (random() % 7) {
	case 0:
		return random() % 8;
	case 1:
		return 0;
	case 2:
		return 16;	/* unmapped */
	case 3:
		return rnd();
	case 4:			/* a random buffer at a misaligned address */
		for (i = 0; i < len; i++)
			buf[i] = random();
		return (unsigned long)buf + 1 + random() % 7;
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
		} else if (cmd == KVM_CREATE_DEVICE) {
			struct kvm_create_device *cd = (void *)buf;
			static const __u32 types[] = { KVM_DEV_TYPE_ARM_VGIC_V3,
						       KVM_DEV_TYPE_ARM_VGIC_ITS,
						       KVM_DEV_TYPE_ARM_VGIC_V2 };

			cd->type = random() % 4 ? types[random() % 3] : (__u32)random();
			cd->flags = random() % 4 ? 0 : (__u32)random();
		} else if (cmd == KVM_SET_DEVICE_ATTR || cmd == KVM_GET_DEVICE_ATTR ||
			   cmd == KVM_HAS_DEVICE_ATTR) {
			/*
			 * Real groups and small attributes, the value in our
			 * buffer.  Not group 0: on a vCPU fd that is the PMU's,
			 * and fuzzing it on the in-kernel KVM was followed by a
			 * perf WARNING in a later QEMU guest's vCPU thread (one
			 * make check of two; not understood, see the stop 22
			 * note) -- the baseline's PMU is not ours to test.
			 */
			struct kvm_device_attr *a = (void *)buf;

			a->flags = random() % 8 ? 0 : (__u32)random();
			a->group = random() % 8 ? (__u32)(1 + random() % 9) : (__u32)random();
			a->attr = random() % 2 ? (__u64)(random() % 0x10000) :
				  random() % 2 ? ((__u64)(random() % 4) << 32) | (random() % 0x200) : rnd();
			a->addr = random() % 8 ? (unsigned long)(buf + 2048) :
				  random() % 2 ? 16 : rnd();
		} else if (cmd == KVM_GET_REG_LIST) {
			struct kvm_reg_list *l = (void *)buf;

			l->n = random() % 2 ? (__u64)random() % 1024 : rnd();	/* huge too */
		}
		return (unsigned long)buf;
	}
}

static long counts[3];
static int per_thread;

static void alarm_handler(int sig)
{
}

static void *fuzz_thread(void *arg)
{
	struct sigevent ev = { .sigev_notify = SIGEV_THREAD_ID, .sigev_signo = SIGALRM };
	struct itimerspec its = { .it_value.tv_nsec = 2000000, .it_interval.tv_nsec = 2000000 };
	static __thread char buf[8192] __attribute__((aligned(4096)));
	long c[3] = { 0, 0, 0 };
	timer_t t;
	int i, ret;

	rstate = (unsigned long)arg;
	ev.sigev_notify_thread_id = syscall(SYS_gettid);
	if (timer_create(CLOCK_MONOTONIC, &ev, &t))
		return NULL;
	timer_settime(t, 0, &its, NULL);
	for (i = 0; i < per_thread; i++) {
		int fd = pool_get();
		unsigned long cmd = random() % 8 ? cmds[random() % (sizeof(cmds) / sizeof(cmds[0]))]
						  : (0xae00 | (rnd() & 0xff)) | ((rnd() & 0x3fff) << 16);
		unsigned long a = make_arg(cmd, buf, sizeof(buf));

		ret = ioctl(fd, cmd, a);
		c[ret < 0 ? 0 : ret == 0 ? 1 : 2]++;
		/* New fds (VMs, vCPUs, stats, devices) join the pool. */
		if (ret > 2 && (cmd == KVM_CREATE_VM || cmd == KVM_CREATE_VCPU ||
				cmd == KVM_GET_STATS_FD))
			pool_add(ret);
		else if (ret == 0 && cmd == KVM_CREATE_DEVICE && a == (unsigned long)buf &&
			 ((struct kvm_create_device *)buf)->fd > 2)
			pool_add(((struct kvm_create_device *)buf)->fd);
	}
	timer_delete(t);
	pthread_mutex_lock(&pool_lock);
	for (i = 0; i < 3; i++)
		counts[i] += c[i];
	pthread_mutex_unlock(&pool_lock);
	return NULL;
}

int main(int argc, char **argv)
{
	int count = argc > 1 ? atoi(argv[1]) : 10000;
	unsigned int seed = argc > 2 ? atoi(argv[2]) : 12345;
	int nthreads = argc > 3 ? atoi(argv[3]) : 2;
	struct sigaction sa = { .sa_handler = alarm_handler };
	pthread_t th[8];
	int i, kvm;

	if (nthreads < 1 || nthreads > 8)
		nthreads = 2;
	per_thread = count / nthreads;
	rstate = seed;
	scratch = mmap(NULL, SCRATCH_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	sigaction(SIGALRM, &sa, NULL);
	evfd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	kvm = open("/dev/kvm", O_RDWR);
	if (!sv_ok(kvm >= 0, "fuzz: open /dev/kvm"))
		return 1;
	fds[nfds++] = kvm;
	/* Start from a VM with memory and a vCPU that can run, and a vGICv3. */
	{
		struct kvm_userspace_memory_region r = {
			.memory_size = 1 << 20, .userspace_addr = (unsigned long)scratch };
		struct kvm_create_device cd = { .type = KVM_DEV_TYPE_ARM_VGIC_V3 };
		struct kvm_vcpu_init init;
		int vm = ioctl(kvm, KVM_CREATE_VM, 0), vcpu;

		ioctl(vm, KVM_SET_USER_MEMORY_REGION, &r);
		vcpu = ioctl(vm, KVM_CREATE_VCPU, 0);
		ioctl(vm, KVM_ARM_PREFERRED_TARGET, &init);
		ioctl(vcpu, KVM_ARM_VCPU_INIT, &init);
		fds[nfds++] = vm;
		fds[nfds++] = vcpu;
		if (!ioctl(vm, KVM_CREATE_DEVICE, &cd))
			fds[nfds++] = cd.fd;
	}
	for (i = 0; i < nthreads; i++)
		pthread_create(&th[i], NULL, fuzz_thread,
			       (void *)(unsigned long)(seed * 2654435761U + i + 1));
	for (i = 0; i < nthreads; i++)
		pthread_join(th[i], NULL);
	for (i = 1; i < nfds; i++)
		close(fds[i]);
	/* All fds but /dev/kvm closed: the host still makes a VM with a vCPU. */
	i = ioctl(kvm, KVM_CREATE_VM, 0);
	sv_ok(i >= 0 && ioctl(i, KVM_CREATE_VCPU, 0) >= 0,
	      "fuzz: %d ioctls (seed %u, %d threads): %ld errors, %ld zero, %ld positive; "
	      "all fds closed, then a new VM and vCPU", per_thread * nthreads, seed, nthreads,
	      counts[0], counts[1], counts[2]);
	sv_tap_exit();
}
