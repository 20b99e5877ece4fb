/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The core's interface for devices: what vgic/, timer/ and virtio/ may
 * use of the VM and vCPU objects and of the core's services.  A device
 * includes this and its own headers, never host/vm.h or another host/
 * header (selftests/check-includes.sh keeps it so); the core calls back
 * into the vGIC only through vgic/sv_vgic.h.
 *
 *   hyp/  <-  host core (host/)  <-  devices (vgic/, timer/, virtio/)
 *               |  calls down into devices: sv_vgic.h, arch_timer.h,
 *               |  irqfd.h, ioeventfd.h (their state is embedded here)
 *               '- devices call up only through this header
 *
 * Devices may use, of struct sv_vm: lock, file, mm, dead, ipa_bits,
 * vcpus[] with nr_vcpus (read nr_vcpus with acquire before indexing),
 * vcpu_has_run and their own member (vgic, irqfd, ioeventfd); of struct
 * sv_vcpu: vm, idx, vcpu_id, mutex, hyp (the EL2-shared state: vgic
 * CPU interface, timer registers, ctxt through sv_ctxt()), has_run, wq,
 * run_task (through sv_vcpu_kick_needed()) and their own member (vgic,
 * timer).  The rest is the core's.
 */
#ifndef SV_CORE_H
#define SV_CORE_H

#include <linux/kvm.h>
#include <linux/mmu_notifier.h>
#include <linux/mutex.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/signal_types.h>
#include <linux/rwsem.h>
#include <linux/spinlock.h>
#include <linux/wait.h>

#include "splitvisor.h"		/* SV_NAME */
#include "memslot.h"
#include "stage2.h"
#include "sysregs.h"		/* SV_ENC, system register rows */
#include "emulate.h"		/* struct sv_mmio, guest registers */
#include "sv_hyp_vcpu.h"
#include "sv_vgic.h"		/* vgic/: struct sv_vgic, struct sv_vgic_cpu */
#include "arch_timer.h"		/* timer/: struct sv_timer_cpu */
#include "irqfd.h"		/* virtio/: struct sv_irqfd_vm */
#include "ioeventfd.h"		/* virtio/: struct sv_ioeventfd_vm */
#include "prof.h"		/* SV_PROFILE builds: struct sv_hprof_vcpu */

#define SV_MAX_VCPUS		512	/* what upstream reports with a GICv3 */
#define SV_DEFAULT_IPA_BITS	40
#define SV_INVALID_GPA		(~0ULL)

struct sv_vcpu;
struct sv_fast_hvc_table;
struct sv_fast_sysreg_table;

/* Per-VM counters, in KVM_GET_STATS_FD order (host/stats.c). */
struct sv_vm_stats {
	u64 remote_tlb_flush;
	u64 vmid_rollovers;
	u64 s2_pages;
	u64 s2_blocks;
	u64 s2_tables;
};

struct sv_vm {
	struct mm_struct *mm;		/* the VMM's; mmgrab'ed */
	struct file *file;		/* the VM fd, vCPU fds pin it */
	struct mutex lock;		/* vCPU creation, caps */
	struct rw_semaphore slots_lock;	/* slot set: faults read, ioctls write */
	struct sv_memslots slots;
	spinlock_t mmu_lock;		/* stage-2 tables */
	struct sv_s2 s2;
	unsigned int ipa_bits;
	u64 vtcr;
	u64 vmid;
	u64 vmid_gen;			/* host/vmid.c: VMID valid in this generation */
	u64 vttbr;
	u64 cntvoff;
	struct mmu_notifier mn;
	unsigned long mmu_seq;		/* bumped by every invalidation of memslot memory */
	long mmu_invalidating;		/* invalidations in progress (any of the VMM's memory) */
	unsigned long mmu_inval_start;	/* ... the host addresses they cover, together */
	unsigned long mmu_inval_end;
	struct sv_vcpu *vcpus[SV_MAX_VCPUS];
	atomic_t nr_vcpus;
	bool vcpu_has_run;
	bool el1_32bit_set;		/* vCPU width fixed by the first INIT */
	bool el1_32bit;
	bool nisv_to_user;		/* KVM_CAP_ARM_NISV_TO_USER enabled */
	bool system_suspend;		/* KVM_CAP_ARM_SYSTEM_SUSPEND enabled */
	bool dead;			/* every ioctl fails with -EIO (upstream's vm_dead) */
	struct list_head node;		/* host/vm.c: the live VMs (debugfs) */
	pid_t creator;			/* its creator's tgid (debugfs) */
	struct sv_vm_stats stats;
	struct sv_vgic vgic;		/* vgic/ */
	/* ---- virtio/irqfd.c, virtio/irq_routing.c: irqfds, GSI routes ---- */
	struct sv_irqfd_vm irqfd;
	/* ---- virtio/ioeventfd.c: ioeventfds (the MMIO bus for eventfds) ---- */
	struct sv_ioeventfd_vm ioeventfd;
	/* Allocation cache for stage-2 tables, filled outside mmu_lock. */
	void *pt_cache[4];
	int pt_cache_nr;
};

/*
 * Per-vCPU counters, in KVM_GET_STATS_FD order (host/stats.c); the first
 * ones carry upstream's names and meaning.
 */
struct sv_vcpu_stats {
	u64 exits;
	u64 hvc_exit_stat;
	u64 wfe_exit_stat;
	u64 wfi_exit_stat;
	u64 mmio_exit_user;
	u64 mmio_exit_kernel;
	u64 signal_exits;
	u64 irq_exits;
	u64 smc_exits;
	u64 sysreg_exits;
	u64 dabt_exits;
	u64 iabt_exits;
	u64 undef_injected;
	u64 s2_faults;
	u64 wfi_native_entries;		/* entries with WFI not trapped (host/vcpu.c) */
	u64 ioeventfd_posted;		/* of mmio_exit_kernel: posted to SV_DB_SGI's handler */
};

struct sv_vcpu {
	struct sv_vm *vm;
	unsigned int idx;		/* creation order */
	unsigned int vcpu_id;		/* KVM_CREATE_VCPU argument */
	struct mutex mutex;		/* one ioctl at a time */
	struct kvm_run *run;		/* the mmap'ed page */
	struct sv_vcpu_hyp *hyp;	/* shared with EL2 */
	u64 hyp_va;
	int target;			/* -1 until KVM_ARM_VCPU_INIT */
	unsigned long features;
	bool has_run;
	bool power_off;
	bool pending_mmio;		/* a read's data comes with the next RUN */
	struct sv_mmio_pending {
		unsigned int rt, len;
		bool sign_extend, sixty_four;
	} mmio;
	sigset_t sigset;
	bool sigset_active;
	wait_queue_head_t wq;		/* blocked in power-off / WFI */
	int last_cpu;
	struct task_struct *run_task;	/* the thread in KVM_RUN, or NULL */
	/* Native WFI (host/vcpu.c, sv_vcpu_wfi_mode): */
	u64 wfi_native_max;		/* a trapped WFI's longest short sleep (counter ticks), 0 = off */
	bool wfi_native;		/* the last trapped WFI slept at most that ... */
	unsigned long wfi_native_until;	/* ... and this jiffy is not reached: WFI untrapped */
	struct pid *pid;
	u64 reset_pc, reset_x0;		/* PSCI CPU_ON */
	bool reset_pending;
	struct sv_vcpu_stats stats;
	/* Firmware pseudo-registers (KVM_REG_ARM_FW*). */
	u64 psci_version;
	u64 fw_std_bmap, fw_std_hyp_bmap, fw_vendor_hyp_bmap;
	u64 spsr32[KVM_NR_SPSR - 1];	/* AArch32 banked SPSRs (ONE_REG only) */
	/* KVM_SET_GUEST_DEBUG (host/debug.c) */
	u32 guest_debug;
	struct sv_debug_regs guest_debug_regs;
	/* PV stolen time (host/pvtime.c) */
	u64 steal_base;			/* IPA of the structure, or SV_INVALID_GPA */
	u64 steal_ns;
	u64 steal_last;			/* sched_info.run_delay at the last update */
	/* Trapped registers that live only in the host (host/sysregs.h). */
	u64 shadow[SV_SH_NR];
	/* The answers EL2's fast paths give (host/fastpath.c; the core's). */
	struct sv_fast_pages {
		struct sv_fast_hvc_table *hvc;		/* shared with EL2 */
		struct sv_fast_sysreg_table *sysreg;	/* shared with EL2 */
		u64 hvc_va, sysreg_va;
		bool stale;			/* to be recomputed before the next entry */
	} fast;
	struct sv_vgic_cpu vgic;	/* vgic/ */
	struct sv_timer_cpu timer;	/* timer/ */
#ifdef SV_HYP_PROFILE
	struct sv_hprof_vcpu prof;	/* the run loop's last mark (host/prof.h) */
#endif
};

static inline struct sv_cpu_ctxt *sv_ctxt(struct sv_vcpu *vcpu)
{
	return &vcpu->hyp->ctxt;
}

/* ---- services of the core for devices ---- */

/* Make a running vCPU leave the guest, wake a blocked one (any context). */
void sv_vcpu_kick(struct sv_vcpu *vcpu);

/*
 * Does a kick of vcpu do anything?  Not from its own thread inside
 * KVM_RUN, in task context: that thread looks at everything again before
 * it enters the guest, and before it sleeps in WFI (the wait re-checks its
 * condition after it set its state).  An interrupt on its CPU may come
 * between that check and the sleep: from interrupt context the kick is
 * always sent.  For kicks decided under a device's lock.
 */
static inline bool sv_vcpu_kick_needed(struct sv_vcpu *vcpu)
{
	return !in_task() || READ_ONCE(vcpu->run_task) != current;
}

/*
 * Try to take every vCPU's mutex (none may be in KVM_RUN); false if one
 * is busy (upstream's -EBUSY for register groups).
 */
bool sv_vm_lock_all_vcpus(struct sv_vm *vm);
void sv_vm_unlock_all_vcpus(struct sv_vm *vm);

/*
 * Guest memory by IPA, through the VMM's own mapping of the memslots:
 * only from the VMM's process (vCPU threads, its ioctls); -EFAULT when
 * called from another mm, outside the memslots or, for writes, into a
 * read-only slot.  Writes mark the pages dirty for dirty logging.
 */
int sv_guest_read(struct sv_vm *vm, u64 ipa, void *buf, size_t len);
int sv_guest_write(struct sv_vm *vm, u64 ipa, const void *buf, size_t len);
/* Is ipa in a memslot (guest RAM)? */
bool sv_guest_ipa_is_ram(struct sv_vm *vm, u64 ipa);

/*
 * SV_DB_SGI (host/gic_host.c), preemption off: raise it on this CPU's
 * doorbell CPU, as EL2 does -- false if this CPU has none.
 */
bool sv_gic_db_kick(void);
bool sv_gic_db_can_kick(void);

/*
 * nr contiguous zeroed pages shared with EL2 (host/el2.c's pool, mapped
 * at EL2 for the module's lifetime; nr <= 64); *hyp_va = their EL2
 * address.  NULL if the pool is exhausted.  Freed with the same nr.
 */
void *sv_hyp_pages_alloc(unsigned int nr, u64 *hyp_va);
void sv_hyp_pages_free(void *page, unsigned int nr);

/* Map a host device frame into the guest (page-aligned); -errno. */
int sv_mmu_map_device(struct sv_vm *vm, u64 ipa, phys_addr_t pa, u64 size);

#endif /* SV_CORE_H */
