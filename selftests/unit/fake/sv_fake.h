/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What unit tests of EL2 code see of the fake backend (sv_hyp_backend.h):
 * the register file, the trace of accesses, and the stubs standing in
 * for EL2's assembly (__sv_guest_enter plays a scripted list of guest
 * exits; __sv_fpsimd_save/restore only record that they ran).
 */
#ifndef SV_FAKE_H
#define SV_FAKE_H

#include <setjmp.h>
#include "sv_hyp_abi.h"
#include "sv_hyp.h"

extern sv_u64 sv_fake_regs[SV_FAKE_NR_REGS];
extern const char *const sv_fake_reg_names[SV_FAKE_NR_REGS];

struct sv_fake_event {
	enum sv_fake_kind kind;
	enum sv_fake_reg reg;		/* SV_FAKE_RD/WR */
	const char *what;		/* barrier option, TLBI/AT operation, stub name */
	sv_u64 val;
	sv_u64 addr;			/* SV_FAKE_MMIO_*; the argument of a SV_FAKE_CALL */
};

#define SV_FAKE_TRACE_MAX	16384
extern struct sv_fake_event sv_fake_trace[SV_FAKE_TRACE_MAX];
extern int sv_fake_nr_events;

/* One guest run as the __sv_guest_enter stub plays it. */
struct sv_fake_exit {
	sv_u64 code;			/* SV_EXIT_*, as the vectors return it */
	sv_u64 esr, far, hpfar;		/* what the exception puts in ESR/FAR/HPFAR_EL2 */
	sv_u64 elr;			/* ... and ELR_EL2: the guest's PC */
	sv_u64 at_par;			/* PAR_EL1 after an AT during this exit */
	int panic;			/* EL2 faults: the stub takes the panic path */
};

/* Registers all zero, trace and script empty. */
void sv_fake_reset(void);
/* The exits the next guest entries take, in order (the array must live on). */
void sv_fake_script(const struct sv_fake_exit *exits, int n);
extern int sv_fake_entries;		/* __sv_guest_enter calls since the reset */
extern int sv_fake_script_overrun;	/* an entry found the script used up */
/*
 * Called at every DMB after it is recorded (NULL: nothing): a test plays
 * another CPU's stores between a reader's barriers with it.
 */
extern void (*sv_fake_dmb_hook)(int nth);
/* PAR_EL1 the next AT produces (a scripted exit sets it too). */
extern sv_u64 sv_fake_at_par;
extern int sv_fake_at_faults;	/* the next ATs take an exception at EL2 */
/* The register file as the guest first ran with it. */
extern sv_u64 sv_fake_at_entry[SV_FAKE_NR_REGS];
/*
 * A scripted panic runs __sv_panic_fixup() as hyp/vectors.S does, then
 * longjmps here (the real path returns to the host's hvc instead).
 */
extern jmp_buf sv_fake_panic_jmp;

/* Index of the first event at or after from of this kind (and register, if reg >= 0), or -1. */
int sv_fake_find(int from, enum sv_fake_kind kind, int reg);
/* The same for the last event before to. */
int sv_fake_find_last(int to, enum sv_fake_kind kind, int reg);
int sv_fake_find_call(int from, const char *name);
/* Prints the trace as TAP comments (for a failing test). */
void sv_fake_dump(void);

#endif /* SV_FAKE_H */
