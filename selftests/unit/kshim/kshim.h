/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The few kernel types and helpers that vgic/ host files use, for native
 * unit tests of those files (test_vgic_regs.c).  Single-threaded: locks
 * are no-ops.  The arm64 uapi constants are missing from the build
 * machine's <linux/kvm.h>, so the ones vgic/ needs are repeated here.
 */
#ifndef SV_KSHIM_H
#define SV_KSHIM_H

#include <stdbool.h>
#include <stddef.h>
#include <errno.h>
#include <linux/types.h>
#include <linux/kvm.h>

typedef __u8 u8;
typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;
typedef __u64 phys_addr_t;
#define __iomem

typedef struct { int locked; } spinlock_t;
typedef struct { int counter; } atomic_t;
struct list_head { struct list_head *next, *prev; };
struct file;

#define DECLARE_BITMAP(name, bits)	unsigned long name[((bits) + 63) / 64]
#define READ_ONCE(x)			(*(volatile __typeof__(x) *)&(x))
#define DIV_ROUND_UP(n, d)		(((n) + (d) - 1) / (d))
#define min_t(t, a, b)			((t)(a) < (t)(b) ? (t)(a) : (t)(b))
#define atomic_read_acquire(a)		((a)->counter)

#ifndef KVM_DEV_ARM_VGIC_GRP_DIST_REGS	/* arm64 <asm/kvm.h> */
#define KVM_DEV_ARM_VGIC_GRP_DIST_REGS	1
#define KVM_DEV_ARM_VGIC_GRP_REDIST_REGS 5
#define KVM_DEV_ARM_VGIC_GRP_LEVEL_INFO	7
#define KVM_DEV_ARM_VGIC_V3_MPIDR_SHIFT	32
#define KVM_DEV_ARM_VGIC_V3_MPIDR_MASK	(0xffffffffULL << 32)
#define KVM_DEV_ARM_VGIC_OFFSET_MASK	0xffffffffULL
#define KVM_DEV_ARM_VGIC_LINE_LEVEL_INFO_SHIFT 10
#define KVM_DEV_ARM_VGIC_LINE_LEVEL_INFO_MASK (0x3fffffULL << 10)
#define KVM_DEV_ARM_VGIC_LINE_LEVEL_INTID_MASK 0x3ff
#define VGIC_LEVEL_INFO_LINE_LEVEL	0
#endif

#endif /* SV_KSHIM_H */
