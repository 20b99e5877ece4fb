// SPDX-License-Identifier: GPL-2.0
/*
 * Taking EL2 from the kernel's hyp stub on every CPU, and giving it back
 * (split mode); or, when the kernel itself runs at EL2 (VHE mode), using
 * it beside the kernel.
 *
 * VHE mode (sv_el2_vhe()): there is no stub to take EL2 from and no
 * address space to build: the VHE build of hyp/ (hyp/hyp-vhe.o, symbols
 * __sv_vhe_*) runs in the kernel's, and a host call is a function call,
 * __sv_vhe_hcall(), that swaps in EL2's vectors, stack and TPIDR_EL2
 * with every exception masked and puts the kernel's back before it
 * returns (hyp/vectors.S).  The per-CPU structs and stacks are the same.
 *
 * Split mode:
 * EL2 runs with its own stage-1 page tables (host/hyp_pgtable.c) that map:
 *   - .hyp.idmap.text at VA == PA (the code that turns the MMU on and off),
 *   - .hyp.text, .hyp.data, the per-CPU structs and stacks at
 *     sv_hyp_va(host address) (hyp/include/sv_hyp_abi.h).
 * Nothing of the host kernel is mapped.  Per CPU: the stub's
 * HVC_SOFT_RESTART enters __sv_idmap_init at EL2 with the MMU off, which
 * loads our translation regime, vectors, stack and TPIDR_EL2 and erets
 * back; HVC_RESET_VECTORS through our vectors undoes it.  CPU hotplug
 * follows through a cpuhp state: a CPU that comes online again was reset
 * into the stub by the kernel's boot path and is taken again.  A CPU that
 * may lose its state in a low-power state (cpu_pm: deep idle, system
 * suspend) hands EL2 back before and takes it again after, because the
 * kernel's resume path reinstalls the stub.
 */
#include <linux/cpu.h>
#include <linux/cpu_pm.h>
#include <linux/cpuhotplug.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/vmalloc.h>
#include <asm/sysreg.h>

#include "splitvisor.h"
#include "el2.h"
#include "hyp_pgtable.h"
#include "sv_core.h"		/* sv_hyp_pages_alloc(), a service for devices */
#include "sv_hyp_abi.h"
#include "sv_hyp_percpu.h"

/* EL2 symbols, as renamed by the Kbuild objcopy step. */
extern char __sv_hyp___idmap_start[], __sv_hyp___idmap_end[];
extern char __sv_hyp___text_start[], __sv_hyp___text_end[];
extern char __sv_hyp___data_start[], __sv_hyp___data_end[];
extern char __sv_hyp___sv_vectors[], __sv_hyp___sv_idmap_init[];
extern char __sv_vhe___text_start[];
long __sv_vhe___sv_vhe_hcall(struct sv_hyp_cpu *hc, unsigned long id, unsigned long a1,
			     unsigned long a2);

#define SV_HYP_STACK_SIZE	(4 * PAGE_SIZE)

/* SCTLR_EL2 (E2H=0): RES1 bits, then M, C, SA, I; EE=0, WXN=0. */
#define SV_SCTLR_EL2_RES1	0x30c50830UL
#define SV_SCTLR_EL2_MMU_ON	(SV_SCTLR_EL2_RES1 | BIT(0) | BIT(2) | BIT(3) | BIT(12))
/* TCR_EL2 (E2H=0): RES1 bits 31 and 23; T0SZ=16, WBWA inner shareable walks. */
#define SV_TCR_EL2_RES1		(BIT(31) | BIT(23))
#define SV_TCR_EL2_BASE		(SV_TCR_EL2_RES1 | (64 - SV_PGT_VA_BITS) | \
				 (1UL << 8) | (1UL << 10) | (3UL << 12))
#define SV_TCR_EL2_PS_SHIFT	16
/* MAIR: index 0 Normal WB RW-allocate, index 1 Device-nGnRE. */
#define SV_MAIR_EL2		(0xffUL << (8 * SV_MAIR_IDX_NORMAL) | \
				 0x04UL << (8 * SV_MAIR_IDX_DEVICE))

static_assert(sizeof(struct sv_hyp_cpu) <= PAGE_SIZE);

struct sv_el2 {
	bool vhe;			/* VHE mode: the kernel runs at EL2 */
	struct sv_pgt pgt;
	struct sv_hyp_cpu *cpu[NR_CPUS];
	void *stack[NR_CPUS];
	u64 idmap_pa;
	u64 tcr;
	int cpuhp_state;
	atomic_t nr_taken;
	bool taken[NR_CPUS];		/* EL2 is ours on this CPU */
	/* VHE: the kernel's EL2 state as the CPU came up, checked as it goes down. */
	struct sv_vhe_kernel_el2 {
		u64 hcr, vbar, cptr, cnthctl, mdcr, tpidr;
	} vhe_kernel[NR_CPUS];
	bool vhe_reported[NR_CPUS];
	atomic_t vhe_changed;		/* CPUs whose state differed going down */
	bool pm_handed_back[NR_CPUS];	/* given back for a cpu_pm low-power state */
};

static struct sv_el2 sv_el2;

bool sv_el2_vhe(void)
{
	return sv_el2.vhe;
}

/* The EL2 address of host memory EL2 uses (vmalloc/module/ioremap). */
static u64 sv_el2_va(const void *p)
{
	return sv_el2.vhe ? (u64)p : sv_hyp_va(p);
}

static bool selftest_el2_panic;
module_param(selftest_el2_panic, bool, 0444);
MODULE_PARM_DESC(selftest_el2_panic,
		 "at load, make EL2 fault once per CPU to test the EL2 panic path");

struct sv_hvc_res sv_hvc(unsigned long fn, unsigned long a1, unsigned long a2,
			 unsigned long a3, unsigned long a4)
{
	register unsigned long x0 asm("x0") = fn;
	register unsigned long x1 asm("x1") = a1;
	register unsigned long x2 asm("x2") = a2;
	register unsigned long x3 asm("x3") = a3;
	register unsigned long x4 asm("x4") = a4;

	asm volatile("hvc #0"
		     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4)
		     :
		     : "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12",
		       "x13", "x14", "x15", "x16", "x17", "memory");
	return (struct sv_hvc_res){ x0, x1, x2, x3 };
}

static u64 sv_vmalloc_pa(const void *addr)
{
	return PFN_PHYS(vmalloc_to_pfn(addr)) + offset_in_page(addr);
}

/* Data-cache clean+invalidate to PoC by VA (dcache_clean_inval_poc is not exported). */
static void sv_dcache_clean_poc(const void *start, size_t size)
{
	u64 line = 4UL << ((read_sysreg(ctr_el0) >> 16) & 0xf);
	u64 addr = (u64)start & ~(line - 1);

	for (; addr < (u64)start + size; addr += line)
		asm volatile("dc civac, %0" : : "r"(addr) : "memory");
	dsb(sy);
}

/* ---- page tables ------------------------------------------------------ */

static void *sv_pgt_alloc(void *ctx, __u64 *pa)
{
	void *p = (void *)get_zeroed_page(GFP_KERNEL);

	if (p)
		*pa = virt_to_phys(p);
	return p;
}

static void sv_pgt_free(void *ctx, void *table)
{
	free_page((unsigned long)table);
}

static void *sv_pgt_va(void *ctx, __u64 pa)
{
	return phys_to_virt(pa);
}

static const struct sv_pgt_ops sv_el2_pgt_ops = {
	.alloc_table	= sv_pgt_alloc,
	.free_table	= sv_pgt_free,
	.table_va	= sv_pgt_va,
};

/* Map [start, end) of vmalloc/module memory at its EL2 address, page by page. */
static int sv_el2_map_host(const void *start, const void *end, enum sv_pgt_prot prot)
{
	const char *p = (const char *)((unsigned long)start & PAGE_MASK);
	int ret;

	if (sv_el2.vhe)
		return 0;	/* EL2 runs in the kernel's address space */
	for (; p < (const char *)end; p += PAGE_SIZE) {
		/* Only vmalloc/module memory (upper half), never the linear map. */
		if (!((unsigned long)p & BIT(47)) || !vmalloc_to_page(p))
			return -EINVAL;
		ret = sv_pgt_map_page(&sv_el2.pgt, sv_hyp_va(p), sv_vmalloc_pa(p), prot);
		if (ret)
			return ret;
	}
	return 0;
}

static int sv_el2_map_idmap(void)
{
	const char *p;
	u64 pa;
	int ret;

	for (p = __sv_hyp___idmap_start; p < __sv_hyp___idmap_end; p += PAGE_SIZE) {
		pa = sv_vmalloc_pa(p);
		if (pa & BIT(47))
			return -ERANGE;	/* would meet the upper-half mappings */
		ret = sv_pgt_map_page(&sv_el2.pgt, pa, pa, SV_PROT_RX);
		if (ret)
			return ret;
	}
	/* Run with the MMU off at EL2: the code must be in memory, not in a cache. */
	sv_dcache_clean_poc(__sv_hyp___idmap_start,
			    __sv_hyp___idmap_end - __sv_hyp___idmap_start);
	return 0;
}

static int sv_el2_alloc_cpu(unsigned int cpu)
{
	struct sv_hyp_cpu *hc;
	void *stack;
	int ret;

	hc = vzalloc(PAGE_SIZE);
	stack = vzalloc(SV_HYP_STACK_SIZE);
	sv_el2.cpu[cpu] = hc;
	sv_el2.stack[cpu] = stack;
	if (!hc || !stack)
		return -ENOMEM;
	ret = sv_el2_map_host(hc, (char *)hc + PAGE_SIZE, SV_PROT_RW);
	if (!ret)
		ret = sv_el2_map_host(stack, (char *)stack + SV_HYP_STACK_SIZE, SV_PROT_RW);
	if (ret)
		return ret;
	hc->stack_top = sv_el2_va((char *)stack + SV_HYP_STACK_SIZE);
	if (sv_el2.vhe)
		return 0;
	hc->idmap_pa = sv_el2.idmap_pa;
	hc->init.mair = SV_MAIR_EL2;
	hc->init.tcr = sv_el2.tcr;
	hc->init.ttbr0 = sv_el2.pgt.root_pa;
	hc->init.sctlr = SV_SCTLR_EL2_MMU_ON;
	hc->init.vbar = sv_hyp_va(__sv_hyp___sv_vectors);
	hc->init.sp = hc->stack_top;
	hc->init.tpidr = sv_hyp_va(hc);
	return 0;
}

/* SV_FAST_SGI: how EL2 kicks this CPU, and how it acknowledges the kick. */
void sv_el2_set_kick(unsigned int cpu, u64 sgi1r, bool dir)
{
	struct sv_hyp_cpu *hc = sv_el2.cpu[cpu];

	if (!hc)
		return;
	WRITE_ONCE(hc->kick_dir, dir);
	WRITE_ONCE(hc->kick_sgi1r, sgi1r);
}

void sv_el2_set_db_kick(unsigned int cpu, u64 sgi1r)
{
	struct sv_hyp_cpu *hc = sv_el2.cpu[cpu];

	if (hc)
		WRITE_ONCE(hc->db_kick_sgi1r, sgi1r);
}

static void sv_pool_free_all(void);

static void sv_el2_free(void)
{
	unsigned int cpu;

	sv_pool_free_all();
	for_each_possible_cpu(cpu) {
		vfree(sv_el2.cpu[cpu]);
		vfree(sv_el2.stack[cpu]);
		sv_el2.cpu[cpu] = NULL;
		sv_el2.stack[cpu] = NULL;
	}
	if (!sv_el2.vhe)
		sv_pgt_destroy(&sv_el2.pgt);
}

/* Split mode only: EL2's own address space, mapping our sections. */
static int sv_el2_build_pgt(void)
{
	unsigned int parange;
	int ret;

	parange = read_sysreg(id_aa64mmfr0_el1) & 0xf;
	if (parange > 5)
		parange = 5;	/* our descriptors hold 48-bit output addresses */
	sv_el2.tcr = SV_TCR_EL2_BASE | ((u64)parange << SV_TCR_EL2_PS_SHIFT);

	ret = sv_pgt_init(&sv_el2.pgt, &sv_el2_pgt_ops, NULL);
	if (ret)
		return ret;
	sv_el2.idmap_pa = sv_vmalloc_pa(__sv_hyp___idmap_start);
	ret = sv_el2_map_idmap();
	if (!ret)
		ret = sv_el2_map_host(__sv_hyp___text_start, __sv_hyp___text_end, SV_PROT_RX);
	if (!ret)
		ret = sv_el2_map_host(__sv_hyp___data_start, __sv_hyp___data_end, SV_PROT_RW);
	return ret;
}

/* The per-CPU structs and stacks, in both modes (split mode: mapped too). */
static int sv_el2_build(void)
{
	unsigned int cpu;
	int ret = sv_el2.vhe ? 0 : sv_el2_build_pgt();

	for_each_possible_cpu(cpu) {
		if (ret)
			break;
		ret = sv_el2_alloc_cpu(cpu);
	}
	return ret;
}

/* ---- calls ------------------------------------------------------------ */

/*
 * Rate-limited: a guest that can make EL2 fault could otherwise flood the
 * log (each report says the CPU's running count, so none goes unseen).
 */
static void sv_el2_report_panic(unsigned int cpu)
{
	struct sv_hyp_cpu *hc = sv_el2.cpu[cpu];
	u64 elr = hc->panic.elr;
	u64 text = sv_el2_va(sv_el2.vhe ? __sv_vhe___text_start : __sv_hyp___text_start);

	pr_err_ratelimited(SV_NAME ": EL2 fault on CPU%u (#%llu): ESR_EL2=%#llx ELR_EL2=%#llx (.hyp.text+%#llx) FAR_EL2=%#llx HPFAR_EL2=%#llx SPSR_EL2=%#llx\n",
	       cpu, hc->panic.count, hc->panic.esr, elr,
	       elr >= text ? elr - text : 0, hc->panic.far, hc->panic.hpfar,
	       hc->panic.spsr);
}

static long sv_hyp_call_args(unsigned int id, unsigned long a1, unsigned long a2,
			     unsigned long *ret1)
{
	struct sv_hvc_res r;
	unsigned int cpu = get_cpu();
	unsigned long flags;

	if (sv_el2.vhe) {
		/* IRQs off until x1 is read back: a call from an IRQ would overwrite it. */
		local_irq_save(flags);
		r.x0 = __sv_vhe___sv_vhe_hcall(sv_el2.cpu[cpu], id, a1, a2);
		r.x1 = sv_el2.cpu[cpu]->host.regs.x[1];
		local_irq_restore(flags);
	} else {
		r = sv_hvc(id, a1, a2, 0, 0);
	}
	if (r.x0 == SV_HYP_PANIC)
		sv_el2_report_panic(cpu);
	put_cpu();
	if (ret1)
		*ret1 = r.x1;
	return r.x0 == SV_HYP_PANIC ? -EFAULT : (long)r.x0;
}

long sv_hyp_call(unsigned int id, unsigned long a1, unsigned long *ret1)
{
	return sv_hyp_call_args(id, a1, 0, ret1);
}

long sv_hyp_call2(unsigned int id, unsigned long a1, unsigned long a2)
{
	return sv_hyp_call_args(id, a1, a2, NULL);
}

/* ---- pages shared with EL2 ----------------------------------------------- */

#define SV_POOL_CHUNK_PAGES	64
#define SV_POOL_MAX_CHUNKS	64

static struct {
	struct mutex lock;
	void *chunk[SV_POOL_MAX_CHUNKS];
	DECLARE_BITMAP(used, SV_POOL_CHUNK_PAGES * SV_POOL_MAX_CHUNKS);
} sv_pool = { .lock = __MUTEX_INITIALIZER(sv_pool.lock) };

static int sv_pool_grow(unsigned int c)
{
	void *chunk = vzalloc(SV_POOL_CHUNK_PAGES * PAGE_SIZE);
	int ret;

	if (!chunk)
		return -ENOMEM;
	ret = sv_el2_map_host(chunk, (char *)chunk + SV_POOL_CHUNK_PAGES * PAGE_SIZE,
			      SV_PROT_RW);
	if (ret) {
		/* Pages already mapped stay mapped until exit: keep the chunk. */
		sv_pool.chunk[c] = chunk;
		bitmap_set(sv_pool.used, c * SV_POOL_CHUNK_PAGES, SV_POOL_CHUNK_PAGES);
		return ret;
	}
	/* New entries only (invalid -> valid): no TLBI, just publish them. */
	dsb(ishst);
	sv_pool.chunk[c] = chunk;
	return 0;
}

/*
 * nr pages, contiguous (within one chunk, so contiguous at EL2 too),
 * zeroed; *hyp_va = EL2 address of the first.  NULL if none are left.
 */
void *sv_hyp_pages_alloc(unsigned int nr, u64 *hyp_va)
{
	unsigned long bit, start;
	void *page = NULL;
	unsigned int c;

	if (!nr || nr > SV_POOL_CHUNK_PAGES)
		return NULL;
	mutex_lock(&sv_pool.lock);
	for (c = 0; c < SV_POOL_MAX_CHUNKS && !page; c++) {
		start = c * SV_POOL_CHUNK_PAGES;
		bit = bitmap_find_next_zero_area(sv_pool.used, start + SV_POOL_CHUNK_PAGES,
						 start, nr, 0);
		if (bit >= start + SV_POOL_CHUNK_PAGES)
			continue;
		if (!sv_pool.chunk[c] && sv_pool_grow(c))
			break;
		bitmap_set(sv_pool.used, bit, nr);
		page = (char *)sv_pool.chunk[c] + (bit - start) * PAGE_SIZE;
		memset(page, 0, nr * PAGE_SIZE);
		*hyp_va = sv_el2_va(page);
	}
	mutex_unlock(&sv_pool.lock);
	return page;
}

void *sv_hyp_page_alloc(u64 *hyp_va)
{
	return sv_hyp_pages_alloc(1, hyp_va);
}

void sv_hyp_pages_free(void *page, unsigned int nr)
{
	unsigned int c;

	if (!page)
		return;
	mutex_lock(&sv_pool.lock);
	for (c = 0; c < SV_POOL_MAX_CHUNKS; c++) {
		char *base = sv_pool.chunk[c];

		if (base && (char *)page >= base &&
		    (char *)page < base + SV_POOL_CHUNK_PAGES * PAGE_SIZE) {
			bitmap_clear(sv_pool.used, c * SV_POOL_CHUNK_PAGES +
				     ((char *)page - base) / PAGE_SIZE, nr);
			break;
		}
	}
	mutex_unlock(&sv_pool.lock);
}

void sv_hyp_page_free(void *page)
{
	sv_hyp_pages_free(page, 1);
}

/* Page-table edits share the pool's lock: both happen after EL2 is live. */
int sv_el2_map_device(const void __iomem *host_va, phys_addr_t pa, size_t size,
		      u64 *hyp_va)
{
	unsigned long va = (unsigned long)host_va;
	int ret;

	if (!PAGE_ALIGNED(va) || !PAGE_ALIGNED(pa) || !PAGE_ALIGNED(size) ||
	    !(va & BIT(47)))
		return -EINVAL;
	if (sv_el2.vhe) {
		*hyp_va = va;
		return 0;
	}
	mutex_lock(&sv_pool.lock);
	ret = sv_pgt_map_range(&sv_el2.pgt, sv_hyp_va(va), pa, size, SV_PROT_DEVICE);
	/* New entries only (invalid -> valid): no TLBI, just publish them. */
	dsb(ishst);
	mutex_unlock(&sv_pool.lock);
	if (!ret)
		*hyp_va = sv_hyp_va(va);
	return ret;
}

void sv_el2_set_gich(u64 hyp_va)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		if (sv_el2.cpu[cpu])
			WRITE_ONCE(sv_el2.cpu[cpu]->gich_va, hyp_va);
}

static void sv_pool_free_all(void)
{
	unsigned int c;

	for (c = 0; c < SV_POOL_MAX_CHUNKS; c++) {
		vfree(sv_pool.chunk[c]);
		sv_pool.chunk[c] = NULL;
	}
	bitmap_zero(sv_pool.used, SV_POOL_CHUNK_PAGES * SV_POOL_MAX_CHUNKS);
}

/* ---- per-CPU take and give back ----------------------------------------- */

/*
 * VHE: what of the kernel's EL2 state a guest run switches (and must put
 * back).  CPTR_EL2 is the kernel's CPACR_EL1: its EL0 SVE/SME enables
 * (ZEN/SMEN bit 16, 24) follow the current task and are left out.
 */
static void sv_vhe_kernel_el2_read(struct sv_vhe_kernel_el2 *k)
{
	k->hcr = read_sysreg(hcr_el2);
	k->vbar = read_sysreg(vbar_el2);
	k->cptr = read_sysreg(cptr_el2) & ~(BIT(16) | BIT(24));
	k->cnthctl = read_sysreg(cnthctl_el2);
	k->mdcr = read_sysreg(mdcr_el2);
	k->tpidr = read_sysreg(tpidr_el2);
}

/* VHE: record it as the CPU comes up (in dmesg the first time a load sees it). */
static void sv_vhe_kernel_el2_record(unsigned int cpu)
{
	const struct sv_vhe_kernel_el2 *k = &sv_el2.vhe_kernel[cpu];

	sv_vhe_kernel_el2_read(&sv_el2.vhe_kernel[cpu]);
	if (sv_el2.vhe_reported[cpu])
		return;
	sv_el2.vhe_reported[cpu] = true;
	pr_info(SV_NAME ": CPU%u: kernel EL2 state HCR_EL2=%#llx VBAR_EL2=%#llx CPTR_EL2=%#llx CNTHCTL_EL2=%#llx MDCR_EL2=%#llx\n",
		cpu, k->hcr, k->vbar, k->cptr, k->cnthctl, k->mdcr);
}

/*
 * Split mode: the stub's soft restart enters __sv_idmap_init at EL2 on
 * this CPU, which loads our translation regime, vectors and stack.
 */
static int sv_el2_cpu_takeover(unsigned int cpu, struct sv_hyp_cpu *hc)
{
	unsigned long entry = sv_el2.idmap_pa +
		(__sv_hyp___sv_idmap_init - __sv_hyp___idmap_start);
	struct sv_hvc_res r;

	sv_dcache_clean_poc(&hc->init, sizeof(hc->init));
	r = sv_hvc(SV_STUB_SOFT_RESTART, entry, sv_vmalloc_pa(&hc->init), 0, 0);
	if (r.x0 != 0) {
		pr_err(SV_NAME ": CPU%u: the stub refused the soft restart (%#lx)\n",
		       cpu, r.x0);
		return -ENODEV;
	}
	hc->stub_vbar = r.x1;
	hc->stub_sctlr = r.x2;
	return 0;
}

/* A CPU EL2 did not come up on: split mode gives EL2 back to the stub. */
static int sv_el2_cpu_failed(void)
{
	if (!sv_el2.vhe)
		sv_hvc(SV_STUB_RESET_VECTORS, 0, 0, 0, 0);
	return -ENODEV;
}

/*
 * Split mode takes EL2 from the stub first; VHE mode has it already (the
 * kernel's).  Then, in both: EL2 must answer, forget what it thought
 * resident (CPU_INIT: a CPU back from hotplug or a power-down has lost
 * its GIC state) and, in split mode, record the host's EL2 configuration.
 */
static int sv_el2_cpu_up(unsigned int cpu)
{
	struct sv_hyp_cpu *hc = sv_el2.cpu[cpu];
	unsigned long magic = 0;
	long ret;

	if (WARN_ON_ONCE(!hc || cpu != smp_processor_id()))
		return -EINVAL;
	if (!sv_el2.vhe && sv_el2_cpu_takeover(cpu, hc))
		return -ENODEV;
	ret = sv_hyp_call(SV_HCALL_PING, 0, &magic);
	if (ret || magic != SV_HYP_MAGIC) {
		pr_err(SV_NAME ": CPU%u: EL2 does not answer after %s (%ld, %#lx)\n",
		       cpu, sv_el2.vhe ? "load (VHE)" : "takeover", ret, magic);
		return sv_el2_cpu_failed();
	}
	if (sv_hyp_call(SV_HCALL_CPU_INIT, 0, NULL)) {
		pr_err(SV_NAME ": CPU%u: EL2 did not record the host's configuration\n", cpu);
		return sv_el2_cpu_failed();
	}
	if (sv_el2.vhe)
		sv_vhe_kernel_el2_record(cpu);
	if (selftest_el2_panic) {
		ret = sv_hyp_call(SV_HCALL_SELFTEST_FAULT, 0x1000, NULL);
		ret = sv_hyp_call(SV_HCALL_PING, 0, &magic);
		pr_info(SV_NAME ": CPU%u: EL2 panic path test: EL2 %s after the fault\n",
			cpu, !ret && magic == SV_HYP_MAGIC ? "answers" : "is lost");
	}
	sv_el2.taken[cpu] = true;
	atomic_inc(&sv_el2.nr_taken);
	return 0;
}

static int sv_el2_cpu_down(unsigned int cpu)
{
	struct sv_hvc_res r;

	if (!sv_el2.taken[cpu])
		return 0;
	if (sv_el2.vhe) {
		struct sv_vhe_kernel_el2 now;

		/* Nothing of ours stays in the CPU between calls: check that. */
		sv_vhe_kernel_el2_read(&now);
		if (memcmp(&now, &sv_el2.vhe_kernel[cpu], sizeof(now)))
			atomic_inc(&sv_el2.vhe_changed);
		sv_el2.taken[cpu] = false;
		atomic_dec(&sv_el2.nr_taken);
		return 0;
	}
	r = sv_hvc(SV_STUB_RESET_VECTORS, 0, 0, 0, 0);
	if (r.x0 != 0)
		pr_err(SV_NAME ": CPU%u: EL2 refused to hand back (%#lx)\n", cpu, r.x0);
	sv_el2.taken[cpu] = false;
	r = sv_hvc(SV_HCALL_PING, 0, 0, 0, 0);
	if (r.x0 != SV_STUB_ERR)
		pr_err(SV_NAME ": CPU%u: EL2 is not the stub's after hand-back (%#lx)\n",
		       cpu, r.x0);
	atomic_dec(&sv_el2.nr_taken);
	return 0;
}

/* Runs on the CPU concerned, interrupts off. */
static int sv_el2_cpu_pm(struct notifier_block *nb, unsigned long cmd, void *v)
{
	unsigned int cpu = smp_processor_id();

	switch (cmd) {
	case CPU_PM_ENTER:
		if (sv_el2.taken[cpu]) {
			sv_el2_cpu_down(cpu);
			sv_el2.pm_handed_back[cpu] = true;
		}
		break;
	case CPU_PM_ENTER_FAILED:
	case CPU_PM_EXIT:
		if (sv_el2.pm_handed_back[cpu]) {
			sv_el2.pm_handed_back[cpu] = false;
			sv_el2_cpu_up(cpu);
		}
		break;
	}
	return NOTIFY_OK;
}

static struct notifier_block sv_el2_pm_nb = {
	.notifier_call = sv_el2_cpu_pm,
};

unsigned long long sv_el2_panic_count(unsigned int cpu)
{
	return sv_el2.cpu[cpu] ? READ_ONCE(sv_el2.cpu[cpu]->panic.count) : 0;
}

/* The host's view of a CPU's state shared with EL2 (NULL if none). */
struct sv_hyp_cpu *sv_el2_hyp_cpu(unsigned int cpu)
{
	return sv_el2.cpu[cpu];
}

unsigned int sv_el2_nr_cpus(void)
{
	return atomic_read(&sv_el2.nr_taken);
}

int sv_el2_init(bool vhe)
{
	int ret;

	sv_el2.vhe = vhe;
	ret = sv_el2_build();
	if (ret) {
		pr_err(SV_NAME ": cannot build the EL2 address space: %d\n", ret);
		sv_el2_free();
		return ret;
	}
	ret = cpuhp_setup_state(CPUHP_AP_ONLINE_DYN, "splitvisor/el2:online",
				sv_el2_cpu_up, sv_el2_cpu_down);
	if (ret < 0) {
		pr_err(SV_NAME ": cannot take EL2 on every CPU: %d\n", ret);
		sv_el2_free();
		return ret;
	}
	sv_el2.cpuhp_state = ret;
	cpu_pm_register_notifier(&sv_el2_pm_nb);
	return 0;
}

void sv_el2_exit(void)
{
	cpu_pm_unregister_notifier(&sv_el2_pm_nb);
	cpuhp_remove_state(sv_el2.cpuhp_state);
	if (sv_el2.vhe && atomic_read(&sv_el2.vhe_changed))
		pr_err(SV_NAME ": VHE: the kernel's EL2 state (HCR/VBAR/CPTR/CNTHCTL/MDCR/TPIDR_EL2) changed under the module %d times\n",
		       atomic_read(&sv_el2.vhe_changed));
	else if (sv_el2.vhe)
		pr_info(SV_NAME ": VHE: the kernel's EL2 state is as the module found it on every CPU\n");
	sv_el2_free();
}
