/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pure-logic files (no kernel services, only types, errnos and the KVM
 * uapi) include this instead of kernel headers, so that the same source
 * builds in the module and natively in selftests/unit.
 */
#ifndef SV_PURE_H
#define SV_PURE_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/errno.h>
#include <linux/kvm.h>
#else
#include <stdbool.h>
#include <stddef.h>
#include <errno.h>
#include <linux/types.h>
#include <linux/kvm.h>
#endif

#endif /* SV_PURE_H */
