/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one host->hyp call ABI, shared by host/ and hyp/ (types and macros
 * only).  The host issues `hvc #0` with x0 = call number and the
 * arguments in x1..x6; EL2 dispatches through a table indexed by the call
 * number, with a bounds check, and returns a status in x0 and at most one
 * value in x1.
 */
#ifndef SV_HYP_ABI_H
#define SV_HYP_ABI_H

/*
 * The kernel's hyp stub owns call numbers below SV_STUB_HCALL_NR
 * (arch/arm64/include/asm/virt.h).  Our vectors keep answering those as
 * the stub does while we own EL2, because the kernel may still make them
 * (soft restart for kexec, CPU off paths).
 */
#define SV_STUB_SET_VECTORS	0
#define SV_STUB_SOFT_RESTART	1
#define SV_STUB_RESET_VECTORS	2
#define SV_STUB_FINALISE_EL2	3
#define SV_STUB_HCALL_NR	4
#define SV_STUB_ERR		0xbadca11UL

#ifndef __ASSEMBLY__
/* Our calls start where the stub's end so the two spaces never overlap. */
enum sv_hcall {
	SV_HCALL_PING = SV_STUB_HCALL_NR,	/* liveness: returns SV_HYP_MAGIC */
	SV_HCALL_SELFTEST_FAULT,		/* fault at EL2 on purpose (panic path test) */
	SV_HCALL_VCPU_RUN,			/* x1 = EL2 address of struct sv_vcpu_hyp */
	SV_HCALL_TLB_FLUSH_VMID,		/* x1 = VTTBR (VMID) */
	SV_HCALL_TLB_FLUSH_IPA,			/* x1 = VTTBR, x2 = IPA */
	SV_HCALL_TLB_FLUSH_ALL,
	SV_HCALL_GET_ICH_VTR,			/* returns ICH_VTR_EL2 in x1 */
	SV_HCALL_CPU_INIT,			/* once per CPU after takeover: record the host's EL2 config */
	SV_HCALL_NR
};

#define SV_HCALL_FIRST		SV_HCALL_PING
#define SV_HYP_MAGIC		0x5356484950ULL	/* "SVHIP" */

/* Status values returned in x0 by hyp calls. */
#define SV_HYP_OK		0L
#define SV_HYP_EINVAL		(-22L)
#define SV_HYP_ENOSYS		(-38L)
#endif

/*
 * EL2 addresses of host allocations.  EL2 maps the module's .hyp sections
 * and the vmalloc'd memory it shares with the host at the host address
 * with the top 16 bits cleared (TTBR0_EL2 covers 48 bits); vmalloc and
 * module addresses have bit 47 set, so they land in the upper half and
 * never meet the identity map of .hyp.idmap.text (PA < 2^47).  Pointers
 * the module loader relocated (tables of function pointers, pointers in
 * shared structs) hold host addresses: EL2 converts them with this.
 */
#define SV_HYP_VA_MASK		0x0000ffffffffffffULL
#define sv_hyp_va(kva)		((unsigned long long)(kva) & SV_HYP_VA_MASK)

/*
 * x0 after an hvc that made EL2 fault: EL2 recorded ESR/ELR/FAR/HPFAR in
 * its per-CPU panic record and returned to the host, which prints them.
 */
#define SV_HYP_PANIC		0x5350414eUL	/* "SPAN" */

/*
 * Why the guest stopped, as EL2 saw it: the value SV_HCALL_VCPU_RUN returns
 * in x0 (the exit's ESR/FAR/HPFAR are in struct sv_vcpu_hyp).
 */
#define SV_EXIT_SYNC		1	/* a trap */
#define SV_EXIT_IRQ		2	/* a physical IRQ, for the host */
#define SV_EXIT_FIQ		3
#define SV_EXIT_SERROR		4
/*
 * ORed into any of them: an SError the guest caused was still pending
 * when it exited and was taken in the exit path's window (hyp/entry.S):
 * the guest's, and the exit goes to the host as it is.
 */
#define SV_EXIT_SERROR_PENDING_BIT	16
#define SV_EXIT_SERROR_PENDING	(1 << SV_EXIT_SERROR_PENDING_BIT)

#endif /* SV_HYP_ABI_H */
