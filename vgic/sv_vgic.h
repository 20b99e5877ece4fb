/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The virtual GIC's public interface: what the core (host/), the timer
 * (timer/) and the irqfd/routing code (virtio/) may call, and the state
 * types the core embeds in its VM and vCPU (struct sv_vm.vgic,
 * struct sv_vcpu.vgic).  Everything else of the vGIC is internal
 * (vgic/vgic.h) and nobody outside vgic/ includes it.
 *
 * Rules for callers: never take the vGIC's lock, never edit a struct
 * sv_vgic_irq; inject with sv_vgic_inject(), map a hardware interrupt
 * with sv_vgic_map_phys_irq(), ask for EOIs with
 * sv_vgic_set_ack_notifier().  Every function here takes the vGIC's lock
 * itself where it needs it and is IRQ-safe unless it says otherwise.
 */
#ifndef SV_SV_VGIC_H
#define SV_SV_VGIC_H

#include <linux/bitmap.h>
#include <linux/kvm.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#include "sv_hyp_vgic.h"

struct sv_vm;
struct sv_vcpu;
struct sv_mmio;
struct kvm_device_attr;
struct kvm_create_device;
struct sv_vgic_lpis;
struct sv_sysreg_desc;
struct sv_gicd_snap;

/*
 * The level of a hardware-mapped interrupt's input, sampled by the vGIC
 * (under its lock, IRQs off: must not sleep or take the vGIC lock) when
 * the guest has deactivated it in the list register.
 */
typedef bool (*sv_vgic_get_level_fn)(struct sv_vcpu *vcpu, u32 intid);
/* EOI of a level SPI the notifier asked for: process context, no vGIC lock. */
typedef void (*sv_vgic_ack_fn)(struct sv_vm *vm, u32 intid);

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
	sv_vgic_get_level_fn get_level;	/* hw: the input's level (sv_vgic_map_phys_irq) */
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
	bool ready;			/* checked at first run: addresses set (release) */
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
	sv_vgic_ack_fn eoi_notify;
	/* v3: the distributor snapshot EL2 reads (vgic-v3-snap.c), NULL = none */
	struct sv_gicd_snap *snap;
	u64 snap_hyp_va;
	/* Bumped whenever something other than injection set a line level. */
	u32 line_gen;
	/* ---- SV_FAST_SGI (vgic/vgic-v3-ipi.c) ---- */
	u32 sgi_cfg_gen;		/* bumped by GICD/GICR writes: republish SGI configs */
	struct sv_sgi_route *sgi_route;	/* the table EL2 routes SGIs with, NULL = none */
	u64 sgi_route_va;
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
	u32 sgi_cfg_gen;		/* sv_vgic.sgi_cfg_gen its SGI config was published at */
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
	int kick_irq;			/* SV_FAST_SGI's kick SGI (Linux IRQ), or 0 */
	int db_irq;			/* SV_FAST_DOORBELL's SGI (Linux IRQ), or 0 */
	/* GICv2 only: the GICH frame (host mapping) and the GICV frame. */
	void __iomem *gich;
	phys_addr_t gicv_base;
	u64 gicv_size;
};
extern struct sv_gic_host sv_gic_host;

/* ---- host/gic_host.c (the core probes the physical GIC) ---- */
int sv_gic_host_init(void);		/* module load: probe DT and EL2 */
void sv_gic_host_exit(void);
int sv_gic_vtimer_set_active(bool active);	/* this CPU's vtimer PPI (IRQs off) */

/* ---- VM and vCPU life cycle (vgic/vgic.c) ---- */
void sv_vgic_vm_init(struct sv_vm *vm);
void sv_vgic_vm_destroy(struct sv_vm *vm);
int sv_vgic_vcpu_init(struct sv_vcpu *vcpu);	/* vCPU creation */
void sv_vgic_vcpu_reset(struct sv_vcpu *vcpu);
bool sv_vgic_present(struct sv_vm *vm);		/* a vGIC was created */
bool sv_vgic_initialized(struct sv_vm *vm);	/* its SPIs exist (acquire) */
u32 sv_vgic_nr_spis(struct sv_vm *vm);
bool sv_vgic_has_its(struct sv_vm *vm);
int sv_vgic_first_run(struct sv_vcpu *vcpu);	/* check readiness; -ENXIO/-EBUSY */
/* vm->lock held: lay out the redistributors after a vCPU was added. */
void sv_vgic_place_redists(struct sv_vm *vm);

/* ---- the run loop (vgic/vgic.c) ---- */
/* Flush before entry (IRQs off), sync after the exit. */
void sv_vgic_flush(struct sv_vcpu *vcpu);
void sv_vgic_sync(struct sv_vcpu *vcpu);
/* An interrupt the guest would take is pending (WFI must not sleep). */
bool sv_vgic_vcpu_pending(struct sv_vcpu *vcpu);

/* ---- injection ---- */
/*
 * KVM's meaning of `level`: for a level-triggered IRQ it is the line;
 * for an edge-triggered one a 1 makes it pending.  vcpu is needed for
 * private INTIDs only.  -EINVAL if intid does not exist.
 */
int sv_vgic_inject(struct sv_vm *vm, struct sv_vcpu *vcpu, u32 intid, bool level);
/*
 * Map the private interrupt intid of vcpu onto the physical INTID
 * hwintid (LR.HW: the guest's deactivation reaches the hardware) and
 * have the vGIC sample its input with get_level when the guest is done
 * with it.  Once per vCPU and INTID.  -EINVAL if intid is not private.
 */
int sv_vgic_map_phys_irq(struct sv_vcpu *vcpu, u32 intid, u32 hwintid,
			 sv_vgic_get_level_fn get_level);
/*
 * SV_FAST_SGI (vgic/vgic-v3-ipi.c).  The core calls: after an exit that
 * EL2 completed but whose SGI targets left the guest (1: woken, re-enter;
 * 0: an ordinary exit); when a vCPU's MPIDR changed.
 */
int sv_vgic_sgi_exit(struct sv_vcpu *vcpu);
void sv_vgic_sgi_mpidr_changed(struct sv_vcpu *vcpu);
/* intid of vcpu is pending or active in the vGIC (the guest owes its handling). */
bool sv_vgic_irq_busy(struct sv_vcpu *vcpu, u32 intid);
/*
 * The vGIC's input for intid is already `level` (or intid is edge-triggered
 * or does not exist): a level source may skip telling it again.  Lock-free.
 */
bool sv_vgic_line_matches(struct sv_vcpu *vcpu, u32 intid, bool level);
/*
 * Changes whenever a line level was set other than by sv_vgic_inject()
 * (userspace's KVM_DEV_ARM_VGIC_GRP_LEVEL_INFO, the resampling of a
 * HW-mapped line through its get_level callback): a level source that
 * caches what it told the vGIC re-checks with sv_vgic_line_matches()
 * only when this moved.
 */
static inline u32 sv_vgic_line_gen(const struct sv_vgic *d)
{
	return READ_ONCE(d->line_gen);
}
/*
 * EOIs of the level SPIs whose pin (INTID - 32) is set in pins (nr bits)
 * reach fn; every other SPI's EOI is not reported.  Replaces the
 * previous set at once (no EOI sees a half-updated set).
 */
void sv_vgic_set_ack_notifier(struct sv_vm *vm, sv_vgic_ack_fn fn,
			      const unsigned long *pins, unsigned int nr);

/* KVM_IRQ_LINE / KVM_IRQ_LINE_STATUS with the arm64 irq field layout. */
int sv_vgic_irq_line(struct sv_vm *vm, const struct kvm_irq_level *irq);
/*
 * Deliver one MSI (an MSI route of the GSI table) through the ITS whose
 * frame holds the address, with upstream 6.1's kvm_set_msi() results:
 * 1 delivered, 0 not mapped by the guest, -ENODEV no ITS, -EINVAL no
 * DeviceID or no ITS there, -EBUSY ITS or LPIs disabled.  With can_sleep
 * false the caller has IRQs off (an eventfd wake-up); a translation
 * that had to sleep would return -EWOULDBLOCK for a retry from process
 * context, but the ITS keeps its maps in host memory and never needs to.
 */
int sv_vgic_inject_msi(struct sv_vm *vm, const struct kvm_msi *msi, bool can_sleep);
/* KVM_SIGNAL_MSI: 1 delivered, 0 blocked by the guest, <0 error (6.1). */
int sv_vgic_signal_msi(struct sv_vm *vm, const struct kvm_msi *msi);

/* ---- guest accesses ---- */
/* The trapped ICC_SGI* rows (vgic-v3-sgi.c), merged by host/sysreg_table.c. */
extern const struct sv_sysreg_desc *const sv_vgic_sysreg_rows;
extern const unsigned int sv_vgic_nr_sysregs;
/* A guest MMIO access: 1 handled (m completed), 0 not a vGIC address. */
int sv_vgic_mmio(struct sv_vcpu *vcpu, struct sv_mmio *m);
/*
 * Would sv_vgic_mmio() take an access at ipa (a frame of the vGIC's is
 * there)?  When the frames move, the vGIC tells the ioeventfd table
 * (sv_ioeventfd_layout_changed).
 */
bool sv_vgic_claims_addr(struct sv_vm *vm, u64 ipa);

/* ---- KVM_CREATE_DEVICE, KVM_CREATE_IRQCHIP (vgic/vgic-dev.c) ---- */
int sv_vgic_create_device(struct sv_vm *vm, struct kvm_create_device *cd);
int sv_vgic_create_irqchip(struct sv_vm *vm);
/* KVM_ARM_SET_DEVICE_ADDR (the legacy way to place a KVM_CREATE_IRQCHIP GICv2). */
int sv_vgic_set_device_addr(struct sv_vm *vm, u64 id, u64 addr);

#endif /* SV_SV_VGIC_H */
