// SPDX-License-Identifier: GPL-2.0
/*
 * Stage-2 memory management: demand faulting guest memory from memslots,
 * and an MMU notifier so that nothing the host does to the VMM's memory
 * (munmap, swap, migration, THP split, KSM) leaves a stale stage-2 entry.
 *
 * Pages are looked up with get_user_pages_fast(), mapped, and released at
 * once, as upstream KVM does: correctness comes from the notifier, which
 * unmaps the IPA (and flushes the TLB) before the host frees or moves the
 * page.  A fault that raced with an invalidation of its page (one in
 * progress over its host address, or mmu_seq moved) is retried instead
 * of mapped.  The notifier sees every change to the VMM's address space
 * (its heap, its threads' stacks, ...): only those that touch a memslot
 * move mmu_seq, and a fault waits only for an invalidation in progress
 * over its own address -- else a vCPU faulting while QEMU frees some
 * unrelated memory would fault again and again until that finished
 * (measured: 2.5 million faults in one guest boot under -icount).
 */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/sched/mm.h>
#include <asm/cacheflush.h>

#include "splitvisor.h"
#include "arm_regs.h"
#include "el2.h"
#include "emulate.h"
#include "sv_hyp_abi.h"
#include "vm.h"

/* ---- stage-2 table ops (called under mmu_lock) --------------------------- */

static void *sv_s2_alloc(void *ctx, __u64 *pa)
{
	struct sv_vm *vm = ctx;
	void *p;

	if (!vm->pt_cache_nr)
		return NULL;
	p = vm->pt_cache[--vm->pt_cache_nr];
	*pa = virt_to_phys(p);
	vm->stats.s2_tables++;
	return p;
}

static void sv_s2_free(void *ctx, void *table)
{
	struct sv_vm *vm = ctx;

	free_page((unsigned long)table);
	vm->stats.s2_tables--;
}

static void *sv_s2_va(void *ctx, __u64 pa)
{
	return phys_to_virt(pa);
}

static void sv_s2_flush_ipa(void *ctx, __u64 ipa)
{
	struct sv_vm *vm = ctx;

	sv_hyp_call2(SV_HCALL_TLB_FLUSH_IPA, vm->vttbr, ipa);
	vm->stats.remote_tlb_flush++;
}

void sv_tlb_flush_vm(struct sv_vm *vm)
{
	sv_hyp_call2(SV_HCALL_TLB_FLUSH_VMID, vm->vttbr, 0);
	vm->stats.remote_tlb_flush++;
}

static void sv_s2_flush_all(void *ctx)
{
	sv_tlb_flush_vm(ctx);
}

/* Clean D-cache to PoC (a guest with its MMU off reads memory directly),
 * and make instructions visible if the memory is executable. */
static void sv_s2_sync_page(void *ctx, __u64 pa, __u64 size, unsigned int prot)
{
	void *va = phys_to_virt(pa);
	u64 line = 4UL << ((read_sysreg(ctr_el0) >> 16) & 0xf);
	u64 addr;

	for (addr = (u64)va; addr < (u64)va + size; addr += line)
		asm volatile("dc civac, %0" : : "r"(addr) : "memory");
	dsb(sy);
	if (prot & SV_S2_X)
		caches_clean_inval_pou((unsigned long)va, (unsigned long)va + size);
}

static const struct sv_s2_ops sv_s2_ops = {
	.alloc_table	= sv_s2_alloc,
	.free_table	= sv_s2_free,
	.table_va	= sv_s2_va,
	.tlb_flush_ipa	= sv_s2_flush_ipa,
	.tlb_flush_all	= sv_s2_flush_all,
	.sync_page	= sv_s2_sync_page,
};

/* Enough tables for one more mapping (one per level), outside mmu_lock. */
static int sv_pt_cache_topup(struct sv_vm *vm)
{
	while (vm->pt_cache_nr < ARRAY_SIZE(vm->pt_cache)) {
		void *p = (void *)get_zeroed_page(GFP_KERNEL_ACCOUNT);

		if (!p)
			return -ENOMEM;
		spin_lock(&vm->mmu_lock);
		if (vm->pt_cache_nr < ARRAY_SIZE(vm->pt_cache)) {
			vm->pt_cache[vm->pt_cache_nr++] = p;
			p = NULL;
		}
		spin_unlock(&vm->mmu_lock);
		if (p)
			free_page((unsigned long)p);
	}
	return 0;
}

int sv_mmu_init(struct sv_vm *vm)
{
	int ret = sv_pt_cache_topup(vm);

	if (!ret)
		ret = sv_s2_init(&vm->s2, vm->ipa_bits, &sv_s2_ops, vm);
	if (ret)
		return ret;
	vm->vtcr = sv_s2_vtcr(&vm->s2, sv_parange());
	return 0;	/* VTTBR: with the VMID (host/vmid.c) */
}

void sv_mmu_destroy(struct sv_vm *vm)
{
	if (vm->s2.root) {
		sv_s2_destroy(&vm->s2);
		if (vm->vmid)
			sv_tlb_flush_vm(vm);
	}
	while (vm->pt_cache_nr)
		free_page((unsigned long)vm->pt_cache[--vm->pt_cache_nr]);
}

/* Both with mmu_lock held (the slot array changes under it too). */
void sv_mmu_unmap_slot(struct sv_vm *vm, struct sv_memslot *slot)
{
	sv_s2_unmap_range(&vm->s2, slot->base_gfn << PAGE_SHIFT,
			  slot->npages << PAGE_SHIFT);
	vm->stats.s2_pages = vm->s2.nr_pages;
	vm->stats.s2_blocks = vm->s2.nr_blocks;
}

void sv_mmu_wrprotect_slot(struct sv_vm *vm, struct sv_memslot *slot)
{
	sv_s2_wrprotect_range(&vm->s2, slot->base_gfn << PAGE_SHIFT,
			      slot->npages << PAGE_SHIFT);
}

/* ---- MMU notifier -------------------------------------------------------- */

/*
 * Does [start, end) meet a memslot's host range?  With unmap, also unmap
 * every IPA whose host address falls in it.  mmu_lock held.
 */
static bool sv_mmu_hva_range(struct sv_vm *vm, unsigned long start, unsigned long end,
			     bool unmap)
{
	bool hit = false;
	unsigned int i;

	for (i = 0; i < vm->slots.nr; i++) {
		struct sv_memslot *s = vm->slots.by_gfn[i];
		unsigned long s_start = s->userspace_addr;
		unsigned long s_end = s_start + (s->npages << PAGE_SHIFT);
		unsigned long a = max(start, s_start), b = min(end, s_end);

		if (a >= b)
			continue;
		hit = true;
		if (!unmap)
			break;
		sv_s2_unmap_range(&vm->s2,
				  (s->base_gfn << PAGE_SHIFT) + (a - s_start), b - a);
	}
	return hit;
}

static struct sv_vm *mn_to_vm(struct mmu_notifier *mn)
{
	return container_of(mn, struct sv_vm, mn);
}

/*
 * The notifier may not sleep, so it cannot take slots_lock: instead every
 * change to the slot array is also made under mmu_lock (host/vm.c), and
 * walking it here under mmu_lock sees either the old or the new set.
 */
static int sv_mn_invalidate_range_start(struct mmu_notifier *mn,
					const struct mmu_notifier_range *range)
{
	struct sv_vm *vm = mn_to_vm(mn);

	spin_lock(&vm->mmu_lock);
	if (!vm->mmu_invalidating++) {
		vm->mmu_inval_start = range->start;
		vm->mmu_inval_end = range->end;
	} else {
		vm->mmu_inval_start = min(vm->mmu_inval_start, range->start);
		vm->mmu_inval_end = max(vm->mmu_inval_end, range->end);
	}
	if (sv_mmu_hva_range(vm, range->start, range->end, true))
		vm->mmu_seq++;
	spin_unlock(&vm->mmu_lock);
	return 0;
}

static void sv_mn_invalidate_range_end(struct mmu_notifier *mn,
				       const struct mmu_notifier_range *range)
{
	struct sv_vm *vm = mn_to_vm(mn);

	/*
	 * A fault holds slots_lock (read) from before it reads mmu_seq until
	 * it maps: its memslot is here at the end too, so it sees the bump.
	 */
	spin_lock(&vm->mmu_lock);
	if (sv_mmu_hva_range(vm, range->start, range->end, false))
		vm->mmu_seq++;
	vm->mmu_invalidating--;
	spin_unlock(&vm->mmu_lock);
}

/* The address space is going away: nothing of it may stay mapped. */
static void sv_mn_release(struct mmu_notifier *mn, struct mm_struct *mm)
{
	struct sv_vm *vm = mn_to_vm(mn);

	spin_lock(&vm->mmu_lock);
	vm->mmu_seq++;
	sv_s2_unmap_range(&vm->s2, 0, 1ULL << vm->ipa_bits);
	spin_unlock(&vm->mmu_lock);
}

static const struct mmu_notifier_ops sv_mn_ops = {
	.invalidate_range_start	= sv_mn_invalidate_range_start,
	.invalidate_range_end	= sv_mn_invalidate_range_end,
	.release		= sv_mn_release,
};

int sv_mmu_notifier_register(struct sv_vm *vm)
{
	vm->mn.ops = &sv_mn_ops;
	return mmu_notifier_register(&vm->mn, vm->mm);
}

/* ---- stage-2 faults ------------------------------------------------------ */

/* mmu_lock held: may the host page behind [start, end) have changed since seq? */
static bool sv_mmu_retry(struct sv_vm *vm, unsigned long seq, unsigned long start,
			 unsigned long end)
{
	return vm->mmu_seq != seq ||
	       (vm->mmu_invalidating && start < vm->mmu_inval_end && end > vm->mmu_inval_start);
}

/*
 * A guest write an ioeventfd of the EL2 table answers -- the doorbells
 * SV_FAST_DOORBELL posts at EL2.  Their entries are valid only while no
 * memslot and no vGIC frame covers them (virtio/ioeventfd.c), so the host
 * answers them, as EL2 does, before its memslot and vGIC lookups.
 * 1 = answered; 0 = the ordinary path decides.
 */
static int sv_mmio_doorbell(struct sv_vcpu *vcpu, u64 esr, u64 ipa)
{
	struct sv_cpu_ctxt *c = sv_ctxt(vcpu);
	enum sv_ioev_hit hit;
	struct sv_mmio m;

	if (sv_mmio_decode(c, esr, ipa, &m) || !m.is_write)
		return 0;
	hit = sv_ioeventfd_write(vcpu->vm, ipa, m.len, m.data, true);
	if (hit != SV_IOEV_SIGNALLED && hit != SV_IOEV_POSTED)
		return 0;
	vcpu->stats.mmio_exit_kernel++;
	vcpu->stats.ioeventfd_posted += hit == SV_IOEV_POSTED;
	sv_instr_skip(c, esr);
	return 1;
}

/* Fill kvm_run for an MMIO access userspace must emulate. */
static int sv_mmio_exit(struct sv_vcpu *vcpu, u64 esr, u64 ipa)
{
	struct sv_cpu_ctxt *c = sv_ctxt(vcpu);
	struct kvm_run *run = vcpu->run;
	enum sv_ioev_hit hit;
	struct sv_mmio m;
	bool handled;

	if (sv_mmio_decode(c, esr, ipa, &m)) {
		/* No syndrome to decode the access with (ISV=0). */
		if (vcpu->vm->nisv_to_user) {
			run->exit_reason = KVM_EXIT_ARM_NISV;
			run->arm_nisv.esr_iss = SV_ESR_ISS(esr) & ~SV_ESR_FSC;
			run->arm_nisv.fault_ipa = ipa;
			return 0;
		}
		pr_info_ratelimited(SV_NAME ": data abort at IPA %#llx outside memslots without a valid syndrome\n",
				    ipa);
		return -ENOSYS;
	}
	/*
	 * The MMIO bus: an in-kernel device (the vGIC), then a write an
	 * ioeventfd answers (virtio/ioeventfd.c), stay in the kernel; the
	 * rest goes to userspace.  The vGIC first: for an ioeventfd inside
	 * one of its frames upstream's bus also finds the vGIC's region
	 * first -- when the ioeventfd came after the first KVM_RUN, which
	 * registers the frames (equal ranges stay in the order they came).
	 * The doorbells were answered before: sv_mmio_doorbell().
	 */
	handled = sv_vgic_mmio(vcpu, &m);
	if (!handled && m.is_write) {
		hit = sv_ioeventfd_write(vcpu->vm, ipa, m.len, m.data, false);
		handled = hit != SV_IOEV_NONE;
		vcpu->stats.ioeventfd_posted += hit == SV_IOEV_POSTED;
	}
	if (handled) {
		vcpu->stats.mmio_exit_kernel++;
		sv_instr_skip(c, esr);
		return 1;
	}
	run->exit_reason = KVM_EXIT_MMIO;
	run->mmio.phys_addr = ipa;
	run->mmio.len = m.len;
	run->mmio.is_write = m.is_write;
	memset(run->mmio.data, 0, sizeof(run->mmio.data));
	if (m.is_write) {
		memcpy(run->mmio.data, &m.data, m.len);
		sv_instr_skip(c, esr);
	} else {
		vcpu->pending_mmio = true;
		vcpu->mmio.rt = m.rt;
		vcpu->mmio.len = m.len;
		vcpu->mmio.sign_extend = m.sign_extend;
		vcpu->mmio.sixty_four = m.sixty_four;
	}
	vcpu->stats.mmio_exit_user++;
	return 0;
}

static void sv_mark_dirty(struct sv_memslot *slot, u64 gfn)
{
	if (slot->dirty_bitmap)
		set_bit(gfn - slot->base_gfn, slot->dirty_bitmap);
}

/*
 * Does the VMM map hva with a 2 MiB (or larger) leaf?  A lockless walk of
 * its page tables with interrupts off, as GUP-fast does (tables are not
 * freed under us); the answer is only trusted if no invalidation ran
 * before the stage-2 update (mmu_seq), like the page itself.
 */
static bool sv_host_maps_block(struct mm_struct *mm, unsigned long hva)
{
	unsigned long flags;
	bool block = false;
	pgd_t pgd;
	p4d_t p4d;
	pud_t pud;
	pmd_t pmd;

	local_irq_save(flags);
	pgd = READ_ONCE(*pgd_offset(mm, hva));
	if (pgd_none(pgd) || pgd_bad(pgd))
		goto out;
	p4d = READ_ONCE(*p4d_offset(&pgd, hva));
	if (p4d_none(p4d) || p4d_bad(p4d))
		goto out;
	pud = READ_ONCE(*pud_offset(&p4d, hva));
	if (pud_none(pud))
		goto out;
	if (pud_leaf(pud)) {
		block = true;
		goto out;
	}
	pmd = READ_ONCE(*pmd_offset(&pud, hva));
	block = pmd_present(pmd) && pmd_leaf(pmd);
out:
	local_irq_restore(flags);
	return block;
}

/* Can the fault at gfn be served with a 2 MiB block? */
static bool sv_block_possible(struct sv_memslot *slot, u64 gfn)
{
	u64 npb = SV_S2_BLOCK_SIZE >> PAGE_SHIFT;
	u64 first = gfn & ~(npb - 1);

	if (slot->dirty_bitmap)
		return false;	/* logging tracks 4 KiB pages */
	if ((sv_memslot_hva(slot, gfn) ^ (gfn << PAGE_SHIFT)) & (SV_S2_BLOCK_SIZE - 1))
		return false;	/* host and guest offsets in 2 MiB differ */
	return first >= slot->base_gfn && first + npb <= slot->base_gfn + slot->npages;
}

static int sv_map_gfn(struct sv_vcpu *vcpu, struct sv_memslot *slot, u64 gfn,
		      bool write)
{
	struct sv_vm *vm = vcpu->vm;
	unsigned long hva = sv_memslot_hva(slot, gfn);
	bool readonly_slot = slot->flags & KVM_MEM_READONLY;
	bool logging = slot->dirty_bitmap && !readonly_slot;
	struct page *page = NULL;
	unsigned int prot = SV_S2_R | SV_S2_X;
	unsigned long seq;
	bool block;
	int ret;

	ret = sv_pt_cache_topup(vm);
	if (ret)
		return ret;
	seq = READ_ONCE(vm->mmu_seq);
	smp_rmb();	/* pairs with the seq bump in the notifier */

	/*
	 * Writable if the host allows it; while dirty logging only on a write
	 * fault, so that the first write to each page is seen.  A read fault
	 * on memory the host maps read-only gets a read-only mapping.
	 */
	if (!readonly_slot && (write || !logging) &&
	    get_user_pages_fast(hva, 1, FOLL_WRITE, &page) == 1)
		prot |= SV_S2_W;
	else if (write || get_user_pages_fast(hva, 1, 0, &page) != 1)
		return -EFAULT;

	block = sv_block_possible(slot, gfn) && sv_host_maps_block(vm->mm, hva);

	spin_lock(&vm->mmu_lock);
	/* A block maps the host's whole 2 MiB around hva. */
	if (block ? sv_mmu_retry(vm, seq, hva & ~(SV_S2_BLOCK_SIZE - 1),
				 (hva & ~(SV_S2_BLOCK_SIZE - 1)) + SV_S2_BLOCK_SIZE)
		  : sv_mmu_retry(vm, seq, hva & PAGE_MASK, (hva & PAGE_MASK) + PAGE_SIZE)) {
		spin_unlock(&vm->mmu_lock);
		put_page(page);
		return 1;	/* the guest faults again */
	}
	if (block)
		ret = sv_s2_map_block(&vm->s2, (gfn << PAGE_SHIFT) & ~(SV_S2_BLOCK_SIZE - 1),
				      (page_to_phys(page) - (hva & (SV_S2_BLOCK_SIZE - 1))),
				      prot);
	else
		ret = sv_s2_map_page(&vm->s2, gfn << PAGE_SHIFT, page_to_phys(page), prot);
	if (!ret && (prot & SV_S2_W) && write)
		sv_mark_dirty(slot, gfn);
	vm->stats.s2_pages = vm->s2.nr_pages;
	vm->stats.s2_blocks = vm->s2.nr_blocks;
	spin_unlock(&vm->mmu_lock);
	if (prot & SV_S2_W)
		set_page_dirty_lock(page);
	put_page(page);
	return ret ? ret : 1;
}

/*
 * A host device frame at [ipa, ipa + size) of the guest (the GICv2 GICV
 * behind the guest's GICC region): Device-nGnRE, read/write, no struct
 * page and no memslot, so neither the MMU notifier nor slot changes
 * touch it; it goes with the stage-2 tables.
 */
int sv_mmu_map_device(struct sv_vm *vm, u64 ipa, phys_addr_t pa, u64 size)
{
	u64 off;
	int ret = 0;

	if (!PAGE_ALIGNED(ipa) || !PAGE_ALIGNED(pa) || !PAGE_ALIGNED(size))
		return -EINVAL;
	for (off = 0; !ret && off < size; off += PAGE_SIZE) {
		ret = sv_pt_cache_topup(vm);
		if (ret)
			break;
		spin_lock(&vm->mmu_lock);
		ret = sv_s2_map_page(&vm->s2, ipa + off, pa + off,
				     SV_S2_R | SV_S2_W | SV_S2_DEVICE);
		vm->stats.s2_pages = vm->s2.nr_pages;
		spin_unlock(&vm->mmu_lock);
	}
	return ret;
}

int sv_handle_guest_abort(struct sv_vcpu *vcpu)
{
	struct sv_vcpu_hyp *h = vcpu->hyp;
	u64 esr = h->exit.esr;
	bool iabt = SV_ESR_EC(esr) == SV_EC_IABT_LOW;
	u64 ipa = ((h->exit.hpfar >> 4) << PAGE_SHIFT) | (h->exit.far & ~PAGE_MASK);
	u64 gfn = ipa >> PAGE_SHIFT;
	u64 fsc = esr & SV_ESR_FSC_TYPE;
	bool write = !iabt && ((esr & SV_ESR_WNR) || (esr & SV_ESR_S1PTW)) &&
		     !(esr & SV_ESR_CM);
	struct sv_memslot *slot;
	int ret;

	if (iabt)
		vcpu->stats.iabt_exits++;
	else
		vcpu->stats.dabt_exits++;

	if (fsc != SV_FSC_TRANS && fsc != SV_FSC_ACCESS && fsc != SV_FSC_PERM) {
		/* An external abort or something we never cause: give it back. */
		sv_inject_abort(sv_ctxt(vcpu), iabt, h->exit.far);
		return 1;
	}

	if (!iabt && fsc == SV_FSC_TRANS && (esr & SV_ESR_WNR) &&
	    !(esr & (SV_ESR_S1PTW | SV_ESR_CM)) && sv_mmio_doorbell(vcpu, esr, ipa))
		return 1;
	down_read(&vcpu->vm->slots_lock);
	slot = sv_memslot_by_gfn(&vcpu->vm->slots, gfn);
	if (!slot || (write && (slot->flags & KVM_MEM_READONLY))) {
		up_read(&vcpu->vm->slots_lock);
		if (iabt) {
			/* Executing outside RAM: upstream injects a prefetch abort. */
			sv_inject_abort(sv_ctxt(vcpu), true, h->exit.far);
			return 1;
		}
		if (esr & SV_ESR_S1PTW) {
			/* The guest's page tables are not in RAM. */
			sv_inject_abort(sv_ctxt(vcpu), false, h->exit.far);
			return 1;
		}
		if (esr & SV_ESR_CM) {
			/* Cache maintenance on MMIO: nothing to do, skip it. */
			sv_instr_skip(sv_ctxt(vcpu), esr);
			return 1;
		}
		return sv_mmio_exit(vcpu, esr, ipa);
	}
	vcpu->stats.s2_faults++;
	ret = sv_map_gfn(vcpu, slot, gfn, write);
	up_read(&vcpu->vm->slots_lock);
	return ret;
}
