/* Generated from hyp/asm-offsets.c: do not edit. */
#ifndef SV_ASM_OFFSETS_H
#define SV_ASM_OFFSETS_H
#define SV_CPU_HOST_REGS 0
#define SV_CPU_HOST_ELR 248
#define SV_CPU_HOST_SPSR 256
#define SV_CPU_STUB_VBAR 1432
#define SV_CPU_STUB_SCTLR 1440
#define SV_CPU_IDMAP_PA 1448
#define SV_CPU_STACK_TOP 1456
#define SV_CPU_PANIC_ESR 1464
#define SV_CPU_PANIC_ELR 1472
#define SV_CPU_PANIC_FAR 1480
#define SV_CPU_PANIC_HPFAR 1488
#define SV_CPU_PANIC_SPSR 1496
#define SV_CPU_PANIC_COUNT 1504
#define SV_CPU_LOADED_CTXT 264
#define SV_CPU_HYP_REGS 280
#define SV_CTXT_REGS 0
#define SV_FP_FPSR 512
#define SV_FP_FPCR 520
#define SV_INIT_MAIR 0
#define SV_INIT_TCR 8
#define SV_INIT_TTBR0 16
#define SV_INIT_SCTLR 24
#define SV_INIT_VBAR 32
#define SV_INIT_SP 40
#define SV_INIT_TPIDR 48
#endif
