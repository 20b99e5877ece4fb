/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SV_DEV_IOCTL_H
#define SV_DEV_IOCTL_H

#include "sv_pure.h"

/*
 * The /dev/kvm ioctls that are pure functions of (cmd, arg): the value or
 * negative errno upstream KVM gives.
 */
long sv_dev_ioctl_simple(unsigned int cmd, unsigned long arg);

#endif /* SV_DEV_IOCTL_H */
