/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SV_EL2_H
#define SV_EL2_H

#include <linux/types.h>

struct sv_hvc_res {
	unsigned long x0, x1, x2, x3;
};

/* One hvc to whoever owns EL2 (x0 = fn, x1..x4 = args). */
struct sv_hvc_res sv_hvc(unsigned long fn, unsigned long a1, unsigned long a2,
			 unsigned long a3, unsigned long a4);

/* A call to our EL2 on this CPU; prints EL2's panic record if it faulted. */
long sv_hyp_call(unsigned int id, unsigned long a1, unsigned long *ret1);

long sv_hyp_call2(unsigned int id, unsigned long a1, unsigned long a2);

/*
 * Pages shared with EL2 (vCPU state): zeroed, mapped at EL2 for the
 * module's lifetime, recycled through a pool.  *hyp_va = EL2 address.
 * Several contiguous ones: sv_hyp_pages_alloc() (sv_core.h).
 */
void *sv_hyp_page_alloc(u64 *hyp_va);
void sv_hyp_page_free(void *page);

/*
 * Map a device frame (pa, size; page-aligned) into EL2 at the EL2 address
 * of its host mapping host_va (an ioremap, kept while EL2 may use it),
 * as Device-nGnRE.  Returns 0 and *hyp_va, or -errno.
 */
int sv_el2_map_device(const void __iomem *host_va, phys_addr_t pa, size_t size,
		      u64 *hyp_va);
/* Tell EL2 on every CPU where the GICv2 GICH frame is (0: none). */
void sv_el2_set_gich(u64 hyp_va);
/* SV_FAST_SGI: ICC_SGI1R_EL1 that kicks this CPU (0: none), ICC_DIR_EL1 needed. */
void sv_el2_set_kick(unsigned int cpu, u64 sgi1r, bool dir);
/* SV_FAST_DOORBELL: where cpu's EL2 raises SV_DB_SGI (0: nowhere, the host signals). */
void sv_el2_set_db_kick(unsigned int cpu, u64 sgi1r);

int sv_el2_init(bool vhe);	/* take EL2 on every online CPU (VHE: use it) */
bool sv_el2_vhe(void);		/* VHE mode: the kernel itself runs at EL2 */
void sv_el2_exit(void);		/* give it back to the stub everywhere */
unsigned int sv_el2_nr_cpus(void);
unsigned long long sv_el2_panic_count(unsigned int cpu);
struct sv_hyp_cpu *sv_el2_hyp_cpu(unsigned int cpu);

#endif /* SV_EL2_H */
