// SPDX-License-Identifier: GPL-2.0
/*
 * The virtual GICv3 ITS (Arm IHI 0069 chapters 5 and 6): a KVM device
 * (KVM_DEV_TYPE_ARM_VGIC_ITS) with upstream 6.1's attributes and errnos,
 * its register frame, the command queue and MSI translation.
 *
 * The device/event/collection maps live in host memory (xarrays) and
 * are changed only by commands and restores; the guest's tables are
 * written only by KVM_DEV_ARM_ITS_SAVE_TABLES (ABI revision 0) and read
 * by RESTORE_TABLES, as upstream does.  So an MSI is translated without
 * touching guest memory, under a spinlock, also from an irqfd wake-up.
 * Locking and lifetimes: see vgic-its.h.
 */
#include <linux/anon_inodes.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/kvm.h>
#include <linux/module.h>
#include <linux/rculist.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "vgic.h"
#include "vgic-mmio.h"
#include "vgic-its.h"

#define SV_COLL_UNMAPPED	0xffffffffU	/* known ICID, no MAPC yet */
/* Upstream's reset values of the table registers (cacheable, inner shareable). */
#define SV_BASER_INIT		((7ULL << SV_BASER_INNER_SHIFT) | (1ULL << SV_BASER_SHARE_SHIFT) | \
				 SV_BASER_PSZ_64K | ((u64)(SV_ITS_ESZ - 1) << SV_BASER_ESZ_SHIFT))
#define SV_PROPBASER_INIT	((7ULL << SV_RBASER_INNER_SHIFT) | (1ULL << SV_BASER_SHARE_SHIFT))

struct sv_its_ite {
	struct sv_vgic_irq *irq;
	u16 icid;
};

struct sv_its_dev {
	u32 evbits;
	u64 itt;
	struct xarray ites;		/* EventID -> struct sv_its_ite */
};

struct sv_its {
	struct list_head link;		/* vm->vgic.lpis->its_list */
	struct sv_vm *vm;
	struct mutex cmd_lock;
	spinlock_t lock;
	u64 base;			/* GITS_base, or SV_VGIC_INVALID_ADDR */
	bool enabled;
	u64 cbaser, creadr, cwriter;
	u64 baser_dev, baser_coll;
	struct xarray devs;		/* DeviceID -> struct sv_its_dev */
	struct xarray colls;		/* ICID -> xa_mk_value(target vCPU index) */
};

/* ---- lookups (its->lock or cmd_lock held) -------------------------------- */

static struct sv_its_ite *sv_its_ite(struct sv_its *its, u32 devid, u32 eventid)
{
	struct sv_its_dev *dev = xa_load(&its->devs, devid);

	return dev ? xa_load(&dev->ites, eventid) : NULL;
}

/* The vCPU a collection targets, NULL if it is unknown or unmapped. */
static struct sv_vcpu *sv_its_coll_vcpu(struct sv_its *its, u16 icid)
{
	void *e = xa_load(&its->colls, icid);
	unsigned long t;

	if (!e)
		return NULL;
	t = xa_to_value(e);
	if (t >= atomic_read_acquire(&its->vm->nr_vcpus))
		return NULL;
	return its->vm->vcpus[t];
}

/* Does id fit the flat table of baser?  Its entry's address in *gpa. */
static bool sv_its_check_id(struct sv_its *its, u64 baser, u32 id, u64 *gpa)
{
	u64 type = (baser & SV_BASER_TYPE_MASK) >> SV_BASER_TYPE_SHIFT;
	u64 addr;

	if (id >= (1U << (type == SV_BASER_TYPE_DEVICE ? SV_ITS_DEVBITS : 16)))
		return false;
	if ((u64)id * SV_ITS_ESZ >= sv_its_baser_bytes(baser))
		return false;
	addr = sv_its_baser_addr(baser) + (u64)id * SV_ITS_ESZ;
	if (gpa)
		*gpa = addr;
	return sv_guest_ipa_is_ram(its->vm, addr);
}

static void sv_its_write_entry(struct sv_its *its, u64 gpa, u64 val)
{
	__le64 le = cpu_to_le64(val);

	sv_guest_write(its->vm, gpa, &le, sizeof(le));
}

/* ---- LPIs of the maps ---------------------------------------------------- */

static void sv_its_set_target(struct sv_vm *vm, struct sv_vgic_irq *irq,
			      struct sv_vcpu *vcpu)
{
	unsigned long flags = sv_vgic_lock(vm);

	irq->target = vcpu;
	sv_vgic_update_locked(vm, irq);
	sv_vgic_unlock(vm, flags);
}

/* Unmapped: no target, nothing pending (an active one finishes where it is). */
static void sv_its_unmap_irq(struct sv_vm *vm, struct sv_vgic_irq *irq)
{
	unsigned long flags = sv_vgic_lock(vm);

	irq->target = NULL;
	irq->pending_latch = false;
	sv_vgic_update_locked(vm, irq);
	sv_vgic_unlock(vm, flags);
}

/* Removing from the maps: readers hold its->lock while they use an entry. */
static void sv_its_erase(struct sv_its *its, struct xarray *xa, unsigned long idx)
{
	unsigned long flags;

	spin_lock_irqsave(&its->lock, flags);
	xa_erase(xa, idx);
	spin_unlock_irqrestore(&its->lock, flags);
}

static void sv_its_free_ite(struct sv_its *its, struct sv_its_dev *dev, u32 eventid)
{
	struct sv_its_ite *ite = xa_load(&dev->ites, eventid);

	sv_its_erase(its, &dev->ites, eventid);
	if (ite) {
		sv_its_unmap_irq(its->vm, ite->irq);
		kfree(ite);
	}
}

static void sv_its_free_dev(struct sv_its *its, u32 devid)
{
	struct sv_its_dev *dev = xa_load(&its->devs, devid);
	struct sv_its_ite *ite;
	unsigned long ev;

	if (!dev)
		return;
	sv_its_erase(its, &its->devs, devid);
	xa_for_each(&dev->ites, ev, ite) {
		sv_its_unmap_irq(its->vm, ite->irq);
		kfree(ite);
	}
	xa_destroy(&dev->ites);
	kfree(dev);
}

static void sv_its_free_devs(struct sv_its *its)
{
	struct sv_its_dev *dev;
	unsigned long id;

	xa_for_each(&its->devs, id, dev)
		sv_its_free_dev(its, id);
}

static void sv_its_free_colls(struct sv_its *its)
{
	unsigned long flags;

	spin_lock_irqsave(&its->lock, flags);
	xa_destroy(&its->colls);
	spin_unlock_irqrestore(&its->lock, flags);
}

/* Every ITE of collection icid follows it to vcpu (MAPC of a mapped ICID). */
static void sv_its_retarget(struct sv_its *its, u16 icid, struct sv_vcpu *vcpu)
{
	struct sv_its_dev *dev;
	struct sv_its_ite *ite;
	unsigned long id, ev;

	xa_for_each(&its->devs, id, dev)
		xa_for_each(&dev->ites, ev, ite)
			if (ite->icid == icid)
				sv_its_set_target(its->vm, ite->irq, vcpu);
}

/* ---- MSI translation (any context) --------------------------------------- */

/* 0 and *irq, a positive value for "not mapped", or -EBUSY (ITS disabled). */
static int sv_its_translate(struct sv_its *its, u32 devid, u32 eventid,
			    struct sv_vgic_irq **irq)
{
	struct sv_its_ite *ite;
	unsigned long flags;
	int ret = 1;

	spin_lock_irqsave(&its->lock, flags);
	if (!its->enabled) {
		ret = -EBUSY;
	} else {
		ite = sv_its_ite(its, devid, eventid);
		if (ite && sv_its_coll_vcpu(its, ite->icid)) {
			*irq = ite->irq;
			ret = 0;
		}
	}
	spin_unlock_irqrestore(&its->lock, flags);
	return ret;
}

/* Make the LPI of (devid, eventid) pending; as upstream's vgic_its_trigger_msi. */
static int sv_its_trigger(struct sv_its *its, u32 devid, u32 eventid)
{
	struct sv_vm *vm = its->vm;
	struct sv_vgic_irq *irq;
	unsigned long flags;
	int ret;

	ret = sv_its_translate(its, devid, eventid, &irq);
	if (ret)
		return ret;
	flags = sv_vgic_lock(vm);
	/* Upstream: LPIs disabled at the target redistributor is -EBUSY too. */
	if (!irq->target || !irq->target->vgic.lpis_enabled) {
		ret = -EBUSY;
	} else {
		irq->pending_latch = true;
		sv_vgic_update_locked(vm, irq);
	}
	sv_vgic_unlock(vm, flags);
	return ret;
}

/* The ITS whose frame holds addr (upstream looks the doorbell up on the MMIO bus). */
static struct sv_its *sv_its_by_addr(struct sv_vm *vm, u64 addr)
{
	struct sv_vgic_lpis *l = smp_load_acquire(&vm->vgic.lpis);
	struct sv_its *its, *found = NULL;

	if (!l)
		return NULL;
	rcu_read_lock();
	list_for_each_entry_rcu(its, &l->its_list, link) {
		u64 base = READ_ONCE(its->base);

		if (base != SV_VGIC_INVALID_ADDR && addr >= base &&
		    addr - base < SV_ITS_FRAME_SIZE) {
			found = its;	/* ITSs live until the VM is destroyed */
			break;
		}
	}
	rcu_read_unlock();
	return found;
}

/*
 * Upstream's kvm_set_msi() with an ITS: 1 delivered, 0 the guest has not
 * mapped it, -EBUSY the ITS or the redistributor's LPIs are off.  The
 * translation never sleeps, so can_sleep does not matter here.
 */
int sv_vgic_inject_msi(struct sv_vm *vm, const struct kvm_msi *msi, bool can_sleep)
{
	struct sv_its *its;
	int ret;

	if (!READ_ONCE(vm->vgic.has_its))
		return -ENODEV;
	if (!(msi->flags & KVM_MSI_VALID_DEVID))
		return -EINVAL;
	its = sv_its_by_addr(vm, (u64)msi->address_hi << 32 | msi->address_lo);
	if (!its)
		return -EINVAL;
	ret = sv_its_trigger(its, msi->devid, msi->data);
	if (ret < 0)
		return ret;
	return ret ? 0 : 1;
}

int sv_vgic_signal_msi(struct sv_vm *vm, const struct kvm_msi *msi)
{
	/* kvm_send_userspace_msi(): an in-kernel irqchip and known flags. */
	if (!sv_vgic_present(vm) || (msi->flags & ~KVM_MSI_VALID_DEVID))
		return -EINVAL;
	return sv_vgic_inject_msi(vm, msi, true);
}

/* ---- commands (cmd_lock held; errors drop the command, as upstream) ------ */

static int sv_its_cmd_mapd(struct sv_its *its, const struct sv_its_cmd *c)
{
	u32 devid = sv_its_cmd_devid(c), evbits = sv_its_cmd_evbits(c);
	struct sv_its_dev *dev;
	u64 gpa;
	int ret;

	if (!sv_its_check_id(its, its->baser_dev, devid, &gpa))
		return 1;
	if (sv_its_cmd_valid(c) && evbits > SV_ITS_EVBITS)
		return 1;
	/* Remapping a device drops everything it had (IHI 0069 6.3.8). */
	sv_its_free_dev(its, devid);
	if (!sv_its_cmd_valid(c)) {
		/* A stale DTE must not come back at restore. */
		sv_its_write_entry(its, gpa, 0);
		return 0;
	}
	dev = kzalloc(sizeof(*dev), GFP_KERNEL_ACCOUNT);
	if (!dev)
		return -ENOMEM;
	dev->evbits = evbits;
	dev->itt = sv_its_cmd_itt(c);
	xa_init(&dev->ites);
	ret = xa_err(xa_store(&its->devs, devid, dev, GFP_KERNEL_ACCOUNT));
	if (ret)
		kfree(dev);
	return ret;
}

static int sv_its_cmd_mapc(struct sv_its *its, const struct sv_its_cmd *c)
{
	u32 rd = sv_its_cmd_rd(c);
	u16 icid = sv_its_cmd_icid(c);
	struct sv_vcpu *vcpu;
	bool known;

	if (rd >= atomic_read_acquire(&its->vm->nr_vcpus))
		return 1;
	known = xa_load(&its->colls, icid);
	if (!sv_its_cmd_valid(c)) {
		sv_its_erase(its, &its->colls, icid);
		return 0;
	}
	if (!known && !sv_its_check_id(its, its->baser_coll, icid, NULL))
		return 1;
	if (xa_err(xa_store(&its->colls, icid, xa_mk_value(rd), GFP_KERNEL_ACCOUNT)))
		return -ENOMEM;
	vcpu = its->vm->vcpus[rd];
	if (known)
		sv_its_retarget(its, icid, vcpu);
	return 0;
}

/* Configuration and any pending bit the guest left, as upstream's vgic_add_lpi. */
static int sv_its_lpi_prepare(struct sv_vm *vm, u32 intid, struct sv_vcpu *vcpu,
			      u8 *prop, bool *pending)
{
	u64 pend, ptr;
	u8 byte;
	int ret;

	ret = sv_guest_read(vm, (READ_ONCE(vm->vgic.propbaser) & SV_PROPBASER_ADDR_MASK) +
				 intid - SV_VGIC_MIN_LPI, prop, 1);
	*pending = false;
	if (ret || !vcpu)
		return ret;
	pend = READ_ONCE(vcpu->vgic.pendbaser);
	ptr = (pend & SV_PENDBASER_ADDR_MASK) + intid / 8;
	ret = sv_guest_read(vm, ptr, &byte, 1);
	if (ret || !(byte & (1U << (intid % 8))))
		return ret;
	/* Consumed: the bit now lives in our state until the next save. */
	*pending = true;
	byte &= ~(1U << (intid % 8));
	return sv_guest_write(vm, ptr, &byte, 1);
}

/* Map (devid, eventid) to LPI intid in collection icid (MAPTI, MAPI, restore). */
static int sv_its_map_event(struct sv_its *its, struct sv_its_dev *dev, u32 eventid,
			    u32 intid, u16 icid)
{
	struct sv_vcpu *vcpu = sv_its_coll_vcpu(its, icid);
	struct sv_vgic_irq *irq;
	struct sv_its_ite *ite;
	unsigned long flags;
	bool pending;
	u8 prop;
	int ret;

	ret = sv_its_lpi_prepare(its->vm, intid, vcpu, &prop, &pending);
	if (ret)
		return ret;
	irq = sv_vgic_lpi_alloc(its->vm, intid);
	if (IS_ERR(irq))
		return PTR_ERR(irq);
	ite = kzalloc(sizeof(*ite), GFP_KERNEL_ACCOUNT);
	if (!ite)
		return -ENOMEM;
	ite->irq = irq;
	ite->icid = icid;
	ret = xa_err(xa_store(&dev->ites, eventid, ite, GFP_KERNEL_ACCOUNT));
	if (ret) {
		kfree(ite);
		return ret;
	}
	flags = sv_vgic_lock(its->vm);
	irq->target = vcpu;
	irq->priority = prop & SV_LPI_PROP_PRIO_MASK & SV_VGIC_PRIO_MASK;
	irq->enabled = prop & SV_LPI_PROP_ENABLE;
	irq->pending_latch = pending;
	sv_vgic_update_locked(its->vm, irq);
	sv_vgic_unlock(its->vm, flags);
	return 0;
}

static int sv_its_cmd_mapti(struct sv_its *its, const struct sv_its_cmd *c)
{
	u32 devid = sv_its_cmd_devid(c), eventid = sv_its_cmd_eventid(c);
	struct sv_its_dev *dev = xa_load(&its->devs, devid);
	u16 icid = sv_its_cmd_icid(c);
	u32 intid;
	int ret;

	if (!dev || eventid >= (1ULL << dev->evbits) ||
	    !sv_guest_ipa_is_ram(its->vm, dev->itt + (u64)eventid * SV_ITS_ESZ))
		return 1;
	intid = sv_its_cmd_id(c) == SV_ITS_MAPTI ? sv_its_cmd_pintid(c) : eventid;
	if (intid < SV_VGIC_MIN_LPI || intid >= sv_lpi_limit(READ_ONCE(its->vm->vgic.propbaser)))
		return 1;
	/* Mapping a mapped event is UNPREDICTABLE: upstream keeps the old one. */
	if (xa_load(&dev->ites, eventid))
		return 0;
	if (!xa_load(&its->colls, icid)) {
		if (!sv_its_check_id(its, its->baser_coll, icid, NULL))
			return 1;
		ret = xa_err(xa_store(&its->colls, icid, xa_mk_value(SV_COLL_UNMAPPED),
				      GFP_KERNEL_ACCOUNT));
		if (ret)
			return ret;
	}
	return sv_its_map_event(its, dev, eventid, intid, icid);
}

static int sv_its_cmd_movi(struct sv_its *its, const struct sv_its_cmd *c)
{
	struct sv_its_ite *ite = sv_its_ite(its, sv_its_cmd_devid(c), sv_its_cmd_eventid(c));
	u16 icid = sv_its_cmd_icid(c);
	struct sv_vcpu *vcpu = sv_its_coll_vcpu(its, icid);
	unsigned long flags;

	if (!ite || !sv_its_coll_vcpu(its, ite->icid) || !vcpu)
		return 1;
	spin_lock_irqsave(&its->lock, flags);
	ite->icid = icid;
	spin_unlock_irqrestore(&its->lock, flags);
	sv_its_set_target(its->vm, ite->irq, vcpu);
	return 0;
}

static int sv_its_cmd_discard(struct sv_its *its, const struct sv_its_cmd *c)
{
	u32 devid = sv_its_cmd_devid(c), eventid = sv_its_cmd_eventid(c);
	struct sv_its_dev *dev = xa_load(&its->devs, devid);
	struct sv_its_ite *ite = dev ? xa_load(&dev->ites, eventid) : NULL;

	if (!ite || !sv_its_coll_vcpu(its, ite->icid))
		return 1;
	sv_its_free_ite(its, dev, eventid);
	sv_its_write_entry(its, dev->itt + (u64)eventid * SV_ITS_ESZ, 0);
	return 0;
}

/* CLEAR, INV and INT act on the LPI of one event. */
static int sv_its_cmd_event(struct sv_its *its, const struct sv_its_cmd *c)
{
	u32 devid = sv_its_cmd_devid(c), eventid = sv_its_cmd_eventid(c);
	struct sv_its_ite *ite = sv_its_ite(its, devid, eventid);
	unsigned long flags;

	if (sv_its_cmd_id(c) == SV_ITS_INT)
		return sv_its_trigger(its, devid, eventid);
	if (!ite)
		return 1;
	if (sv_its_cmd_id(c) == SV_ITS_INV)
		return sv_vgic_lpi_read_prop(its->vm, ite->irq);
	flags = sv_vgic_lock(its->vm);
	ite->irq->pending_latch = false;
	sv_vgic_update_locked(its->vm, ite->irq);
	sv_vgic_unlock(its->vm, flags);
	return 0;
}

static int sv_its_cmd_movall(struct sv_its *its, const struct sv_its_cmd *c)
{
	u32 rd1 = sv_its_cmd_rd(c), rd2 = sv_its_cmd_rd2(c);
	unsigned int n = atomic_read_acquire(&its->vm->nr_vcpus);

	if (rd1 >= n || rd2 >= n)
		return 1;
	if (rd1 != rd2)
		sv_vgic_lpi_move_all(its->vm, its->vm->vcpus[rd1], its->vm->vcpus[rd2]);
	return 0;
}

static int sv_its_handle_cmd(struct sv_its *its, const struct sv_its_cmd *c)
{
	struct sv_vcpu *vcpu;

	switch (sv_its_cmd_id(c)) {
	case SV_ITS_MAPD:
		return sv_its_cmd_mapd(its, c);
	case SV_ITS_MAPC:
		return sv_its_cmd_mapc(its, c);
	case SV_ITS_MAPTI:
	case SV_ITS_MAPI:
		return sv_its_cmd_mapti(its, c);
	case SV_ITS_MOVI:
		return sv_its_cmd_movi(its, c);
	case SV_ITS_DISCARD:
		return sv_its_cmd_discard(its, c);
	case SV_ITS_CLEAR:
	case SV_ITS_INV:
	case SV_ITS_INT:
		return sv_its_cmd_event(its, c);
	case SV_ITS_INVALL:
		vcpu = sv_its_coll_vcpu(its, sv_its_cmd_icid(c));
		if (!vcpu)
			return 1;
		sv_vgic_lpi_invall(its->vm, vcpu);
		return 0;
	case SV_ITS_MOVALL:
		return sv_its_cmd_movall(its, c);
	case SV_ITS_SYNC:	/* every command completes at once */
		return 0;
	}
	return -ENODEV;
}

/*
 * Run the queue from CREADR to CWRITER.  A command that cannot be read
 * is skipped (IHI 0069 6.3.2 lets us ignore it), as upstream.  At most
 * one lap of the queue per call, whatever the guest put in CBASER.
 */
static void sv_its_process(struct sv_its *its)
{
	u64 base = its->cbaser & SV_CBASER_ADDR_MASK, size = sv_its_cmdq_bytes(its->cbaser);
	u64 budget = size / SV_ITS_CMD_SIZE;
	struct sv_its_cmd cmd;
	__le64 raw[4];
	unsigned int i;

	if (!its->enabled)
		return;
	while (its->creadr != its->cwriter && budget--) {
		if (!sv_guest_read(its->vm, base + its->creadr, raw, sizeof(raw))) {
			for (i = 0; i < 4; i++)
				cmd.dw[i] = le64_to_cpu(raw[i]);
			sv_its_handle_cmd(its, &cmd);
		}
		its->creadr += SV_ITS_CMD_SIZE;
		if (its->creadr >= size)
			its->creadr = 0;
		cond_resched();
	}
}

/* ---- registers (cmd_lock held) ------------------------------------------- */

struct sv_its_reg {
	u32 offset, len;
	u8 access;			/* SV_VGIC_ACC_32 / _64 */
	u64 (*read)(struct sv_its *its, u32 off);
	void (*write)(struct sv_its *its, u32 off, u64 val, unsigned int len);
	int (*uwrite)(struct sv_its *its, u32 off, u64 val);
};

static u64 sv_its_read_ctlr(struct sv_its *its, u32 off)
{
	return (its->creadr == its->cwriter ? SV_GITS_CTLR_QUIESCENT : 0) |
	       (its->enabled ? SV_GITS_CTLR_ENABLED : 0);
}

static void sv_its_set_enabled(struct sv_its *its, bool en)
{
	unsigned long flags;

	spin_lock_irqsave(&its->lock, flags);
	its->enabled = en;
	spin_unlock_irqrestore(&its->lock, flags);
}

static void sv_its_write_ctlr(struct sv_its *its, u32 off, u64 val, unsigned int len)
{
	bool en = val & SV_GITS_CTLR_ENABLED;

	/* Enabling without valid tables and queue is UNPREDICTABLE: refused. */
	if (en && !its->enabled && (!(its->baser_dev & SV_BASER_VALID) ||
				    !(its->baser_coll & SV_BASER_VALID) ||
				    !(its->cbaser & SV_BASER_VALID)))
		return;
	sv_its_set_enabled(its, en);
	sv_its_process(its);
}

static u64 sv_its_read_iidr(struct sv_its *its, u32 off)
{
	return SV_GITS_IIDR_VAL(0);
}

/* Only table ABI revision 0 exists (upstream's NR_ITS_ABIS is 1). */
static int sv_its_uwrite_iidr(struct sv_its *its, u32 off, u64 val)
{
	return ((val & SV_GITS_IIDR_REV_MASK) >> SV_GITS_IIDR_REV_SHIFT) ? -EINVAL : 0;
}

static u64 sv_its_read_typer(struct sv_its *its, u32 off)
{
	return SV_GITS_TYPER_VAL;
}

static u64 sv_its_read_cbaser(struct sv_its *its, u32 off)
{
	return its->cbaser;
}

static void sv_its_write_cbaser(struct sv_its *its, u32 off, u64 val, unsigned int len)
{
	if (its->enabled)
		return;		/* read-only while enabled */
	its->cbaser = sv_its_sanitise_cbaser(sv_vgic_reg64_write(its->cbaser, off, len, val));
	/* A new queue starts empty (CWRITER is UNKNOWN at reset; upstream). */
	its->creadr = 0;
	its->cwriter = 0;
}

static u64 sv_its_read_cwriter(struct sv_its *its, u32 off)
{
	return its->cwriter;
}

static void sv_its_write_cwriter(struct sv_its *its, u32 off, u64 val, unsigned int len)
{
	u64 w = sv_vgic_reg64_write(its->cwriter, off, len, val) & SV_ITS_CMDQ_OFF_MASK;

	if (w >= sv_its_cmdq_bytes(its->cbaser))
		return;
	its->cwriter = w;
	sv_its_process(its);
}

static u64 sv_its_read_creadr(struct sv_its *its, u32 off)
{
	return its->creadr;
}

static int sv_its_uwrite_creadr(struct sv_its *its, u32 off, u64 val)
{
	if (its->enabled)
		return -EBUSY;
	val &= SV_ITS_CMDQ_OFF_MASK;
	if (val >= sv_its_cmdq_bytes(its->cbaser))
		return -EINVAL;
	its->creadr = val;
	return 0;
}

static u64 sv_its_read_baser(struct sv_its *its, u32 off)
{
	switch ((off - SV_GITS_BASER) / 8) {
	case 0:
		return its->baser_dev;
	case 1:
		return its->baser_coll;
	}
	return 0;
}

static void sv_its_write_baser(struct sv_its *its, u32 off, u64 val, unsigned int len)
{
	unsigned int n = (off - SV_GITS_BASER) / 8;
	u64 *reg = n == 0 ? &its->baser_dev : &its->baser_coll;

	if (its->enabled || n > 1)
		return;
	*reg = sv_its_sanitise_baser(sv_vgic_reg64_write(*reg, off, len, val),
				     n == 0 ? SV_BASER_TYPE_DEVICE : SV_BASER_TYPE_COLL);
	/* An invalid table holds no mappings (as upstream). */
	if (!(*reg & SV_BASER_VALID)) {
		if (n == 0)
			sv_its_free_devs(its);
		else
			sv_its_free_colls(its);
	}
}

/* PIDR0..2, PIDR4, CIDR0..3 as upstream; the rest reads 0. */
static u64 sv_its_read_idregs(struct sv_its *its, u32 off)
{
	static const u8 id[12] = { 0x40, 0, 0, 0, 0x92, 0xb4, 0x3b, 0,
				   0x0d, 0xf0, 0x05, 0xb1 };

	return id[(off - SV_GITS_IDREGS) / 4];
}

#define ITS_REG(o, l, a, r, w, u)					\
	{ .offset = (o), .len = (l), .access = (a), .read = (r), .write = (w), .uwrite = (u) }
#define ACC_32		SV_VGIC_ACC_32
#define ACC_64_32	(SV_VGIC_ACC_64 | SV_VGIC_ACC_32)

/* Sorted by offset.  GITS_TRANSLATER is not here: guest writes to it are ignored (upstream). */
static const struct sv_its_reg sv_its_regs[] = {
	ITS_REG(SV_GITS_CTLR, 4, ACC_32, sv_its_read_ctlr, sv_its_write_ctlr, NULL),
	ITS_REG(SV_GITS_IIDR, 4, ACC_32, sv_its_read_iidr, NULL, sv_its_uwrite_iidr),
	ITS_REG(SV_GITS_TYPER, 8, ACC_64_32, sv_its_read_typer, NULL, NULL),
	ITS_REG(SV_GITS_CBASER, 8, ACC_64_32, sv_its_read_cbaser, sv_its_write_cbaser, NULL),
	ITS_REG(SV_GITS_CWRITER, 8, ACC_64_32, sv_its_read_cwriter, sv_its_write_cwriter, NULL),
	ITS_REG(SV_GITS_CREADR, 8, ACC_64_32, sv_its_read_creadr, NULL, sv_its_uwrite_creadr),
	ITS_REG(SV_GITS_BASER, 0x40, ACC_64_32, sv_its_read_baser, sv_its_write_baser, NULL),
	ITS_REG(SV_GITS_IDREGS, 0x30, ACC_32, sv_its_read_idregs, NULL, NULL),
};

static const struct sv_its_reg *sv_its_find_reg(u32 off)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sv_its_regs); i++)
		if (off >= sv_its_regs[i].offset &&
		    off - sv_its_regs[i].offset < sv_its_regs[i].len)
			return &sv_its_regs[i];
	return NULL;
}

/* One access of len bytes at off (cmd_lock held).  -ENXIO: no register. */
static int sv_its_access(struct sv_its *its, u32 off, unsigned int len, u64 *val,
			 bool write, bool uaccess)
{
	const struct sv_its_reg *r = sv_its_find_reg(off);

	if (!r || !(r->access & (len == 8 ? SV_VGIC_ACC_64 : SV_VGIC_ACC_32)) ||
	    (len != 4 && len != 8) || (off & (len - 1)))
		return -ENXIO;
	if (write) {
		if (uaccess && r->uwrite)
			return r->uwrite(its, off, *val);
		if (r->write)
			r->write(its, off, *val, len);
		return 0;
	}
	if (r->access & SV_VGIC_ACC_64)	/* a 64-bit register, or one half */
		*val = sv_vgic_reg64_read(r->read(its, off & ~7U), off, len);
	else
		*val = r->read(its, off);
	return 0;
}

bool sv_vgic_its_claims(struct sv_vm *vm, u64 ipa)
{
	return sv_its_by_addr(vm, ipa) != NULL;
}

int sv_vgic_its_mmio(struct sv_vcpu *vcpu, struct sv_mmio *m)
{
	struct sv_its *its = sv_its_by_addr(vcpu->vm, m->ipa);
	u64 val = m->data;
	int ret;

	if (!its)
		return 0;
	mutex_lock(&its->cmd_lock);
	ret = sv_its_access(its, m->ipa - its->base, m->len, &val, m->is_write, false);
	mutex_unlock(&its->cmd_lock);
	/* Reserved offsets, widths and the TRANSLATER page: RAZ/WI. */
	if (ret)
		val = 0;
	if (!m->is_write)
		sv_mmio_complete_read(sv_ctxt(vcpu), m, val);
	return 1;
}

/* ---- save/restore of the tables, ABI revision 0 (cmd_lock held) ---------- */

static int sv_its_put_entry(struct sv_its *its, u64 gpa, u64 val)
{
	__le64 le = cpu_to_le64(val);

	return sv_guest_write(its->vm, gpa, &le, sizeof(le));
}

static int sv_its_get_entry(struct sv_its *its, u64 gpa, u64 *val)
{
	__le64 le;
	int ret = sv_guest_read(its->vm, gpa, &le, sizeof(le));

	*val = le64_to_cpu(le);
	return ret;
}

/* Each ITE at its EventID's slot, "next" = distance to the following one. */
static int sv_its_save_itt(struct sv_its *its, struct sv_its_dev *dev)
{
	struct sv_its_ite *ite, *prev = NULL;
	unsigned long ev, prev_ev = 0;
	int ret;

	xa_for_each(&dev->ites, ev, ite) {
		if (prev) {
			ret = sv_its_put_entry(its, dev->itt + prev_ev * SV_ITS_ESZ,
					       !xa_load(&its->colls, prev->icid) ? 0 :
					       sv_its_enc_ite(min_t(u64, ev - prev_ev, SV_ITS_ITE_NEXT_MAX),
							  prev->irq->intid, prev->icid));
			if (ret)
				return ret;
		}
		prev = ite;
		prev_ev = ev;
	}
	if (!prev)
		return 0;
	return sv_its_put_entry(its, dev->itt + prev_ev * SV_ITS_ESZ,
				!xa_load(&its->colls, prev->icid) ? 0 :
				sv_its_enc_ite(0, prev->irq->intid, prev->icid));
}

static int sv_its_save_dte(struct sv_its *its, u32 devid, struct sv_its_dev *dev, u32 next)
{
	u64 gpa;
	int ret;

	if (!sv_its_check_id(its, its->baser_dev, devid, &gpa))
		return -EINVAL;
	ret = sv_its_save_itt(its, dev);
	if (ret)
		return ret;
	return sv_its_put_entry(its, gpa, sv_its_enc_dte(next, dev->itt, dev->evbits));
}

static int sv_its_save_devs(struct sv_its *its)
{
	struct sv_its_dev *dev, *prev = NULL;
	unsigned long id, prev_id = 0;
	int ret;

	if (!(its->baser_dev & SV_BASER_VALID))
		return 0;
	xa_for_each(&its->devs, id, dev) {
		if (prev) {
			ret = sv_its_save_dte(its, prev_id, prev,
					      min_t(u64, id - prev_id, SV_ITS_DTE_NEXT_MAX));
			if (ret)
				return ret;
		}
		prev = dev;
		prev_id = id;
	}
	return prev ? sv_its_save_dte(its, prev_id, prev, 0) : 0;
}

/* Collections in ICID order, then one invalid entry if there is room. */
static int sv_its_save_colls(struct sv_its *its)
{
	u64 gpa = sv_its_baser_addr(its->baser_coll), end;
	unsigned long icid;
	void *e;
	int ret;

	if (!(its->baser_coll & SV_BASER_VALID))
		return 0;
	end = gpa + sv_its_baser_bytes(its->baser_coll);
	xa_for_each(&its->colls, icid, e) {
		if (gpa >= end)
			return -EINVAL;
		ret = sv_its_put_entry(its, gpa, sv_its_enc_cte(xa_to_value(e), icid));
		if (ret)
			return ret;
		gpa += SV_ITS_ESZ;
	}
	return gpa < end ? sv_its_put_entry(its, gpa, 0) : 0;
}

static int sv_its_restore_colls(struct sv_its *its)
{
	u64 gpa = sv_its_baser_addr(its->baser_coll), left, e;
	u32 target;
	u16 icid;
	int ret;

	if (!(its->baser_coll & SV_BASER_VALID))
		return 0;
	for (left = sv_its_baser_bytes(its->baser_coll); left; left -= SV_ITS_ESZ) {
		ret = sv_its_get_entry(its, gpa, &e);
		if (ret)
			return ret;
		if (!(e & SV_ITS_CTE_VALID))
			return 0;
		target = sv_its_cte_target(e);
		icid = sv_its_cte_icid(e);
		if (target != SV_COLL_UNMAPPED &&
		    target >= atomic_read_acquire(&its->vm->nr_vcpus))
			return -EINVAL;
		if (xa_load(&its->colls, icid))
			return -EEXIST;
		if (!sv_its_check_id(its, its->baser_coll, icid, NULL))
			return -EINVAL;
		if (xa_err(xa_store(&its->colls, icid, xa_mk_value(target), GFP_KERNEL_ACCOUNT)))
			return -ENOMEM;
		gpa += SV_ITS_ESZ;
		cond_resched();
	}
	return 0;
}

/* One ITE: >0 the distance to the next, 0 the last, <0 an error. */
static int sv_its_restore_ite(struct sv_its *its, struct sv_its_dev *dev, u32 ev, u64 e)
{
	u32 intid = sv_its_ite_lpi(e), next = sv_its_ite_next(e);
	u16 icid = sv_its_ite_icid(e);
	int ret;

	if (!intid)
		return 1;	/* invalid: look at the next slot */
	if (intid < SV_VGIC_MIN_LPI || (u64)ev + next >= (1ULL << dev->evbits))
		return -EINVAL;
	if (!xa_load(&its->colls, icid) ||
	    !sv_guest_ipa_is_ram(its->vm, dev->itt + (u64)ev * SV_ITS_ESZ))
		return -EINVAL;
	ret = sv_its_map_event(its, dev, ev, intid, icid);
	return ret ? ret : next;
}

static int sv_its_restore_itt(struct sv_its *its, struct sv_its_dev *dev)
{
	u64 n = 1ULL << dev->evbits, ev = 0, e;
	int ret;

	while (ev < n) {
		ret = sv_its_get_entry(its, dev->itt + ev * SV_ITS_ESZ, &e);
		if (!ret)
			ret = sv_its_restore_ite(its, dev, ev, e);
		if (ret <= 0)
			return ret;
		ev += ret;
		cond_resched();
	}
	return 0;
}

/* One DTE: as sv_its_restore_ite(). */
static int sv_its_restore_dte(struct sv_its *its, u32 devid, u64 e)
{
	struct sv_its_dev *dev;
	int ret;

	if (!(e & SV_ITS_DTE_VALID))
		return 1;
	if (sv_its_dte_evbits(e) > SV_ITS_EVBITS ||
	    !sv_its_check_id(its, its->baser_dev, devid, NULL))
		return -EINVAL;
	dev = kzalloc(sizeof(*dev), GFP_KERNEL_ACCOUNT);
	if (!dev)
		return -ENOMEM;
	dev->evbits = sv_its_dte_evbits(e);
	dev->itt = sv_its_dte_itt(e);
	xa_init(&dev->ites);
	ret = xa_err(xa_store(&its->devs, devid, dev, GFP_KERNEL_ACCOUNT));
	if (ret) {
		kfree(dev);
		return ret;
	}
	ret = sv_its_restore_itt(its, dev);
	if (ret) {
		sv_its_free_dev(its, devid);
		return ret;
	}
	return sv_its_dte_next(e);
}

static int sv_its_restore_devs(struct sv_its *its)
{
	u64 base = sv_its_baser_addr(its->baser_dev), n, id = 0, e;
	int ret;

	if (!(its->baser_dev & SV_BASER_VALID))
		return 0;
	n = sv_its_baser_bytes(its->baser_dev) / SV_ITS_ESZ;
	while (id < n) {
		ret = sv_its_get_entry(its, base + id * SV_ITS_ESZ, &e);
		if (!ret)
			ret = sv_its_restore_dte(its, id, e);
		if (ret <= 0)
			return ret;
		id += ret;
		cond_resched();
	}
	return 0;
}

static int sv_its_restore_tables(struct sv_its *its)
{
	int ret = sv_its_restore_colls(its);

	if (!ret)
		ret = sv_its_restore_devs(its);
	if (ret) {
		sv_its_free_devs(its);
		sv_its_free_colls(its);
	}
	return ret;
}

/* KVM_DEV_ARM_ITS_CTRL_RESET: as created, but the ABI fields stay. */
static void sv_its_reset(struct sv_its *its)
{
	its->baser_dev &= ~SV_BASER_VALID;
	its->baser_coll &= ~SV_BASER_VALID;
	its->cbaser = 0;
	its->creadr = 0;
	its->cwriter = 0;
	sv_its_set_enabled(its, false);
	sv_its_free_devs(its);
	sv_its_free_colls(its);
}

/* ---- the device fd ------------------------------------------------------- */

/* Upstream takes the VM's lock and every vCPU's (-EBUSY if one runs). */
static int sv_its_lock_all(struct sv_its *its)
{
	mutex_lock(&its->vm->lock);
	if (!sv_vm_lock_all_vcpus(its->vm)) {
		mutex_unlock(&its->vm->lock);
		return -EBUSY;
	}
	mutex_lock(&its->cmd_lock);
	return 0;
}

static void sv_its_unlock_all(struct sv_its *its)
{
	mutex_unlock(&its->cmd_lock);
	sv_vm_unlock_all_vcpus(its->vm);
	mutex_unlock(&its->vm->lock);
}

static int sv_its_attr_ctrl(struct sv_its *its, u64 attr)
{
	int ret;

	if (attr == KVM_DEV_ARM_VGIC_CTRL_INIT)
		return 0;		/* nothing to do, as upstream */
	ret = sv_its_lock_all(its);
	if (ret)
		return ret;
	switch (attr) {
	case KVM_DEV_ARM_ITS_CTRL_RESET:
		sv_its_reset(its);
		break;
	case KVM_DEV_ARM_ITS_SAVE_TABLES:
		ret = sv_its_save_devs(its);
		if (!ret)
			ret = sv_its_save_colls(its);
		break;
	case KVM_DEV_ARM_ITS_RESTORE_TABLES:
		ret = sv_its_restore_tables(its);
		break;
	}
	/* Other values: upstream answers 0 as well. */
	sv_its_unlock_all(its);
	return ret;
}

/* Userspace sees 64-bit registers whole; 32-bit ones below TYPER and in the ID block. */
static int sv_its_attr_align(u64 off)
{
	u64 align = off < SV_GITS_TYPER || off >= SV_GITS_IDREGS ? 3 : 7;

	return off & align ? -EINVAL : 0;
}

static int sv_its_attr_regs(struct sv_its *its, u64 off, u64 *val, bool write)
{
	const struct sv_its_reg *r;
	int ret = sv_its_attr_align(off);

	if (ret)
		return ret;
	ret = sv_its_lock_all(its);
	if (ret)
		return ret;
	r = off < SV_ITS_FRAME_SIZE ? sv_its_find_reg(off) : NULL;
	if (its->base == SV_VGIC_INVALID_ADDR || !r)
		ret = -ENXIO;
	else
		ret = sv_its_access(its, off, r->access & SV_VGIC_ACC_64 ? 8 : 4, val,
				    write, true);
	sv_its_unlock_all(its);
	return ret;
}

static int sv_its_set_addr(struct sv_its *its, u64 addr)
{
	struct sv_vm *vm = its->vm;
	int ret = 0;

	mutex_lock(&vm->lock);
	/* vgic_check_iorange()'s order: set, alignment, wrap, IPA size. */
	if (its->base != SV_VGIC_INVALID_ADDR)
		ret = -EEXIST;
	else if (!IS_ALIGNED(addr, SZ_64K) || addr + SV_ITS_FRAME_SIZE < addr)
		ret = -EINVAL;
	else if (addr + SV_ITS_FRAME_SIZE > (1ULL << vm->ipa_bits))
		ret = -E2BIG;
	else
		WRITE_ONCE(its->base, addr);
	mutex_unlock(&vm->lock);
	if (!ret)
		sv_ioeventfd_layout_changed(vm);
	return ret;
}

static int sv_its_set_get(struct sv_its *its, const struct kvm_device_attr *attr, bool write)
{
	u64 __user *uaddr = u64_to_user_ptr(attr->addr);
	u64 val = 0;
	int ret;

	switch (attr->group) {
	case KVM_DEV_ARM_VGIC_GRP_ADDR:
		if (attr->attr != KVM_VGIC_ITS_ADDR_TYPE)
			return -ENODEV;
		if (!write)
			return put_user(READ_ONCE(its->base), uaddr) ? -EFAULT : 0;
		if (get_user(val, uaddr))
			return -EFAULT;
		return sv_its_set_addr(its, val);
	case KVM_DEV_ARM_VGIC_GRP_CTRL:
		return write ? sv_its_attr_ctrl(its, attr->attr) : -ENXIO;
	case KVM_DEV_ARM_VGIC_GRP_ITS_REGS:
		if (write && get_user(val, uaddr))
			return -EFAULT;
		ret = sv_its_attr_regs(its, attr->attr, &val, write);
		if (!ret && !write)
			ret = put_user(val, uaddr) ? -EFAULT : 0;
		return ret;
	}
	return -ENXIO;
}

static int sv_its_has_attr(const struct kvm_device_attr *attr)
{
	switch (attr->group) {
	case KVM_DEV_ARM_VGIC_GRP_ADDR:
		return attr->attr == KVM_VGIC_ITS_ADDR_TYPE ? 0 : -ENXIO;
	case KVM_DEV_ARM_VGIC_GRP_CTRL:
		switch (attr->attr) {
		case KVM_DEV_ARM_VGIC_CTRL_INIT:
		case KVM_DEV_ARM_ITS_CTRL_RESET:
		case KVM_DEV_ARM_ITS_SAVE_TABLES:
		case KVM_DEV_ARM_ITS_RESTORE_TABLES:
			return 0;
		}
		return -ENXIO;
	case KVM_DEV_ARM_VGIC_GRP_ITS_REGS:
		if (sv_its_attr_align(attr->attr))
			return -EINVAL;
		return attr->attr < SV_ITS_FRAME_SIZE && sv_its_find_reg(attr->attr) ? 0 : -ENXIO;
	}
	return -ENXIO;
}

static long sv_its_dev_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	struct sv_its *its = filp->private_data;
	struct kvm_device_attr attr;

	if (its->vm->mm != current->mm || READ_ONCE(its->vm->dead))
		return -EIO;
	switch (cmd) {
	case KVM_SET_DEVICE_ATTR:
	case KVM_GET_DEVICE_ATTR:
	case KVM_HAS_DEVICE_ATTR:
		break;
	default:
		return -ENOTTY;
	}
	if (copy_from_user(&attr, (void __user *)arg, sizeof(attr)))
		return -EFAULT;
	if (cmd == KVM_HAS_DEVICE_ATTR)
		return sv_its_has_attr(&attr);
	return sv_its_set_get(its, &attr, cmd == KVM_SET_DEVICE_ATTR);
}

static int sv_its_dev_release(struct inode *inode, struct file *filp)
{
	struct sv_its *its = filp->private_data;

	/* The ITS lives as long as the VM (upstream's devices do too). */
	fput(its->vm->file);
	return 0;
}

static const struct file_operations sv_its_fops = {
	.owner		= THIS_MODULE,
	.release	= sv_its_dev_release,
	.unlocked_ioctl	= sv_its_dev_ioctl,
	.llseek		= noop_llseek,
};

static struct sv_its *sv_its_alloc(struct sv_vm *vm)
{
	struct sv_its *its = kzalloc(sizeof(*its), GFP_KERNEL_ACCOUNT);

	if (!its)
		return NULL;
	its->vm = vm;
	mutex_init(&its->cmd_lock);
	spin_lock_init(&its->lock);
	its->base = SV_VGIC_INVALID_ADDR;
	its->baser_dev = SV_BASER_INIT | (SV_BASER_TYPE_DEVICE << SV_BASER_TYPE_SHIFT);
	its->baser_coll = SV_BASER_INIT | (SV_BASER_TYPE_COLL << SV_BASER_TYPE_SHIFT);
	xa_init(&its->devs);
	xa_init(&its->colls);
	return its;
}

/* As upstream, any number of ITSs per VM, each with its own frame. */
int sv_vgic_its_create_device(struct sv_vm *vm, struct kvm_create_device *cd)
{
	struct sv_its *its;
	int ret, fd;

	if (sv_gic_host.version != 3)
		return -ENODEV;		/* the type is registered with a host GICv3 only */
	if (cd->flags & KVM_CREATE_DEVICE_TEST)
		return 0;
	its = sv_its_alloc(vm);
	if (!its)
		return -ENOMEM;
	mutex_lock(&vm->lock);
	ret = sv_vgic_lpis_init(vm);
	if (!ret) {
		list_add_tail_rcu(&its->link, &vm->vgic.lpis->its_list);
		WRITE_ONCE(vm->vgic.has_its, true);
		vm->vgic.propbaser = SV_PROPBASER_INIT;	/* upstream resets it here */
	}
	mutex_unlock(&vm->lock);
	if (ret) {
		kfree(its);
		return ret;
	}
	/* GICD_TYPER now says LPIs: EL2's copy must too. */
	sv_vgic_v3_snap_refresh(vm);
	get_file(vm->file);
	fd = anon_inode_getfd("kvm-arm-vgic-its", &sv_its_fops, its, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		fput(vm->file);		/* the ITS stays until VM destroy */
		return fd;
	}
	cd->fd = fd;
	return 0;
}

void sv_vgic_its_destroy_all(struct sv_vm *vm)
{
	struct sv_vgic_lpis *l = vm->vgic.lpis;
	struct sv_its *its, *tmp;

	if (!l)
		return;
	/* VM destroy: no vCPU, irqfd or device fd is left to use them. */
	list_for_each_entry_safe(its, tmp, &l->its_list, link) {
		struct sv_its_dev *dev;
		struct sv_its_ite *ite;
		unsigned long id, ev;

		list_del(&its->link);
		/* The LPIs themselves go with the VM (vCPUs are gone: no requeue). */
		xa_for_each(&its->devs, id, dev) {
			xa_for_each(&dev->ites, ev, ite)
				kfree(ite);
			xa_destroy(&dev->ites);
			kfree(dev);
		}
		xa_destroy(&its->devs);
		xa_destroy(&its->colls);
		kfree(its);
	}
}
