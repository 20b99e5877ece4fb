	.arch armv8-a
	.file	"asm-offsets.c"
// GNU C11 (Debian 12.2.0-14) version 12.2.0 (aarch64-linux-gnu)
//	compiled by GNU C version 12.2.0, GMP version 6.2.1, MPFR version 4.2.0, MPC version 1.3.1, isl version isl-0.25-GMP

// GGC heuristics: --param ggc-min-expand=100 --param ggc-min-heapsize=131072
// options passed: -mlittle-endian -mgeneral-regs-only -mabi=lp64 -mbranch-protection=pac-ret+leaf -O2 -std=gnu11 -fno-strict-aliasing -fshort-wchar -fno-PIE -fno-asynchronous-unwind-tables -fno-unwind-tables -fno-delete-null-pointer-checks -fno-allow-store-data-races -fno-omit-frame-pointer -fno-optimize-sibling-calls -ftrivial-auto-var-init=zero -fno-stack-clash-protection -fno-strict-overflow -fstack-check=no -fconserve-stack -fno-builtin-wcslen -ffreestanding -fno-stack-protector -fno-common -fno-builtin
	.text
	.align	2
	.p2align 4,,11
	.global	sv_asm_offsets
	.type	sv_asm_offsets, %function
sv_asm_offsets:
	hint	25 // paciasp
// /work/main/hyp/asm-offsets.c:17: 	DEFINE(SV_CPU_HOST_REGS, offsetof(struct sv_hyp_cpu, host.regs));
#APP
// 17 "/work/main/hyp/asm-offsets.c" 1
	
.ascii "->SV_CPU_HOST_REGS 0"	//
// 0 "" 2
// /work/main/hyp/asm-offsets.c:18: 	DEFINE(SV_CPU_HOST_ELR, offsetof(struct sv_hyp_cpu, host.elr));
// 18 "/work/main/hyp/asm-offsets.c" 1
	
.ascii "->SV_CPU_HOST_ELR 248"	//
// 0 "" 2
// /work/main/hyp/asm-offsets.c:19: 	DEFINE(SV_CPU_HOST_SPSR, offsetof(struct sv_hyp_cpu, host.spsr));
// 19 "/work/main/hyp/asm-offsets.c" 1
	
.ascii "->SV_CPU_HOST_SPSR 256"	//
// 0 "" 2
// /work/main/hyp/asm-offsets.c:20: 	DEFINE(SV_CPU_STUB_VBAR, offsetof(struct sv_hyp_cpu, stub_vbar));
// 20 "/work/main/hyp/asm-offsets.c" 1
	
.ascii "->SV_CPU_STUB_VBAR 1432"	//
// 0 "" 2
// /work/main/hyp/asm-offsets.c:21: 	DEFINE(SV_CPU_STUB_SCTLR, offsetof(struct sv_hyp_cpu, stub_sctlr));
// 21 "/work/main/hyp/asm-offsets.c" 1
	
.ascii "->SV_CPU_STUB_SCTLR 1440"	//
// 0 "" 2
// /work/main/hyp/asm-offsets.c:22: 	DEFINE(SV_CPU_IDMAP_PA, offsetof(struct sv_hyp_cpu, idmap_pa));
// 22 "/work/main/hyp/asm-offsets.c" 1
	
.ascii "->SV_CPU_IDMAP_PA 1448"	//
// 0 "" 2
// /work/main/hyp/asm-offsets.c:23: 	DEFINE(SV_CPU_STACK_TOP, offsetof(struct sv_hyp_cpu, stack_top));
// 23 "/work/main/hyp/asm-offsets.c" 1
	
.ascii "->SV_CPU_STACK_TOP 1456"	//
// 0 "" 2
// /work/main/hyp/asm-offsets.c:24: 	DEFINE(SV_CPU_PANIC_ESR, offsetof(struct sv_hyp_cpu, panic.esr));
// 24 "/work/main/hyp/asm-offsets.c" 1
	
.ascii "->SV_CPU_PANIC_ESR 1464"	//
// 0 "" 2
// /work/main/hyp/asm-offsets.c:25: 	DEFINE(SV_CPU_PANIC_ELR, offsetof(struct sv_hyp_cpu, panic.elr));
// 25 "/work/main/hyp/asm-offsets.c" 1
	
.ascii "->SV_CPU_PANIC_ELR 1472"	//
// 0 "" 2
// /work/main/hyp/asm-offsets.c:26: 	DEFINE(SV_CPU_PANIC_FAR, offsetof(struct sv_hyp_cpu, panic.far));
// 26 "/work/main/hyp/asm-offsets.c" 1
	
.ascii "->SV_CPU_PANIC_FAR 1480"	//
// 0 "" 2
// /work/main/hyp/asm-offsets.c:27: 	DEFINE(SV_CPU_PANIC_HPFAR, offsetof(struct sv_hyp_cpu, panic.hpfar));
// 27 "/work/main/hyp/asm-offsets.c" 1
	
.ascii "->SV_CPU_PANIC_HPFAR 1488"	//
// 0 "" 2
// /work/main/hyp/asm-offsets.c:28: 	DEFINE(SV_CPU_PANIC_SPSR, offsetof(struct sv_hyp_cpu, panic.spsr));
// 28 "/work/main/hyp/asm-offsets.c" 1
	
.ascii "->SV_CPU_PANIC_SPSR 1496"	//
// 0 "" 2
// /work/main/hyp/asm-offsets.c:29: 	DEFINE(SV_CPU_PANIC_COUNT, offsetof(struct sv_hyp_cpu, panic.count));
// 29 "/work/main/hyp/asm-offsets.c" 1
	
.ascii "->SV_CPU_PANIC_COUNT 1504"	//
// 0 "" 2
// /work/main/hyp/asm-offsets.c:30: 	DEFINE(SV_CPU_LOADED_CTXT, offsetof(struct sv_hyp_cpu, loaded_ctxt));
// 30 "/work/main/hyp/asm-offsets.c" 1
	
.ascii "->SV_CPU_LOADED_CTXT 264"	//
// 0 "" 2
// /work/main/hyp/asm-offsets.c:31: 	DEFINE(SV_CPU_HYP_REGS, offsetof(struct sv_hyp_cpu, hyp_regs));
// 31 "/work/main/hyp/asm-offsets.c" 1
	
.ascii "->SV_CPU_HYP_REGS 280"	//
// 0 "" 2
// /work/main/hyp/asm-offsets.c:32: 	DEFINE(SV_CTXT_REGS, offsetof(struct sv_cpu_ctxt, regs));
// 32 "/work/main/hyp/asm-offsets.c" 1
	
.ascii "->SV_CTXT_REGS 0"	//
// 0 "" 2
// /work/main/hyp/asm-offsets.c:33: 	DEFINE(SV_FP_FPSR, offsetof(struct sv_fp_regs, fpsr));
// 33 "/work/main/hyp/asm-offsets.c" 1
	
.ascii "->SV_FP_FPSR 512"	//
// 0 "" 2
// /work/main/hyp/asm-offsets.c:34: 	DEFINE(SV_FP_FPCR, offsetof(struct sv_fp_regs, fpcr));
// 34 "/work/main/hyp/asm-offsets.c" 1
	
.ascii "->SV_FP_FPCR 520"	//
// 0 "" 2
// /work/main/hyp/asm-offsets.c:35: 	DEFINE(SV_INIT_MAIR, offsetof(struct sv_hyp_init_params, mair));
// 35 "/work/main/hyp/asm-offsets.c" 1
	
.ascii "->SV_INIT_MAIR 0"	//
// 0 "" 2
// /work/main/hyp/asm-offsets.c:36: 	DEFINE(SV_INIT_TCR, offsetof(struct sv_hyp_init_params, tcr));
// 36 "/work/main/hyp/asm-offsets.c" 1
	
.ascii "->SV_INIT_TCR 8"	//
// 0 "" 2
// /work/main/hyp/asm-offsets.c:37: 	DEFINE(SV_INIT_TTBR0, offsetof(struct sv_hyp_init_params, ttbr0));
// 37 "/work/main/hyp/asm-offsets.c" 1
	
.ascii "->SV_INIT_TTBR0 16"	//
// 0 "" 2
// /work/main/hyp/asm-offsets.c:38: 	DEFINE(SV_INIT_SCTLR, offsetof(struct sv_hyp_init_params, sctlr));
// 38 "/work/main/hyp/asm-offsets.c" 1
	
.ascii "->SV_INIT_SCTLR 24"	//
// 0 "" 2
// /work/main/hyp/asm-offsets.c:39: 	DEFINE(SV_INIT_VBAR, offsetof(struct sv_hyp_init_params, vbar));
// 39 "/work/main/hyp/asm-offsets.c" 1
	
.ascii "->SV_INIT_VBAR 32"	//
// 0 "" 2
// /work/main/hyp/asm-offsets.c:40: 	DEFINE(SV_INIT_SP, offsetof(struct sv_hyp_init_params, sp));
// 40 "/work/main/hyp/asm-offsets.c" 1
	
.ascii "->SV_INIT_SP 40"	//
// 0 "" 2
// /work/main/hyp/asm-offsets.c:41: 	DEFINE(SV_INIT_TPIDR, offsetof(struct sv_hyp_init_params, tpidr));
// 41 "/work/main/hyp/asm-offsets.c" 1
	
.ascii "->SV_INIT_TPIDR 48"	//
// 0 "" 2
// /work/main/hyp/asm-offsets.c:42: }
#NO_APP
	hint	29 // autiasp
	ret	
	.size	sv_asm_offsets, .-sv_asm_offsets
	.ident	"GCC: (Debian 12.2.0-14) 12.2.0"
	.section	.note.GNU-stack,"",@progbits
	.section	.note.gnu.property,"a"
	.align	3
	.word	4
	.word	16
	.word	5
	.string	"GNU"
	.word	3221225472
	.word	4
	.word	2
	.align	3
