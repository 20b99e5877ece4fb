// SPDX-License-Identifier: GPL-2.0
/* The /dev/kvm misc device (minor 232, as the in-kernel KVM uses). */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>

#include "splitvisor.h"
#include "dev_ioctl.h"
#include "vm.h"

static long sv_dev_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	switch (cmd) {
	case KVM_CREATE_VM:
		return sv_create_vm(arg);
	case KVM_CHECK_EXTENSION:
		return sv_vm_check_extension(NULL, arg);
	case KVM_GET_VCPU_MMAP_SIZE:
		/* The kvm_run page; no coalesced-MMIO ring is offered. */
		return arg ? -EINVAL : PAGE_SIZE;
	default:
		return sv_dev_ioctl_simple(cmd, arg);
	}
}

/*
 * .owner pins the module while /dev/kvm (and later any VM fd) is open, so
 * rmmod is refused with -EBUSY instead of pulling code from under a user.
 * No .compat_ioctl: upstream KVM on arm64 has none either (KVM_COMPAT is
 * off for arm64), so 32-bit callers get -ENOTTY from both.
 */
static const struct file_operations sv_dev_fops = {
	.owner		= THIS_MODULE,
	.unlocked_ioctl	= sv_dev_ioctl,
	.llseek		= noop_llseek,
};

static struct miscdevice sv_miscdev = {
	.minor	= KVM_MINOR,
	.name	= "kvm",
	.fops	= &sv_dev_fops,
};

int sv_dev_register(void)
{
	return misc_register(&sv_miscdev);
}

void sv_dev_unregister(void)
{
	misc_deregister(&sv_miscdev);
}
