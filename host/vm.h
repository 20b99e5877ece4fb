/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The core's own interfaces between host/ files; the VM and vCPU objects
 * and what devices may use are in sv_core.h.
 */
#ifndef SV_VM_H
#define SV_VM_H

#include "sv_core.h"

/* host/vcpu.c */
int sv_target_cpu(void);

/* host/vm.c */
long sv_create_vm(unsigned long type);
/* fn on every live VM, under the VM list's mutex (the VM and its vCPUs stay meanwhile). */
void sv_vm_for_each(void (*fn)(struct sv_vm *vm, void *arg), void *arg);
unsigned int sv_max_ipa_bits(void);
unsigned int sv_parange(void);

/* host/mmu.c */
int sv_mmu_init(struct sv_vm *vm);
void sv_mmu_destroy(struct sv_vm *vm);
int sv_mmu_notifier_register(struct sv_vm *vm);
void sv_mmu_unmap_slot(struct sv_vm *vm, struct sv_memslot *slot);
void sv_mmu_wrprotect_slot(struct sv_vm *vm, struct sv_memslot *slot);
/* >0 re-enter, 0 exit to user (kvm_run filled), <0 error */
int sv_handle_guest_abort(struct sv_vcpu *vcpu);
void sv_tlb_flush_vm(struct sv_vm *vm);

/* host/vmid.c */
int sv_vmid_alloc(struct sv_vm *vm);
void sv_vmid_free(struct sv_vm *vm);
bool sv_vmid_check(struct sv_vm *vm);
u64 sv_vmid_generation(void);
void sv_vmid_refresh(struct sv_vm *vm);

/* host/vcpu.c */
int sv_create_vcpu(struct sv_vm *vm, unsigned long id);
void sv_vcpu_destroy(struct sv_vcpu *vcpu);
void sv_vcpu_kick_flush(void);
int sv_vcpu_reset(struct sv_vcpu *vcpu);
void sv_vcpu_reset_if_pending(struct sv_vcpu *vcpu);

/* The host may have written ctxt.sys: EL2 must not trust the CPU's copy. */
static inline void sv_vcpu_el1_changed(struct sv_vcpu *vcpu)
{
	WRITE_ONCE(vcpu->hyp->el1_loaded_on, 0);
}

/* host/exits.c: >0 re-enter, 0 exit to userspace, <0 error */
int sv_handle_exit(struct sv_vcpu *vcpu, long code);

/* host/psci.c */
struct sv_fast_hvc_table;
int sv_handle_hvc(struct sv_vcpu *vcpu);
void sv_psci_vcpu_init(struct sv_vcpu *vcpu);
int sv_hvc_rows_check(void);
/* The vCPU's fixed answers for EL2 (hyp/fast-hvc.c); -ENOSPC if they do not fit. */
int sv_hvc_fast_fill(struct sv_vcpu *vcpu, struct sv_fast_hvc_table *t);

/* host/one_reg.c */
int sv_get_one_reg(struct sv_vcpu *vcpu, const struct kvm_one_reg *reg);
int sv_set_one_reg(struct sv_vcpu *vcpu, const struct kvm_one_reg *reg);
int sv_get_reg_list(struct sv_vcpu *vcpu, struct kvm_reg_list __user *user);

/* host/debug.c */
void sv_debug_vcpu_init(struct sv_vcpu *vcpu);
void sv_debug_prepare(struct sv_vcpu *vcpu);
int sv_set_guest_debug(struct sv_vcpu *vcpu, const struct kvm_guest_debug *dbg);
int sv_exit_debug(struct sv_vcpu *vcpu);
unsigned int sv_debug_nr_brps(void);
unsigned int sv_debug_nr_wrps(void);

/* host/pvtime.c */
bool sv_pvtime_supported(void);
void sv_pvtime_update(struct sv_vcpu *vcpu);
int sv_vcpu_device_attr(struct sv_vcpu *vcpu, unsigned int cmd,
			const struct kvm_device_attr *attr);

/* host/fastpath.c: the answers EL2's fast paths give */
int sv_fast_vcpu_init(struct sv_vcpu *vcpu);
void sv_fast_vcpu_destroy(struct sv_vcpu *vcpu);
void sv_fast_mark_stale(struct sv_vcpu *vcpu);
void sv_fast_mark_stale_vm(struct sv_vm *vm);
void sv_fast_publish(struct sv_vcpu *vcpu);

/* host/stats.c: KVM_GET_STATS_FD */
int sv_vm_stats_fd(struct sv_vm *vm);
int sv_vcpu_stats_fd(struct sv_vcpu *vcpu);

/* host/caps.c (VM-aware answer) */
long sv_vm_check_extension(struct sv_vm *vm, long cap);

#endif /* SV_VM_H */
