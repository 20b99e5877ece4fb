/* SPDX-License-Identifier: GPL-2.0 */
/* EL2-internal interfaces (hyp/ only). */
#ifndef SV_HYP_H
#define SV_HYP_H

#include "sv_esr.h"
#include "sv_hyp_sysreg.h"
#include "sv_hyp_mode.h"
#include "sv_hyp_ctxt.h"
#include "sv_hyp_vcpu.h"
#include "sv_hyp_percpu.h"
#include "sv_instr.h"

/* hyp/entry.S: run the guest until it exits; returns enum sv_exit_code. */
sv_u64 __sv_guest_enter(struct sv_cpu_ctxt *guest);

/* hyp/fpsimd.S */
void __sv_fpsimd_save(struct sv_fp_regs *fp);
void __sv_fpsimd_restore(const struct sv_fp_regs *fp);

/* hyp/sysreg-sr.c (the groups: sv_hyp_mode.h) */
void __sv_sysreg_save(struct sv_cpu_ctxt *c);
void __sv_sysreg_restore(const struct sv_cpu_ctxt *c);
void __sv_sysreg_save_el1(struct sv_cpu_ctxt *c);
void __sv_sysreg_restore_el1(const struct sv_cpu_ctxt *c);
void __sv_sysreg_save_shared(struct sv_cpu_ctxt *c);
void __sv_sysreg_restore_shared(const struct sv_cpu_ctxt *c);

/* hyp/debug-sr.c */
void __sv_debug_save(struct sv_debug_regs *d, sv_u64 nr_brps, sv_u64 nr_wrps);
void __sv_debug_restore(const struct sv_debug_regs *d, sv_u64 nr_brps, sv_u64 nr_wrps);

/* hyp/vgic-v3-sr.c */
sv_u64 __sv_vgic_v3_read_vtr(void);
void __sv_vgic_v3_restore(struct sv_vgic_v3_cpu_if *cif, int resident);
void __sv_vgic_v3_save(struct sv_vgic_v3_cpu_if *cif);
void __sv_vgic_v3_reset(void);

/* hyp/vgic-v2-sr.c: gich is the EL2 address of the GICH frame */
void __sv_vgic_v2_restore(struct sv_vgic_v3_cpu_if *cif, sv_u64 gich);
void __sv_vgic_v2_save(struct sv_vgic_v3_cpu_if *cif, sv_u64 gich);
void __sv_vgic_v2_reset(sv_u64 gich);

/* hyp/switch.c */
long __sv_vcpu_run(struct sv_vcpu_hyp *vcpu);
void __sv_host_el2_record(struct sv_hyp_cpu *hc);
void __sv_panic_fixup(struct sv_hyp_cpu *hc);

/*
 * The only data in the EL2 object that holds absolute addresses: tables
 * of function pointers, which the module loader fills with host
 * addresses, so every load from them goes through sv_hyp_va().
 * hyp/hyp.lds brackets the section with __hyp_ptrs_start/_end and
 * selftests/check-hyp-relocs.sh fails on an absolute relocation anywhere
 * else in the object.
 */
#define __sv_hyp_ptrs	__attribute__((section(".rodata.sv_hyp_ptrs")))

/*
 * EL2's own exit handlers, by ESR_ELx.EC: 1 = handled, re-enter the
 * guest; 0 = the exit goes to the host.  An __sv_hyp_ptrs table.
 */
typedef int (*sv_fast_fn)(struct sv_vcpu_hyp *vcpu);
extern const sv_fast_fn __sv_fast_handlers[SV_ESR_EC_NR];

/*
 * The fast paths (hyp/fast-*.c), in __sv_fast_handlers: HVC64 and SMC64
 * with a published answer, trapped system registers with a fixed one,
 * WFI with an interrupt already deliverable.
 */
int __sv_fast_hvc(struct sv_vcpu_hyp *vcpu);
int __sv_fast_smc(struct sv_vcpu_hyp *vcpu);
int __sv_fast_sysreg(struct sv_vcpu_hyp *vcpu);
int __sv_fast_wfi(struct sv_vcpu_hyp *vcpu);

/* hyp/vgic-v3-sr.c: does a loaded list register hold an interrupt the guest would take? */
int __sv_vgic_v3_lr_deliverable(const struct sv_vgic_v3_cpu_if *cif);

/* hyp/vgic-v3-sr.c: the loaded list registers, for hyp/fast-sgi.c */
sv_u64 __sv_vgic_v3_lr_read(unsigned int n);
void __sv_vgic_v3_lr_write(unsigned int n, sv_u64 v);
unsigned int __sv_vgic_v3_nr_lrs(void);

/* hyp/fast-gicd.c: SV_FAST_GICD, a distributor read from the VM's snapshot */
int __sv_fast_gicd_read(struct sv_vcpu_hyp *vcpu);

/* hyp/fast-doorbell.c: SV_FAST_DOORBELL, an ioeventfd write posted for the host */
int __sv_fast_doorbell(struct sv_vcpu_hyp *vcpu);

/*
 * hyp/fast-sgi.c: SV_FAST_SGI.  A trapped ICC_SGI1R_EL1 write of value
 * val (1 = done at EL2); the vCPU's entry and exit (its run word and the
 * SGIs posted while it was out); an IRQ exit that was only the kick.
 */
int __sv_fast_sgi_send(struct sv_vcpu_hyp *vcpu, sv_u64 val);
void __sv_fast_sgi_enter(struct sv_hyp_cpu *hc, struct sv_vcpu_hyp *vcpu);
void __sv_fast_sgi_leave(struct sv_vcpu_hyp *vcpu);
int __sv_fast_sgi_kick(struct sv_hyp_cpu *hc, struct sv_vcpu_hyp *vcpu);

/* hyp/tlb.c */
void __sv_tlb_flush_vmid(sv_u64 vttbr);
void __sv_tlb_flush_ipa(sv_u64 vttbr, sv_u64 ipa);
void __sv_tlb_flush_all(void);

static inline struct sv_hyp_cpu *__sv_this_cpu(void)
{
	return (struct sv_hyp_cpu *)sv_read_sysreg(tpidr_el2);
}

/*
 * The guest's instruction was emulated at EL2: step over it exactly as
 * the host does (sv_instr.h, one definition for both).
 */
static inline void __sv_skip_instr(struct sv_vcpu_hyp *vcpu)
{
	sv_instr_skip(&vcpu->ctxt, vcpu->exit.esr);
}

/* A host-published count, read once, never more than the array holds. */
static inline sv_u64 __sv_fast_count(const sv_u64 *nr, sv_u64 cap)
{
	sv_u64 n = SV_READ_ONCE(*nr);

	return n < cap ? n : cap;
}

/*
 * The entry with this key in a fast-path table (sv_hyp_fast.h: n sorted
 * entries of stride bytes, each starting with its u64 key), or null.
 * At most log2(n) + 1 steps; every index stays below n, the last one
 * also under speculation.
 */
static inline const void *__sv_fast_find(const void *tab, sv_u64 stride, sv_u64 n, sv_u64 key)
{
	const char *base = (const char *)tab;
	sv_u64 lo = 0, hi = n, mid;
	const sv_u64 *e;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (SV_READ_ONCE(*(const sv_u64 *)(base + mid * stride)) < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo >= n)
		return (const void *)0;
	e = (const sv_u64 *)(base + sv_index_nospec(lo, n) * stride);
	return SV_READ_ONCE(*e) == key ? e : (const void *)0;
}

#endif /* SV_HYP_H */
