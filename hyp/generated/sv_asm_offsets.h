/* Generated from hyp/asm-offsets.c: do not edit. */
#ifndef SV_ASM_OFFSETS_H
#define SV_ASM_OFFSETS_H
#define SV_CPU_HOST_REGS 0
#define SV_CPU_HOST_ELR 248
#define SV_CPU_HOST_SPSR 256
#define SV_CPU_STUB_VBAR 264
#define SV_CPU_STUB_SCTLR 272
#define SV_CPU_IDMAP_PA 280
#define SV_CPU_STACK_TOP 288
#define SV_CPU_PANIC_ESR 296
#define SV_CPU_PANIC_ELR 304
#define SV_CPU_PANIC_FAR 312
#define SV_CPU_PANIC_HPFAR 320
#define SV_CPU_PANIC_SPSR 328
#define SV_CPU_PANIC_COUNT 336
#define SV_INIT_MAIR 0
#define SV_INIT_TCR 8
#define SV_INIT_TTBR0 16
#define SV_INIT_SCTLR 24
#define SV_INIT_VBAR 32
#define SV_INIT_SP 40
#define SV_INIT_TPIDR 48
#endif
