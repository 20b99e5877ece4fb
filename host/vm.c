// SPDX-License-Identifier: GPL-2.0
/*
 * The VM file descriptor: KVM_CREATE_VM and the VM ioctls (memory slots,
 * vCPU creation, capabilities), with upstream KVM's argument checks and
 * errnos.
 */
#include <linux/anon_inodes.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <asm/cputype.h>
#include <asm/sysreg.h>

#include "splitvisor.h"
#include "caps.h"
#include "el2.h"
#include "vm.h"
#include "irqfd.h"
#include "ioeventfd.h"

unsigned int sv_parange(void)
{
	unsigned int parange = read_sysreg(id_aa64mmfr0_el1) & 0xf;

	return parange > 5 ? 5 : parange;	/* 48 bits: our tables' limit */
}

unsigned int sv_max_ipa_bits(void)
{
	static const unsigned int bits[] = { 32, 36, 40, 42, 44, 48 };

	return bits[sv_parange()];
}

/* KVM_CHECK_EXTENSION on /dev/kvm (vm == NULL) and on a VM fd. */
long sv_vm_check_extension(struct sv_vm *vm, long cap)
{
	switch (cap) {
	case KVM_CAP_NR_VCPUS:
		return min_t(unsigned int, num_online_cpus(), SV_MAX_VCPUS);
	case KVM_CAP_ARM_VM_IPA_SIZE:
		return sv_max_ipa_bits();
	case KVM_CAP_STEAL_TIME:
		return sv_pvtime_supported();
	case KVM_CAP_GUEST_DEBUG_HW_BPS:
		return sv_debug_nr_brps();
	case KVM_CAP_GUEST_DEBUG_HW_WPS:
		return sv_debug_nr_wrps();
	case KVM_CAP_IRQCHIP:
		return sv_gic_host.version != 0;	/* an in-kernel vGIC */
	case KVM_CAP_ARM_SET_DEVICE_ADDR:
		return 1;				/* the legacy GICv2 placement */
	case KVM_CAP_MSI_DEVID:
		/* arm64: a VM's question; MSIs need a DeviceID once it has an ITS. */
		return vm ? sv_vgic_has_its(vm) : -EINVAL;
	default:
		return sv_check_extension(cap);
	}
}

/* ---- memory slots -------------------------------------------------------- */

static struct sv_memslot *sv_memslot_new(const struct kvm_userspace_memory_region *mem)
{
	struct sv_memslot *s = kzalloc(sizeof(*s), GFP_KERNEL_ACCOUNT);

	if (!s)
		return NULL;
	s->id = mem->slot & 0xffff;
	s->flags = mem->flags;
	s->base_gfn = mem->guest_phys_addr >> PAGE_SHIFT;
	s->npages = mem->memory_size >> PAGE_SHIFT;
	s->userspace_addr = mem->userspace_addr;
	return s;
}

static void sv_memslot_free(struct sv_memslot *s)
{
	if (s)
		kvfree(s->dirty_bitmap);
	kfree(s);
}

static unsigned long *sv_dirty_bitmap_alloc(u64 npages)
{
	return kvzalloc(BITS_TO_LONGS(npages) * sizeof(long), GFP_KERNEL_ACCOUNT);
}

/* Room for one more slot; the array swap happens under mmu_lock. */
static int sv_memslots_reserve(struct sv_vm *vm)
{
	struct sv_memslots *ms = &vm->slots;
	struct sv_memslot **n, **old;
	unsigned int cap;

	if (ms->nr < ms->cap)
		return 0;
	cap = ms->cap ? ms->cap * 2 : 16;
	n = kvmalloc_array(cap, sizeof(*n), GFP_KERNEL_ACCOUNT);
	if (!n)
		return -ENOMEM;
	spin_lock(&vm->mmu_lock);
	if (ms->nr)
		memcpy(n, ms->by_gfn, ms->nr * sizeof(*n));
	old = ms->by_gfn;
	ms->by_gfn = n;
	ms->cap = cap;
	spin_unlock(&vm->mmu_lock);
	kvfree(old);
	return 0;
}

/* Take a slot out of the set and out of stage-2, as one step. */
static void sv_memslot_unlink(struct sv_vm *vm, struct sv_memslot *slot)
{
	spin_lock(&vm->mmu_lock);
	sv_memslot_remove(&vm->slots, slot);
	sv_mmu_unmap_slot(vm, slot);
	spin_unlock(&vm->mmu_lock);
}

static int sv_set_memory_region(struct sv_vm *vm,
				const struct kvm_userspace_memory_region *mem)
{
	enum sv_mr_change change;
	struct sv_memslot *old, *new = NULL;
	int ret;

	if (mem->memory_size && !access_ok((void __user *)(unsigned long)mem->userspace_addr,
					   mem->memory_size))
		return -EINVAL;

	down_write(&vm->slots_lock);
	ret = sv_memslot_check(&vm->slots, mem, 1ULL << vm->ipa_bits, &change, &old);
	if (ret || change == SV_MR_NONE)
		goto out;

	switch (change) {
	case SV_MR_DELETE:
		sv_memslot_unlink(vm, old);
		sv_memslot_free(old);
		break;
	case SV_MR_CREATE:
	case SV_MR_MOVE:
		ret = sv_memslots_reserve(vm);
		if (ret)
			goto out;
		new = sv_memslot_new(mem);
		if (!new) {
			ret = -ENOMEM;
			goto out;
		}
		if (new->flags & KVM_MEM_LOG_DIRTY_PAGES) {
			new->dirty_bitmap = sv_dirty_bitmap_alloc(new->npages);
			if (!new->dirty_bitmap) {
				sv_memslot_free(new);
				ret = -ENOMEM;
				goto out;
			}
		}
		if (old) {
			sv_memslot_unlink(vm, old);
			sv_memslot_free(old);
		}
		spin_lock(&vm->mmu_lock);
		sv_memslot_insert(&vm->slots, new);
		spin_unlock(&vm->mmu_lock);
		break;
	case SV_MR_FLAGS_ONLY:
		if ((mem->flags & KVM_MEM_LOG_DIRTY_PAGES) && !old->dirty_bitmap) {
			unsigned long *bitmap = sv_dirty_bitmap_alloc(old->npages);

			if (!bitmap) {
				ret = -ENOMEM;
				goto out;
			}
			spin_lock(&vm->mmu_lock);
			old->dirty_bitmap = bitmap;
			old->flags = mem->flags;
			/* Writes must fault from now on to be logged. */
			sv_mmu_wrprotect_slot(vm, old);
			spin_unlock(&vm->mmu_lock);
		} else {
			unsigned long *bitmap = NULL;

			spin_lock(&vm->mmu_lock);
			if (!(mem->flags & KVM_MEM_LOG_DIRTY_PAGES)) {
				bitmap = old->dirty_bitmap;
				old->dirty_bitmap = NULL;
			}
			old->flags = mem->flags;
			spin_unlock(&vm->mmu_lock);
			kvfree(bitmap);
		}
		break;
	default:
		break;
	}
	/* An ioeventfd EL2 answers may be RAM now, or no longer (SV_FAST_DOORBELL). */
	if (!ret && change != SV_MR_FLAGS_ONLY)
		sv_ioeventfd_layout_changed(vm);
out:
	up_write(&vm->slots_lock);
	return ret;
}

/*
 * KVM_GET_DIRTY_LOG: copy the slot's bitmap out and clear it, and write-
 * protect the pages that were dirty so that the next write is seen again.
 */
static int sv_get_dirty_log(struct sv_vm *vm, struct kvm_dirty_log *log)
{
	struct sv_memslot *s;
	unsigned long n, i, words;
	unsigned long *snap = NULL;
	int ret = 0;

	if ((log->slot >> 16) != 0 || (log->slot & 0xffff) >= SV_MEM_SLOTS_NUM)
		return -EINVAL;
	down_read(&vm->slots_lock);
	s = sv_memslot_by_id(&vm->slots, log->slot & 0xffff);
	if (!s || !s->dirty_bitmap) {
		ret = -ENOENT;
		goto out;
	}
	words = BITS_TO_LONGS(s->npages);
	n = words * sizeof(long);
	snap = kvmalloc(n, GFP_KERNEL_ACCOUNT);
	if (!snap) {
		ret = -ENOMEM;
		goto out;
	}
	spin_lock(&vm->mmu_lock);
	for (i = 0; i < words; i++) {
		snap[i] = s->dirty_bitmap[i];
		s->dirty_bitmap[i] = 0;
	}
	for (i = 0; i < s->npages; i++)
		if (test_bit(i, snap))
			sv_s2_wrprotect_range(&vm->s2, (s->base_gfn + i) << PAGE_SHIFT,
					      PAGE_SIZE);
	spin_unlock(&vm->mmu_lock);
	if (copy_to_user(log->dirty_bitmap, snap, n))
		ret = -EFAULT;
out:
	up_read(&vm->slots_lock);
	kvfree(snap);
	return ret;
}

/* ---- the VM fd --------------------------------------------------------- */

static int sv_vm_enable_cap(struct sv_vm *vm, struct kvm_enable_cap *cap)
{
	if (cap->flags)
		return -EINVAL;
	switch (cap->cap) {
	case KVM_CAP_ARM_NISV_TO_USER:
		vm->nisv_to_user = true;
		return 0;
	case KVM_CAP_ARM_SYSTEM_SUSPEND:
		vm->system_suspend = true;
		sv_fast_mark_stale_vm(vm);	/* PSCI_FEATURES answers change */
		return 0;
	default:
		return -EINVAL;
	}
}

static long sv_vm_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	struct sv_vm *vm = filp->private_data;
	void __user *argp = (void __user *)arg;

	/* As upstream: a VM belongs to its creator's mm, and a dead VM answers nothing. */
	if (vm->mm != current->mm || READ_ONCE(vm->dead))
		return -EIO;

	switch (cmd) {
	case KVM_CREATE_VCPU:
		return sv_create_vcpu(vm, arg);
	case KVM_SET_USER_MEMORY_REGION: {
		struct kvm_userspace_memory_region mem;

		if (copy_from_user(&mem, argp, sizeof(mem)))
			return -EFAULT;
		return sv_set_memory_region(vm, &mem);
	}
	case KVM_GET_DIRTY_LOG: {
		struct kvm_dirty_log log;

		if (copy_from_user(&log, argp, sizeof(log)))
			return -EFAULT;
		return sv_get_dirty_log(vm, &log);
	}
	case KVM_CHECK_EXTENSION:
		return sv_vm_check_extension(vm, arg);
	case KVM_ENABLE_CAP: {
		struct kvm_enable_cap cap;

		if (copy_from_user(&cap, argp, sizeof(cap)))
			return -EFAULT;
		return sv_vm_enable_cap(vm, &cap);
	}
	case KVM_GET_STATS_FD:
		return sv_vm_stats_fd(vm);
	case KVM_CREATE_DEVICE: {
		struct kvm_create_device cd;
		int ret;

		if (copy_from_user(&cd, argp, sizeof(cd)))
			return -EFAULT;
		ret = sv_vgic_create_device(vm, &cd);
		if (!ret && copy_to_user(argp, &cd, sizeof(cd)))
			return -EFAULT;
		return ret;
	}
	case KVM_CREATE_IRQCHIP:
		return sv_vgic_create_irqchip(vm);
	case KVM_ARM_SET_DEVICE_ADDR: {
		struct kvm_arm_device_addr da;

		if (copy_from_user(&da, argp, sizeof(da)))
			return -EFAULT;
		return sv_vgic_set_device_addr(vm, da.id, da.addr);
	}
	/* ---- interrupts and eventfds: vgic/vgic-irqline.c, virtio/ ---- */
	case KVM_IRQ_LINE:
	case KVM_IRQ_LINE_STATUS: {
		struct kvm_irq_level irq;
		int ret;

		if (copy_from_user(&irq, argp, sizeof(irq)))
			return -EFAULT;
		ret = sv_vgic_irq_line(vm, &irq);
		/* arm64 leaves .status untouched: STATUS copies it back as is. */
		if (!ret && cmd == KVM_IRQ_LINE_STATUS &&
		    copy_to_user(argp, &irq, sizeof(irq)))
			return -EFAULT;
		return ret;
	}
	case KVM_IRQFD: {
		struct kvm_irqfd data;

		if (copy_from_user(&data, argp, sizeof(data)))
			return -EFAULT;
		return sv_irqfd(vm, &data);
	}
	case KVM_SET_GSI_ROUTING:
		return sv_set_gsi_routing(vm, argp);
	case KVM_IOEVENTFD: {
		struct kvm_ioeventfd data;

		if (copy_from_user(&data, argp, sizeof(data)))
			return -EFAULT;
		return sv_ioeventfd(vm, &data);
	}
	case KVM_SIGNAL_MSI: {
		struct kvm_msi msi;

		if (copy_from_user(&msi, argp, sizeof(msi)))
			return -EFAULT;
		return sv_vgic_signal_msi(vm, &msi);
	}
	/* ---- end interrupts ---- */
	case KVM_ARM_PREFERRED_TARGET: {
		struct kvm_vcpu_init init = { .target = sv_target_cpu() };

		if (copy_to_user(argp, &init, sizeof(init)))
			return -EFAULT;
		return 0;
	}
	default:
		return -EINVAL;	/* arm64's kvm_arch_vm_ioctl default */
	}
}

/* The live VMs, for debugfs (host/debugfs.c): a VM leaves before its vCPUs go. */
static LIST_HEAD(sv_vms);
static DEFINE_MUTEX(sv_vms_lock);

void sv_vm_for_each(void (*fn)(struct sv_vm *vm, void *arg), void *arg)
{
	struct sv_vm *vm;

	mutex_lock(&sv_vms_lock);
	list_for_each_entry(vm, &sv_vms, node)
		fn(vm, arg);
	mutex_unlock(&sv_vms_lock);
}

static void sv_vm_free(struct sv_vm *vm)
{
	unsigned int i;

	sv_irqfd_vm_destroy(vm);	/* create's error paths; no-op after release */
	sv_ioeventfd_vm_destroy(vm);
	for (i = 0; i < vm->slots.nr; i++)
		sv_memslot_free(vm->slots.by_gfn[i]);
	kvfree(vm->slots.by_gfn);
	sv_mmu_destroy(vm);
	sv_vgic_vm_destroy(vm);
	sv_vmid_free(vm);
	if (vm->mm)
		mmdrop(vm->mm);
	kfree(vm);
}

static int sv_vm_release(struct inode *inode, struct file *filp)
{
	struct sv_vm *vm = filp->private_data;
	int i;

	mutex_lock(&sv_vms_lock);
	list_del(&vm->node);
	mutex_unlock(&sv_vms_lock);
	/* Before the vCPUs: an irqfd shutdown may still touch the vGIC. */
	sv_irqfd_vm_destroy(vm);
	/* vCPU fds hold a reference on this file: they are all gone. */
	for (i = 0; i < atomic_read(&vm->nr_vcpus); i++)
		sv_vcpu_destroy(vm->vcpus[i]);
	mmu_notifier_unregister(&vm->mn, vm->mm);
	sv_vm_free(vm);
	return 0;
}

static const struct file_operations sv_vm_fops = {
	.owner		= THIS_MODULE,
	.release	= sv_vm_release,
	.unlocked_ioctl	= sv_vm_ioctl,
	.llseek		= noop_llseek,
};

static int sv_vm_ipa_bits(unsigned long type, unsigned int *bits)
{
	unsigned int shift;

	if (type & ~KVM_VM_TYPE_ARM_IPA_SIZE_MASK)
		return -EINVAL;
	shift = KVM_VM_TYPE_ARM_IPA_SIZE(type);
	if (!shift)
		shift = SV_DEFAULT_IPA_BITS;
	if (shift > sv_max_ipa_bits() || shift < SV_S2_MIN_IPA_BITS)
		return -EINVAL;
	*bits = shift;
	return 0;
}

long sv_create_vm(unsigned long type)
{
	struct sv_vm *vm;
	struct file *file;
	int fd, ret;

	vm = kzalloc(sizeof(*vm), GFP_KERNEL_ACCOUNT);
	if (!vm)
		return -ENOMEM;
	ret = sv_vm_ipa_bits(type, &vm->ipa_bits);
	if (ret)
		goto err_free;
	mutex_init(&vm->lock);
	init_rwsem(&vm->slots_lock);
	spin_lock_init(&vm->mmu_lock);
	sv_vgic_vm_init(vm);
	sv_ioeventfd_vm_init(vm);
	vm->mm = current->mm;
	mmgrab(vm->mm);
	ret = sv_irqfd_vm_init(vm);
	if (ret)
		goto err_free;
	ret = sv_mmu_init(vm);
	if (ret)
		goto err_free;
	ret = sv_vmid_alloc(vm);
	if (ret)
		goto err_free;
	ret = sv_mmu_notifier_register(vm);
	if (ret)
		goto err_free;

	fd = get_unused_fd_flags(O_CLOEXEC);
	if (fd < 0) {
		ret = fd;
		goto err_unreg;
	}
	file = anon_inode_getfile("kvm-vm", &sv_vm_fops, vm, O_RDWR);
	if (IS_ERR(file)) {
		put_unused_fd(fd);
		ret = PTR_ERR(file);
		goto err_unreg;
	}
	vm->file = file;
	vm->creator = task_tgid_nr(current);
	mutex_lock(&sv_vms_lock);
	list_add_tail(&vm->node, &sv_vms);
	mutex_unlock(&sv_vms_lock);
	fd_install(fd, file);
	return fd;

err_unreg:
	mmu_notifier_unregister(&vm->mn, vm->mm);
err_free:
	sv_vm_free(vm);
	return ret;
}
