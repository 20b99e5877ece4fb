// SPDX-License-Identifier: GPL-2.0
/*
 * The guest fuzzer (issue 16): per seed, a VM whose guest runs a random
 * instruction stream biased toward what traps or exits -- MRS/MSR of
 * random and interesting system-register encodings, cache/TLB/AT
 * maintenance, HVC/SMC with PSCI/SMCCC/random function IDs and random
 * arguments, loads and stores (single, pair, exclusive) into RAM, outside
 * the memslot, into the vGIC's frames and other MMIO, WFI/WFE, BRK, HLT,
 * SVC, ERET, UDF and raw random words -- from random register values, on
 * 1 or 2 vCPUs, with or without a vGICv3 (and ITS); MMIO reads answered
 * with random data.  Only the KVM ABI, so it runs on splitvisor and on the
 * in-kernel KVM alike.  Each vCPU runs for a slice of time (a per-thread
 * timer cuts KVM_RUN short) or until the guest stops itself (PSCI).
 *
 * What must hold: every KVM_RUN returns (the lab's timeout catches a
 * hang; /tmp/fuzz_guest.seed names the seed in progress), with an exit or
 * an errno upstream KVM gives for such a guest (EINTR, ENOSYS for an
 * access without syndrome, EFAULT, ...: counted and printed); afterwards
 * a known guest still runs and answers PSCI_VERSION; and the lab fails on
 * any Oops/WARN/BUG in the host's dmesg.  A seed reproduces a run.
 *
 * Usage: fuzz_guest [seeds [first-seed]]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "../lib/tap.h"
#include "../lib/vmm.h"

#ifndef sigev_notify_thread_id
#define sigev_notify_thread_id	_sigev_un._tid
#endif

#define RAM_SIZE	(1 << 20)
#define CODE_WORDS	1024
#define GICD		0x08000000ULL
#define GICR		0x080a0000ULL
#define GITS		0x08080000ULL
#define SLICE_NS	4000000		/* a KVM_RUN's time slice */
#define SEED_NS		40000000	/* a vCPU's time per seed */
#define MAX_RUNS	400		/* KVM_RUNs a vCPU per seed */

/* Per-thread xorshift: the seed alone decides the stream. */
static uint64_t next(uint64_t *s)
{
	uint64_t x = *s;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return *s = x;
}

static uint64_t pick(uint64_t *s, uint64_t n)
{
	return next(s) % n;
}

/* ---- the instruction stream ---------------------------------------------- */

static uint32_t *code;
static unsigned int ncode;

static void emit(uint32_t insn)
{
	if (ncode < CODE_WORDS)
		code[ncode++] = insn;
}

/* MOVZ/MOVK Xd, a 64-bit value */
static void mov64(unsigned int rd, uint64_t v)
{
	emit(0xd2800000 | (uint32_t)(v & 0xffff) << 5 | rd);
	for (unsigned int hw = 1; hw < 4; hw++)
		if ((v >> (16 * hw)) & 0xffff)
			emit(0xf2800000 | hw << 21 | (uint32_t)((v >> (16 * hw)) & 0xffff) << 5 | rd);
}

/* An address worth touching: RAM, just outside it, the vGIC, MMIO, nowhere. */
static uint64_t address(uint64_t *s)
{
	switch (pick(s, 9)) {
	case 0: case 1:
		return pick(s, RAM_SIZE) & ~7ULL;
	case 2:
		return RAM_SIZE + (pick(s, 0x10000) & ~7ULL);
	case 3:
		return GICD + (pick(s, 0x10000) & ~3ULL);
	case 4:
		return GICR + (pick(s, 0x40000) & ~3ULL);
	case 5:
		return GITS + (pick(s, 0x20000) & ~3ULL);
	case 6:
		return 0x10000000ULL + pick(s, 0x1000);
	case 7:
		return next(s) & 0x0000ffffffffffffULL;	/* anywhere, beyond the IPA space too */
	default:
		return next(s);
	}
}

/* Function IDs: PSCI, SMCCC arch/vendor, the KVM vendor range, random. */
static uint64_t function_id(uint64_t *s)
{
	static const uint32_t ids[] = {
		0x84000000, 0x84000001, 0x84000002, 0xc4000003, 0x84000004, 0xc4000004,
		0x84000005, 0x84000006, 0x84000007, 0x84000008, 0x84000009, 0x8400000a,
		0xc4000012, 0x84000013, 0x80000000, 0x80000001, 0x80008000, 0x80007fff,
		0x86000000, 0x8600ff01, 0x8600ff03, 0xc6000000, 0x86000001, 0xc6000020,
		0xbf00ff01, 0x8400000e, 0xc4000011, 0xc4000014,
	};

	if (pick(s, 4))
		return ids[pick(s, sizeof(ids) / sizeof(ids[0]))];
	return pick(s, 2) ? (next(s) & 0xffffffff) : next(s);
}

/* A system register encoding: an interesting group, or anything. */
static uint32_t sysreg(uint64_t *s, unsigned int *op0)
{
	unsigned int o0, op1, crn, crm, op2;

	switch (pick(s, 8)) {
	case 0:		/* ID registers */
		o0 = 3, op1 = 0, crn = 0, crm = pick(s, 8), op2 = pick(s, 8);
		break;
	case 1:		/* GIC CPU interface */
		o0 = 3, op1 = pick(s, 2) ? 0 : 4, crn = 12, crm = 8 + pick(s, 8), op2 = pick(s, 8);
		break;
	case 2:		/* timers, counters */
		o0 = 3, op1 = 3, crn = 14, crm = pick(s, 4), op2 = pick(s, 8);
		break;
	case 3:		/* debug */
		o0 = 2, op1 = pick(s, 2) ? 0 : 3, crn = pick(s, 8), crm = pick(s, 16), op2 = pick(s, 8);
		break;
	case 4:		/* PMU */
		o0 = 3, op1 = 3, crn = 9, crm = 12 + pick(s, 4), op2 = pick(s, 8);
		break;
	case 5:		/* EL1 context, the registers the world switch moves */
		o0 = 3, op1 = 0, crn = 1 + pick(s, 13), crm = pick(s, 4), op2 = pick(s, 8);
		break;
	default:
		o0 = 2 + pick(s, 2), op1 = pick(s, 8), crn = pick(s, 16), crm = pick(s, 16),
		op2 = pick(s, 8);
		break;
	}
	*op0 = o0;
	return (o0 & 1) << 19 | op1 << 16 | crn << 12 | crm << 8 | op2 << 5;
}

static void gen_one(uint64_t *s)
{
	unsigned int rt = pick(s, 8), rn = 8 + pick(s, 8), op0;
	uint32_t enc;

	switch (pick(s, 16)) {
	case 0: case 1:		/* a register gets a random or an address value */
		mov64(pick(s, 2) ? rt : rn, pick(s, 2) ? next(s) : address(s));
		break;
	case 2:			/* MRS */
		enc = sysreg(s, &op0);
		emit(0xd5300000 | enc | rt);
		break;
	case 3:			/* MSR */
		enc = sysreg(s, &op0);
		emit(0xd5100000 | enc | rt);
		break;
	case 4:			/* SYS: DC/IC (CRn 7), TLBI (CRn 8), AT */
		emit(0xd5080000 | (uint32_t)pick(s, 8) << 16 | (7 + (uint32_t)pick(s, 2)) << 12 |
		     (uint32_t)pick(s, 16) << 8 | (uint32_t)pick(s, 8) << 5 | rn);
		break;
	case 5: case 6:		/* HVC / SMC with a function ID and random arguments */
		mov64(0, function_id(s));
		mov64(1, pick(s, 2) ? address(s) : next(s));
		mov64(2, next(s) & 0xffff);
		mov64(3, next(s));
		emit((pick(s, 4) ? 0xd4000002 : 0xd4000003) | (uint32_t)(pick(s, 8) ? 0 : pick(s, 0x10000)) << 5);
		break;
	case 7: case 8:		/* LDR/STR, any size, small offset */
		mov64(rn, address(s));
		emit(0x39000000 | (uint32_t)pick(s, 4) << 30 | (uint32_t)pick(s, 3) << 22 |
		     (uint32_t)pick(s, 8) << 10 | rn << 5 | rt);
		break;
	case 9:			/* LDP/STP (no syndrome), LDXR/STXR */
		mov64(rn, address(s));
		switch (pick(s, 4)) {
		case 0: emit(0xa9000000 | rn << 5 | 1 << 10 | rt); break;
		case 1: emit(0xa9400000 | rn << 5 | 1 << 10 | rt); break;
		case 2: emit(0xc85f7c00 | rn << 5 | rt); break;
		default: emit(0xc8007c00 | 4 << 16 | rn << 5 | rt); break;
		}
		break;
	case 10:		/* WFI, WFE, SEV, YIELD */
		emit((const uint32_t[]){ 0xd503207f, 0xd503205f, 0xd503209f, 0xd503203f }[pick(s, 4)]);
		break;
	case 11:		/* interrupts on or off */
		emit(pick(s, 2) ? 0xd50342ff : 0xd50343df);	/* msr daifclr/daifset, #2 */
		break;
	case 12:		/* BRK, HLT, SVC (with an immediate), ERET, UDF */
		op0 = pick(s, 5);
		enc = (const uint32_t[]){ 0xd4200000, 0xd4400000, 0xd4000001, 0xd69f03e0,
					  0x00000000 }[op0];
		emit(op0 < 3 ? enc | (uint32_t)pick(s, 0x10000) << 5 : enc);
		break;
	case 13:		/* a raw word */
		emit((uint32_t)next(s));
		break;
	case 14:		/* a short loop back */
		emit(0x14000000 | ((uint32_t)-(int32_t)(1 + pick(s, 8)) & 0x3ffffff));
		break;
	default:		/* ICC_SGI1R_EL1 with a random value */
		mov64(rt, next(s));
		emit(0xd518cba0 | rt);
		break;
	}
}

/* ---- the VMM ------------------------------------------------------------- */

struct fz_vcpu {
	struct vmm_vcpu c;
	uint64_t rnd;
	pthread_t th;
	unsigned long runs, exits[64], err[256];
	int stop;			/* the guest stopped (system event), or an error */
	int bad_errno, bad_exit;	/* what ended it, if not what a guest may cause */
};

static volatile int *vm_stopped;

static void on_timer(int sig)
{
}

static long slice_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000000L + t.tv_nsec;
}

static void *vcpu_thread(void *arg)
{
	struct fz_vcpu *f = arg;
	struct sigevent ev = { .sigev_notify = SIGEV_THREAD_ID, .sigev_signo = SIGUSR1 };
	struct itimerspec its = { .it_value.tv_nsec = SLICE_NS, .it_interval.tv_nsec = SLICE_NS };
	long end = slice_ns() + SEED_NS;
	timer_t t;
	uint64_t pc;

	ev.sigev_notify_thread_id = syscall(SYS_gettid);
	if (timer_create(CLOCK_MONOTONIC, &ev, &t))
		return NULL;
	timer_settime(t, 0, &its, NULL);
	while (!*vm_stopped && f->runs < MAX_RUNS && slice_ns() < end) {
		struct kvm_run *run = f->c.run;
		int r = ioctl(f->c.fd, KVM_RUN, 0);

		f->runs++;
		if (r < 0) {
			f->err[errno & 255]++;
			if (errno == EINTR || errno == EAGAIN)
				continue;
			if (errno == ENOSYS) {
				/* No syndrome for this access: a VMM would emulate it; skip it. */
				if (!vmm_get_reg(&f->c, VMM_CORE_REG(regs.pc), &pc))
					vmm_set_reg(&f->c, VMM_CORE_REG(regs.pc), pc + 4);
				continue;
			}
			f->bad_errno = errno;
			f->stop = 1;
			break;
		}
		f->exits[run->exit_reason & 63]++;
		switch (run->exit_reason) {
		case KVM_EXIT_MMIO:
			if (!run->mmio.is_write) {
				uint64_t d = next(&f->rnd);

				memcpy(run->mmio.data, &d, sizeof(run->mmio.data));
			}
			break;
		case KVM_EXIT_INTR:
			break;
		case KVM_EXIT_SYSTEM_EVENT:
			*vm_stopped = 1;
			break;
		default:
			f->bad_exit = run->exit_reason ? (int)run->exit_reason : -1;
			f->stop = 1;
			break;
		}
		if (f->stop)
			break;
	}
	timer_delete(t);
	return NULL;
}

static int its_create(struct vmm *v)
{
	struct kvm_create_device cd = { .type = KVM_DEV_TYPE_ARM_VGIC_ITS };
	uint64_t base = GITS;
	struct kvm_device_attr a = { .group = KVM_DEV_ARM_VGIC_GRP_ADDR,
				     .attr = KVM_VGIC_ITS_ADDR_TYPE,
				     .addr = (uint64_t)(unsigned long)&base };

	if (ioctl(v->vm, KVM_CREATE_DEVICE, &cd))
		return -1;
	if (ioctl(cd.fd, KVM_SET_DEVICE_ATTR, &a))
		return cd.fd;
	a = (struct kvm_device_attr){ .group = KVM_DEV_ARM_VGIC_GRP_CTRL,
				      .attr = KVM_DEV_ARM_VGIC_CTRL_INIT };
	ioctl(cd.fd, KVM_SET_DEVICE_ATTR, &a);
	return cd.fd;
}

static unsigned long tot_runs, tot_exits[64], tot_err[256], nr_vgic, nr_its, nr_two, nr_bad;

/* One seed: 0 if every vCPU could be created and run. */
static int one_seed(uint64_t seed)
{
	struct vmm v;
	struct fz_vcpu f[2];
	volatile int stopped = 0;
	uint64_t s = seed * 0x9e3779b97f4a7c15ULL + 1;
	unsigned int nvcpu = 1 + pick(&s, 2), i, j;
	int gic = -1, its = -1, use_gic = pick(&s, 2), use_its = use_gic && pick(&s, 2);
	FILE *fp = fopen("/tmp/fuzz_guest.seed", "w");

	if (fp) {
		fprintf(fp, "%llu\n", (unsigned long long)seed);
		fclose(fp);
	}
	if (vmm_create(&v, RAM_SIZE))
		return -1;
	code = v.mem;
	ncode = 0;
	while (ncode < CODE_WORDS)
		gen_one(&s);
	memset(f, 0, sizeof(f));
	for (i = 0; i < nvcpu; i++) {
		f[i].rnd = next(&s) | 1;
		if (vmm_vcpu_create(&v, &f[i].c, i, 1 << KVM_ARM_VCPU_PSCI_0_2))
			return -1;
	}
	if (use_gic) {
		gic = vmm_vgic_v3(&v, GICD, GICR, nvcpu);
		if (use_its && gic >= 0)
			its = its_create(&v);
	}
	nr_vgic += gic >= 0;
	nr_its += its >= 0;
	nr_two += nvcpu == 2;
	vm_stopped = &stopped;
	for (i = 0; i < nvcpu; i++)
		pthread_create(&f[i].th, NULL, vcpu_thread, &f[i]);
	for (i = 0; i < nvcpu; i++) {
		pthread_join(f[i].th, NULL);
		tot_runs += f[i].runs;
		for (j = 0; j < 64; j++)
			tot_exits[j] += f[i].exits[j];
		for (j = 0; j < 256; j++)
			tot_err[j] += f[i].err[j];
		vmm_vcpu_destroy(&f[i].c);
		if (f[i].bad_errno || f[i].bad_exit) {
			printf("# seed %llu: vCPU %u: KVM_RUN %s %d (replay: fuzz_guest 1 %llu)\n",
			       (unsigned long long)seed, i, f[i].bad_errno ? "failed, errno" : "exit reason",
			       f[i].bad_errno ?: f[i].bad_exit, (unsigned long long)seed);
			nr_bad++;
		}
	}
	if (its >= 0)
		close(its);
	if (gic >= 0)
		close(gic);
	vmm_destroy(&v);
	return 0;
}

/* After it all: a plain guest still gets PSCI_VERSION through HVC. */
GUEST_CODE(guest_sane,
	"movz x0, #0\n movk x0, #0x8400, lsl #16\n hvc #0\n"
	"movz x1, #0x1000, lsl #16\n str x0, [x1]\n"
	"1: b 1b\n");

static int sane(void)
{
	struct vmm v;
	struct vmm_vcpu c;
	uint64_t d = 0;
	int ok;

	if (vmm_create(&v, RAM_SIZE) ||
	    vmm_load(&v, guest_sane_start, guest_sane_end - guest_sane_start, 0) ||
	    vmm_vcpu_create(&v, &c, 0, 1 << KVM_ARM_VCPU_PSCI_0_2))
		return 0;
	ok = vmm_vcpu_run(&c) == 0 && vmm_mmio_is(&c, 0x10000000, 8, 1, &d) && d == 0x10001;
	vmm_vcpu_destroy(&c);
	vmm_destroy(&v);
	return ok;
}

int main(int argc, char **argv)
{
	unsigned long seeds = argc > 1 ? strtoul(argv[1], NULL, 0) : 200;
	uint64_t first = argc > 2 ? strtoull(argv[2], NULL, 0) : 1;
	struct sigaction sa = { .sa_handler = on_timer };
	unsigned long done = 0, i;

	sigaction(SIGUSR1, &sa, NULL);
	for (i = 0; i < seeds; i++) {
		if (one_seed(first + i)) {
			printf("# seed %llu: could not set the VM up\n", (unsigned long long)(first + i));
			break;
		}
		done++;
	}
	printf("# fuzz_guest: %lu seeds from %llu (%lu with a vGICv3, %lu of them an ITS, %lu with "
	       "2 vCPUs), %lu KVM_RUNs\n", done, (unsigned long long)first, nr_vgic, nr_its, nr_two,
	       tot_runs);
	printf("# exits:");
	for (i = 0; i < 64; i++)
		if (tot_exits[i])
			printf(" %lu=%lu", i, tot_exits[i]);
	printf("\n# errnos:");
	for (i = 0; i < 256; i++)
		if (tot_err[i])
			printf(" %s=%lu", strerrorname_np(i) ?: "?", tot_err[i]);
	printf("\n");
	sv_ok(done == seeds, "fuzz_guest: %lu of %lu seeds ran (1 or 2 vCPUs, vGICv3/ITS or none)",
	      done, seeds);
	sv_ok(!nr_bad, "fuzz_guest: every KVM_RUN ended in an MMIO or system-event exit, EINTR or "
	      "ENOSYS (an access without syndrome), as upstream for such guests (%lu seeds otherwise)",
	      nr_bad);
	sv_ok(sane(), "fuzz_guest: afterwards a plain guest still runs (PSCI_VERSION 1.1 through HVC)");
	sv_tap_exit();
}
