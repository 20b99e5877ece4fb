// SPDX-License-Identifier: GPL-2.0
/*
 * The vGIC as a KVM device: KVM_CREATE_DEVICE (and the older
 * KVM_CREATE_IRQCHIP), and the device fd's attribute groups with
 * upstream 6.1's errnos: base addresses, the number of IRQs, init, and
 * the register groups used for save/restore (those are handled in
 * vgic-mmio-v3.c and vgic-sys-v3.c).
 */
#include <linux/anon_inodes.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/kvm.h>
#include <linux/module.h>
#include <linux/uaccess.h>

#include "irqfd.h"
#include "vgic.h"
#include "vgic-its.h"

/* ---- redistributor placement -------------------------------------------- */

static u64 sv_rdreg_size(struct sv_vm *vm, const struct sv_vgic_redist_region *r)
{
	u32 count = r->count ? r->count : atomic_read(&vm->nr_vcpus);

	return (u64)count * SV_VGIC_V3_REDIST_SIZE;
}

/*
 * vCPU i gets the next free redistributor, regions in the order they
 * were added (index order).  GICR_TYPER.Last marks the last one used in
 * its region, unless a full region is continued by the next one.
 */
void sv_vgic_place_redists(struct sv_vm *vm)
{
	struct sv_vgic *d = &vm->vgic;
	unsigned int i, j, n = atomic_read(&vm->nr_vcpus), r = 0, used = 0;
	u32 alloc[SV_VGIC_MAX_REDIST_REGIONS] = { 0 };

	for (j = 0; j < d->nr_rdregs; j++)
		d->rdregs[j].first = n;		/* none placed yet */
	for (i = 0; i < n; i++) {
		struct sv_vgic_cpu *vc = &vm->vcpus[i]->vgic;

		while (r < d->nr_rdregs && d->rdregs[r].count && used >= d->rdregs[r].count) {
			r++;
			used = 0;
		}
		vc->last = false;
		vc->rd_region = -1;
		vc->rd_base = SV_VGIC_INVALID_ADDR;
		if (r >= d->nr_rdregs)
			continue;
		vc->rd_base = d->rdregs[r].base + (u64)used * SV_VGIC_V3_REDIST_SIZE;
		vc->rd_region = r;
		if (!used)
			d->rdregs[r].first = i;
		vc->rd_slot = used++;
		alloc[r] = used;
	}
	for (i = 0; i < n; i++) {
		struct sv_vgic_cpu *vc = &vm->vcpus[i]->vgic;
		const struct sv_vgic_redist_region *rg;

		if (vc->rd_region < 0 || vc->rd_slot + 1 != alloc[vc->rd_region])
			continue;
		rg = &d->rdregs[vc->rd_region];
		vc->last = true;
		if (!rg->count || alloc[vc->rd_region] < rg->count)
			continue;
		for (j = 0; j < d->nr_rdregs; j++)
			if (d->rdregs[j].base == rg->base + sv_rdreg_size(vm, rg) && alloc[j])
				vc->last = false;
	}
	sv_ioeventfd_layout_changed(vm);	/* the GICR frames are where they are now */
}

static bool sv_ranges_overlap(u64 a, u64 asz, u64 b, u64 bsz)
{
	return a < b + bsz && b < a + asz;
}

static int sv_vgic_check_range(struct sv_vm *vm, u64 addr, u64 align, u64 size)
{
	if (!IS_ALIGNED(addr, align) || !IS_ALIGNED(size, align))
		return -EINVAL;
	if (addr + size < addr)
		return -EINVAL;
	if (addr + size > (1ULL << vm->ipa_bits))
		return -E2BIG;
	return 0;
}

/*
 * Every redistributor region inside the IPA space and none overlapping
 * the distributor (if placed): -EINVAL otherwise (upstream's
 * vgic_v3_check_base, at first run and whenever a vCPU gets a slot).
 */
static int sv_vgic_v3_check_base(struct sv_vm *vm)
{
	struct sv_vgic *d = &vm->vgic;
	unsigned int i;

	for (i = 0; i < d->nr_rdregs; i++) {
		u64 size = sv_rdreg_size(vm, &d->rdregs[i]);

		if (sv_vgic_check_range(vm, d->rdregs[i].base, SZ_64K, size))
			return -EINVAL;
		if (d->dist_base != SV_VGIC_INVALID_ADDR &&
		    sv_ranges_overlap(d->dist_base, SV_VGIC_V3_DIST_SIZE,
				      d->rdregs[i].base, size))
			return -EINVAL;
	}
	return 0;
}

static int sv_vgic_add_rdreg(struct sv_vm *vm, u32 index, u64 base, u32 count)
{
	struct sv_vgic *d = &vm->vgic;
	struct sv_vgic_redist_region *r;
	u64 size = count ? (u64)count * SV_VGIC_V3_REDIST_SIZE
			 : (u64)atomic_read(&vm->nr_vcpus) * SV_VGIC_V3_REDIST_SIZE;
	unsigned int i;
	int ret;

	if (base + size < base)
		return -EINVAL;
	if (!d->nr_rdregs) {
		if (index)
			return -EINVAL;
	} else {
		r = &d->rdregs[d->nr_rdregs - 1];
		if (!count && r->count)
			return -EINVAL;	/* no mixing of the two styles */
		if (!count)
			return -EEXIST;
		if (index != r->index + 1)
			return -EINVAL;
	}
	if (d->nr_rdregs >= SV_VGIC_MAX_REDIST_REGIONS)
		return -EINVAL;
	if (!count && d->dist_base != SV_VGIC_INVALID_ADDR &&
	    sv_ranges_overlap(base, size, d->dist_base, SV_VGIC_V3_DIST_SIZE))
		return -EINVAL;
	for (i = 0; i < d->nr_rdregs; i++)
		if (sv_ranges_overlap(base, size, d->rdregs[i].base,
				      sv_rdreg_size(vm, &d->rdregs[i])))
			return -EINVAL;
	ret = sv_vgic_check_range(vm, base, SZ_64K, size);
	if (ret)
		return ret;
	r = &d->rdregs[d->nr_rdregs++];
	r->base = base;
	r->count = count;
	r->index = index;
	sv_vgic_place_redists(vm);
	/* A vCPU placed in it must not end up overlapping the distributor. */
	if (r->first < (u32)atomic_read(&vm->nr_vcpus) && sv_vgic_v3_check_base(vm)) {
		d->nr_rdregs--;
		sv_vgic_place_redists(vm);
		return -EINVAL;
	}
	return 0;
}

/* ---- KVM_DEV_ARM_VGIC_GRP_ADDR ------------------------------------------- */

static int sv_vgic_addr_v3(struct sv_vm *vm, u64 type, u64 *addr, bool write)
{
	struct sv_vgic *d = &vm->vgic;
	int ret;

	switch (type) {
	case KVM_VGIC_V3_ADDR_TYPE_DIST:
		if (!write) {
			*addr = d->dist_base;
			return 0;
		}
		if (d->dist_base != SV_VGIC_INVALID_ADDR)
			return -EEXIST;
		ret = sv_vgic_check_range(vm, *addr, SZ_64K, SV_VGIC_V3_DIST_SIZE);
		if (!ret) {
			d->dist_base = *addr;
			sv_ioeventfd_layout_changed(vm);
		}
		return ret;
	case KVM_VGIC_V3_ADDR_TYPE_REDIST:
		if (write) {
			ret = sv_vgic_add_rdreg(vm, 0, *addr, 0);
			if (!ret)
				d->legacy_redist = true;
			return ret;
		}
		*addr = d->nr_rdregs ? d->rdregs[0].base : SV_VGIC_INVALID_ADDR;
		return 0;
	case KVM_VGIC_V3_ADDR_TYPE_REDIST_REGION: {
		u32 index = *addr & SV_RDIST_INDEX_MASK;
		unsigned int i;

		if (write) {
			u64 base = *addr & SV_RDIST_BASE_MASK;
			u32 count = (*addr & SV_RDIST_COUNT_MASK) >>
				    SV_RDIST_COUNT_SHIFT;

			if (!count || (*addr & SV_RDIST_FLAGS_MASK))
				return -EINVAL;
			return sv_vgic_add_rdreg(vm, index, base, count);
		}
		for (i = 0; i < d->nr_rdregs; i++)
			if (d->rdregs[i].index == index)
				break;
		if (i == d->nr_rdregs)
			return -ENOENT;
		*addr = index | d->rdregs[i].base |
			((u64)d->rdregs[i].count << SV_RDIST_COUNT_SHIFT);
		return 0;
	}
	default:
		return -ENXIO;
	}
}

/*
 * A vGICv2's GICD (4 KiB) and GICC (8 KiB) regions, 4 KiB aligned.  As
 * upstream, a type of the other model (or none) is -ENODEV here, which
 * the device attribute turns into -ENXIO and KVM_ARM_SET_DEVICE_ADDR
 * returns as it is.
 */
static int sv_vgic_addr_v2(struct sv_vm *vm, u64 type, u64 *addr, bool write)
{
	struct sv_vgic *d = &vm->vgic;
	u64 *base, size;
	int ret;

	if (d->type != KVM_DEV_TYPE_ARM_VGIC_V2)
		return -ENODEV;
	switch (type) {
	case KVM_VGIC_V2_ADDR_TYPE_DIST:
		base = &d->dist_base;
		size = SV_VGIC_V2_DIST_SIZE;
		break;
	case KVM_VGIC_V2_ADDR_TYPE_CPU:
		base = &d->cpu_base;
		size = SV_VGIC_V2_CPU_SIZE;
		break;
	default:
		return -ENODEV;
	}
	if (!write) {
		*addr = *base;
		return 0;
	}
	if (*base != SV_VGIC_INVALID_ADDR)
		return -EEXIST;
	ret = sv_vgic_check_range(vm, *addr, SZ_4K, size);
	if (!ret) {
		*base = *addr;
		sv_ioeventfd_layout_changed(vm);
	}
	return ret;
}

int sv_vgic_set_device_addr(struct sv_vm *vm, u64 id, u64 addr)
{
	int ret;

	if ((id & KVM_ARM_DEVICE_ID_MASK) >> KVM_ARM_DEVICE_ID_SHIFT != KVM_ARM_DEVICE_VGIC_V2)
		return -ENODEV;
	if (!sv_gic_host.version)
		return -ENXIO;
	mutex_lock(&vm->lock);
	ret = sv_vgic_addr_v2(vm, (id & KVM_ARM_DEVICE_TYPE_MASK) >> KVM_ARM_DEVICE_TYPE_SHIFT,
			      &addr, true);
	mutex_unlock(&vm->lock);
	return ret;
}

static int sv_vgic_attr_addr(struct sv_vm *vm, const struct kvm_device_attr *attr, bool write)
{
	u64 __user *uaddr = u64_to_user_ptr(attr->addr);
	u64 addr = 0;
	int ret;

	if ((write || attr->attr == KVM_VGIC_V3_ADDR_TYPE_REDIST_REGION) &&
	    get_user(addr, uaddr))
		return -EFAULT;
	mutex_lock(&vm->lock);
	if (vm->vgic.type == KVM_DEV_TYPE_ARM_VGIC_V2)
		ret = sv_vgic_addr_v2(vm, attr->attr, &addr, write);
	else
		ret = sv_vgic_addr_v3(vm, attr->attr, &addr, write);
	mutex_unlock(&vm->lock);
	if (ret == -ENODEV)
		ret = -ENXIO;
	if (!ret && !write)
		ret = put_user(addr, uaddr);
	return ret;
}

/* ---- NR_IRQS and CTRL ---------------------------------------------------- */

static int sv_vgic_attr_nr_irqs(struct sv_vm *vm, const struct kvm_device_attr *attr, bool write)
{
	u32 __user *uaddr = u64_to_user_ptr(attr->addr);
	u32 val;
	int ret = 0;

	if (!write)
		return put_user(vm->vgic.nr_spis + SV_VGIC_NR_PRIVATE, uaddr);
	if (get_user(val, uaddr))
		return -EFAULT;
	/* 32 SPIs at least, INTIDs below 1023 (upstream's bound), in steps of 32. */
	if (val < SV_VGIC_NR_PRIVATE + 32 || val > 1023 || (val & 31))
		return -EINVAL;
	mutex_lock(&vm->lock);
	if (vm->vgic.ready || vm->vgic.nr_spis || vm->vgic.initialized)
		ret = -EBUSY;
	else
		vm->vgic.nr_spis = val - SV_VGIC_NR_PRIVATE;	/* 1020..1023 stay unusable */
	mutex_unlock(&vm->lock);
	return ret;
}

/*
 * Allocate the SPIs; as upstream, initialisation installs the identity
 * GSI -> SPI routes (replacing any set before).  vm->lock held.
 */
static int sv_vgic_init_routes_locked(struct sv_vm *vm)
{
	bool was = vm->vgic.initialized;
	int ret = sv_vgic_init_locked(vm);

	if (!ret && !was)
		sv_irq_routing_default(vm);
	return ret;
}

int sv_vgic_init(struct sv_vm *vm)
{
	int ret;

	mutex_lock(&vm->lock);
	ret = sv_vgic_init_routes_locked(vm);
	mutex_unlock(&vm->lock);
	return ret;
}

/* LPI pending bits back to the guest's tables (none without an ITS). */
static int sv_vgic_save_pending_tables(struct sv_vm *vm)
{
	int ret;

	mutex_lock(&vm->lock);
	if (!sv_vm_lock_all_vcpus(vm)) {
		mutex_unlock(&vm->lock);
		return -EBUSY;
	}
	ret = vm->vgic.initialized ? sv_vgic_lpi_save_pending(vm) : -ENXIO;
	sv_vm_unlock_all_vcpus(vm);
	mutex_unlock(&vm->lock);
	return ret;
}

static int sv_vgic_attr_ctrl(struct sv_vm *vm, const struct kvm_device_attr *attr)
{
	switch (attr->attr) {
	case KVM_DEV_ARM_VGIC_CTRL_INIT:
		return sv_vgic_init(vm);
	case KVM_DEV_ARM_VGIC_SAVE_PENDING_TABLES:
		if (vm->vgic.type != KVM_DEV_TYPE_ARM_VGIC_V3)
			return -ENXIO;
		return sv_vgic_save_pending_tables(vm);
	}
	return -ENXIO;
}

/* ---- register groups (save/restore) -------------------------------------- */

/* v2 attributes name their CPU by vcpu_id in KVM_DEV_ARM_VGIC_CPUID_MASK. */
static struct sv_vcpu *sv_vgic_v2_attr_vcpu(struct sv_vm *vm, u64 attr)
{
	u32 id = (attr & KVM_DEV_ARM_VGIC_CPUID_MASK) >> KVM_DEV_ARM_VGIC_CPUID_SHIFT;
	unsigned int i, n = atomic_read_acquire(&vm->nr_vcpus);

	for (i = 0; i < n; i++)
		if (vm->vcpus[i]->vcpu_id == id)
			return vm->vcpus[i];
	return NULL;
}

/*
 * GICv2 DIST_REGS and CPU_REGS: 32-bit values; as upstream, the access
 * initialises the vGIC, and an offset without a register is RAZ/WI.
 */
static int sv_vgic_v2_attr_regs(struct sv_vm *vm, const struct kvm_device_attr *attr,
				bool write)
{
	u32 __user *uaddr = u64_to_user_ptr(attr->addr);
	u32 offset = attr->attr & KVM_DEV_ARM_VGIC_OFFSET_MASK, val = 0;
	struct sv_vcpu *vcpu = sv_vgic_v2_attr_vcpu(vm, attr->attr);
	u64 v;
	int ret;

	if (!vcpu)
		return -EINVAL;
	if (write && get_user(val, uaddr))
		return -EFAULT;
	v = val;
	mutex_lock(&vm->lock);
	if (!sv_vm_lock_all_vcpus(vm)) {
		mutex_unlock(&vm->lock);
		return -EBUSY;
	}
	ret = sv_vgic_init_locked(vm);
	if (!ret && attr->group == KVM_DEV_ARM_VGIC_GRP_CPU_REGS)
		ret = sv_vgic_v2_cpuif_access(vcpu, offset, &val, write);
	else if (!ret) {
		ret = sv_vgic_v2_dist_access(vm, vcpu, offset, 4, &v, write, true);
		if (ret == -ENXIO) {
			ret = 0;
			v = 0;
		}
		val = v;
	}
	sv_vm_unlock_all_vcpus(vm);
	mutex_unlock(&vm->lock);
	if (!ret && !write)
		ret = put_user(val, uaddr);
	return ret;
}

static int sv_vgic_attr_regs(struct sv_vm *vm, const struct kvm_device_attr *attr, bool write)
{
	bool sysreg = attr->group == KVM_DEV_ARM_VGIC_GRP_CPU_SYSREGS;
	void __user *uaddr = u64_to_user_ptr(attr->addr);
	u64 val64 = 0;
	u32 val = 0;
	int ret;

	if (vm->vgic.type == KVM_DEV_TYPE_ARM_VGIC_V2 &&
	    (attr->group == KVM_DEV_ARM_VGIC_GRP_DIST_REGS ||
	     attr->group == KVM_DEV_ARM_VGIC_GRP_CPU_REGS))
		return sv_vgic_v2_attr_regs(vm, attr, write);
	if (vm->vgic.type != KVM_DEV_TYPE_ARM_VGIC_V3)
		return -ENXIO;
	if (write && (sysreg ? get_user(val64, (u64 __user *)uaddr)
			     : get_user(val, (u32 __user *)uaddr)))
		return -EFAULT;
	mutex_lock(&vm->lock);
	if (!sv_vm_lock_all_vcpus(vm)) {
		mutex_unlock(&vm->lock);
		return -EBUSY;
	}
	/* Upstream's order: a bad vCPU (-EINVAL) before "not initialised" (-EBUSY). */
	if (sysreg && !sv_vgic_v3_attr_vcpu(vm, attr->attr))
		ret = -EINVAL;
	else if (sysreg && !vm->vgic.initialized)
		ret = -EBUSY;
	else if (sysreg)
		ret = sv_vgic_v3_attr_sysreg(vm, attr->attr, &val64, write);
	else	/* checks the vCPU, then initialisation, itself */
		ret = sv_vgic_v3_attr_regs(vm, attr->group, attr->attr, &val, write);
	sv_vm_unlock_all_vcpus(vm);
	mutex_unlock(&vm->lock);
	/* A restored GICR_CTLR.EnableLPIs reads the pending table now. */
	sv_vgic_lpi_sync_deferred(vm);
	if (!ret && !write)
		ret = sysreg ? put_user(val64, (u64 __user *)uaddr)
			     : put_user(val, (u32 __user *)uaddr);
	return ret;
}

static int sv_vgic_v2_has_attr(struct sv_vm *vm, const struct kvm_device_attr *attr)
{
	u32 offset = attr->attr & KVM_DEV_ARM_VGIC_OFFSET_MASK;

	switch (attr->group) {
	case KVM_DEV_ARM_VGIC_GRP_ADDR:
		switch (attr->attr) {
		case KVM_VGIC_V2_ADDR_TYPE_DIST:
		case KVM_VGIC_V2_ADDR_TYPE_CPU:
			return 0;
		}
		return -ENXIO;
	case KVM_DEV_ARM_VGIC_GRP_DIST_REGS:
	case KVM_DEV_ARM_VGIC_GRP_CPU_REGS:
		if (!sv_vgic_v2_attr_vcpu(vm, attr->attr))
			return -EINVAL;
		if (offset & 3)
			return -ENXIO;
		if (attr->group == KVM_DEV_ARM_VGIC_GRP_CPU_REGS)
			return sv_vgic_v2_cpuif_exists(offset) ? 0 : -ENXIO;
		return sv_vgic_v2_dist_exists(vm, offset) ? 0 : -ENXIO;
	case KVM_DEV_ARM_VGIC_GRP_NR_IRQS:
		return 0;
	case KVM_DEV_ARM_VGIC_GRP_CTRL:
		return attr->attr == KVM_DEV_ARM_VGIC_CTRL_INIT ? 0 : -ENXIO;
	}
	return -ENXIO;
}

static int sv_vgic_has_attr(struct sv_vm *vm, const struct kvm_device_attr *attr)
{
	if (vm->vgic.type == KVM_DEV_TYPE_ARM_VGIC_V2)
		return sv_vgic_v2_has_attr(vm, attr);
	switch (attr->group) {
	case KVM_DEV_ARM_VGIC_GRP_ADDR:
		switch (attr->attr) {
		case KVM_VGIC_V3_ADDR_TYPE_DIST:
		case KVM_VGIC_V3_ADDR_TYPE_REDIST:
		case KVM_VGIC_V3_ADDR_TYPE_REDIST_REGION:
			return 0;
		}
		return -ENXIO;
	case KVM_DEV_ARM_VGIC_GRP_DIST_REGS:
	case KVM_DEV_ARM_VGIC_GRP_REDIST_REGS:
	case KVM_DEV_ARM_VGIC_GRP_LEVEL_INFO:
		return sv_vgic_v3_has_attr_regs(vm, attr->group, attr->attr);
	case KVM_DEV_ARM_VGIC_GRP_CPU_SYSREGS:
		return sv_vgic_v3_has_attr_sysreg(vm, attr->attr);
	case KVM_DEV_ARM_VGIC_GRP_NR_IRQS:
		return 0;
	case KVM_DEV_ARM_VGIC_GRP_CTRL:
		switch (attr->attr) {
		case KVM_DEV_ARM_VGIC_CTRL_INIT:
		case KVM_DEV_ARM_VGIC_SAVE_PENDING_TABLES:
			return 0;
		}
	}
	return -ENXIO;
}

static int sv_vgic_set_get_attr(struct sv_vm *vm, const struct kvm_device_attr *attr, bool write)
{
	switch (attr->group) {
	case KVM_DEV_ARM_VGIC_GRP_ADDR:
		return sv_vgic_attr_addr(vm, attr, write);
	case KVM_DEV_ARM_VGIC_GRP_NR_IRQS:
		return sv_vgic_attr_nr_irqs(vm, attr, write);
	case KVM_DEV_ARM_VGIC_GRP_CTRL:
		return write ? sv_vgic_attr_ctrl(vm, attr) : -ENXIO;
	case KVM_DEV_ARM_VGIC_GRP_DIST_REGS:
	case KVM_DEV_ARM_VGIC_GRP_REDIST_REGS:
	case KVM_DEV_ARM_VGIC_GRP_CPU_SYSREGS:
	case KVM_DEV_ARM_VGIC_GRP_LEVEL_INFO:
	case KVM_DEV_ARM_VGIC_GRP_CPU_REGS:
		return sv_vgic_attr_regs(vm, attr, write);
	}
	return -ENXIO;
}

static long sv_vgic_dev_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	struct sv_vm *vm = filp->private_data;
	struct kvm_device_attr attr;

	if (vm->mm != current->mm || READ_ONCE(vm->dead))
		return -EIO;
	switch (cmd) {
	case KVM_SET_DEVICE_ATTR:
	case KVM_GET_DEVICE_ATTR:
	case KVM_HAS_DEVICE_ATTR:
		break;
	default:
		return -ENOTTY;		/* upstream's kvm_device_ioctl default */
	}
	if (copy_from_user(&attr, (void __user *)arg, sizeof(attr)))
		return -EFAULT;
	if (cmd == KVM_HAS_DEVICE_ATTR)
		return sv_vgic_has_attr(vm, &attr);
	return sv_vgic_set_get_attr(vm, &attr, cmd == KVM_SET_DEVICE_ATTR);
}

static int sv_vgic_dev_release(struct inode *inode, struct file *filp)
{
	struct sv_vm *vm = filp->private_data;

	/* The vGIC lives as long as the VM; drop our hold on the VM file. */
	fput(vm->file);
	return 0;
}

static const struct file_operations sv_vgic_fops = {
	.owner		= THIS_MODULE,
	.release	= sv_vgic_dev_release,
	.unlocked_ioctl	= sv_vgic_dev_ioctl,
	.llseek		= noop_llseek,
};

/* ---- creation ------------------------------------------------------------ */

static int sv_vgic_create_locked(struct sv_vm *vm, u32 type)
{
	unsigned int i, n = atomic_read(&vm->nr_vcpus);
	int ret = -EBUSY;

	if (vm->vgic.created)
		return -EEXIST;
	if (!sv_vm_lock_all_vcpus(vm))
		return -EBUSY;
	for (i = 0; i < n; i++)
		if (vm->vcpus[i]->has_run)
			goto out;
	/* A GICv2 has 8 CPU interfaces (upstream: VGIC_V2_MAX_CPUS). */
	ret = -E2BIG;
	if (type == KVM_DEV_TYPE_ARM_VGIC_V2 && n > SV_VGIC_V2_MAX_CPUS)
		goto out;
	ret = -EBUSY;
	vm->vgic.type = type;
	for (i = 0; i < n; i++) {
		sv_vgic_vcpu_init(vm->vcpus[i]);
		sv_vgic_vcpu_reset(vm->vcpus[i]);
	}
	sv_vgic_place_redists(vm);
	WRITE_ONCE(vm->vgic.created, true);
	ret = 0;
out:
	sv_vm_unlock_all_vcpus(vm);
	return ret;
}

static int sv_vgic_type_ok(u32 type)
{
	if (type == KVM_DEV_TYPE_ARM_VGIC_V3 && sv_gic_host.version == 3)
		return 0;
	/* Only on a GICv2 host: no GICv3 with GICv2 compatibility (yet). */
	if (type == KVM_DEV_TYPE_ARM_VGIC_V2 && sv_gic_host.version == 2)
		return 0;
	return -ENODEV;
}

int sv_vgic_create_device(struct sv_vm *vm, struct kvm_create_device *cd)
{
	int ret, fd;

	if (cd->type == KVM_DEV_TYPE_ARM_VGIC_ITS)
		return sv_vgic_its_create_device(vm, cd);
	ret = sv_vgic_type_ok(cd->type);
	if (ret || (cd->flags & KVM_CREATE_DEVICE_TEST))
		return ret;
	mutex_lock(&vm->lock);
	ret = sv_vgic_create_locked(vm, cd->type);
	mutex_unlock(&vm->lock);
	if (ret)
		return ret;
	get_file(vm->file);
	fd = anon_inode_getfd(cd->type == KVM_DEV_TYPE_ARM_VGIC_V2 ? "kvm-arm-vgic-v2" :
			      "kvm-arm-vgic-v3", &sv_vgic_fops, vm, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		/* The vGIC stays created, as upstream's does; no fd to it. */
		fput(vm->file);
		return fd;
	}
	cd->fd = fd;
	return 0;
}

/*
 * KVM_CREATE_IRQCHIP: a GICv2 without a device fd; its regions come
 * with KVM_ARM_SET_DEVICE_ADDR.  Upstream: -ENXIO without any vGIC
 * support, -ENODEV where a GICv2 cannot be emulated.
 */
int sv_vgic_create_irqchip(struct sv_vm *vm)
{
	int ret;

	if (!sv_gic_host.version)
		return -ENXIO;
	ret = sv_vgic_type_ok(KVM_DEV_TYPE_ARM_VGIC_V2);
	if (ret)
		return ret;
	mutex_lock(&vm->lock);
	ret = sv_vgic_create_locked(vm, KVM_DEV_TYPE_ARM_VGIC_V2);
	mutex_unlock(&vm->lock);
	return ret;
}

/* Before the first KVM_RUN of any vCPU: the vGIC must be complete. */
/*
 * GICv3 at the first run, in upstream 6.1's order: every vCPU has a
 * redistributor and the distributor is placed (-ENXIO), the regions fit
 * the IPA space and do not overlap the distributor (-EINVAL), and
 * userspace initialised the vGIC itself (-EBUSY: a v3 is never
 * initialised implicitly).  vm->lock held.
 */
static int sv_vgic_v3_ready_locked(struct sv_vm *vm)
{
	struct sv_vgic *d = &vm->vgic;
	unsigned int i, n = atomic_read(&vm->nr_vcpus);

	for (i = 0; i < n; i++)
		if (vm->vcpus[i]->vgic.rd_base == SV_VGIC_INVALID_ADDR)
			return -ENXIO;
	if (d->dist_base == SV_VGIC_INVALID_ADDR)
		return -ENXIO;
	if (sv_vgic_v3_check_base(vm))
		return -EINVAL;
	return d->initialized ? 0 : -EBUSY;
}

/* Before the first KVM_RUN of any vCPU: the vGIC must be complete. */
int sv_vgic_first_run(struct sv_vcpu *vcpu)
{
	struct sv_vm *vm = vcpu->vm;
	int ret;

	if (!sv_vgic_present(vm))
		return 0;
	/* Acquire: a vCPU that finds it ready finds its snapshot too. */
	if (smp_load_acquire(&vm->vgic.ready)) {
		sv_vgic_v3_snap_publish(vcpu);
		sv_vgic_sgi_route_publish(vcpu);
		return 0;
	}
	mutex_lock(&vm->lock);
	if (vm->vgic.type == KVM_DEV_TYPE_ARM_VGIC_V2) {
		/* A v2 is initialised on demand (upstream's legacy users never ask). */
		ret = sv_vgic_init_routes_locked(vm);
		if (!ret)
			ret = sv_vgic_v2_map_resources(vm);
	} else {
		ret = sv_vgic_v3_ready_locked(vm);
		if (!ret) {
			sv_vgic_v3_snap_create(vm);
			sv_vgic_sgi_route_create(vm);
		}
	}
	if (!ret)
		smp_store_release(&vm->vgic.ready, true);
	else
		WRITE_ONCE(vm->dead, true);	/* as upstream 6.1 (kvm_vgic_map_resources) */
	mutex_unlock(&vm->lock);
	if (!ret) {
		sv_vgic_v3_snap_publish(vcpu);
		sv_vgic_sgi_route_publish(vcpu);
	}
	return ret;
}
