// SPDX-License-Identifier: GPL-2.0
/*
 * Microbenchmarks of the paper's Table I, speaking only the KVM ABI (the
 * same binary runs on splitvisor and the in-kernel KVM).  Each benchmark
 * runs in a VM of its own with a vGICv3, as the paper's did:
 *   hypercall   null HVC round trip (an SMCCC call nobody implements)
 *   mmio-user   guest MMIO read completed by this VMM (exit to userspace)
 *   sysreg      trapped system register read emulated in the kernel
 *   gic-trap    distributor register read emulated in the kernel:
 *               "interrupt controller trap"
 *   virq        acknowledge + EOI of a virtual IRQ in a list register:
 *               "virtual IRQ completion"
 *   vipi        SGI from vCPU 0 until vCPU 1's handler runs, both running
 *               guest code on their own CPU: "virtual IPI"
 *   vmswitch    two one-vCPU VMs on one CPU taking turns (WFI): the cost
 *               of one switch from one VM to the other: "VM switch"
 *   io-out      guest MMIO write on an ioeventfd until this VMM's thread
 *               blocked on the eventfd runs: "I/O latency out"
 *   io-in       this VMM's thread writes an irqfd until the guest's
 *               handler runs: "I/O latency in"
 * The guest code is in guest.c.  Each operation is timed on its own with
 * the counter (ISB-fenced), so the samples give mean, min, median, p99.
 * In the lab the outer QEMU runs with -icount shift=0: counter ticks are
 * then guest instructions x CNTFRQ / 1e9 (Documentation/benchmarks.rst).
 *
 * Usage: bench [iterations] [benchmark...]
 * Output, one line per benchmark, statistics in counter ticks per op:
 *   bench NAME SAMPLES CNTFRQ MEAN MIN MEDIAN P99 TMEAN
 * (TMEAN: the mean of the samples <= the p99 one, robust against the
 * rare operation that a host timer tick lands in)
 *   bench NAME n/a (why it cannot run here)
 * Exit status 0 unless a benchmark that could run failed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include "bench.h"

/* ---- benchmark VMs -------------------------------------------------------- */

struct bvm {
	struct vmm v;
	struct vmm_vcpu c[2];
	int nr, gic;
};

static uint64_t counter(void)	/* the host's virtual counter (CNTVOFF 0) */
{
	uint64_t v;

	asm volatile("isb\n mrs %0, cntvct_el0" : "=r"(v) :: "memory");
	return v;
}

static uint64_t counter_freq(void)
{
	uint64_t v;

	asm volatile("mrs %0, cntfrq_el0" : "=r"(v));
	return v;
}

static void bvm_destroy(struct bvm *b)
{
	int i;

	for (i = 0; i < b->nr; i++)
		vmm_vcpu_destroy(&b->c[i]);
	if (b->gic >= 0)
		close(b->gic);
	vmm_destroy(&b->v);
}

/* A VM running blob [start, end) on nr vCPUs, x20 = iters, x26 = samples. */
static int bvm_create(struct bvm *b, const char *start, const char *end, int nr,
		      uint64_t iters)
{
	int i;

	memset(b, 0, sizeof(*b));
	b->gic = -1;
	b->c[0].fd = b->c[1].fd = -1;
	if (vmm_create(&b->v, BENCH_MEM) || vmm_load(&b->v, start, end - start, 0))
		return -1;
	for (i = 0; i < nr; i++) {
		if (vmm_vcpu_create(&b->v, &b->c[i], i, 1 << KVM_ARM_VCPU_PSCI_0_2))
			return -1;
		b->nr = i + 1;
		if (vmm_set_reg(&b->c[i], VMM_CORE_REG(regs.regs[20]), iters) ||
		    vmm_set_reg(&b->c[i], VMM_CORE_REG(regs.regs[26]), BENCH_SAMPLES))
			return -1;
	}
	if (nr > 1 && vmm_set_reg(&b->c[1], VMM_CORE_REG(regs.pc), 0x1800))
		return -1;
	b->gic = vmm_vgic_v3(&b->v, BENCH_GICD, BENCH_GICR, nr);
	return b->gic < 0 ? -1 : 0;
}

static uint64_t *bvm_samples(struct bvm *b)
{
	return (uint64_t *)((char *)b->v.mem + BENCH_SAMPLES);
}

static volatile uint64_t *bvm_shared(struct bvm *b, unsigned int off)
{
	return (volatile uint64_t *)((char *)b->v.mem + BENCH_SHARED + off);
}

/*
 * Run vCPU 0 until the guest's SYSTEM_OFF: 0, or -1 (said why).  MMIO
 * reads answer 0; a write to BENCH_ERR is a guest-detected error, one
 * to the io-out doorbell means the ioeventfd did not catch it.
 */
static int bvm_run(struct vmm_vcpu *c)
{
	struct kvm_run *run = c->run;
	uint64_t d = 0;

	for (;;) {
		if (vmm_vcpu_run(c)) {
			perror("# bench: KVM_RUN");
			return -1;
		}
		switch (run->exit_reason) {
		case KVM_EXIT_SYSTEM_EVENT:
			return 0;
		case KVM_EXIT_MMIO:
			if (!run->mmio.is_write) {
				memset(run->mmio.data, 0, sizeof(run->mmio.data));
				break;
			}
			memcpy(&d, run->mmio.data, sizeof(d));
			if (run->mmio.phys_addr == BENCH_ERR) {
				fprintf(stderr, "# bench: guest error report %#llx\n",
					(unsigned long long)d);
				return -1;
			}
			if (run->mmio.phys_addr == BENCH_IOEVENT) {
				fprintf(stderr, "# bench: doorbell write reached userspace\n");
				return -1;
			}
			break;
		default:
			fprintf(stderr, "# bench: unexpected exit %u\n", run->exit_reason);
			return -1;
		}
	}
}

/* ---- helper threads ------------------------------------------------------- */

struct helper {
	pthread_t th;
	int cpu;
	atomic_int stop;
	struct vmm_vcpu *vcpu;		/* a second vCPU to run, or */
	void *(*fn)(struct helper *);	/* host-side work */
	struct bvm *b;
	uint64_t n, *t, bad;
	int efd;
};

static void noop(int sig)
{
}

static void *helper_main(void *arg)
{
	struct helper *h = arg;
	struct kvm_run *run;

	vmm_pin(h->cpu);
	if (h->fn)
		return h->fn(h);
	run = h->vcpu->run;
	while (!atomic_load(&h->stop)) {
		if (vmm_vcpu_run(h->vcpu) && errno != EINTR) {
			perror("# bench: KVM_RUN (second vCPU)");
			break;
		}
		if (run->exit_reason == KVM_EXIT_MMIO && !run->mmio.is_write)
			memset(run->mmio.data, 0, sizeof(run->mmio.data));
	}
	return NULL;
}

static void helper_start(struct helper *h)
{
	atomic_store(&h->stop, 0);
	pthread_create(&h->th, NULL, helper_main, h);
}

/* immediate_exit covers a signal that lands between two KVM_RUNs. */
static void helper_stop(struct helper *h)
{
	atomic_store(&h->stop, 1);
	if (h->vcpu)
		h->vcpu->run->immediate_exit = 1;
	pthread_kill(h->th, SIGUSR1);
	pthread_join(h->th, NULL);
}

/* ---- the benchmarks ------------------------------------------------------- */

struct result {
	uint64_t *s;		/* samples, counter ticks */
	size_t n;
	double scale;		/* per operation: sample x scale */
	char na[128];		/* set: cannot run here, and why */
	uint64_t loop;		/* the whole timed loop, ticks (0: not measured) */
};

/* One vCPU, guest-timed, samples in guest memory. */
static int run_simple(const char *start, const char *end, uint64_t n, struct result *r)
{
	struct bvm b;
	int ret;

	ret = bvm_create(&b, start, end, 1, n) ? -1 : bvm_run(&b.c[0]);
	if (!ret) {
		memcpy(r->s, bvm_samples(&b), n * sizeof(*r->s));
		r->loop = *bvm_shared(&b, 0x20);	/* guest.c L_END, else 0 */
	}
	bvm_destroy(&b);
	return ret;
}

#define SIMPLE(fn, blob)						\
	static int fn(uint64_t n, struct result *r)			\
	{								\
		return run_simple(blob##_start, blob##_end, n, r);	\
	}
SIMPLE(bench_hypercall, g_hypercall)
SIMPLE(bench_mmio_user, g_mmio_user)
SIMPLE(bench_sysreg, g_sysreg)
SIMPLE(bench_gic_trap, g_gic_trap)
SIMPLE(bench_virq, g_virq)

static int bench_vipi(uint64_t n, struct result *r)
{
	struct helper h = { .cpu = 1 };
	struct bvm b;
	int ret = -1;

	if (!bvm_create(&b, g_vipi_start, g_vipi_end, 2, n)) {
		h.vcpu = &b.c[1];
		helper_start(&h);
		ret = bvm_run(&b.c[0]);
		helper_stop(&h);
	}
	if (!ret)
		memcpy(r->s, bvm_samples(&b), n * sizeof(*r->s));
	bvm_destroy(&b);
	return ret;
}

static int add_slot(struct vmm *v, int slot, uint64_t gpa, void *mem, size_t size)
{
	struct kvm_userspace_memory_region m = {
		.slot = slot, .guest_phys_addr = gpa, .memory_size = size,
		.userspace_addr = (uint64_t)(unsigned long)mem,
	};

	if (ioctl(v->vm, KVM_SET_USER_MEMORY_REGION, &m)) {
		perror("# bench: KVM_SET_USER_MEMORY_REGION (shared page)");
		return -1;
	}
	return 0;
}

/* Two VMs, both vCPU threads on CPU 0; A (this thread) records. */
static int bench_vmswitch(uint64_t n, struct result *r)
{
	size_t pg = sysconf(_SC_PAGESIZE);
	struct helper h = { .cpu = 0 };
	struct bvm a, b;
	void *x;
	int ret = -1;

	x = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (x == MAP_FAILED)
		return -1;
	if (!bvm_create(&a, g_vmswitch_start, g_vmswitch_end, 1, n) &&
	    !bvm_create(&b, g_vmswitch_start, g_vmswitch_end, 1, n) &&
	    !add_slot(&a.v, 1, BENCH_XPAGE, x, pg) && !add_slot(&b.v, 1, BENCH_XPAGE, x, pg) &&
	    !vmm_set_reg(&a.c[0], VMM_CORE_REG(regs.regs[27]), 0) &&
	    !vmm_set_reg(&b.c[0], VMM_CORE_REG(regs.regs[27]), 1)) {
		h.vcpu = &b.c[0];
		helper_start(&h);
		ret = bvm_run(&a.c[0]);
		helper_stop(&h);
	}
	if (!ret) {
		uint64_t end = 0, unclean = ((volatile uint64_t *)x)[2];

		vmm_get_reg(&a.c[0], VMM_CORE_REG(regs.regs[26]), &end);
		r->n = (end - BENCH_SAMPLES) / 8;
		if (unclean)
			fprintf(stderr, "# bench: vmswitch: %llu rounds were not one switch each"
				" way (not counted)\n", (unsigned long long)unclean);
		if (r->n > n) {
			ret = -1;
		} else if (r->n == 0) {	/* it ran, but could not measure */
			snprintf(r->na, sizeof(r->na), "no clean VM switch in %llu rounds",
				 (unsigned long long)unclean);
		} else {
			memcpy(r->s, bvm_samples(&a), r->n * sizeof(*r->s));
		}
		r->scale = 0.5;		/* each sample is A -> B plus B -> A */
	}
	bvm_destroy(&b);
	bvm_destroy(&a);
	munmap(x, pg);
	return ret;
}

static int has_cap(struct bvm *b, long cap)
{
	return ioctl(b->v.kvm, KVM_CHECK_EXTENSION, cap) > 0;
}

/* io-out's host side: woken by the doorbell, notes the counter, acks. */
static void *io_out_host(struct helper *h)
{
	uint64_t k, cnt;

	*bvm_shared(h->b, 0) = 1;
	for (k = 0; k < h->n && !atomic_load(&h->stop); ) {
		if (read(h->efd, &cnt, sizeof(cnt)) != sizeof(cnt))
			continue;	/* EINTR: stop? */
		h->t[k] = counter();
		if (cnt != 1)
			h->bad++;
		k++;
		atomic_thread_fence(memory_order_release);
		*bvm_shared(h->b, 0) = k + 1;
	}
	return NULL;
}

static int bench_io_out(uint64_t n, struct result *r)
{
	struct helper h = { .cpu = 1, .fn = io_out_host, .n = n, .efd = -1 };
	struct kvm_ioeventfd io = { .addr = BENCH_IOEVENT, .len = 4 };
	uint64_t k, *g;
	struct bvm b;
	int ret = -1;

	if (bvm_create(&b, g_io_out_start, g_io_out_end, 1, n))
		goto out;
	if (!has_cap(&b, KVM_CAP_IOEVENTFD)) {
		snprintf(r->na, sizeof(r->na), "KVM_CAP_IOEVENTFD absent");
		ret = 0;
		goto out;
	}
	h.b = &b;
	h.t = calloc(n, sizeof(*h.t));
	h.efd = io.fd = eventfd(0, EFD_CLOEXEC);
	if (!h.t || h.efd < 0)
		goto out;
	if (ioctl(b.v.vm, KVM_IOEVENTFD, &io)) {
		snprintf(r->na, sizeof(r->na), "KVM_IOEVENTFD: %s", strerror(errno));
		ret = 0;
		goto out;
	}
	helper_start(&h);
	ret = bvm_run(&b.c[0]);
	helper_stop(&h);
	if (ret)
		goto out;
	if (h.bad)
		fprintf(stderr, "# bench: io-out: %llu wake-ups covered more than one write\n",
			(unsigned long long)h.bad);
	g = bvm_samples(&b);
	for (k = 0; k < n; k++) {
		if (h.t[k] < g[k]) {
			fprintf(stderr, "# bench: io-out: host counter behind the guest's\n");
			ret = -1;
			break;
		}
		r->s[k] = h.t[k] - g[k];
	}
out:
	if (h.efd >= 0)
		close(h.efd);
	free(h.t);
	bvm_destroy(&b);
	return ret;
}

/* io-in's host side: when the guest is ready, notes the counter, signals. */
static void *io_in_host(struct helper *h)
{
	uint64_t k, one = 1;

	for (k = 0; k < h->n; k++) {
		while (*bvm_shared(h->b, 0) != k + 1) {
			if (atomic_load(&h->stop))
				return NULL;
			asm volatile("yield");	/* see guest.c */
		}
		atomic_thread_fence(memory_order_acquire);
		h->t[k] = counter();
		if (write(h->efd, &one, sizeof(one)) != sizeof(one))
			h->bad++;
	}
	return NULL;
}

static int bench_io_in(uint64_t n, struct result *r)
{
	struct helper h = { .cpu = 1, .fn = io_in_host, .n = n, .efd = -1 };
	struct kvm_irqfd irqfd = { .gsi = BENCH_SPI_GSI };
	uint64_t k, *g;
	struct bvm b;
	int ret = -1;

	if (bvm_create(&b, g_io_in_start, g_io_in_end, 1, n))
		goto out;
	if (!has_cap(&b, KVM_CAP_IRQFD)) {
		snprintf(r->na, sizeof(r->na), "KVM_CAP_IRQFD absent");
		ret = 0;
		goto out;
	}
	h.b = &b;
	h.t = calloc(n, sizeof(*h.t));
	h.efd = eventfd(0, EFD_CLOEXEC);
	if (!h.t || h.efd < 0)
		goto out;
	irqfd.fd = h.efd;
	if (ioctl(b.v.vm, KVM_IRQFD, &irqfd)) {
		snprintf(r->na, sizeof(r->na), "KVM_IRQFD: %s", strerror(errno));
		ret = 0;
		goto out;
	}
	helper_start(&h);
	ret = bvm_run(&b.c[0]);
	helper_stop(&h);
	if (ret)
		goto out;
	if (h.bad)
		fprintf(stderr, "# bench: io-in: %llu irqfd writes failed\n",
			(unsigned long long)h.bad);
	g = bvm_samples(&b);
	for (k = 0; k < n; k++) {
		if (g[k] < h.t[k]) {
			fprintf(stderr, "# bench: io-in: guest counter behind the host's\n");
			ret = -1;
			break;
		}
		r->s[k] = g[k] - h.t[k];
	}
out:
	if (h.efd >= 0)
		close(h.efd);
	free(h.t);
	bvm_destroy(&b);
	return ret;
}

/* ---- main ------------------------------------------------------------------ */

static const struct {
	const char *name;
	int (*run)(uint64_t n, struct result *r);
} benches[] = {
	{ "hypercall", bench_hypercall },
	{ "mmio-user", bench_mmio_user },
	{ "sysreg", bench_sysreg },
	{ "gic-trap", bench_gic_trap },
	{ "virq", bench_virq },
	{ "vipi", bench_vipi },
	{ "vmswitch", bench_vmswitch },
	{ "io-out", bench_io_out },
	{ "io-in", bench_io_in },
};
#define NR_BENCHES (sizeof(benches) / sizeof(benches[0]))

static int wanted(const char *name, int argc, char **argv)
{
	int i;

	if (argc < 3)
		return 1;
	for (i = 2; i < argc; i++)
		if (!strcmp(argv[i], name))
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	uint64_t n = argc > 1 ? strtoull(argv[1], NULL, 0) : 4096;
	struct sigaction sa = { .sa_handler = noop };	/* no SA_RESTART */
	uint64_t freq = counter_freq();
	struct bench_stats st;
	struct result r;
	unsigned int i;
	int failed = 0;

	if (n < 1 || n > BENCH_MAX_ITERS) {
		fprintf(stderr, "usage: bench [iterations (1-%lu)] [benchmark...]\n",
			(unsigned long)BENCH_MAX_ITERS);
		return 2;
	}
	sigaction(SIGUSR1, &sa, NULL);
	vmm_pin(0);
	r.s = calloc(n, sizeof(*r.s));
	if (!r.s)
		return 1;
	for (i = 0; i < NR_BENCHES; i++) {
		if (!wanted(benches[i].name, argc, argv))
			continue;
		r.n = n;
		r.scale = 1;
		r.na[0] = 0;
		r.loop = 0;
		if (benches[i].run(n, &r)) {
			fprintf(stderr, "# bench: %s failed\n", benches[i].name);
			failed = 1;
			continue;
		}
		if (r.na[0]) {
			printf("bench %s n/a (%s)\n", benches[i].name, r.na);
		} else {
			bench_stats(r.s, r.n, &st);
			printf("bench %s %llu %llu %.2f %.1f %.1f %.1f %.2f\n", benches[i].name,
			       (unsigned long long)r.n, (unsigned long long)freq,
			       st.mean * r.scale, st.min * r.scale,
			       st.median * r.scale, st.p99 * r.scale, st.tmean * r.scale);
			if (r.loop)
				printf("bench-loop %s %llu %llu %llu\n", benches[i].name,
				       (unsigned long long)r.n, (unsigned long long)freq,
				       (unsigned long long)r.loop);
		}
		fflush(stdout);
	}
	free(r.s);
	return failed;
}
