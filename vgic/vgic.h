/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The virtual GIC, host side: interrupt state, the per-vCPU lists of
 * interrupts that must reach the guest, flush into / sync from the list
 * registers around each run, and the entry points the rest of the module
 * calls (injection, traps, the KVM device).
 *
 * Locking: one spinlock per VM (vm->vgic.lock, IRQ-safe: injection comes
 * from hrtimers and eventfd wakeups) covers every struct sv_vgic_irq, the
 * distributor state and every vCPU's ap_list.  Functions named *_locked
 * expect it held.  Kicks decided under the lock are sent after it is
 * dropped (sv_vgic_unlock()).
 */
#ifndef SV_VGIC_H
#define SV_VGIC_H

#include <linux/bitmap.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#include "sv_hyp_vgic.h"
#include "sysregs.h"

struct sv_vm;
struct sv_vcpu;
struct sv_mmio;
struct kvm_device_attr;
struct kvm_create_device;
struct sv_vgic_lpis;

#define SV_VGIC_NR_SGIS		16
#define SV_VGIC_NR_PRIVATE	32
#define SV_VGIC_MIN_SPI		32
#define SV_VGIC_MAX_IRQS	1020	/* INTIDs 1020..1023 are special */
#define SV_VGIC_DEF_IRQS	256	/* upstream's default nr_irqs (with private) */
#define SV_VGIC_NR_PRIO_BITS	5	/* 32 levels: priority & 0xf8 */
#define SV_VGIC_PRIO_MASK	0xf8
#define SV_VGIC_MAX_REDIST_REGIONS 8
#define SV_VGIC_INVALID_ADDR	(~0ULL)

#define SV_VGIC_V3_DIST_SIZE	0x10000
#define SV_VGIC_V3_REDIST_SIZE	0x20000		/* RD_base + SGI_base frames */
#define SV_VGIC_V2_DIST_SIZE	0x1000
#define SV_VGIC_V2_CPU_SIZE	0x2000
#define SV_VGIC_V2_MAX_CPUS	8

/*
 * KVM_VGIC_V3_ADDR_TYPE_REDIST_REGION's value (ABI, documented in the
 * kernel's Documentation/virt/kvm/devices/arm-vgic-v3.rst).
 */
#define SV_RDIST_INDEX_MASK	GENMASK_ULL(11, 0)
#define SV_RDIST_FLAGS_MASK	GENMASK_ULL(15, 12)
#define SV_RDIST_BASE_MASK	GENMASK_ULL(51, 16)
#define SV_RDIST_COUNT_MASK	GENMASK_ULL(63, 52)
#define SV_RDIST_COUNT_SHIFT	52

/* One interrupt. */
struct sv_vgic_irq {
	struct list_head ap_list;	/* on vcpu->ap_list while queued */
	struct sv_vcpu *queued_on;	/* whose ap_list, or NULL */
	u32 intid;
	u8 priority;
	u8 group;			/* 0 or 1 */
	bool enabled;
	bool pending_latch;		/* edge, ISPENDR, SGIs */
	bool line_level;		/* level input (KVM_IRQ_LINE, timer, irqfd) */
	bool active;
	bool edge;			/* ICFGR: edge-triggered */
	bool hw;			/* LR.HW: deactivation reaches hwintid */
	u32 hwintid;
	bool resample;			/* tell irqfd's resampler at EOI (level) */
	u64 mpidr;			/* GICD_IROUTER (v3 SPIs), affinity bits only */
	u8 targets;			/* GICD_ITARGETSR (v2 SPIs) */
	u8 sgi_src;			/* v2 SGIs: source CPUs it is pending from */
	u8 active_src;			/* v2 SGIs: the source of the active one */
	struct sv_vcpu *owner;		/* private IRQs: their vCPU */
	struct sv_vcpu *target;		/* LPIs: their collection's vCPU, or NULL */
};

struct sv_vgic_redist_region {
	u64 base;
	u32 count;			/* redistributors in it; 0 = until the vCPUs end */
	u32 index;
	u32 first;			/* vCPU index of its first redistributor */
};

/* Per VM (struct sv_vm.vgic). */
struct sv_vgic {
	spinlock_t lock;
	u32 type;			/* KVM_DEV_TYPE_ARM_VGIC_V3/V2, 0 = none */
	bool created;
	bool initialized;		/* CTRL_INIT or first run */
	bool ready;			/* checked at first run: addresses set */
	struct file *dev_file;		/* the device fd's file (one vGIC per VM) */
	u32 nr_spis;
	struct sv_vgic_irq *spis;
	u32 ctlr;			/* GICD_CTLR: EnableGrp0/1 (ARE is fixed on v3) */
	u64 dist_base;
	u64 cpu_base;			/* v2: GICC */
	struct sv_vgic_redist_region rdregs[SV_VGIC_MAX_REDIST_REGIONS];
	unsigned int nr_rdregs;
	bool legacy_redist;		/* KVM_VGIC_V3_ADDR_TYPE_REDIST used */
	bool v2_groups_user;		/* v2: userspace wrote IIDR, may restore IGROUPR */
	DECLARE_BITMAP(kick, 512);	/* vCPUs to kick at unlock (by idx) */
	/* ---- LPIs and ITSs (vgic/vgic-lpi.c, vgic/vgic-its.c) ---- */
	bool has_its;			/* an ITS was created: LPIs exist */
	bool lpi_sync;			/* some vCPU has LPI work (lpi_sync/inv/invall) */
	u64 propbaser;			/* GICR_PROPBASER, one for all (as upstream) */
	struct sv_vgic_lpis *lpis;	/* LPI objects and ITS list, NULL before an ITS */
	/* Called after a guest EOI of a level SPI with irq->resample set. */
	void (*eoi_notify)(struct sv_vm *vm, u32 intid);
};

/* Per vCPU (struct sv_vcpu.vgic). */
struct sv_vgic_cpu {
	struct sv_vgic_irq private[SV_VGIC_NR_PRIVATE];
	struct list_head ap_list;
	u64 rd_base;			/* its redistributor's IPA, or SV_VGIC_INVALID_ADDR */
	u32 rd_waker;			/* GICR_WAKER.ProcessorSleep */
	bool last;			/* GICR_TYPER.Last */
	int rd_region;			/* index in sv_vgic.rdregs, -1 = none */
	u32 rd_slot;			/* position in that region */
	/* LR slot i held this interrupt at the last flush (sync uses it). */
	struct sv_vgic_irq *lr_irq[SV_VGIC_MAX_LRS];
	unsigned int nr_lr_irqs;
	/* LPIs (vgic/vgic-lpi.c) */
	u64 pendbaser;			/* GICR_PENDBASER as written (PTZ kept) */
	bool lpis_enabled;		/* GICR_CTLR.EnableLPIs */
	bool lpi_sync;			/* EnableLPIs went 1: read the pending table */
	u32 lpi_inv;			/* GICR_INVLPIR written: re-read this LPI, 0 none */
	bool lpi_invall;		/* GICR_INVALLR written (or two INVLPIRs at once) */
};

/* Facts of the host GIC (vgic/gic-host.c). */
struct sv_gic_host {
	u32 version;			/* 3 or 2; 0 = no vGIC */
	u32 nr_lrs;
	u32 pri_bits;
	u64 vtr;
	int maint_irq;			/* Linux IRQ number, or 0 */
	int vtimer_irq;			/* virtual timer PPI's Linux IRQ, or 0 */
	u32 vtimer_intid;		/* its hardware INTID (27) */
	/* GICv2 only: the GICH frame (host mapping) and the GICV frame. */
	void __iomem *gich;
	phys_addr_t gicv_base;
	u64 gicv_size;
};
extern struct sv_gic_host sv_gic_host;

/* ---- vgic/gic-host.c ---- */
int sv_gic_host_init(void);		/* module load: probe DT and EL2 */
void sv_gic_host_exit(void);

/* ---- vgic/vgic.c: state, queueing, run loop ---- */
void sv_vgic_vm_init(struct sv_vm *vm);
void sv_vgic_vm_destroy(struct sv_vm *vm);
int sv_vgic_vcpu_init(struct sv_vcpu *vcpu);	/* vCPU creation */
void sv_vgic_vcpu_reset(struct sv_vcpu *vcpu);
bool sv_vgic_present(struct sv_vm *vm);
int sv_vgic_init_locked(struct sv_vm *vm);	/* allocate SPIs (vm->lock held) */
int sv_vgic_init(struct sv_vm *vm);		/* the same, plus default GSI routes */
int sv_vgic_first_run(struct sv_vcpu *vcpu);	/* check readiness; -ENXIO/-EBUSY */

unsigned long sv_vgic_lock(struct sv_vm *vm);
void sv_vgic_unlock(struct sv_vm *vm, unsigned long flags);	/* + send kicks */

/* NULL if intid does not exist (private ones need the vCPU). */
struct sv_vgic_irq *sv_vgic_get_irq(struct sv_vm *vm, struct sv_vcpu *vcpu, u32 intid);
/* Where an SPI goes now (v3 IROUTER / v2 ITARGETSR), NULL if nowhere. */
struct sv_vcpu *sv_vgic_target_locked(struct sv_vm *vm, struct sv_vgic_irq *irq);
static inline bool sv_vgic_irq_pending(const struct sv_vgic_irq *irq)
{
	return irq->pending_latch || (!irq->edge && irq->line_level);
}
/*
 * After any change to irq's state, routing, enable or priority: put it
 * on (or take it off) the ap_list of the vCPU that must see it, and mark
 * that vCPU for a kick.  Lock held.
 */
void sv_vgic_update_locked(struct sv_vm *vm, struct sv_vgic_irq *irq);
/* Mark a vCPU to be kicked at sv_vgic_unlock(). */
void sv_vgic_kick_locked(struct sv_vm *vm, struct sv_vcpu *vcpu);

/*
 * Injection with KVM's meaning of `level`: for a level-triggered IRQ it
 * is the line; for an edge-triggered one a 1 makes it pending.  vcpu is
 * needed for private INTIDs only.  -EINVAL if intid does not exist.
 */
int sv_vgic_inject(struct sv_vm *vm, struct sv_vcpu *vcpu, u32 intid, bool level);

/* Run loop: flush before entry (IRQs off), sync after exit. */
void sv_vgic_flush(struct sv_vcpu *vcpu);
void sv_vgic_sync(struct sv_vcpu *vcpu);
/* An interrupt the guest would take is pending (WFI must not sleep). */
bool sv_vgic_vcpu_pending(struct sv_vcpu *vcpu);

/* Guest traps: the trapped ICC_SGI* rows (vgic-v3-sgi.c), merged by host/sysreg_table.c. */
extern const struct sv_sysreg_desc sv_vgic_sysregs[];
extern const unsigned int sv_vgic_nr_sysregs;
void sv_vgic_v3_sgi(struct sv_vcpu *vcpu, u64 sgir, bool group0);
/* 1 handled (m completed), 0 not a vGIC address. */
int sv_vgic_mmio(struct sv_vcpu *vcpu, struct sv_mmio *m);
/* vgic-its.c: an ITS frame (1 handled, 0 not one); vgic-lpi.c: LPI work the
 * register handlers left for outside the vGIC lock (both may sleep). */
int sv_vgic_its_mmio(struct sv_vcpu *vcpu, struct sv_mmio *m);
void sv_vgic_lpi_sync_deferred(struct sv_vm *vm);

/* ---- vgic/vgic-mmio-v3.c: GICD and GICR registers ---- */
/*
 * One access to the distributor (offset from its base) or to the
 * redistributor of `rd` (offset from RD_base; SGI_base is +64 KiB).
 * `vcpu` is who accesses (a guest vCPU, or NULL for userspace);
 * uaccess selects the save/restore semantics of the device attributes.
 * Returns 0, or -ENXIO for an offset that is not a register (the guest
 * gets RAZ/WI from the caller; userspace gets -ENXIO).
 */
int sv_vgic_v3_dist_access(struct sv_vm *vm, struct sv_vcpu *vcpu, u32 offset,
			   unsigned int len, u64 *val, bool write, bool uaccess);
int sv_vgic_v3_redist_access(struct sv_vcpu *rd, struct sv_vcpu *vcpu, u32 offset,
			     unsigned int len, u64 *val, bool write, bool uaccess);
/* KVM_DEV_ARM_VGIC_GRP_{DIST,REDIST}_REGS and GRP_LEVEL_INFO. */
int sv_vgic_v3_attr_regs(struct sv_vm *vm, u32 group, u64 attr, u32 *val, bool write);
int sv_vgic_v3_has_attr_regs(struct sv_vm *vm, u32 group, u64 attr);

/* ---- vgic/vgic-sys-v3.c: ICC_* for KVM_DEV_ARM_VGIC_GRP_CPU_SYSREGS ---- */
int sv_vgic_v3_attr_sysreg(struct sv_vm *vm, u64 attr, u64 *val, bool write);
int sv_vgic_v3_has_attr_sysreg(struct sv_vm *vm, u64 attr);
/* The vCPU an attribute's KVM_DEV_ARM_VGIC_V3_MPIDR field names, or NULL. */
struct sv_vcpu *sv_vgic_v3_attr_vcpu(struct sv_vm *vm, u64 attr);

/* ---- vgic/vgic-v2.c: what a vGICv2 adds to the core ---- */
/*
 * Flush: the list registers for best[0..n) (sorted, vGIC lock held);
 * returns how many were filled, *left if something did not fit.
 */
unsigned int sv_vgic_v2_fill_lrs(struct sv_vcpu *vcpu, struct sv_vgic_irq **best,
				 unsigned int n, bool *left);
/* First run: map the host's GICV at the guest's GICC region (vm->lock held). */
int sv_vgic_v2_map_resources(struct sv_vm *vm);
/* KVM_DEV_ARM_VGIC_GRP_CPU_REGS: GICC_* of a vCPU as GICH_VMCR/APR hold them. */
int sv_vgic_v2_cpuif_access(struct sv_vcpu *vcpu, u32 offset, u32 *val, bool write);
bool sv_vgic_v2_cpuif_exists(u32 offset);

/* ---- vgic/vgic-mmio-v2.c: GICD of a vGICv2 ---- */
/* vcpu: whose banked SGI/PPI fields (the accessor, or the attribute's CPU). */
int sv_vgic_v2_dist_access(struct sv_vm *vm, struct sv_vcpu *vcpu, u32 offset,
			   unsigned int len, u64 *val, bool write, bool uaccess);
bool sv_vgic_v2_dist_exists(struct sv_vm *vm, u32 offset);
/* Guest access to the GICD frame: 1 handled, 0 not a vGIC address. */
int sv_vgic_v2_mmio(struct sv_vcpu *vcpu, struct sv_mmio *m);

/* ---- vgic/vgic-dev.c: KVM_CREATE_DEVICE, KVM_CREATE_IRQCHIP ---- */
int sv_vgic_create_device(struct sv_vm *vm, struct kvm_create_device *cd);
int sv_vgic_create_irqchip(struct sv_vm *vm);
/* KVM_ARM_SET_DEVICE_ADDR (the legacy way to place a KVM_CREATE_IRQCHIP GICv2). */
int sv_vgic_set_device_addr(struct sv_vm *vm, u64 id, u64 addr);
void sv_vgic_place_redists(struct sv_vm *vm);	/* vm->lock held */
/* vCPU lookup by MPIDR affinity (IROUTER, SGIs, attrs); NULL if none. */
struct sv_vcpu *sv_vgic_vcpu_by_mpidr(struct sv_vm *vm, u64 mpidr);

#endif /* SV_VGIC_H */
