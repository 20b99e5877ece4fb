// SPDX-License-Identifier: GPL-2.0
/*
 * VMIDs: 8-bit, one per live VM, 0 reserved for the host.  A VMID is
 * reused only after its VM's TLB entries were invalidated (sv_mmu_destroy
 * flushes by VMID before the VM lets it go), so reuse never sees a stale
 * translation.  With 255 live VMs the next CREATE_VM fails with -ENOSPC.
 * (Upstream rolls VMIDs over with a generation count and can exceed that:
 * see Documentation/design.rst, "Known gaps".)
 */
#include <linux/bitmap.h>
#include <linux/spinlock.h>

#include "splitvisor.h"
#include "vm.h"

#define SV_NR_VMIDS	256

static DECLARE_BITMAP(sv_vmid_used, SV_NR_VMIDS) = { 1 };	/* VMID 0: host */
static DEFINE_SPINLOCK(sv_vmid_lock);

int sv_vmid_alloc(struct sv_vm *vm)
{
	unsigned long id;

	spin_lock(&sv_vmid_lock);
	id = find_first_zero_bit(sv_vmid_used, SV_NR_VMIDS);
	if (id < SV_NR_VMIDS)
		set_bit(id, sv_vmid_used);
	spin_unlock(&sv_vmid_lock);
	if (id >= SV_NR_VMIDS)
		return -ENOSPC;
	vm->vmid = id;
	return 0;
}

void sv_vmid_free(struct sv_vm *vm)
{
	if (!vm->vmid)
		return;
	spin_lock(&sv_vmid_lock);
	clear_bit(vm->vmid, sv_vmid_used);
	spin_unlock(&sv_vmid_lock);
	vm->vmid = 0;
}
