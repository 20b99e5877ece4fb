// SPDX-License-Identifier: GPL-2.0
/*
 * The host's half of the EL2 fast-path tier: for each vCPU, the answers
 * EL2 may give without the host (hyp/fast-hvc.c, hyp/fast-sysreg.c),
 * in two pages of the pool shared with EL2.  They are recomputed by
 * running the host's own handlers (host/psci.c's fixed rows,
 * host/sysreg_table.c's fixed rows) before the vCPU next enters the
 * guest whenever something they depend on may have changed: INIT and
 * reset, ONE_REG writes (PSCI version, firmware bitmaps, MPIDR, ...),
 * vCPU attributes (PV time), VM capabilities.  The vCPU's mutex keeps
 * this apart from its runs, so EL2 never sees a table being written.
 * Documentation/design.rst, "The EL2 fast-path tier".
 */
#include <linux/bug.h>

#include "splitvisor.h"
#include "el2.h"
#include "sv_hyp_fast.h"
#include "sysreg_table.h"
#include "vm.h"

int sv_fast_vcpu_init(struct sv_vcpu *vcpu)
{
	BUILD_BUG_ON(sizeof(struct sv_fast_hvc_table) > PAGE_SIZE);
	BUILD_BUG_ON(sizeof(struct sv_fast_sysreg_table) > PAGE_SIZE);
	vcpu->fast.hvc = sv_hyp_page_alloc(&vcpu->fast.hvc_va);
	vcpu->fast.sysreg = sv_hyp_page_alloc(&vcpu->fast.sysreg_va);
	vcpu->fast.stale = true;
	return vcpu->fast.hvc && vcpu->fast.sysreg ? 0 : -ENOMEM;
}

void sv_fast_vcpu_destroy(struct sv_vcpu *vcpu)
{
	sv_hyp_page_free(vcpu->fast.hvc);
	sv_hyp_page_free(vcpu->fast.sysreg);
}

/* What the answers depend on changed (or may have): recompute before the next entry. */
void sv_fast_mark_stale(struct sv_vcpu *vcpu)
{
	WRITE_ONCE(vcpu->fast.stale, true);
}

/* Every vCPU of the VM, and make running ones exit so they pick it up. */
void sv_fast_mark_stale_vm(struct sv_vm *vm)
{
	int i, n = atomic_read_acquire(&vm->nr_vcpus);

	for (i = 0; i < n; i++) {
		sv_fast_mark_stale(vm->vcpus[i]);
		sv_vcpu_kick(vm->vcpus[i]);
	}
}

/*
 * Before an entry, from the vCPU's own thread (its mutex held).  A table
 * that does not fit (a bug: the arrays are sized for our rows) turns its
 * fast path off for this vCPU rather than answer wrongly.
 */
void sv_fast_publish(struct sv_vcpu *vcpu)
{
	struct sv_vcpu_cfg *cfg = &vcpu->hyp->cfg;
	struct sv_fast_sysreg_table *st = vcpu->fast.sysreg;
	int n;

	if (!READ_ONCE(vcpu->fast.stale))
		return;
	WRITE_ONCE(vcpu->fast.stale, false);
	cfg->fast_hvc = vcpu->fast.hvc_va;
	cfg->fast_sysreg = vcpu->fast.sysreg_va;
	if (WARN_ON_ONCE(sv_hvc_fast_fill(vcpu, vcpu->fast.hvc))) {
		vcpu->fast.hvc->nr_fids = vcpu->fast.hvc->nr_args = 0;
		cfg->fastpath &= ~SV_FAST_HVC;
	}
	n = sv_sysreg_fast_fill(vcpu, st->reg, SV_FAST_SYSREGS);
	if (WARN_ON_ONCE(n < 0)) {
		n = 0;
		cfg->fastpath &= ~SV_FAST_SYSREG;
	}
	st->nr = n;
}
