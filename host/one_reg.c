// SPDX-License-Identifier: GPL-2.0
/*
 * KVM_GET_ONE_REG / KVM_SET_ONE_REG / KVM_GET_REG_LIST: core registers
 * (struct kvm_regs offsets), system registers (host/sysreg_table.c's rows
 * marked one_reg), the virtual timer, and the firmware pseudo-registers,
 * with upstream's ids, sizes and errnos.
 */
#include <linux/kvm.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <asm/arch_timer.h>

#include "splitvisor.h"
#include "arm_regs.h"
#include "psci.h"
#include "sysreg_table.h"
#include "vm.h"

#define SV_CORE_OFF(x)		(offsetof(struct kvm_regs, x) / sizeof(__u32))
#define SV_REG_ID_CORE(off, size) (KVM_REG_ARM64 | (size) | KVM_REG_ARM_CORE | (off))

#define SV_TIMER_CTL	SV_ENC(3, 3, 14, 3, 1)
#define SV_TIMER_CNT	SV_ENC(3, 3, 14, 3, 2)
#define SV_TIMER_CVAL	SV_ENC(3, 3, 14, 0, 2)

/* ---- core registers ------------------------------------------------------ */

/* Size of the core register at 32-bit word offset off, or 0 if none starts there. */
static u64 sv_core_size(u64 off)
{
	if (off < SV_CORE_OFF(fp_regs.vregs[0]))
		return (off % 2 == 0 && off < SV_CORE_OFF(spsr[KVM_NR_SPSR])) ?
		       KVM_REG_SIZE_U64 : 0;
	if (off < SV_CORE_OFF(fp_regs.fpsr))
		return (off - SV_CORE_OFF(fp_regs.vregs[0])) % 4 == 0 ?
		       KVM_REG_SIZE_U128 : 0;
	if (off == SV_CORE_OFF(fp_regs.fpsr) || off == SV_CORE_OFF(fp_regs.fpcr))
		return KVM_REG_SIZE_U32;
	return 0;
}

/* Where a core register lives in our context. */
static void *sv_core_ptr(struct sv_vcpu *vcpu, u64 off)
{
	struct sv_cpu_ctxt *c = sv_ctxt(vcpu);

	if (off < SV_CORE_OFF(regs.sp))
		return &c->regs.x[off / 2];
	if (off == SV_CORE_OFF(regs.sp))
		return &c->sys[SV_SP_EL0];
	if (off == SV_CORE_OFF(regs.pc))
		return &c->pc;
	if (off == SV_CORE_OFF(regs.pstate))
		return &c->pstate;
	if (off == SV_CORE_OFF(sp_el1))
		return &c->sys[SV_SP_EL1];
	if (off == SV_CORE_OFF(elr_el1))
		return &c->sys[SV_ELR_EL1];
	if (off == SV_CORE_OFF(spsr[KVM_SPSR_EL1]))
		return &c->sys[SV_SPSR_EL1];
	if (off < SV_CORE_OFF(fp_regs.vregs[0]))
		return &vcpu->spsr32[(off - SV_CORE_OFF(spsr[1])) / 2];
	if (off < SV_CORE_OFF(fp_regs.fpsr))
		return &c->fp.v[(off - SV_CORE_OFF(fp_regs.vregs[0])) / 2];
	if (off == SV_CORE_OFF(fp_regs.fpsr))
		return &c->fp.fpsr;
	return &c->fp.fpcr;
}

static bool sv_pstate_ok(u64 v)
{
	switch (v & (SV_PSR_MODE32 | SV_PSR_MODE_MASK)) {
	case SV_PSR_MODE_EL0t:
	case SV_PSR_MODE_EL1t:
	case SV_PSR_MODE_EL1h:
		return true;
	default:
		return false;	/* AArch32 modes: no 32-bit vCPUs here */
	}
}

static int sv_core_reg(struct sv_vcpu *vcpu, const struct kvm_one_reg *reg, bool set)
{
	u64 off = reg->id & ~(KVM_REG_ARCH_MASK | KVM_REG_SIZE_MASK | KVM_REG_ARM_COPROC_MASK);
	u64 size = sv_core_size(off);
	void __user *uaddr = (void __user *)(unsigned long)reg->addr;
	unsigned int bytes = KVM_REG_SIZE(reg->id);
	u64 buf[2] = { 0, 0 };

	if (off >= sizeof(struct kvm_regs) / sizeof(__u32) || !size ||
	    (reg->id & KVM_REG_SIZE_MASK) != size)
		return -EINVAL;
	if (!set) {
		memcpy(buf, sv_core_ptr(vcpu, off), bytes);
		return copy_to_user(uaddr, buf, bytes) ? -EFAULT : 0;
	}
	if (copy_from_user(buf, uaddr, bytes))
		return -EFAULT;
	if (off == SV_CORE_OFF(regs.pstate) && !sv_pstate_ok(buf[0]))
		return -EINVAL;
	memcpy(sv_core_ptr(vcpu, off), buf, bytes);
	return 0;
}

/* ---- firmware pseudo-registers -------------------------------------------- */

static int sv_fw_get(struct sv_vcpu *vcpu, u64 id, u64 *val)
{
	switch (id) {
	case KVM_REG_ARM_PSCI_VERSION:
		*val = vcpu->psci_version;
		return 0;
	case KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_1:
	case KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_2:
	case KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_3:
		*val = 0;	/* NOT_AVAIL: we do not offer the workaround calls */
		return 0;
	case KVM_REG_ARM_STD_BMAP:
		*val = vcpu->fw_std_bmap;
		return 0;
	case KVM_REG_ARM_STD_HYP_BMAP:
		*val = vcpu->fw_std_hyp_bmap;
		return 0;
	case KVM_REG_ARM_VENDOR_HYP_BMAP:
		*val = vcpu->fw_vendor_hyp_bmap;
		return 0;
	}
	return -ENOENT;
}

static int sv_fw_bmap_set(struct sv_vcpu *vcpu, u64 *bmap, u64 all, u64 val)
{
	if (val & ~all)
		return -EINVAL;
	/* Fixed once the VM has run (upstream: KVM_ARCH_FLAG_HAS_RAN_ONCE). */
	if (vcpu->vm->vcpu_has_run && val != *bmap)
		return -EBUSY;
	*bmap = val;
	return 0;
}

static int sv_fw_set(struct sv_vcpu *vcpu, u64 id, u64 val)
{
	bool has_02 = vcpu->features & BIT(KVM_ARM_VCPU_PSCI_0_2);

	switch (id) {
	case KVM_REG_ARM_PSCI_VERSION:
		if (val == SV_PSCI_VERSION_0_1 && !has_02)
			break;
		if ((val == SV_PSCI_VERSION_0_2 || val == SV_PSCI_VERSION_1_0 ||
		     val == SV_PSCI_VERSION_1_1) && has_02)
			break;
		return -EINVAL;
	case KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_1:
	case KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_2:
	case KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_3:
		/* Only the level we have can be restored. */
		return val == 0 ? 0 : -EINVAL;
	case KVM_REG_ARM_STD_BMAP:
		return sv_fw_bmap_set(vcpu, &vcpu->fw_std_bmap, SV_FW_STD_BMAP_ALL, val);
	case KVM_REG_ARM_STD_HYP_BMAP:
		return sv_fw_bmap_set(vcpu, &vcpu->fw_std_hyp_bmap, SV_FW_STD_HYP_BMAP_ALL, val);
	case KVM_REG_ARM_VENDOR_HYP_BMAP:
		return sv_fw_bmap_set(vcpu, &vcpu->fw_vendor_hyp_bmap,
				      SV_FW_VENDOR_HYP_BMAP_ALL, val);
	default:
		return -ENOENT;
	}
	vcpu->psci_version = val;
	return 0;
}

static const u64 sv_fw_regs[] = {
	KVM_REG_ARM_PSCI_VERSION,
	KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_1,
	KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_2,
	KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_3,
	KVM_REG_ARM_STD_BMAP,
	KVM_REG_ARM_STD_HYP_BMAP,
	KVM_REG_ARM_VENDOR_HYP_BMAP,
};

/* ---- system registers and the timer ---------------------------------------- */

static int sv_timer_get(struct sv_vcpu *vcpu, u32 enc, u64 *val)
{
	switch (enc) {
	case SV_TIMER_CTL:
		*val = vcpu->hyp->cntv_ctl;
		return 0;
	case SV_TIMER_CVAL:
		*val = vcpu->hyp->cntv_cval;
		return 0;
	case SV_TIMER_CNT:
		*val = __arch_counter_get_cntpct() - vcpu->hyp->cfg.cntvoff;
		return 0;
	}
	return -ENOENT;
}

/* Setting the counter moves the whole VM's offset (as upstream). */
static void sv_vm_set_cntvoff(struct sv_vm *vm, u64 off)
{
	int i, n = atomic_read_acquire(&vm->nr_vcpus);

	vm->cntvoff = off;
	for (i = 0; i < n; i++)
		vm->vcpus[i]->hyp->cfg.cntvoff = off;
}

static int sv_timer_set(struct sv_vcpu *vcpu, u32 enc, u64 val)
{
	switch (enc) {
	case SV_TIMER_CTL:
		vcpu->hyp->cntv_ctl = val;
		return 0;
	case SV_TIMER_CVAL:
		vcpu->hyp->cntv_cval = val;
		return 0;
	case SV_TIMER_CNT:
		sv_vm_set_cntvoff(vcpu->vm, __arch_counter_get_cntpct() - val);
		return 0;
	}
	return -ENOENT;
}

static int sv_sys_reg(struct sv_vcpu *vcpu, const struct kvm_one_reg *reg, bool set)
{
	u32 enc = reg->id & 0xffff;
	void __user *uaddr = (void __user *)(unsigned long)reg->addr;
	const struct sv_sysreg_desc *d;
	u64 val;
	int ret;

	if ((reg->id & KVM_REG_SIZE_MASK) != KVM_REG_SIZE_U64 ||
	    (reg->id & ~(KVM_REG_ARCH_MASK | KVM_REG_SIZE_MASK |
			 KVM_REG_ARM_COPROC_MASK | 0xffffULL)))
		return -ENOENT;
	if (set && copy_from_user(&val, uaddr, sizeof(val)))
		return -EFAULT;
	d = sv_sysreg_find(enc);
	if (d && d->one_reg)
		ret = set ? sv_sysreg_set(vcpu, d, val) : sv_sysreg_get(vcpu, d, &val);
	else
		ret = set ? sv_timer_set(vcpu, enc, val) : sv_timer_get(vcpu, enc, &val);
	if (ret || set)
		return ret;
	return copy_to_user(uaddr, &val, sizeof(val)) ? -EFAULT : 0;
}

/* ---- the ioctls ----------------------------------------------------------- */

static int sv_one_reg(struct sv_vcpu *vcpu, const struct kvm_one_reg *reg, bool set)
{
	void __user *uaddr = (void __user *)(unsigned long)reg->addr;
	u64 val;
	int ret;

	if ((reg->id & KVM_REG_ARCH_MASK) != KVM_REG_ARM64)
		return -EINVAL;
	switch (reg->id & KVM_REG_ARM_COPROC_MASK) {
	case KVM_REG_ARM_CORE:
		return sv_core_reg(vcpu, reg, set);
	case KVM_REG_ARM_FW:
	case KVM_REG_ARM_FW_FEAT_BMAP:
		if (KVM_REG_SIZE(reg->id) != sizeof(val))
			return -ENOENT;
		if (set) {
			if (copy_from_user(&val, uaddr, sizeof(val)))
				return -EFAULT;
			return sv_fw_set(vcpu, reg->id, val);
		}
		ret = sv_fw_get(vcpu, reg->id, &val);
		if (ret)
			return ret;
		return copy_to_user(uaddr, &val, sizeof(val)) ? -EFAULT : 0;
	case KVM_REG_ARM64_SYSREG:
		return sv_sys_reg(vcpu, reg, set);
	default:
		return -ENOENT;
	}
}

int sv_get_one_reg(struct sv_vcpu *vcpu, const struct kvm_one_reg *reg)
{
	return sv_one_reg(vcpu, reg, false);
}

int sv_set_one_reg(struct sv_vcpu *vcpu, const struct kvm_one_reg *reg)
{
	return sv_one_reg(vcpu, reg, true);
}

/* Write the list (or count it when out is NULL). */
static unsigned int sv_reg_list(u64 *out)
{
	const struct sv_sysreg_desc *d;
	unsigned int n = 0, i;
	u64 off;

	for (off = 0; off < sizeof(struct kvm_regs) / sizeof(__u32); off++) {
		u64 size = sv_core_size(off);

		if (!size)
			continue;
		if (out)
			out[n] = SV_REG_ID_CORE(off, size);
		n++;
	}
	for (i = 0; i < ARRAY_SIZE(sv_fw_regs); i++, n++)
		if (out)
			out[n] = sv_fw_regs[i];
	if (out) {
		out[n] = ARM64_SYS_REG(3, 3, 14, 3, 1);	/* TIMER_CTL */
		out[n + 1] = ARM64_SYS_REG(3, 3, 14, 3, 2);	/* TIMER_CNT */
		out[n + 2] = ARM64_SYS_REG(3, 3, 14, 0, 2);	/* TIMER_CVAL */
	}
	n += 3;
	for (d = sv_sysreg_next_listed(NULL); d; d = sv_sysreg_next_listed(d), n++)
		if (out)
			out[n] = KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM64_SYSREG | d->enc;
	return n;
}

int sv_get_reg_list(struct sv_vcpu *vcpu, struct kvm_reg_list __user *user)
{
	unsigned int n = sv_reg_list(NULL);
	struct kvm_reg_list head;
	u64 room, *list;
	int ret = 0;

	if (copy_from_user(&head, user, sizeof(head)))
		return -EFAULT;
	room = head.n;
	head.n = n;
	if (copy_to_user(user, &head, sizeof(head)))
		return -EFAULT;
	if (room < n)
		return -E2BIG;
	list = kvmalloc_array(n, sizeof(*list), GFP_KERNEL);
	if (!list)
		return -ENOMEM;
	sv_reg_list(list);
	if (copy_to_user(user->reg, list, n * sizeof(*list)))
		ret = -EFAULT;
	kvfree(list);
	return ret;
}
