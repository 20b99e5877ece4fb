// SPDX-License-Identifier: GPL-2.0
/*
 * Offsets of the shared structs for EL2 assembly.  Compiled to assembly
 * only; Kbuild turns the "->SYM value" markers into
 * hyp/generated/sv_asm_offsets.h.
 */
#define offsetof(t, m) __builtin_offsetof(t, m)
#include "sv_hyp_percpu.h"
#include "sv_hyp_vcpu.h"

#define DEFINE(sym, val) \
	asm volatile("\n.ascii \"->" #sym " %0\"" : : "i" (val))

void sv_asm_offsets(void);
void sv_asm_offsets(void)
{
	DEFINE(SV_CPU_HOST_REGS, offsetof(struct sv_hyp_cpu, host.regs));
	DEFINE(SV_CPU_HOST_ELR, offsetof(struct sv_hyp_cpu, host.elr));
	DEFINE(SV_CPU_HOST_SPSR, offsetof(struct sv_hyp_cpu, host.spsr));
	DEFINE(SV_CPU_STUB_VBAR, offsetof(struct sv_hyp_cpu, stub_vbar));
	DEFINE(SV_CPU_STUB_SCTLR, offsetof(struct sv_hyp_cpu, stub_sctlr));
	DEFINE(SV_CPU_IDMAP_PA, offsetof(struct sv_hyp_cpu, idmap_pa));
	DEFINE(SV_CPU_STACK_TOP, offsetof(struct sv_hyp_cpu, stack_top));
	DEFINE(SV_CPU_PANIC_ESR, offsetof(struct sv_hyp_cpu, panic.esr));
	DEFINE(SV_CPU_PANIC_ELR, offsetof(struct sv_hyp_cpu, panic.elr));
	DEFINE(SV_CPU_PANIC_FAR, offsetof(struct sv_hyp_cpu, panic.far));
	DEFINE(SV_CPU_PANIC_HPFAR, offsetof(struct sv_hyp_cpu, panic.hpfar));
	DEFINE(SV_CPU_PANIC_SPSR, offsetof(struct sv_hyp_cpu, panic.spsr));
	DEFINE(SV_CPU_PANIC_COUNT, offsetof(struct sv_hyp_cpu, panic.count));
	DEFINE(SV_CPU_LOADED_CTXT, offsetof(struct sv_hyp_cpu, loaded_ctxt));
	DEFINE(SV_CPU_HYP_REGS, offsetof(struct sv_hyp_cpu, hyp_regs));
	DEFINE(SV_CPU_VHE_SP, offsetof(struct sv_hyp_cpu, vhe.sp));
	DEFINE(SV_CPU_VHE_TPIDR, offsetof(struct sv_hyp_cpu, vhe.tpidr));
	DEFINE(SV_CPU_VHE_VBAR, offsetof(struct sv_hyp_cpu, vhe.vbar));
	DEFINE(SV_CPU_VHE_DAIF, offsetof(struct sv_hyp_cpu, vhe.daif));
	DEFINE(SV_CTXT_REGS, offsetof(struct sv_cpu_ctxt, regs));
	DEFINE(SV_FP_FPSR, offsetof(struct sv_fp_regs, fpsr));
	DEFINE(SV_FP_FPCR, offsetof(struct sv_fp_regs, fpcr));
	DEFINE(SV_INIT_MAIR, offsetof(struct sv_hyp_init_params, mair));
	DEFINE(SV_INIT_TCR, offsetof(struct sv_hyp_init_params, tcr));
	DEFINE(SV_INIT_TTBR0, offsetof(struct sv_hyp_init_params, ttbr0));
	DEFINE(SV_INIT_SCTLR, offsetof(struct sv_hyp_init_params, sctlr));
	DEFINE(SV_INIT_VBAR, offsetof(struct sv_hyp_init_params, vbar));
	DEFINE(SV_INIT_SP, offsetof(struct sv_hyp_init_params, sp));
	DEFINE(SV_INIT_TPIDR, offsetof(struct sv_hyp_init_params, tpidr));
}
