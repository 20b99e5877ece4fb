// SPDX-License-Identifier: GPL-2.0
/*
 * EL2 dispatch of host->hyp calls.  Runs at EL2: no host-kernel symbol is
 * reachable from here (see the Kbuild rules for hyp/).
 */
#include "sv_hyp_abi.h"
#include "sv_hyp_ctxt.h"
#include "sv_hyp.h"
#include "sv_hyp_mode.h"

typedef void (*sv_hcall_fn)(struct sv_host_ctxt *ctxt);

/* Arguments are read once from the saved context, by name. */
#define HCALL_ARG(ctxt, n)	((ctxt)->regs.x[(n)])
#define HCALL_RET(ctxt, status, val)			\
	do {						\
		(ctxt)->regs.x[0] = (sv_u64)(status);	\
		(ctxt)->regs.x[1] = (sv_u64)(val);	\
	} while (0)

static void __handle_ping(struct sv_host_ctxt *ctxt)
{
	HCALL_RET(ctxt, SV_HYP_OK, SV_HYP_MAGIC);
}

/*
 * Load from x1 (the host passes an address EL2 does not map): the fault
 * goes through the panic path, which returns SV_HYP_PANIC to the host.
 * The native unit tests never call it.
 */
static void __handle_selftest_fault(struct sv_host_ctxt *ctxt)
{
	volatile sv_u64 *p = (volatile sv_u64 *)HCALL_ARG(ctxt, 1);

	HCALL_RET(ctxt, SV_HYP_OK, *p);
}

static void __handle_vcpu_run(struct sv_host_ctxt *ctxt)
{
	struct sv_vcpu_hyp *vcpu = (struct sv_vcpu_hyp *)HCALL_ARG(ctxt, 1);

	HCALL_RET(ctxt, __sv_vcpu_run(vcpu), 0);
}

static void __handle_tlb_flush_vmid(struct sv_host_ctxt *ctxt)
{
	__sv_tlb_flush_vmid(HCALL_ARG(ctxt, 1));
	HCALL_RET(ctxt, SV_HYP_OK, 0);
}

static void __handle_tlb_flush_ipa(struct sv_host_ctxt *ctxt)
{
	__sv_tlb_flush_ipa(HCALL_ARG(ctxt, 1), HCALL_ARG(ctxt, 2));
	HCALL_RET(ctxt, SV_HYP_OK, 0);
}

static void __handle_tlb_flush_all(struct sv_host_ctxt *ctxt)
{
	__sv_tlb_flush_all();
	HCALL_RET(ctxt, SV_HYP_OK, 0);
}

static void __handle_get_ich_vtr(struct sv_host_ctxt *ctxt)
{
	HCALL_RET(ctxt, SV_HYP_OK, __sv_vgic_v3_read_vtr());
}

static void __handle_cpu_init(struct sv_host_ctxt *ctxt)
{
	struct sv_hyp_cpu *hc = __sv_this_cpu();

	/* A CPU back from hotplug or a power-down: its GIC state is gone. */
	hc->vgic_resident = 0;
	hc->el1_resident = 0;		/* and so are its EL1 registers */
	__sv_host_el2_record(hc);
	HCALL_RET(ctxt, SV_HYP_OK, 0);
}

static const sv_hcall_fn hcall_table[SV_HCALL_NR - SV_HCALL_FIRST] __sv_hyp_ptrs = {
	[SV_HCALL_PING - SV_HCALL_FIRST] = __handle_ping,
	[SV_HCALL_SELFTEST_FAULT - SV_HCALL_FIRST] = __handle_selftest_fault,
	[SV_HCALL_VCPU_RUN - SV_HCALL_FIRST] = __handle_vcpu_run,
	[SV_HCALL_TLB_FLUSH_VMID - SV_HCALL_FIRST] = __handle_tlb_flush_vmid,
	[SV_HCALL_TLB_FLUSH_IPA - SV_HCALL_FIRST] = __handle_tlb_flush_ipa,
	[SV_HCALL_TLB_FLUSH_ALL - SV_HCALL_FIRST] = __handle_tlb_flush_all,
	[SV_HCALL_GET_ICH_VTR - SV_HCALL_FIRST] = __handle_get_ich_vtr,
	[SV_HCALL_CPU_INIT - SV_HCALL_FIRST] = __handle_cpu_init,
};

/* Called by the vectors for a host hvc whose x0 is not a stub call. */
void __handle_host_hcall(struct sv_host_ctxt *ctxt)
{
	sv_u64 id = HCALL_ARG(ctxt, 0);
	sv_hcall_fn fn = 0;

	/* The table holds host addresses (module relocations): convert. */
	if (id >= SV_HCALL_FIRST && id < SV_HCALL_NR && hcall_table[id - SV_HCALL_FIRST])
		fn = (sv_hcall_fn)sv_el2_addr(hcall_table[id - SV_HCALL_FIRST]);
	if (!fn) {
		HCALL_RET(ctxt, SV_HYP_ENOSYS, 0);
		return;
	}
	fn(ctxt);
}
