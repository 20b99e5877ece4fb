// SPDX-License-Identifier: GPL-2.0
/*
 * Virtual IPIs under stress, counted (splitvisor's SV_FAST_SGI posts them
 * at EL2; the in-kernel KVM runs the same test as the baseline).
 *
 * Ping-pong (50,000 rounds, 100,000 SGIs, unless argv[1] says how many
 * rounds): vCPU 0 sends SGI 1 to vCPU 1, whose handler counts it and
 * answers with SGI 2, which vCPU 0's handler counts; vCPU 0 sends the
 * next one only after the answer.  Each side waits half the rounds
 * spinning with interrupts on and half in WFI (blocking in the host), so
 * SGIs reach running and sleeping targets.  Meanwhile this program moves
 * vCPU 1's thread between the CPUs and stops both threads with signals
 * (KVM_RUN returns EINTR and is called again).  Every SGI must arrive
 * exactly once: a lost one hangs the round (the alarm ends the test), a
 * doubled one shows in the counts.
 *
 * Hostile values: vCPU 0 writes ICC_SGI1R_EL1 with every affinity field
 * pointing nowhere, a range selector (RES0: neither hypervisor claims
 * RSS), IRM = 1, no targets, RES0 bits set, XZR; after each, a fence (SGI 14 to vCPU 1, lower priority than
 * the tested SGIs, answered with SGI 13) makes sure what was sent has
 * arrived.  Each vCPU counts what it took per INTID; the counts must be
 * the GICv3 architecture's (12.2.23): only existing vCPUs in the
 * selected affinity, IRM = all but the sender.
 *
 * Mid-flight: a child process runs the ping-pong without end and is
 * killed; a new VM then runs the hostile values again.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "../lib/tap.h"
#include "../lib/vmm.h"
#include "../lib/guest_asm.h"

#define GICD		0x08000000ULL
#define GICR		0x080a0000ULL
#define MMIO_DONE	0x10000000ULL
#define N_ROUNDS	50000		/* 100,000 SGIs; argv[1] to change */

/* Shared words in guest RAM (u64 each). */
#define W_READY		0x3000		/* vCPU 1's interface is up */
#define W_ROUNDS	0x3008		/* rounds to run, 0 = forever */
#define W_RECV0		0x3010		/* SGI 2s vCPU 0 took */
#define W_RECV1		0x3018		/* SGI 1s vCPU 1 took */
#define W_BAD0		0x3020		/* INTIDs >= 16 and < 1020 taken: none expected */
#define W_BAD1		0x3028
#define W_NVALS		0x3030		/* hostile values to write */
#define W_CNT0		0x3100		/* per-INTID counts of vCPU 0 (16 words) */
#define W_CNT1		0x3200		/* ... of vCPU 1 */
#define W_VALS		0x4000		/* the hostile values */


/*
 * Wait until [x10 + off] >= x11: spinning (yield) when x11 is odd, in WFI
 * when even.  The WFI path looks with interrupts masked, so an answer
 * taken between the look and the WFI cannot leave it sleeping.
 */
#define WAIT_GE(off, l)								\
	"	tbz x11, #0, " #l "2f\n"						\
	#l "1:	yield\n ldr x1, [x10, #" STR(off) "]\n cmp x1, x11\n b.lo " #l "1b\n"	\
	"	b " #l "9f\n"								\
	#l "2:	msr daifset, #2\n ldr x1, [x10, #" STR(off) "]\n cmp x1, x11\n"		\
	"	b.hs " #l "3f\n wfi\n msr daifclr, #2\n b " #l "2b\n"			\
	#l "3:	msr daifclr, #2\n"							\
	#l "9:\n"

/*
 * The IRQ handler: count INTID (SGIs per INTID, 1020+ spurious, others
 * bad).  It uses x9 and x13-x15, which the interrupted code leaves alone.
 */
#define HANDLER(cnt, bad, extra)						\
	"	mrs x9, " ICC_IAR1 "\n"						\
	"	mov x14, #0x3000\n"							\
	"	cmp x9, #1020\n b.hs 8f\n"						\
	"	cmp x9, #16\n b.lo 7f\n"						\
	"	ldr x13, [x14, #" STR(bad) " - 0x3000]\n add x13, x13, #1\n"		\
	"	str x13, [x14, #" STR(bad) " - 0x3000]\n b 6f\n"			\
	"7:	add x15, x14, #" STR(cnt) " - 0x3000\n"				\
	"	ldr x13, [x15, x9, lsl #3]\n add x13, x13, #1\n str x13, [x15, x9, lsl #3]\n" \
	extra									\
	"6:	msr " ICC_EOIR1 ", x9\n"						\
	"8:	eret\n"

GUEST_CODE(guest_vipi,
	"	mrs x0, mpidr_el1\n and x0, x0, #0xff\n cbnz x0, 50f\n"
	/* ---- vCPU 0 ---- */
	"	movz x21, #0x0800, lsl #16\n mov w0, #0x12\n str w0, [x21]\n"	/* GICD_CTLR: ARE, Grp1 */
	/* SGI 13 (vCPU 0) and 14 (vCPU 1), the fences: priority 0xa0, below the rest (0) */
	"	movz x21, #0x080b, lsl #16\n movz w0, #0xa000\n str w0, [x21, #0x40c]\n"	/* IPRIORITYR3 */
	"	movz x21, #0x080d, lsl #16\n movz w0, #0x00a0, lsl #16\n str w0, [x21, #0x40c]\n"
	"	mov x0, #0xff\n msr " ICC_PMR ", x0\n mov x0, #1\n msr " ICC_IGRPEN1 ", x0\n"
	"	mov x0, #0x800\n msr vbar_el1, x0\n isb\n msr daifclr, #2\n"
	"	mov x10, #0x3000\n"
	"1:	yield\n ldr x1, [x10]\n cbz x1, 1b\n"				/* vCPU 1 ready */
	"	ldr x20, [x10, #8]\n mov x11, #0\n"
	"2:	add x11, x11, #1\n cbz x20, 3f\n cmp x11, x20\n b.hi 4f\n"
	"3:	movz x3, #0x0100, lsl #16\n orr x3, x3, #2\n msr " ICC_SGI1R ", x3\n isb\n"
	WAIT_GE(0x10, 10)
	"	b 2b\n"
	/* hostile values, each followed by the fence */
	"4:	ldr x20, [x10, #0x30]\n mov x19, #0x4000\n mov x11, #0\n"
	"5:	cmp x11, x20\n b.hs 6f\n"
	"	ldr x3, [x19, x11, lsl #3]\n msr " ICC_SGI1R ", x3\n isb\n"
	"	add x11, x11, #1\n"
	"	movz x3, #0x0e00, lsl #16\n orr x3, x3, #2\n msr " ICC_SGI1R ", x3\n isb\n"
	"	add x12, x10, #0x100\n"
	"	mov x16, x11\n"
	"11:	msr daifset, #2\n ldr x1, [x12, #13 * 8]\n cmp x1, x16\n b.hs 12f\n"
	"	wfi\n msr daifclr, #2\n b 11b\n"
	"12:	msr daifclr, #2\n"
	"	b 5b\n"
	/* and XZR (value 0: SGI 0 to no one), fenced too */
	"6:	msr " ICC_SGI1R ", xzr\n isb\n"
	"	movz x3, #0x0e00, lsl #16\n orr x3, x3, #2\n msr " ICC_SGI1R ", x3\n isb\n"
	"	add x12, x10, #0x100\n add x16, x11, #1\n"
	"13:	msr daifset, #2\n ldr x1, [x12, #13 * 8]\n cmp x1, x16\n b.hs 14f\n"
	"	wfi\n msr daifclr, #2\n b 13b\n"
	"14:	msr daifclr, #2\n"
	"	movz x19, #0x1000, lsl #16\n mov x0, #1\n str x0, [x19]\n"	/* done */
	"15:	b 15b\n"
	/* ---- vCPU 1: take, count, answer ---- */
	"50:	mov x0, #0xff\n msr " ICC_PMR ", x0\n mov x0, #1\n msr " ICC_IGRPEN1 ", x0\n"
	"	mov x0, #0x1000\n msr vbar_el1, x0\n isb\n msr daifclr, #2\n"
	"	mov x10, #0x3000\n mov x0, #1\n str x0, [x10]\n"
	"51:	ldr x1, [x10, #0x18]\n tbz x1, #0, 52f\n yield\n b 51b\n"
	"52:	wfi\n b 51b\n"
	/* vCPU 0's IRQ vector (VBAR 0x800, IRQ from EL1h) */
	".org 0xa80\n"
	HANDLER(W_CNT0, W_BAD0,
		"	cmp x9, #2\n b.ne 6f\n"
		"	ldr x13, [x14, #0x10]\n add x13, x13, #1\n str x13, [x14, #0x10]\n")
	/* vCPU 1's (VBAR 0x1000) */
	".org 0x1280\n"
	HANDLER(W_CNT1, W_BAD1,
		"	cmp x9, #1\n b.ne 16f\n"
		"	ldr x13, [x14, #0x18]\n add x13, x13, #1\n str x13, [x14, #0x18]\n"
		"	movz x13, #0x0200, lsl #16\n orr x13, x13, #1\n msr " ICC_SGI1R ", x13\n isb\n"
		"	b 6f\n"
		"16:	cmp x9, #14\n b.ne 6f\n"
		"	movz x13, #0x0d00, lsl #16\n orr x13, x13, #1\n msr " ICC_SGI1R ", x13\n isb\n")
	".org 0x1800\n");

/* Hostile ICC_SGI1R_EL1 values and what each vCPU must take (INTIDs 3-12, 15). */
#define SGI(n)		((uint64_t)(n) << 24)
#define AFF1(a)		((uint64_t)(a) << 16)
#define AFF2(a)		((uint64_t)(a) << 32)
#define IRM		(1ULL << 40)
#define RS(r)		((uint64_t)(r) << 44)
#define AFF3(a)		((uint64_t)(a) << 48)
static const uint64_t vals[] = {
	SGI(3) | 0x3,				/* vCPUs 0 and 1 */
	SGI(4) | 0xffff,			/* the two that exist of Aff0 0-15 */
	SGI(5) | RS(1) | 0xffff,		/* RS is RES0 without RSS: Aff0 0-15 */
	SGI(6) | AFF1(0xff) | 0x3,		/* no such Aff1 */
	SGI(7) | AFF2(0xff) | 0x3,		/* Aff2 */
	SGI(8) | AFF3(0xff) | 0x3,		/* Aff3 */
	SGI(9) | IRM,				/* all but the sender */
	SGI(10) | IRM | AFF1(0xff) | 0xffff,	/* IRM ignores the target fields */
	SGI(11),				/* no target */
	SGI(12) | RS(15) | AFF1(0xff) | AFF2(0xff) | AFF3(0xff) | 0xffff,
	~0ULL,					/* IRM, SGI 15, every RES0 bit */
	SGI(3) | 0x2 | (7ULL << 41) | (0xffULL << 56),	/* vCPU 1, RES0 bits set */
};
static const uint64_t want0[16] = { [3] = 1, [4] = 1, [5] = 1 };
static const uint64_t want1[16] = { [3] = 2, [4] = 1, [5] = 1, [9] = 1, [10] = 1, [15] = 1 };

static struct vmm v;
static struct vmm_vcpu c[2];
static pthread_t th[2];
static atomic_int tids[2], done, failed;
static atomic_ulong eintr[2];

static void on_signal(int sig)
{
}

/* A lost SGI leaves a round waiting for ever: end the run, say so. */
static void on_alarm(int sig)
{
	failed = 2;
	done = 1;
}

static uint64_t *word(uint64_t gpa)
{
	return (uint64_t *)((char *)v.mem + gpa);
}

static void *vcpu_thread(void *arg)
{
	long i = (long)arg;
	uint64_t d;

	tids[i] = syscall(SYS_gettid);
	for (;;) {
		if (ioctl(c[i].fd, KVM_RUN, 0) < 0) {
			if (errno == EINTR && !done) {
				eintr[i]++;
				continue;
			}
			if (!done) {
				printf("# vCPU %ld: KVM_RUN: %s\n", i, strerror(errno));
				failed = 1;
			}
			break;
		}
		if (i == 0 && vmm_mmio_is(&c[0], MMIO_DONE, 8, 1, &d))
			break;
		printf("# vCPU %ld: exit reason %u\n", i, c[i].run->exit_reason);
		failed = 1;
		break;
	}
	if (i == 0)
		done = 1;
	return NULL;
}

static int vm_setup(uint64_t rounds)
{
	int gic, i;

	if (vmm_create(&v, 1 << 20) ||
	    vmm_load(&v, guest_vipi_start, guest_vipi_end - guest_vipi_start, 0) ||
	    vmm_vcpu_create(&v, &c[0], 0, 0) || vmm_vcpu_create(&v, &c[1], 1, 0))
		return -1;
	gic = vmm_vgic_v3(&v, GICD, GICR, 2);
	if (gic < 0)
		return -1;
	*word(W_ROUNDS) = rounds;
	*word(W_NVALS) = sizeof(vals) / sizeof(vals[0]);
	for (i = 0; i < (int)(sizeof(vals) / sizeof(vals[0])); i++)
		word(W_VALS)[i] = vals[i];
	return gic;
}

/* Run both vCPUs; with perturb, move vCPU 1 and signal both until vCPU 0 is done. */
static void run_vm(int perturb, unsigned long *moves, unsigned long *sigs)
{
	struct timespec ts = { 0, 2 * 1000 * 1000 };
	int joined[2] = { 0, 0 };
	long i;

	done = failed = 0;
	tids[0] = tids[1] = 0;
	for (i = 0; i < 2; i++)
		pthread_create(&th[i], NULL, vcpu_thread, (void *)i);
	while (!done) {
		cpu_set_t set;

		nanosleep(&ts, NULL);
		if (!perturb || !tids[1])
			continue;
		CPU_ZERO(&set);
		CPU_SET(*moves % 2, &set);
		if (!sched_setaffinity(tids[1], sizeof(set), &set))
			(*moves)++;
		if (*moves % 3 == 0) {
			pthread_kill(th[*moves % 2], SIGUSR1);
			(*sigs)++;
		}
	}
	/* vCPU 1 runs for ever (and vCPU 0 after a timeout): signals stop them. */
	while (!joined[0] || !joined[1]) {
		for (i = 0; i < 2; i++) {
			if (joined[i])
				continue;
			if (!pthread_tryjoin_np(th[i], NULL))
				joined[i] = 1;
			else
				pthread_kill(th[i], SIGUSR1);
		}
		nanosleep(&ts, NULL);
	}
	if (failed == 2)
		printf("# timed out: vCPU 1 took %llu SGI 1s, vCPU 0 %llu SGI 2s (a lost SGI?)\n",
		       (unsigned long long)*word(W_RECV1), (unsigned long long)*word(W_RECV0));
}

static int counts_ok(const char *what)
{
	int i, bad = 0;

	for (i = 0; i < 16; i++) {
		uint64_t w0 = want0[i], w1 = want1[i];

		if (i == 13)
			w0 = sizeof(vals) / sizeof(vals[0]) + 1;	/* the fences' answers */
		if (i == 14)
			w1 = sizeof(vals) / sizeof(vals[0]) + 1;
		if (i == 1 || i == 2)
			continue;
		if (word(W_CNT0)[i] != w0 || word(W_CNT1)[i] != w1) {
			printf("# %s: SGI %d taken %llu/%llu times by vCPU 0/1, %llu/%llu expected\n",
			       what, i, (unsigned long long)word(W_CNT0)[i],
			       (unsigned long long)word(W_CNT1)[i], (unsigned long long)w0,
			       (unsigned long long)w1);
			bad++;
		}
	}
	return !bad && !*word(W_BAD0) && !*word(W_BAD1);
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_signal };
	unsigned long moves = 0, sigs = 0;
	long param = vmm_splitvisor_fastpath();
	uint64_t posted = ~0ULL, delivered = ~0ULL, native;
	long wfi;
	int gic, status;
	pid_t child;

	struct sigaction sal = { .sa_handler = on_alarm };
	uint64_t rounds = argc > 1 ? strtoull(argv[1], NULL, 0) : N_ROUNDS;

	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGALRM, &sal, NULL);

	/* ---- ping-pong under migration and signals, then the hostile values ---- */
	if (!rounds)
		rounds = N_ROUNDS;
	gic = vm_setup(rounds);
	if (!sv_ok(gic >= 0, "vm_vipi: a VM with two vCPUs and a vGICv3"))
		return 1;
	alarm(600);		/* a lost SGI hangs a round */
	run_vm(1, &moves, &sigs);
	alarm(0);
	sv_ok(!failed && *word(W_RECV1) == rounds && *word(W_RECV0) == rounds,
	      "vm_vipi: %llu SGI ping-pong rounds, each SGI taken once (vCPU 1 took %llu, vCPU 0 %llu; "
	      "%lu moves of vCPU 1, %lu signals, %lu+%lu EINTR)", (unsigned long long)rounds,
	      (unsigned long long)*word(W_RECV1), (unsigned long long)*word(W_RECV0), moves, sigs,
	      (unsigned long)eintr[0], (unsigned long)eintr[1]);
	sv_ok(counts_ok("hostile"), "vm_vipi: hostile ICC_SGI1R_EL1 values reach what GICv3 says "
	      "(no such affinity, RS ignored, IRM, no targets, RES0 bits, XZR)");
	if (param >= 0) {
		posted = vmm_stat(c[0].fd, "fast_sgi_posted") + vmm_stat(c[1].fd, "fast_sgi_posted");
		delivered = vmm_stat(c[0].fd, "fast_sgi_delivered") +
			    vmm_stat(c[1].fd, "fast_sgi_delivered");
		if (param & 16)
			sv_ok(posted >= rounds / 5 && delivered > 0,
			      "vm_vipi: EL2 posted %llu SGIs and put %llu in list registers "
			      "(fastpath=%#lx: >= %llu posted)", (unsigned long long)posted,
			      (unsigned long long)delivered, param, (unsigned long long)rounds / 5);
		else
			sv_ok(posted == 0 && delivered == 0,
			      "vm_vipi: fastpath=%#lx: EL2 posted none (%llu, %llu)", param,
			      (unsigned long long)posted, (unsigned long long)delivered);
		/* Native WFI: the waits of the ping-pong are short, the threads mostly alone. */
		wfi = vmm_splitvisor_param("wfi_native_us");
		native = vmm_stat(c[0].fd, "wfi_native_entries") +
			 vmm_stat(c[1].fd, "wfi_native_entries");
		if (wfi > 0)
			sv_ok(native > 0 && native < ~0ULL / 2,
			      "vm_vipi: %llu entries with WFI in the guest (wfi_native_us=%ld), "
			      "each SGI taken once all the same", (unsigned long long)native, wfi);
		else
			sv_ok(native == 0, "vm_vipi: wfi_native_us=%ld: every WFI trapped (%llu native)",
			      wfi, (unsigned long long)native);
	} else {
		printf("# the in-kernel KVM: no fast_sgi statistics\n");
	}
	close(gic);
	vmm_vcpu_destroy(&c[0]);
	vmm_vcpu_destroy(&c[1]);
	vmm_destroy(&v);

	/* ---- a VM killed in the middle of its ping-pong ---- */
	child = fork();
	if (child == 0) {
		if (vm_setup(0) < 0)
			_exit(2);
		run_vm(0, &moves, &sigs);
		_exit(3);
	}
	sleep(3);
	kill(child, SIGKILL);
	waitpid(child, &status, 0);
	sv_ok(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
	      "vm_vipi: a VM killed mid-flight (SIGKILL while both vCPUs exchange SGIs)");

	/* ---- and the next VM works ---- */
	gic = vm_setup(1000);
	if (!sv_ok(gic >= 0, "vm_vipi: a new VM after that"))
		return 1;
	alarm(300);
	run_vm(0, &moves, &sigs);
	alarm(0);
	sv_ok(!failed && *word(W_RECV1) == 1000 && *word(W_RECV0) == 1000 && counts_ok("again"),
	      "vm_vipi: it runs 1000 rounds and the hostile values again, all counted");
	close(gic);
	vmm_vcpu_destroy(&c[0]);
	vmm_vcpu_destroy(&c[1]);
	vmm_destroy(&v);
	sv_tap_exit();
}
