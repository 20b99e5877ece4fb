/* SPDX-License-Identifier: GPL-2.0 */
/*
 * KVM_IOEVENTFD and the MMIO bus for eventfds: a guest MMIO write that an
 * ioeventfd answers signals the eventfd and the guest re-enters without
 * an exit to userspace (host/mmu.c routes: vGIC, then this, then
 * KVM_EXIT_MMIO).  Upstream 6.1's ABI and errnos; the rules themselves
 * are in ioeventfd_match.h.
 *
 * Locking (per VM, struct sv_ioeventfd_vm):
 *   mutex - assign and deassign (the collision check and the table);
 *   RCU   - the vCPU exit path's lookup; a deassign waits an (expedited)
 *           grace period before it drops the eventfd, so no write
 *           signals it after KVM_IOEVENTFD returns.
 */
#ifndef SV_IOEVENTFD_H
#define SV_IOEVENTFD_H

#include <linux/hashtable.h>
#include <linux/kvm.h>
#include <linux/mutex.h>
#include <linux/types.h>

struct sv_vm;

#define SV_IOEVENTFD_HASH_BITS	6	/* buckets by address */

/* struct sv_vm.ioeventfd */
struct sv_ioeventfd_vm {
	struct mutex mutex;
	DECLARE_HASHTABLE(table, SV_IOEVENTFD_HASH_BITS);	/* RCU; under mutex */
};

void sv_ioeventfd_vm_init(struct sv_vm *vm);	/* KVM_CREATE_VM, after kzalloc */
/* VM destroy: no vCPU can run any more.  Also for a half-created VM. */
void sv_ioeventfd_vm_destroy(struct sv_vm *vm);
int sv_ioeventfd(struct sv_vm *vm, const struct kvm_ioeventfd *args);	/* KVM_IOEVENTFD */
/*
 * A guest write of len bytes of data (zero-extended) at IPA addr: true if
 * an ioeventfd answered it (its eventfd is signalled).  Process context;
 * takes only the RCU read side.
 */
bool sv_ioeventfd_write(struct sv_vm *vm, u64 addr, u32 len, u64 data);

#endif /* SV_IOEVENTFD_H */
