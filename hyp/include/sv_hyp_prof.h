/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The world switch's cost, step by step (the paper's Table III): in an
 * instrumentation build (make SV_PROFILE=1, -DSV_HYP_PROFILE) EL2 reads
 * the PMU cycle counter between the named steps of __sv_vcpu_run() and
 * adds each step's cycles to this CPU's struct sv_hyp_prof, which the
 * host reads through debugfs (splitvisor/profile).  Under QEMU TCG with
 * -icount shift=0 the cycle counter advances one per instruction, so the
 * sums are instruction counts.  In a normal build the marks compile to
 * nothing and the struct stays zero.
 */
#ifndef SV_HYP_PROF_H
#define SV_HYP_PROF_H

#include "sv_hyp_ctxt.h"

/* In the order __sv_vcpu_run() takes them; names in host/debugfs.c. */
enum sv_prof_step {
	SV_PROF_EL1_SAVE_HOST,		/* host EL1 system registers saved */
	SV_PROF_EL1_RESTORE_GUEST,	/* guest EL1 system registers loaded */
	SV_PROF_TRAPS_ON,		/* EL2 configuration for the guest */
	SV_PROF_S2_ON,			/* stage-2 (VTTBR/VTCR) loaded */
	SV_PROF_TIMER_RESTORE,
	SV_PROF_VGIC_RESTORE,
	SV_PROF_DEBUG_GUEST,
	SV_PROF_FP_RESTORE,
	SV_PROF_GUEST,			/* GPRs in and out, eret, the guest, the vector */
	SV_PROF_EXIT_DECODE,		/* ESR/FAR/HPFAR read, EL2 fast-path tier */
	SV_PROF_FP_SAVE,
	SV_PROF_DEBUG_HOST,
	SV_PROF_VGIC_SAVE,
	SV_PROF_TIMER_SAVE,
	SV_PROF_S2_OFF,
	SV_PROF_TRAPS_OFF,
	SV_PROF_EL1_SAVE_GUEST,
	SV_PROF_EL1_RESTORE_HOST,
	SV_PROF_BEGIN,			/* a first, empty step (not counted) */
	SV_PROF_MARK,			/* a second one: what one mark costs */
	SV_PROF_NR
};

struct sv_hyp_prof {
	sv_u64 runs;			/* __sv_vcpu_run() calls counted */
	sv_u64 reenter;			/* exits EL2 handled itself */
	sv_u64 cycles[SV_PROF_NR];
	sv_u64 last;			/* the previous mark's counter */
};
SV_SHARED_SIZE(struct sv_hyp_prof, 184);

#if defined(__SPLITVISOR_HYP__) && defined(SV_HYP_PROFILE)
#include "sv_hyp_sysreg.h"

#define SV_PMCR_E		(1ULL << 0)
#define SV_PMCNTEN_C		(1ULL << 31)
#define SV_PMCCFILTR_NSH	(1ULL << 27)	/* count at EL2 too */

static inline sv_u64 __sv_prof_now(void)
{
	sv_isb();
	return sv_read_sysreg(pmccntr_el0);
}

static inline void sv_prof_mark(struct sv_hyp_prof *p, enum sv_prof_step s)
{
	sv_u64 now = __sv_prof_now();

	p->cycles[s] += now - p->last;
	p->last = now;
}

/*
 * Start of a run: the first read, the cycle counter on (counting at EL2
 * too), and two empty steps.  Every step's count includes the previous
 * mark's bookkeeping and its own counter read: so does the second empty
 * step's, which is thus what each step's count holds of the marking.
 * The set-up is in the first one ("begin"), so that all of EL2's
 * instrumentation is inside its span: the host's marks around the hvc
 * (host/prof.c) see the rest of the call without it.  Where the counter
 * was off until now, the first read is its stopped value and "begin"
 * comes out short once; it is not a step of the switch.
 */
static inline void sv_prof_begin(struct sv_hyp_prof *p)
{
	sv_u64 pmcr;

	p->last = __sv_prof_now();
	pmcr = sv_read_sysreg(pmcr_el0);
	sv_write_sysreg(SV_PMCCFILTR_NSH, pmccfiltr_el0);
	sv_write_sysreg(SV_PMCNTEN_C, pmcntenset_el0);
	sv_write_sysreg(pmcr | SV_PMCR_E, pmcr_el0);
	p->runs++;
	sv_prof_mark(p, SV_PROF_BEGIN);
	sv_prof_mark(p, SV_PROF_MARK);
}
#define sv_prof_reenter(p)	((p)->reenter++)
#else
#define sv_prof_begin(p)	((void)(p))
#define sv_prof_mark(p, s)	((void)(p))
#define sv_prof_reenter(p)	((void)(p))
#endif

#endif /* SV_HYP_PROF_H */
