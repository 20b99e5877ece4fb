/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Native stand-in for host/sv_core.h, the core's interface for devices:
 * only the struct sv_vm / sv_vcpu fields vgic/ reads, with the same
 * names, and the core services the linked vGIC files call.
 */
#ifndef SV_CORE_H
#define SV_CORE_H

#include "kshim.h"
#include "emulate.h"
#include "sysregs.h"
#include "sv_hyp_vcpu.h"
#include "sv_vgic.h"

#define SV_MAX_VCPUS	8

struct sv_vm {
	struct sv_vcpu *vcpus[SV_MAX_VCPUS];
	atomic_t nr_vcpus;
	struct sv_vgic vgic;
};

struct sv_vcpu {
	struct sv_vm *vm;
	unsigned int idx;
	unsigned int vcpu_id;
	struct sv_vcpu_hyp *hyp;
	struct sv_vgic_cpu vgic;
};

/* host/el2.c's pool; test_vgic_regs.c provides it. */
void *sv_hyp_pages_alloc(unsigned int nr, u64 *hyp_va);
void sv_hyp_pages_free(void *page, unsigned int nr);

/* host/vcpu.c; the unit tests that link vgic/vgic.c provide them. */
void sv_vcpu_kick(struct sv_vcpu *vcpu);
/* The vCPU whose own KVM_RUN thread runs the code under test, or NULL. */
extern struct sv_vcpu *sv_unit_running_vcpu;

static inline bool sv_vcpu_kick_needed(struct sv_vcpu *vcpu)
{
	return sv_unit_running_vcpu != vcpu;
}

static inline struct sv_cpu_ctxt *sv_ctxt(struct sv_vcpu *vcpu)
{
	return &vcpu->hyp->ctxt;
}

#endif /* SV_CORE_H */
