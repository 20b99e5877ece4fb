/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The real backend of hyp/include/sv_hyp_sysreg.h: the instructions
 * themselves.  Kbuild's HYP_CFLAGS put this directory on the include path
 * of the EL2 object; the unit tests have their own (selftests/unit/fake).
 * Every barrier and TLBI clobbers memory so the compiler keeps the
 * accesses on each side where the code put them.
 */
#ifndef SV_HYP_BACKEND_H
#define SV_HYP_BACKEND_H

#define __sv_be_read_sysreg(r) ({					\
	sv_u64 __v;							\
	asm volatile("mrs %0, " __stringify(r) : "=r"(__v));		\
	__v;								\
})

#define __sv_be_write_sysreg(v, r)					\
	asm volatile("msr " __stringify(r) ", %x0" : : "rZ"((sv_u64)(v)))

#define __sv_be_isb()		asm volatile("isb" : : : "memory")
#define __sv_be_dsb(opt)	asm volatile("dsb " #opt : : : "memory")
#define __sv_be_dmb(opt)	asm volatile("dmb " #opt : : : "memory")

/*
 * All ones if idx < size, else 0, computed without a branch (cmp sets C
 * when idx >= size; sbc from zero gives -1 or 0) and followed by CSDB so
 * no speculatively computed mask is used (Arm ARM C6.2.46 CSDB).
 */
static inline sv_u64 __sv_be_index_mask(sv_u64 idx, sv_u64 size)
{
	sv_u64 mask;

	asm volatile("cmp %1, %2\n\tsbc %0, xzr, xzr\n\thint #0x14	// csdb"
		     : "=r"(mask) : "r"(idx), "r"(size) : "cc");
	return mask;
}

#define __sv_be_tlbi(op)	asm volatile("tlbi " #op : : : "memory")
#define __sv_be_tlbi_arg(op, x)						\
	asm volatile("tlbi " #op ", %0" : : "r"((sv_u64)(x)) : "memory")

/* hyp/vectors.S: the AT with its exception fixup. */
sv_u64 __sv_at_s1e1r(sv_u64 va);
#define __sv_be_at_s1e1r(va)	__sv_at_s1e1r((sv_u64)(va))

static inline sv_u32 __sv_be_mmio_read32(sv_u64 addr)
{
	return *(volatile sv_u32 *)addr;
}

static inline void __sv_be_mmio_write32(sv_u32 v, sv_u64 addr)
{
	*(volatile sv_u32 *)addr = v;
}

static inline sv_u64 __sv_be_atomic_or(sv_u64 *p, sv_u64 v)
{
	sv_u64 old, tmp;
	sv_u32 fail;

	asm volatile("1:	ldaxr	%0, %3\n"
		     "	orr	%1, %0, %4\n"
		     "	stlxr	%w2, %1, %3\n"
		     "	cbnz	%w2, 1b"
		     : "=&r"(old), "=&r"(tmp), "=&r"(fail), "+Q"(*p)
		     : "r"(v) : "memory");
	return old;
}

static inline sv_u64 __sv_be_atomic_add(sv_u64 *p, sv_u64 v)
{
	sv_u64 old, tmp;
	sv_u32 fail;

	asm volatile("1:	ldaxr	%0, %3\n"
		     "	add	%1, %0, %4\n"
		     "	stlxr	%w2, %1, %3\n"
		     "	cbnz	%w2, 1b"
		     : "=&r"(old), "=&r"(tmp), "=&r"(fail), "+Q"(*p)
		     : "r"(v) : "memory");
	return old;
}

static inline sv_u64 __sv_be_atomic_xchg(sv_u64 *p, sv_u64 v)
{
	sv_u64 old;
	sv_u32 fail;

	asm volatile("1:	ldaxr	%0, %2\n"
		     "	stlxr	%w1, %3, %2\n"
		     "	cbnz	%w1, 1b"
		     : "=&r"(old), "=&r"(fail), "+Q"(*p)
		     : "r"(v) : "memory");
	return old;
}

#endif /* SV_HYP_BACKEND_H */
