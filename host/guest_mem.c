// SPDX-License-Identifier: GPL-2.0
/*
 * Guest memory by IPA for the core and the devices (PV time, the ITS's
 * tables, LPI pending tables): through the VMM's own mapping of the
 * memslots, so copy_*_user act on current->mm and only the VMM's process
 * (its vCPU threads and ioctls) may call.
 */
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/uaccess.h>

#include "vm.h"

static int sv_guest_copy(struct sv_vm *vm, u64 ipa, void *buf, size_t len, bool write)
{
	int ret = 0;

	if (vm->mm != current->mm)
		return -EFAULT;
	down_read(&vm->slots_lock);
	while (len && !ret) {
		size_t chunk = min_t(size_t, len, PAGE_SIZE - (ipa & ~PAGE_MASK));
		u64 gfn = ipa >> PAGE_SHIFT;
		struct sv_memslot *s = sv_memslot_by_gfn(&vm->slots, gfn);
		void __user *hva;

		if (!s || (write && (s->flags & KVM_MEM_READONLY))) {
			ret = -EFAULT;
			break;
		}
		hva = (void __user *)(unsigned long)(sv_memslot_hva(s, gfn) +
						     (ipa & ~PAGE_MASK));
		if (write ? copy_to_user(hva, buf, chunk) : copy_from_user(buf, hva, chunk))
			ret = -EFAULT;
		else if (write && s->dirty_bitmap) {
			spin_lock(&vm->mmu_lock);
			set_bit(gfn - s->base_gfn, s->dirty_bitmap);
			spin_unlock(&vm->mmu_lock);
		}
		ipa += chunk;
		buf += chunk;
		len -= chunk;
	}
	up_read(&vm->slots_lock);
	return ret;
}

int sv_guest_read(struct sv_vm *vm, u64 ipa, void *buf, size_t len)
{
	return sv_guest_copy(vm, ipa, buf, len, false);
}

int sv_guest_write(struct sv_vm *vm, u64 ipa, const void *buf, size_t len)
{
	return sv_guest_copy(vm, ipa, (void *)buf, len, true);
}

bool sv_guest_ipa_is_ram(struct sv_vm *vm, u64 ipa)
{
	bool ok;

	down_read(&vm->slots_lock);
	ok = sv_memslot_by_gfn(&vm->slots, ipa >> PAGE_SHIFT) != NULL;
	up_read(&vm->slots_lock);
	return ok;
}
