// SPDX-License-Identifier: GPL-2.0
/* Memory slot checks and lookups (host/memslot.c), natively. */
#include <string.h>
#include "tap.h"
#include "memslot.h"

static struct sv_memslot store[8];
static struct sv_memslot *arr[8];
static struct sv_memslots ms = { arr, 0, 8, 0 };

static int check(__u32 slot, __u32 flags, __u64 gpa, __u64 size, __u64 hva,
		 enum sv_mr_change *ch, struct sv_memslot **old)
{
	struct kvm_userspace_memory_region r = { slot, flags, gpa, size, hva };

	return sv_memslot_check(&ms, &r, 1ULL << 40, ch, old);
}

static void add(unsigned int i, __u32 id, __u64 gfn, __u64 npages, __u64 hva, __u32 flags)
{
	store[i] = (struct sv_memslot){ id, flags, gfn, npages, hva, NULL };
	sv_memslot_insert(&ms, &store[i]);
}

int main(void)
{
	enum sv_mr_change ch;
	struct sv_memslot *old;

	TAP_EQ(check(0, 0x4, 0, 4096, 0x10000, &ch, &old), -EINVAL, "unknown flag");
	TAP_EQ(check(0, 0, 0, 100, 0x10000, &ch, &old), -EINVAL, "size not a page multiple");
	TAP_EQ(check(0, 0, 0x800, 4096, 0x10000, &ch, &old), -EINVAL, "unaligned guest address");
	TAP_EQ(check(0, 0, 0, 4096, 0x10008, &ch, &old), -EINVAL, "unaligned host address");
	TAP_EQ(check(1 << 16, 0, 0, 4096, 0x10000, &ch, &old), -EINVAL, "address space 1");
	TAP_EQ(check(SV_MEM_SLOTS_NUM, 0, 0, 4096, 0x10000, &ch, &old), -EINVAL, "slot id too big");
	TAP_EQ(check(0, 0, ~0xfffULL, 8192, 0x10000, &ch, &old), -EINVAL, "wraps around");
	TAP_EQ(check(0, 0, 1ULL << 40, 4096, 0x10000, &ch, &old), -EFAULT, "beyond the IPA space");
	TAP_EQ(check(3, 0, 0, 0, 0, &ch, &old), -EINVAL, "delete of a missing slot");
	TAP_EQ(check(0, 0, 0x100000, 0x10000, 0x40000000, &ch, &old), 0, "a new slot");
	TAP_EQ(ch, SV_MR_CREATE, "... is a create");

	add(0, 0, 0x100, 16, 0x40000000, 0);	/* [0x100000, 0x110000) */
	add(1, 5, 0x10, 4, 0x50000000, KVM_MEM_READONLY);
	add(2, 7, 0x200, 1, 0x60000000, 0);
	TAP_EQ(ms.nr, 3, "three slots");
	TAP_CHECK(ms.by_gfn[0]->id == 5 && ms.by_gfn[1]->id == 0 && ms.by_gfn[2]->id == 7,
		  "kept sorted by guest frame");
	TAP_EQ(ms.nr_pages, 21, "pages counted");

	TAP_CHECK(sv_memslot_by_gfn(&ms, 0x100) == &store[0], "lookup: first frame");
	TAP_CHECK(sv_memslot_by_gfn(&ms, 0x10f) == &store[0], "lookup: last frame");
	TAP_CHECK(sv_memslot_by_gfn(&ms, 0x110) == NULL, "lookup: one past the end");
	TAP_CHECK(sv_memslot_by_gfn(&ms, 0x13) == &store[1], "lookup: another slot");
	TAP_CHECK(sv_memslot_by_gfn(&ms, 0x14) == NULL, "lookup: a hole");
	TAP_CHECK(sv_memslot_by_id(&ms, 7) == &store[2], "lookup by id");
	TAP_EQ(sv_memslot_hva(&store[0], 0x102), 0x40002000, "host address of a frame");

	TAP_EQ(check(1, 0, 0x108000, 4096, 0x70000000, &ch, &old), -EEXIST, "overlap");
	TAP_EQ(check(1, 0, 0x110000, 4096, 0x70000000, &ch, &old), 0, "adjacent is fine");
	TAP_EQ(check(0, 0, 0x100000, 0x10000, 0x40000000, &ch, &old), 0, "same again");
	TAP_CHECK(ch == SV_MR_NONE && old == &store[0], "... changes nothing");
	TAP_EQ(check(0, KVM_MEM_LOG_DIRTY_PAGES, 0x100000, 0x10000, 0x40000000, &ch, &old), 0,
	       "flags change");
	TAP_EQ(ch, SV_MR_FLAGS_ONLY, "... is flags-only");
	TAP_EQ(check(0, 0, 0x300000, 0x10000, 0x40000000, &ch, &old), 0, "move");
	TAP_EQ(ch, SV_MR_MOVE, "... is a move");
	TAP_EQ(check(0, 0, 0x10000, 0x10000, 0x40000000, &ch, &old), -EEXIST,
	       "move onto another slot");
	TAP_EQ(check(0, 0, 0x100000, 0x20000, 0x40000000, &ch, &old), -EINVAL, "resize");
	TAP_EQ(check(0, 0, 0x100000, 0x10000, 0x40001000, &ch, &old), -EINVAL, "new host address");
	TAP_EQ(check(5, 0, 0x10000, 0x4000, 0x50000000, &ch, &old), -EINVAL,
	       "dropping READONLY");
	TAP_EQ(check(5, KVM_MEM_READONLY, 0, 0, 0, &ch, &old), 0, "delete");
	TAP_CHECK(ch == SV_MR_DELETE && old == &store[1], "... of that slot");

	sv_memslot_remove(&ms, &store[1]);
	TAP_EQ(ms.nr, 2, "removed");
	TAP_EQ(ms.nr_pages, 17, "pages uncounted");
	TAP_CHECK(sv_memslot_by_gfn(&ms, 0x13) == NULL, "gone from lookups");
	TAP_CHECK(ms.by_gfn[0]->id == 0 && ms.by_gfn[1]->id == 7, "still sorted");
	return tap_done();
}
