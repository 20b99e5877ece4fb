// SPDX-License-Identifier: GPL-2.0
/*
 * KVM_GET_STATS_FD: the binary statistics file of a VM or a vCPU, in
 * upstream's format (Documentation/virt/kvm/api.rst, "KVM_GET_STATS_FD"):
 *   header | id string | descriptors | data
 * The file is generated on each read, the values are live counters.  The
 * file pins the VM file, so the counters outlive no one.
 */
#include <linux/anon_inodes.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/kvm.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "splitvisor.h"
#include "vm.h"

#define SV_STATS_NAME_SIZE	48	/* upstream's KVM_STATS_NAME_SIZE */

struct sv_stat_desc {
	const char *name;
	u32 flags;
	u32 offset;		/* of the u64 counter in its struct */
	u32 base;		/* which struct: sv_stats_file.data[base] */
};

#define SV_STAT_AT(name, base, type, field, kind) \
	{ name, KVM_STATS_TYPE_##kind | KVM_STATS_UNIT_NONE | KVM_STATS_BASE_POW10, \
	  offsetof(type, field), base }
#define SV_STAT(type, field, kind)	SV_STAT_AT(#field, 0, type, field, kind)
/* The EL2 fast-path tier's counters of a vCPU (struct sv_vcpu_hyp.fast). */
#define SV_STAT_FAST(field) \
	SV_STAT_AT("fast_" #field, 1, struct sv_fast_counts, field, CUMULATIVE)

static const struct sv_stat_desc sv_vm_stat_descs[] = {
	SV_STAT(struct sv_vm_stats, remote_tlb_flush, CUMULATIVE),
	SV_STAT(struct sv_vm_stats, vmid_rollovers, CUMULATIVE),
	SV_STAT(struct sv_vm_stats, s2_pages, INSTANT),
	SV_STAT(struct sv_vm_stats, s2_blocks, INSTANT),
	SV_STAT(struct sv_vm_stats, s2_tables, INSTANT),
};

static const struct sv_stat_desc sv_vcpu_stat_descs[] = {
	SV_STAT(struct sv_vcpu_stats, exits, CUMULATIVE),
	SV_STAT(struct sv_vcpu_stats, hvc_exit_stat, CUMULATIVE),
	SV_STAT(struct sv_vcpu_stats, wfe_exit_stat, CUMULATIVE),
	SV_STAT(struct sv_vcpu_stats, wfi_exit_stat, CUMULATIVE),
	SV_STAT(struct sv_vcpu_stats, mmio_exit_user, CUMULATIVE),
	SV_STAT(struct sv_vcpu_stats, mmio_exit_kernel, CUMULATIVE),
	SV_STAT(struct sv_vcpu_stats, signal_exits, CUMULATIVE),
	SV_STAT(struct sv_vcpu_stats, irq_exits, CUMULATIVE),
	SV_STAT(struct sv_vcpu_stats, smc_exits, CUMULATIVE),
	SV_STAT(struct sv_vcpu_stats, sysreg_exits, CUMULATIVE),
	SV_STAT(struct sv_vcpu_stats, dabt_exits, CUMULATIVE),
	SV_STAT(struct sv_vcpu_stats, iabt_exits, CUMULATIVE),
	SV_STAT(struct sv_vcpu_stats, undef_injected, CUMULATIVE),
	SV_STAT(struct sv_vcpu_stats, s2_faults, CUMULATIVE),
	SV_STAT(struct sv_vcpu_stats, wfi_native_entries, CUMULATIVE),
	SV_STAT(struct sv_vcpu_stats, ioeventfd_posted, CUMULATIVE),
	SV_STAT_FAST(fp_lazy_loads),
	SV_STAT_FAST(hvc),
	SV_STAT_FAST(sysreg),
	SV_STAT_FAST(wfi),
	SV_STAT_FAST(gicd_read),
	SV_STAT_FAST(sgi_posted),
	SV_STAT_FAST(sgi_delivered),
	SV_STAT_FAST(doorbell),
};

struct sv_stats_file {
	struct sv_vm *vm;
	const void *data[2];		/* struct sv_vm_stats, or sv_vcpu_stats and
					 * sv_fast_counts (the descriptors' base) */
	const struct sv_stat_desc *descs;
	unsigned int n;
	char id[SV_STATS_NAME_SIZE];
};

static size_t sv_stats_desc_size(void)
{
	return sizeof(struct kvm_stats_desc) + SV_STATS_NAME_SIZE;
}

/* The whole file as it reads now. */
static void *sv_stats_render(const struct sv_stats_file *sf, size_t *size)
{
	struct kvm_stats_header *h;
	size_t desc_off = sizeof(*h) + SV_STATS_NAME_SIZE;
	size_t data_off = desc_off + sf->n * sv_stats_desc_size();
	unsigned int i;
	char *buf;
	u64 *data;

	*size = data_off + sf->n * sizeof(u64);
	buf = kzalloc(*size, GFP_KERNEL);
	if (!buf)
		return NULL;
	h = (void *)buf;
	h->name_size = SV_STATS_NAME_SIZE;
	h->num_desc = sf->n;
	h->id_offset = sizeof(*h);
	h->desc_offset = desc_off;
	h->data_offset = data_off;
	strscpy(buf + h->id_offset, sf->id, SV_STATS_NAME_SIZE);
	data = (u64 *)(buf + data_off);
	for (i = 0; i < sf->n; i++) {
		struct kvm_stats_desc *d = (void *)(buf + desc_off + i * sv_stats_desc_size());

		d->flags = sf->descs[i].flags;
		d->size = 1;
		d->offset = i * sizeof(u64);
		strscpy(d->name, sf->descs[i].name, SV_STATS_NAME_SIZE);
		data[i] = READ_ONCE(*(const u64 *)((const char *)sf->data[sf->descs[i].base] +
						   sf->descs[i].offset));
	}
	return buf;
}

static ssize_t sv_stats_read(struct file *file, char __user *ubuf, size_t count,
			     loff_t *pos)
{
	struct sv_stats_file *sf = file->private_data;
	size_t size, n;
	char *buf;
	ssize_t ret;

	buf = sv_stats_render(sf, &size);
	if (!buf)
		return -ENOMEM;
	if (*pos >= size) {
		ret = 0;
	} else {
		n = min_t(size_t, count, size - *pos);
		ret = copy_to_user(ubuf, buf + *pos, n) ? -EFAULT : n;
		if (ret > 0)
			*pos += n;
	}
	kfree(buf);
	return ret;
}

static int sv_stats_release(struct inode *inode, struct file *file)
{
	struct sv_stats_file *sf = file->private_data;

	fput(sf->vm->file);
	kfree(sf);
	return 0;
}

static const struct file_operations sv_stats_fops = {
	.owner		= THIS_MODULE,
	.read		= sv_stats_read,
	.release	= sv_stats_release,
	.llseek		= noop_llseek,
};

static int sv_stats_open(struct sv_vm *vm, const void *data, const void *data1,
			 const struct sv_stat_desc *descs, unsigned int n,
			 const char *id)
{
	struct sv_stats_file *sf = kzalloc(sizeof(*sf), GFP_KERNEL_ACCOUNT);
	struct file *file;
	int fd;

	if (!sf)
		return -ENOMEM;
	sf->vm = vm;
	sf->data[0] = data;
	sf->data[1] = data1;
	sf->descs = descs;
	sf->n = n;
	strscpy(sf->id, id, sizeof(sf->id));
	fd = get_unused_fd_flags(O_CLOEXEC);
	if (fd < 0) {
		kfree(sf);
		return fd;
	}
	file = anon_inode_getfile("kvm-stats", &sv_stats_fops, sf, O_RDONLY);
	if (IS_ERR(file)) {
		put_unused_fd(fd);
		kfree(sf);
		return PTR_ERR(file);
	}
	file->f_mode |= FMODE_PREAD;
	get_file(vm->file);
	fd_install(fd, file);
	return fd;
}

int sv_vm_stats_fd(struct sv_vm *vm)
{
	char id[SV_STATS_NAME_SIZE];

	snprintf(id, sizeof(id), "kvm-%d", task_pid_nr(current));
	return sv_stats_open(vm, &vm->stats, NULL, sv_vm_stat_descs,
			     ARRAY_SIZE(sv_vm_stat_descs), id);
}

int sv_vcpu_stats_fd(struct sv_vcpu *vcpu)
{
	char id[SV_STATS_NAME_SIZE];

	snprintf(id, sizeof(id), "kvm-%d/vcpu-%u", task_pid_nr(current), vcpu->vcpu_id);
	return sv_stats_open(vcpu->vm, &vcpu->stats, &vcpu->hyp->fast, sv_vcpu_stat_descs,
			     ARRAY_SIZE(sv_vcpu_stat_descs), id);
}
