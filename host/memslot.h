/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Guest memory slots: KVM_SET_USER_MEMORY_REGION's checks (with upstream's
 * errnos) and the slot set, sorted by guest frame for lookups on stage-2
 * faults.  Pure logic: the caller allocates and locks.
 */
#ifndef SV_MEMSLOT_H
#define SV_MEMSLOT_H

#include "sv_pure.h"

#define SV_PAGE_SHIFT		12
#define SV_PAGE_SIZE		(1ULL << SV_PAGE_SHIFT)
/* As upstream on arm64: KVM_MEM_SLOTS_NUM = SHRT_MAX, one address space. */
#define SV_MEM_SLOTS_NUM	32767
#define SV_MEM_MAX_NR_PAGES	((1ULL << 31) - 1)

struct sv_memslot {
	__u32 id;
	__u32 flags;
	__u64 base_gfn;
	__u64 npages;
	__u64 userspace_addr;
	unsigned long *dirty_bitmap;	/* with KVM_MEM_LOG_DIRTY_PAGES */
};

struct sv_memslots {
	struct sv_memslot **by_gfn;	/* sorted by base_gfn, no overlaps */
	unsigned int nr;
	unsigned int cap;
	__u64 nr_pages;
};

enum sv_mr_change {
	SV_MR_NONE,		/* identical to the existing slot: nothing to do */
	SV_MR_CREATE,
	SV_MR_DELETE,
	SV_MR_MOVE,
	SV_MR_FLAGS_ONLY,
};

/*
 * Check a KVM_SET_USER_MEMORY_REGION request against the slot set.
 * ipa_limit: the VM's IPA size in bytes.  Returns 0 with *change and *old
 * (NULL for a new slot) or the errno upstream returns.  access_ok() on the
 * user range is the caller's (it needs the kernel).
 */
int sv_memslot_check(const struct sv_memslots *ms,
		     const struct kvm_userspace_memory_region *mem,
		     __u64 ipa_limit, enum sv_mr_change *change,
		     struct sv_memslot **old);

struct sv_memslot *sv_memslot_by_gfn(const struct sv_memslots *ms, __u64 gfn);
struct sv_memslot *sv_memslot_by_id(const struct sv_memslots *ms, __u32 id);
/* The caller guarantees ms->nr < ms->cap and no overlap. */
void sv_memslot_insert(struct sv_memslots *ms, struct sv_memslot *slot);
void sv_memslot_remove(struct sv_memslots *ms, struct sv_memslot *slot);

static inline __u64 sv_memslot_hva(const struct sv_memslot *s, __u64 gfn)
{
	return s->userspace_addr + ((gfn - s->base_gfn) << SV_PAGE_SHIFT);
}

#endif /* SV_MEMSLOT_H */
