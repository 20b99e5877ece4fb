/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The architected timers of a vCPU, host side.  The virtual timer runs
 * in hardware while the guest does (hyp/switch.c switches CNTV_CTL/CVAL
 * and CNTVOFF); the physical timer is emulated (CNTP_* trap, CNTHCTL_EL2
 * EL1PCEN = 0).  Both raise PPIs through the vGIC's public interface
 * (vgic/sv_vgic.h); the vGIC calls back only the vtimer's level callback.
 */
#ifndef SV_ARCH_TIMER_H
#define SV_ARCH_TIMER_H

#include <linux/hrtimer.h>
#include <linux/types.h>


struct sv_vcpu;
struct sv_sysreg_desc;
struct kvm_device_attr;

#define SV_TIMER_VIRT_PPI	27	/* upstream's defaults */
#define SV_TIMER_PHYS_PPI	30

struct sv_timer_cpu {
	/* Emulated EL1 physical timer (the guest's CNTP_CTL/CVAL_EL0). */
	u64 cntp_ctl;
	u64 cntp_cval;
	u32 vtimer_intid;		/* KVM_ARM_VCPU_TIMER_IRQ_VTIMER */
	u32 ptimer_intid;		/* KVM_ARM_VCPU_TIMER_IRQ_PTIMER */
	bool vtimer_level;		/* last level told to the vGIC */
	bool ptimer_level;
	struct hrtimer wake;		/* wakes the vCPU blocked in WFI */
	struct hrtimer ptimer;		/* raises the emulated physical timer */
	/*
	 * Physical vtimer PPI: the active state the last flush set, and the
	 * key under which a CPU may trust its cached copy of it (a new key
	 * whenever a run may have changed the state behind our back).
	 */
	u64 phys_seq;
	bool phys_active;
	u32 mapped_intid;		/* vtimer INTID mapped to the physical PPI, 0 = none */
	u32 line_gen;			/* sv_vgic_line_gen() when the cached levels were checked */
};

/* vCPU lifecycle (host/vcpu.c) */
void sv_timer_vcpu_init(struct sv_vcpu *vcpu);
void sv_timer_vcpu_reset(struct sv_vcpu *vcpu);
void sv_timer_vcpu_destroy(struct sv_vcpu *vcpu);

/* Run loop: flush before entry (IRQs off), sync after the exit. */
void sv_timer_flush(struct sv_vcpu *vcpu);
void sv_timer_sync(struct sv_vcpu *vcpu);

/* WFI: arm the wake-up hrtimer for the earliest enabled timer / cancel it. */
void sv_timer_block_start(struct sv_vcpu *vcpu);
void sv_timer_block_end(struct sv_vcpu *vcpu);
/* A timer condition is met (the guest would get its PPI). */
bool sv_timer_should_fire(struct sv_vcpu *vcpu);

/* The trapped CNTP_* rows (timer_sysregs.c), merged by host/sysreg_table.c. */
extern const struct sv_sysreg_desc *const sv_timer_sysreg_rows;
extern const unsigned int sv_timer_nr_sysregs;

/* KVM_ARM_VCPU_TIMER_CTRL device attributes of a vCPU. */
int sv_timer_attr(struct sv_vcpu *vcpu, unsigned int cmd, const struct kvm_device_attr *attr);

#endif /* SV_ARCH_TIMER_H */
