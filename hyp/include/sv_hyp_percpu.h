/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-CPU state shared between the host and EL2.  Allocated by the host
 * (vmalloc), mapped into EL2 at sv_hyp_va() of its host address; TPIDR_EL2
 * holds the EL2 address of this CPU's struct sv_hyp_cpu.  Assembly reaches
 * fields through offsets generated from these structs (hyp/asm-offsets.c).
 */
#ifndef SV_HYP_PERCPU_H
#define SV_HYP_PERCPU_H

#include "sv_hyp_ctxt.h"
#include "sv_hyp_vcpu.h"
#include "sv_hyp_prof.h"

/* What EL2 recorded when it faulted itself (the panic path). */
struct sv_hyp_panic {
	sv_u64 esr;
	sv_u64 elr;
	sv_u64 far;
	sv_u64 hpfar;
	sv_u64 spsr;
	sv_u64 count;
};
SV_SHARED_SIZE(struct sv_hyp_panic, 48);

/*
 * Read by the EL2 init code with the MMU off, through its physical
 * address: the host cleans it to the point of coherency first.
 */
struct sv_hyp_init_params {
	sv_u64 mair;
	sv_u64 tcr;
	sv_u64 ttbr0;
	sv_u64 sctlr;
	sv_u64 vbar;
	sv_u64 sp;
	sv_u64 tpidr;
};
SV_SHARED_SIZE(struct sv_hyp_init_params, 56);

/* The host's EL2 configuration, put back when a guest exits. */
struct sv_host_el2 {
	sv_u64 hcr;
	sv_u64 mdcr;
	sv_u64 cptr;
	sv_u64 cnthctl;
	sv_u64 cntvoff;
	sv_u64 vpidr;
	sv_u64 vmpidr;
};
SV_SHARED_SIZE(struct sv_host_el2, 56);

/*
 * VHE mode: what of the kernel's EL2 state a host call (hyp/vectors.S
 * __sv_vhe_hcall) swaps for EL2's own and puts back on return, also from
 * the panic path.
 */
struct sv_vhe_host {
	sv_u64 sp;
	sv_u64 tpidr;			/* the kernel's per-CPU offset */
	sv_u64 vbar;			/* the kernel's vectors */
	sv_u64 daif;
};
SV_SHARED_SIZE(struct sv_vhe_host, 32);

struct sv_hyp_cpu {
	struct sv_host_ctxt host;	/* host GPRs at the hvc that entered */
	sv_u64 loaded_ctxt;		/* EL2 address of the running guest's ctxt, or 0 */
	sv_u64 guest_state_loaded;	/* guest EL1 state is in the CPU (panic fixup) */
	sv_u64 vgic_loaded;		/* SV_VGIC_MODEL_* of the vCPU interface loaded (panic fixup) */
	sv_u64 gich_va;			/* EL2 address of the GICv2 GICH frame, or 0 */
	sv_u64 hyp_regs[13];		/* x18..x30 of EL2's C code across a guest run */
	struct sv_cpu_ctxt host_el1;	/* host EL1 sysregs across a guest run */
	struct sv_host_el2 host_el2;
	struct sv_debug_regs host_dbg;	/* host's, while a guest's are loaded */
	sv_u64 dbg_loaded_brps;		/* non-zero while they are (panic fixup) */
	sv_u64 dbg_loaded_wrps;
	sv_u64 stub_vbar;		/* the kernel stub's VBAR_EL2 */
	sv_u64 stub_sctlr;		/* SCTLR_EL2 as the stub ran */
	sv_u64 idmap_pa;		/* physical address of .hyp.idmap.text */
	sv_u64 stack_top;		/* EL2 address of the stack's top */
	struct sv_hyp_panic panic;
	struct sv_hyp_init_params init;
	struct sv_hyp_prof prof;	/* instrumentation builds only (sv_hyp_prof.h) */
	sv_u64 fp_guest_loaded;		/* SV_FP_GUEST_*: whose FP/SIMD registers are live */
	struct sv_fp_regs host_fp;	/* the host's, while a lazy guest's are loaded */
	/*
	 * SV_FAST_SGI, set by the host (host/gic_host.c) for this CPU:
	 * ICC_SGI1R_EL1 that raises SV_KICK_SGI here (0: no kick, the
	 * fast path stays off on this CPU), and whether its acknowledge
	 * needs ICC_DIR_EL1 too (ICC_CTLR_EL1.EOImode).
	 */
	sv_u64 kick_sgi1r;
	sv_u64 kick_dir;
	sv_u64 kick_mismatch;		/* an acknowledge returned another INTID (never expected) */
	/*
	 * SV_FAST_DOORBELL, set by the host (host/gic_host.c): the
	 * ICC_SGI1R_EL1 value that raises SV_DB_SGI on the CPU that signals
	 * this CPU's posted doorbells (another online one), 0 = none.
	 */
	sv_u64 db_kick_sgi1r;
	/*
	 * EL2 address of the vGICv3 CPU interface (struct sv_vgic_v3_cpu_if)
	 * whose VMCR and active priorities are in this CPU's ICH_VMCR_EL2 and
	 * ICH_AP<n>R<m>_EL2, 0 = nobody's; written by EL2 only (hyp/switch.c),
	 * compared, never dereferenced.  Resident only if the interface's
	 * loaded_on names this CPU too (it may have run elsewhere since).
	 */
	sv_u64 vgic_resident;
	struct sv_vhe_host vhe;		/* VHE mode only */
	/*
	 * VHE: EL2 address of the guest ctxt whose EL1 group (the _EL12
	 * registers) is in this CPU, 0 = nobody's (split mode: always 0, the
	 * host's own EL1 state comes back at every exit).  As vgic_resident:
	 * compared, never dereferenced, and valid only with the vCPU's
	 * el1_loaded_on naming this CPU.
	 */
	sv_u64 el1_resident;
};
SV_SHARED_SIZE(struct sv_hyp_cpu, 2912);

/* struct sv_hyp_cpu.fp_guest_loaded */
#define SV_FP_GUEST_NONE	0	/* the host's registers are live */
#define SV_FP_GUEST_EAGER	1	/* the guest's; the host's are in its task (kernel_neon_begin) */
#define SV_FP_GUEST_LAZY	2	/* the guest's; the host's are in host_fp */
/* hyp/entry.S keeps x18..x30 (13 registers) in hyp_regs. */
_Static_assert(sizeof(((struct sv_hyp_cpu *)0)->hyp_regs) == 13 * 8,
	       "struct sv_hyp_cpu.hyp_regs: hyp/entry.S saves 13 registers there");

#endif /* SV_HYP_PERCPU_H */
