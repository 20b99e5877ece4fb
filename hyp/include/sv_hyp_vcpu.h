/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vCPU state shared between the host and EL2.  The host owns it (vmalloc,
 * mapped into EL2 at sv_hyp_va()); EL2 touches it only during
 * SV_HCALL_VCPU_RUN on the CPU that made the call.  Types only.
 */
#ifndef SV_HYP_VCPU_H
#define SV_HYP_VCPU_H

#include "sv_hyp_ctxt.h"
#include "sv_hyp_vgic.h"
#include "sv_hyp_gicd.h"

/*
 * EL1 (and EL0) system registers that belong to whoever runs at EL1: the
 * host or a guest.  Save/restore order and the ONE_REG encodings live in
 * hyp/sysreg-sr.c and host/sysregs.c.
 */
enum sv_sysreg {
	SV_SCTLR_EL1,
	SV_ACTLR_EL1,
	SV_CPACR_EL1,
	SV_TTBR0_EL1,
	SV_TTBR1_EL1,
	SV_TCR_EL1,
	SV_ESR_EL1,
	SV_AFSR0_EL1,
	SV_AFSR1_EL1,
	SV_FAR_EL1,
	SV_MAIR_EL1,
	SV_VBAR_EL1,
	SV_CONTEXTIDR_EL1,
	SV_AMAIR_EL1,
	SV_CNTKCTL_EL1,
	SV_PAR_EL1,
	SV_MDSCR_EL1,
	SV_CSSELR_EL1,
	SV_TPIDR_EL0,
	SV_TPIDRRO_EL0,
	SV_TPIDR_EL1,
	SV_SP_EL0,
	SV_SP_EL1,
	SV_ELR_EL1,
	SV_SPSR_EL1,
	SV_NR_SYSREGS
};

struct sv_fp_regs {
	sv_u64 v[64];			/* q0..q31, low then high half */
	sv_u64 fpsr;
	sv_u64 fpcr;
} __attribute__((aligned(16)));
SV_SHARED_SIZE(struct sv_fp_regs, 528);
/* hyp/fpsimd.S: q0..q31 as 16 pairs of 32 bytes from the start. */
SV_SHARED_OFFSET(struct sv_fp_regs, v, 0);

struct sv_cpu_ctxt {
	struct sv_gp_regs regs;		/* x0..x30 */
	sv_u64 pc;
	sv_u64 pstate;
	sv_u64 sys[SV_NR_SYSREGS];
	struct sv_fp_regs fp;
};
SV_SHARED_SIZE(struct sv_cpu_ctxt, 992);

/* Breakpoint and watchpoint registers (only the implemented ones are used). */
struct sv_debug_regs {
	sv_u64 bvr[16];
	sv_u64 bcr[16];
	sv_u64 wvr[16];
	sv_u64 wcr[16];
};
SV_SHARED_SIZE(struct sv_debug_regs, 512);

struct sv_exit_info {
	sv_u64 esr;
	sv_u64 far;
	sv_u64 hpfar;			/* fault IPA >> 12 << 4, as HPFAR_EL2 */
};
SV_SHARED_SIZE(struct sv_exit_info, 24);

/* Configuration of EL2 for this vCPU's guest, set by the host. */
struct sv_vcpu_cfg {
	sv_u64 hcr;
	sv_u64 mdcr;
	sv_u64 cptr;
	sv_u64 cnthctl;
	sv_u64 cntvoff;
	sv_u64 vttbr;			/* stage-2 root | VMID << 48 */
	sv_u64 vtcr;
	sv_u64 vpidr;
	sv_u64 vmpidr;
	sv_u64 flags;			/* SV_VCPU_* below */
	sv_u64 nr_brps;			/* implemented breakpoints / watchpoints */
	sv_u64 nr_wrps;
	sv_u64 fastpath;		/* SV_FAST_*: the EL2 fast paths on for this vCPU */
	sv_u64 fast_hvc;		/* EL2 address of its struct sv_fast_hvc_table, or 0 */
	sv_u64 fast_sysreg;		/* ... of its struct sv_fast_sysreg_table, or 0 */
	sv_u64 doorbells;		/* ... of its VM's struct sv_db_table, or 0 */
};
SV_SHARED_SIZE(struct sv_vcpu_cfg, 128);

/*
 * The EL2 fast-path tier (hyp/switch.c __sv_fast_handlers and the
 * hyp/fast-*.c files), each switchable off with the module parameter
 * fastpath= (a mask of these; 0 = every exit the host answers goes to
 * the host).  Documentation/design.rst, "The EL2 fast-path tier".
 */
#define SV_FAST_HVC		(1ULL << 0)	/* HVC/SMC with a fixed answer */
#define SV_FAST_SYSREG		(1ULL << 1)	/* trapped sysregs with a fixed answer */
#define SV_FAST_WFI		(1ULL << 2)	/* WFI with an interrupt already deliverable */
#define SV_FAST_GICD		(1ULL << 3)	/* GIC distributor/redistributor reads */
#define SV_FAST_SGI		(1ULL << 4)	/* ICC_SGI1R_EL1 posted at EL2 */
#define SV_FAST_DOORBELL	(1ULL << 5)	/* ioeventfd writes posted at EL2 */
#define SV_FAST_ALL		0x3fULL

/*
 * Another vCPU of this VM ran on this CPU since this one did: its
 * stage-1 entries (same VMID, maybe same ASIDs) must go before entry.
 */
#define SV_VCPU_FLUSH_LOCAL_TLB	(1ULL << 0)
/* Load struct sv_vcpu_hyp.dbg into the breakpoint/watchpoint registers. */
#define SV_VCPU_DEBUG_LOAD	(1ULL << 1)
/*
 * Lazy FP/SIMD: the host's registers stay in place at entry and the
 * guest's first FP/SIMD instruction traps (cfg->cptr has CPTR_EL2.TFP);
 * EL2 then keeps the host's in struct sv_hyp_cpu.host_fp and loads the
 * guest's until the exit.  Without it the host enters inside
 * kernel_neon_begin() and EL2 loads the guest's eagerly.
 */
#define SV_VCPU_FP_LAZY		(1ULL << 2)
#define SV_CPTR_TFP		(1ULL << 10)	/* CPTR_EL2 (E2H=0): trap FP/SIMD, EL2's too */

/*
 * What EL2 handled itself for this vCPU (the fast-path tier, hyp/switch.c),
 * counted at EL2 and read by the host (KVM_GET_STATS_FD, debugfs).
 */
struct sv_fast_counts {
	sv_u64 fp_lazy_loads;		/* guest FP/SIMD loaded at its first use */
	sv_u64 hvc;			/* SV_FAST_HVC answers (HVCs and SMCs) */
	sv_u64 sysreg;			/* SV_FAST_SYSREG answers */
	sv_u64 wfi;			/* SV_FAST_WFI re-entries */
	sv_u64 gicd_read;		/* SV_FAST_GICD reads served */
	sv_u64 sgi_posted;		/* SV_FAST_SGI: SGIs this vCPU sent at EL2 */
	sv_u64 sgi_delivered;		/* ... and SGIs EL2 put in its list registers */
	sv_u64 doorbell;		/* SV_FAST_DOORBELL: ioeventfd writes posted at EL2 */
};
SV_SHARED_SIZE(struct sv_fast_counts, 64);

/*
 * SV_FAST_SGI (hyp/fast-sgi.c): virtual SGIs posted at EL2.  mailbox and
 * run are shared between CPUs: a sender's EL2 sets bits in the target's
 * mailbox with an atomic OR and reads its run word; the target's EL2 and
 * host take the bits with an atomic swap.  The other fields the host
 * writes for the target's own EL2 before its entry.
 */
#define SV_SGI_RUN_IN_GUEST	(1ULL << 63)	/* run: the vCPU is in the guest, or EL2 on its way in/out */
#define SV_SGI_NR_WAKE		16

struct sv_sgi_fast {
	sv_u64 mailbox;			/* bit n: SGI n posted, not yet in a list register */
	sv_u64 run;			/* IN_GUEST | the physical CPU's ICC_SGI1R_EL1 target bits, or 0 */
	sv_u64 cfg;			/* host: SGIs enabled (bits 0-15), group 1 (16-31), group 0/1 on (32, 33) */
	sv_u64 prio[2];			/* host: the priority of SGI n in byte n */
	sv_u64 sw_pending;		/* host, at each entry: SGIs its emulation holds pending (not in an LR) */
	sv_u64 route;			/* host: EL2 address of the VM's struct sv_sgi_route, 0 = none */
	sv_u64 nr_wake;			/* EL2 -> host: targets that left the guest under a post: wake them */
	sv_u64 wake[SV_SGI_NR_WAKE];	/* ... their vCPU indices */
};
SV_SHARED_SIZE(struct sv_sgi_fast, 192);

struct sv_vcpu_hyp {
	struct sv_cpu_ctxt ctxt;	/* the guest's registers */
	struct sv_vcpu_cfg cfg;
	struct sv_exit_info exit;
	struct sv_debug_regs dbg;	/* what the guest runs with (SV_VCPU_DEBUG_LOAD) */
	sv_u64 cntv_ctl;		/* guest virtual timer (timer/) */
	sv_u64 cntv_cval;
	struct sv_vgic_v3_cpu_if vgic;	/* GICv3 CPU interface (vgic/) */
	struct sv_fast_counts fast;
	struct sv_gicd_fast gicd;	/* SV_FAST_GICD: the VM's distributor snapshot (vgic/) */
	struct sv_sgi_fast sgi;		/* SV_FAST_SGI (vgic/, hyp/fast-sgi.c) */
	/*
	 * VHE: EL2 address of the CPU (struct sv_hyp_cpu) whose _EL12
	 * registers hold ctxt's EL1 group as EL2 last loaded or saved it;
	 * resident while that CPU's el1_resident names this ctxt too.  The
	 * host zeroes it whenever it may have written ctxt.sys (host/exits.c,
	 * KVM_RUN, reset): the next entry loads them again.
	 */
	sv_u64 el1_loaded_on;
};
SV_SHARED_SIZE(struct sv_vcpu_hyp, 2208);

#endif /* SV_HYP_VCPU_H */
