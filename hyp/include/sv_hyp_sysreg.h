/* SPDX-License-Identifier: GPL-2.0 */
/*
 * System registers, barriers, TLB and address-translation instructions
 * and device accesses at EL2 (hyp/ only; no kernel headers).  EL2 C code
 * uses nothing else to touch the CPU: no inline assembly outside the
 * backend.
 *
 * The backend, "sv_hyp_backend.h", is chosen by the include path, not by
 * a define: Kbuild puts hyp/arch/real/ on it (the instructions), the
 * native unit tests put selftests/unit/fake/ there (a register file that
 * records every access, so a test can check the order of the steps).
 * A backend provides the __sv_be_* macros used below.
 */
#ifndef SV_HYP_SYSREG_H
#define SV_HYP_SYSREG_H

#include "sv_hyp_ctxt.h"

#define __stringify_1(x)	#x
#define __stringify(x)		__stringify_1(x)

#include "sv_hyp_backend.h"

/* r: the register's name as the assembler spells it, or an S<op0>_... encoding. */
#define sv_read_sysreg(r)		__sv_be_read_sysreg(r)
#define sv_write_sysreg(v, r)		__sv_be_write_sysreg(v, r)

#define sv_isb()			__sv_be_isb()
#define sv_dsb(opt)			__sv_be_dsb(opt)
#define sv_dmb(opt)			__sv_be_dmb(opt)

/* TLBI <op> without, and with, an address/VMID operand. */
#define sv_tlbi(op)			__sv_be_tlbi(op)
#define sv_tlbi_arg(op, x)		__sv_be_tlbi_arg(op, x)

/*
 * AT S1E1R, va, and PAR_EL1 after it: bit 0 (F) set = no translation.
 * The guest's stage-1 walk may itself take an exception to EL2 (an
 * external abort reading its tables): then 1, as if AT had failed, and
 * not the panic path (hyp/vectors.S __sv_at_s1e1r).  PAR_EL1 holds the
 * result or is unchanged: the caller saves and restores the guest's.
 */
#define sv_at_s1e1r(va)			__sv_be_at_s1e1r(va)

/* 32-bit device registers EL2 maps (the GICv2 GICH frame). */
#define sv_mmio_read32(addr)		__sv_be_mmio_read32(addr)
#define sv_mmio_write32(v, addr)	__sv_be_mmio_write32(v, addr)

/*
 * idx if idx < size, else 0, also under speculation: a bounds check the
 * CPU may predict wrongly is followed by this before idx indexes memory
 * (Spectre v1; the kernel's array_index_nospec()).
 */
#define sv_index_nospec(idx, size)	((idx) & __sv_be_index_mask(idx, size))

#define SV_READ_ONCE(x)	(*(const volatile __typeof__(x) *)&(x))
#define SV_WRITE_ONCE(x, v)	(*(volatile __typeof__(x) *)&(x) = (v))

/* GICv3 system registers by encoding (GICv3 arch spec 12.5, 12.2). */
#define ICH_HCR_EL2		S3_4_C12_C11_0
#define ICH_VTR_EL2		S3_4_C12_C11_1
#define ICH_MISR_EL2		S3_4_C12_C11_2
#define ICH_EISR_EL2		S3_4_C12_C11_3
#define ICH_ELRSR_EL2		S3_4_C12_C11_5
#define ICH_VMCR_EL2		S3_4_C12_C11_7
#define ICC_SRE_EL2		S3_4_C12_C9_5
/* The physical CPU interface as EL2 sees it (SV_FAST_SGI, hyp/fast-sgi.c). */
#define ICC_DIR_EL1		S3_0_C12_C11_1
#define ICC_SGI1R_EL1		S3_0_C12_C11_5
#define ICC_IAR1_EL1		S3_0_C12_C12_0
#define ICC_EOIR1_EL1		S3_0_C12_C12_1
#define ICC_HPPIR1_EL1		S3_0_C12_C12_2

/*
 * Atomics on memory another CPU updates too (struct sv_sgi_fast's
 * mailbox): the old value; acquire and release (the backend's LL/SC
 * loop, which the architecture lets make progress: nothing else in it).
 */
#define sv_atomic_or(p, v)		__sv_be_atomic_or(p, v)
#define sv_atomic_xchg(p, v)		__sv_be_atomic_xchg(p, v)
#define sv_atomic_add(p, v)		__sv_be_atomic_add(p, v)	/* returns the old value */

#endif /* SV_HYP_SYSREG_H */
