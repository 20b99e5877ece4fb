// SPDX-License-Identifier: GPL-2.0
/*
 * VMIDs, with generations and rollover.
 *
 * VMIDs are handed out in order within a generation (0 is the host's).
 * When a generation runs out, a new one starts: every CPU is made to
 * leave its guest before anything else (a synchronous IPI: a CPU in a
 * guest takes it as an exit, and cannot re-enter because its VM's
 * generation is now stale and a fresh VMID needs sv_vmid_lock, held
 * here), and only then are all guest TLB entries of every VMID
 * invalidated.  No CPU can thus hold a translation tagged with a VMID
 * that the new generation gives to another VM.
 *
 * A vCPU checks its VM's generation with interrupts disabled right before
 * entering (sv_vmid_check), so the rollover IPI either finds it outside
 * the guest or makes it exit.
 */
#include <linux/atomic.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <asm/sysreg.h>

#include "splitvisor.h"
#include "el2.h"
#include "sv_hyp_abi.h"
#include "vm.h"

static DEFINE_SPINLOCK(sv_vmid_lock);
static atomic64_t sv_vmid_gen = ATOMIC64_INIT(1);
static u64 sv_vmid_next = 1;
static unsigned int sv_vmid_bits;

static void sv_vmid_noop(void *info)
{
}

static unsigned int sv_vmid_nr(void)
{
	if (!sv_vmid_bits)
		/* ID_AA64MMFR1_EL1.VMIDBits: 0b0010 is 16 bits, but VTCR_EL2.VS
		 * would have to be set; 8 bits are enough with rollover. */
		sv_vmid_bits = 8;
	return 1U << sv_vmid_bits;
}

/* Give vm a VMID of the current generation (process context, may IPI). */
static void sv_vmid_new(struct sv_vm *vm)
{
	u64 gen;

	spin_lock(&sv_vmid_lock);
	gen = atomic64_read(&sv_vmid_gen);
	if (READ_ONCE(vm->vmid_gen) == gen) {
		spin_unlock(&sv_vmid_lock);
		return;	/* another vCPU of this VM got one meanwhile */
	}
	if (sv_vmid_next >= sv_vmid_nr()) {
		/* Rollover: everyone out of their guests first, then flush. */
		atomic64_inc(&sv_vmid_gen);
		gen = atomic64_read(&sv_vmid_gen);
		sv_vmid_next = 1;
		smp_call_function(sv_vmid_noop, NULL, 1);
		sv_hyp_call(SV_HCALL_TLB_FLUSH_ALL, 0, NULL);
		vm->stats.vmid_rollovers++;
	}
	vm->vmid = sv_vmid_next++;
	vm->vttbr = vm->s2.root_pa | (vm->vmid << 48);
	smp_wmb();	/* the VMID before the generation that validates it */
	WRITE_ONCE(vm->vmid_gen, gen);
	spin_unlock(&sv_vmid_lock);
}

u64 sv_vmid_generation(void)
{
	return atomic64_read(&sv_vmid_gen);
}

int sv_vmid_alloc(struct sv_vm *vm)
{
	vm->vmid_gen = 0;
	sv_vmid_new(vm);
	return 0;
}

/*
 * With interrupts disabled, before entering: true if the VM's VMID is of
 * the current generation.  If not, the caller enables interrupts, calls
 * sv_vmid_refresh() and tries again.
 */
bool sv_vmid_check(struct sv_vm *vm)
{
	return READ_ONCE(vm->vmid_gen) == atomic64_read(&sv_vmid_gen);
}

void sv_vmid_refresh(struct sv_vm *vm)
{
	sv_vmid_new(vm);
}

/*
 * The VM is going away.  Its VMID is not reused before the next
 * generation, whose start flushes everything; its own TLB entries were
 * invalidated by sv_mmu_destroy().
 */
void sv_vmid_free(struct sv_vm *vm)
{
	vm->vmid = 0;
}
