// SPDX-License-Identifier: GPL-2.0
/* Memory slot checks and lookups (see memslot.h). */
#include "memslot.h"

static int sv_memslot_overlaps(const struct sv_memslots *ms, __u32 id,
			       __u64 start, __u64 end)
{
	unsigned int i;

	for (i = 0; i < ms->nr; i++) {
		const struct sv_memslot *s = ms->by_gfn[i];

		if (s->id == id)
			continue;
		if (start < s->base_gfn + s->npages && s->base_gfn < end)
			return 1;
	}
	return 0;
}

int sv_memslot_check(const struct sv_memslots *ms,
		     const struct kvm_userspace_memory_region *mem,
		     __u64 ipa_limit, enum sv_mr_change *change,
		     struct sv_memslot **oldp)
{
	__u32 as_id = mem->slot >> 16, id = mem->slot & 0xffff;
	struct sv_memslot *old;
	__u64 base_gfn, npages;

	if (mem->flags & ~(__u32)(KVM_MEM_LOG_DIRTY_PAGES | KVM_MEM_READONLY))
		return -EINVAL;
	if ((mem->memory_size & (SV_PAGE_SIZE - 1)) ||
	    (mem->guest_phys_addr & (SV_PAGE_SIZE - 1)) ||
	    (mem->userspace_addr & (SV_PAGE_SIZE - 1)))
		return -EINVAL;
	if (as_id != 0 || id >= SV_MEM_SLOTS_NUM)
		return -EINVAL;
	if (mem->guest_phys_addr + mem->memory_size < mem->guest_phys_addr)
		return -EINVAL;
	if ((mem->memory_size >> SV_PAGE_SHIFT) > SV_MEM_MAX_NR_PAGES)
		return -EINVAL;

	old = sv_memslot_by_id(ms, id);
	*oldp = old;
	if (!mem->memory_size) {
		if (!old)
			return -EINVAL;
		*change = SV_MR_DELETE;
		return 0;
	}

	base_gfn = mem->guest_phys_addr >> SV_PAGE_SHIFT;
	npages = mem->memory_size >> SV_PAGE_SHIFT;
	if (!old) {
		if (ms->nr_pages + npages < ms->nr_pages)
			return -EINVAL;
		*change = SV_MR_CREATE;
	} else {
		if (mem->userspace_addr != old->userspace_addr ||
		    npages != old->npages ||
		    ((mem->flags ^ old->flags) & KVM_MEM_READONLY))
			return -EINVAL;
		if (base_gfn != old->base_gfn)
			*change = SV_MR_MOVE;
		else if (mem->flags != old->flags)
			*change = SV_MR_FLAGS_ONLY;
		else
			*change = SV_MR_NONE;
	}
	if ((*change == SV_MR_CREATE || *change == SV_MR_MOVE) &&
	    sv_memslot_overlaps(ms, id, base_gfn, base_gfn + npages))
		return -EEXIST;
	/* arm64: the slot must fit in the VM's IPA space (upstream: -EFAULT). */
	if ((*change == SV_MR_CREATE || *change == SV_MR_MOVE) &&
	    mem->guest_phys_addr + mem->memory_size > ipa_limit)
		return -EFAULT;
	return 0;
}

struct sv_memslot *sv_memslot_by_gfn(const struct sv_memslots *ms, __u64 gfn)
{
	unsigned int lo = 0, hi = ms->nr;

	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;
		struct sv_memslot *s = ms->by_gfn[mid];

		if (gfn < s->base_gfn)
			hi = mid;
		else if (gfn >= s->base_gfn + s->npages)
			lo = mid + 1;
		else
			return s;
	}
	return NULL;
}

struct sv_memslot *sv_memslot_by_id(const struct sv_memslots *ms, __u32 id)
{
	unsigned int i;

	for (i = 0; i < ms->nr; i++)
		if (ms->by_gfn[i]->id == id)
			return ms->by_gfn[i];
	return NULL;
}

void sv_memslot_insert(struct sv_memslots *ms, struct sv_memslot *slot)
{
	unsigned int i = ms->nr;

	while (i > 0 && ms->by_gfn[i - 1]->base_gfn > slot->base_gfn) {
		ms->by_gfn[i] = ms->by_gfn[i - 1];
		i--;
	}
	ms->by_gfn[i] = slot;
	ms->nr++;
	ms->nr_pages += slot->npages;
}

void sv_memslot_remove(struct sv_memslots *ms, struct sv_memslot *slot)
{
	unsigned int i;

	for (i = 0; i < ms->nr; i++) {
		if (ms->by_gfn[i] != slot)
			continue;
		for (; i + 1 < ms->nr; i++)
			ms->by_gfn[i] = ms->by_gfn[i + 1];
		ms->nr--;
		ms->nr_pages -= slot->npages;
		return;
	}
}
