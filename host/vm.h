/* SPDX-License-Identifier: GPL-2.0 */
/* VMs and vCPUs on the host side. */
#ifndef SV_VM_H
#define SV_VM_H

#include <linux/kvm.h>
#include <linux/mmu_notifier.h>
#include <linux/mutex.h>
#include <linux/signal_types.h>
#include <linux/rwsem.h>
#include <linux/spinlock.h>
#include <linux/wait.h>

#include "memslot.h"
#include "stage2.h"
#include "sysregs.h"
#include "sv_hyp_vcpu.h"
#include "vgic.h"
#include "arch_timer.h"
#include "irqfd.h"		/* virtio/: struct sv_irqfd_vm */
#include "ioeventfd.h"		/* virtio/: struct sv_ioeventfd_vm */

#define SV_MAX_VCPUS		512	/* what upstream reports with a GICv3 */
#define SV_DEFAULT_IPA_BITS	40
#define SV_INVALID_GPA		(~0ULL)

struct sv_vcpu;

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
	unsigned long mmu_seq;		/* bumped by every invalidation */
	long mmu_invalidating;		/* invalidations in progress */
	struct sv_vcpu *vcpus[SV_MAX_VCPUS];
	atomic_t nr_vcpus;
	bool vcpu_has_run;
	bool el1_32bit_set;		/* vCPU width fixed by the first INIT */
	bool el1_32bit;
	bool nisv_to_user;		/* KVM_CAP_ARM_NISV_TO_USER enabled */
	bool system_suspend;		/* KVM_CAP_ARM_SYSTEM_SUSPEND enabled */
	bool dead;			/* every ioctl fails with -EIO (upstream's vm_dead) */
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
	struct sv_vgic_cpu vgic;	/* vgic/ */
	struct sv_timer_cpu timer;	/* timer/ */
};

/* host/vcpu.c */
int sv_target_cpu(void);

/* host/vm.c */
long sv_create_vm(unsigned long type);
unsigned int sv_max_ipa_bits(void);
unsigned int sv_parange(void);

/* host/mmu.c */
int sv_mmu_init(struct sv_vm *vm);
void sv_mmu_destroy(struct sv_vm *vm);
int sv_mmu_notifier_register(struct sv_vm *vm);
/* Map a host device frame into the guest (page-aligned); -errno. */
int sv_mmu_map_device(struct sv_vm *vm, u64 ipa, phys_addr_t pa, u64 size);
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
void sv_vcpu_kick(struct sv_vcpu *vcpu);
void sv_vcpu_kick_flush(void);
int sv_vcpu_reset(struct sv_vcpu *vcpu);
void sv_vcpu_reset_if_pending(struct sv_vcpu *vcpu);

/* host/exits.c: >0 re-enter, 0 exit to userspace, <0 error */
int sv_handle_exit(struct sv_vcpu *vcpu, long code);

/* host/psci.c */
int sv_handle_hvc(struct sv_vcpu *vcpu);
void sv_psci_vcpu_init(struct sv_vcpu *vcpu);

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

/* host/stats.c: KVM_GET_STATS_FD */
int sv_vm_stats_fd(struct sv_vm *vm);
int sv_vcpu_stats_fd(struct sv_vcpu *vcpu);

/* host/caps.c (VM-aware answer) */
long sv_vm_check_extension(struct sv_vm *vm, long cap);

static inline struct sv_cpu_ctxt *sv_ctxt(struct sv_vcpu *vcpu)
{
	return &vcpu->hyp->ctxt;
}

#endif /* SV_VM_H */
