// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/kvm ioctls that are pure functions of (cmd, arg).  Return values
 * and errnos follow upstream KVM's kvm_dev_ioctl(): a non-zero argument
 * where none is taken is -EINVAL, the deprecated trace ioctls are
 * -EOPNOTSUPP, and anything unknown falls to the arch handler, which on
 * arm64 answers -EINVAL.
 */
#include "dev_ioctl.h"
#include "caps.h"

long sv_dev_ioctl_simple(unsigned int cmd, unsigned long arg)
{
	switch (cmd) {
	case KVM_GET_API_VERSION:
		return arg ? -EINVAL : KVM_API_VERSION;
	case KVM_CHECK_EXTENSION:
		return sv_check_extension((long)arg);
	case KVM_TRACE_ENABLE:
	case KVM_TRACE_PAUSE:
	case KVM_TRACE_DISABLE:
		return -EOPNOTSUPP;
	default:
		/* KVM_CREATE_VM and the like need the kernel: host/dev.c. */
		return -EINVAL;
	}
}
