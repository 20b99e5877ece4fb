/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The few kernel types and helpers that vgic/ host files and the system
 * register rows use, for native unit tests of those files
 * (test_vgic_regs.c, test_sysreg_table.c).  Single-threaded: locks
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
struct mutex { int locked; };
struct xarray { void *head; };
typedef struct { int counter; } atomic_t;
struct list_head { struct list_head *next, *prev; };
struct file;
struct hrtimer { int unused; };		/* timer/arch_timer.h embeds two */

#define DECLARE_BITMAP(name, bits)	unsigned long name[((bits) + 63) / 64]
#define READ_ONCE(x)			(*(volatile __typeof__(x) *)&(x))
#define DIV_ROUND_UP(n, d)		(((n) + (d) - 1) / (d))
#define min_t(t, a, b)			((t)(a) < (t)(b) ? (t)(a) : (t)(b))
#define ARRAY_SIZE(a)			(sizeof(a) / sizeof((a)[0]))
#define atomic_read_acquire(a)		((a)->counter)
#define BIT_ULL(n)			(1ULL << (n))
#define likely(x)			__builtin_expect(!!(x), 1)
#define unlikely(x)			__builtin_expect(!!(x), 0)
#define noinline			__attribute__((noinline))

/* ---- for vgic/vgic.c (test_vgic_core.c) ---- */
#include <stdlib.h>
#include <string.h>
#define GFP_KERNEL_ACCOUNT		0
#define atomic_read(a)			((a)->counter)
#define kcalloc(n, sz, gfp)		calloc(n, sz)
#define kfree(p)			free(p)
#define WRITE_ONCE(x, v)		((x) = (v))
#define smp_store_release(p, v)		(*(p) = (v))
#define smp_load_acquire(p)		(*(p))
#define smp_wmb()			__atomic_thread_fence(__ATOMIC_RELEASE)
#define PAGE_SIZE			4096UL
#define GENMASK_ULL(h, l)		((~0ULL << (l)) & (~0ULL >> (63 - (h))))
#define BITS_PER_LONG			64
#define spin_lock_init(l)		((l)->locked = 0)
#define spin_lock(l)			((l)->locked++)
#define spin_unlock(l)			((l)->locked--)
#define spin_lock_irqsave(l, f)		((f) = 0, (l)->locked++)
#define spin_unlock_irqrestore(l, f)	((void)(f), (l)->locked--)
#define __ffs(x)			((unsigned long)__builtin_ctzl(x))

static inline void INIT_LIST_HEAD(struct list_head *h) { h->next = h->prev = h; }
static inline int list_empty(const struct list_head *h) { return h->next == h; }
#define list_empty_careful(h)		list_empty(h)
static inline void list_add_tail(struct list_head *n, struct list_head *h)
{
	n->prev = h->prev; n->next = h; h->prev->next = n; h->prev = n;
}
static inline void list_del_init(struct list_head *e)
{
	e->prev->next = e->next; e->next->prev = e->prev; INIT_LIST_HEAD(e);
}
#define container_of(p, t, m)		((t *)((char *)(p) - offsetof(t, m)))
#define list_entry(p, t, m)		container_of(p, t, m)
#define list_for_each_entry(pos, head, m)					\
	for (pos = list_entry((head)->next, __typeof__(*pos), m);		\
	     &pos->m != (head); pos = list_entry(pos->m.next, __typeof__(*pos), m))

static inline void __set_bit(unsigned int n, unsigned long *b) { b[n / 64] |= 1UL << (n % 64); }
static inline void __clear_bit(unsigned int n, unsigned long *b) { b[n / 64] &= ~(1UL << (n % 64)); }
static inline int test_bit(unsigned int n, const unsigned long *b) { return (b[n / 64] >> (n % 64)) & 1; }
static inline int bitmap_empty(const unsigned long *b, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (test_bit(i, b))
			return 0;
	return 1;
}
static inline void bitmap_copy(unsigned long *d, const unsigned long *s, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < (n + 63) / 64; i++)
		d[i] = s[i];
}
static inline void bitmap_zero(unsigned long *b, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < (n + 63) / 64; i++)
		b[i] = 0;
}
#define for_each_set_bit(i, b, n)	for ((i) = 0; (i) < (n); (i)++) if (test_bit(i, b))

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
#ifndef KVM_DEV_TYPE_ARM_VGIC_V3
#define KVM_DEV_TYPE_ARM_VGIC_V2	5
#define KVM_DEV_TYPE_ARM_VGIC_V3	7
#endif

#endif /* SV_KSHIM_H */
