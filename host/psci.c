// SPDX-License-Identifier: GPL-2.0
/*
 * Guest hypercalls (HVC): PSCI 0.2/1.0/1.1, the SMCCC version/features
 * calls, TRNG, PV time and the KVM vendor-hyp service (UID, features,
 * PTP), with upstream's function IDs, return values and the firmware
 * bitmaps (KVM_REG_ARM_*_BMAP) that switch services off.  One row per
 * function ID (sv_hvc_rows, below): a call with a fixed answer has a
 * side-effect-free answer function, which also fills the answers EL2
 * gives itself (sv_hvc_fast_fill, hyp/fast-hvc.c); a call that acts has
 * its handler.  An ID without a row answers SMCCC_RET_NOT_SUPPORTED.
 */
#include <linux/arm-smccc.h>
#include <linux/psci.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/ktime.h>
#include <linux/timekeeping.h>
#include <uapi/linux/psci.h>
#include <asm/arch_timer.h>

#include "splitvisor.h"
#include "arm_regs.h"
#include "emulate.h"
#include "psci.h"
#include "sv_hyp_fast.h"
#include "vm.h"

#define SV_MPIDR_HWID_MASK	0xff00ffffffULL

void sv_psci_vcpu_init(struct sv_vcpu *vcpu)
{
	vcpu->psci_version = (vcpu->features & BIT(KVM_ARM_VCPU_PSCI_0_2)) ?
			     SV_PSCI_VERSION_1_1 : SV_PSCI_VERSION_0_1;
	vcpu->fw_std_bmap = SV_FW_STD_BMAP_ALL;
	vcpu->fw_std_hyp_bmap = SV_FW_STD_HYP_BMAP_ALL;
	vcpu->fw_vendor_hyp_bmap = SV_FW_VENDOR_HYP_BMAP_ALL;
}

static void sv_smccc_ret(struct sv_vcpu *vcpu, u64 a0, u64 a1, u64 a2, u64 a3)
{
	struct sv_cpu_ctxt *c = sv_ctxt(vcpu);

	c->regs.x[0] = a0;
	c->regs.x[1] = a1;
	c->regs.x[2] = a2;
	c->regs.x[3] = a3;
}

static struct sv_vcpu *sv_vcpu_by_mpidr(struct sv_vm *vm, u64 mpidr)
{
	int i, n = atomic_read_acquire(&vm->nr_vcpus);

	for (i = 0; i < n; i++)
		if ((vm->vcpus[i]->hyp->cfg.vmpidr & SV_MPIDR_HWID_MASK) == mpidr)
			return vm->vcpus[i];
	return NULL;
}

static long sv_psci_cpu_on(struct sv_vcpu *src, u64 mpidr, u64 entry, u64 ctx)
{
	struct sv_vcpu *t;

	t = sv_vcpu_by_mpidr(src->vm, mpidr & SV_MPIDR_HWID_MASK);
	if (!t || t->target == -1)
		return PSCI_RET_INVALID_PARAMS;
	if (!READ_ONCE(t->power_off))
		return PSCI_RET_ALREADY_ON;
	/* The target resets into entry with x0 = context id on its next run. */
	t->reset_pc = entry;
	t->reset_x0 = ctx;
	smp_wmb();	/* pairs with sv_vcpu_reset_if_pending() */
	WRITE_ONCE(t->reset_pending, true);
	WRITE_ONCE(t->power_off, false);
	sv_vcpu_kick(t);
	return PSCI_RET_SUCCESS;
}

static long sv_psci_affinity_info(struct sv_vcpu *src, u64 aff, u64 level)
{
	struct sv_vm *vm = src->vm;
	u64 mask;
	int i, n, found = 0;

	if (level > 3)
		return PSCI_RET_INVALID_PARAMS;
	mask = SV_MPIDR_HWID_MASK;
	if (level >= 1)
		mask &= ~0xffULL;
	if (level >= 2)
		mask &= ~0xff00ULL;
	if (level >= 3)
		mask &= ~0xff0000ULL;
	n = atomic_read_acquire(&vm->nr_vcpus);
	for (i = 0; i < n; i++) {
		struct sv_vcpu *v = vm->vcpus[i];

		if ((v->hyp->cfg.vmpidr & mask) != (aff & mask))
			continue;
		found = 1;
		if (!READ_ONCE(v->power_off))
			return PSCI_0_2_AFFINITY_LEVEL_ON;
	}
	return found ? PSCI_0_2_AFFINITY_LEVEL_OFF : PSCI_RET_INVALID_PARAMS;
}

/* SYSTEM_OFF/RESET: stop every vCPU and tell userspace. */
static int sv_psci_system_event(struct sv_vcpu *vcpu, u32 type, u64 data0, int ndata)
{
	struct sv_vm *vm = vcpu->vm;
	int i, n = atomic_read_acquire(&vm->nr_vcpus);

	for (i = 0; i < n; i++) {
		WRITE_ONCE(vm->vcpus[i]->power_off, true);
		if (vm->vcpus[i] != vcpu)
			sv_vcpu_kick(vm->vcpus[i]);
	}
	/* If userspace resumes the guest anyway, the call failed. */
	sv_smccc_ret(vcpu, PSCI_RET_INTERNAL_FAILURE, 0, 0, 0);
	memset(&vcpu->run->system_event, 0, sizeof(vcpu->run->system_event));
	vcpu->run->exit_reason = KVM_EXIT_SYSTEM_EVENT;
	vcpu->run->system_event.type = type;
	vcpu->run->system_event.ndata = ndata;
	vcpu->run->system_event.data[0] = data0;
	return 0;
}

static long sv_psci_features(struct sv_vcpu *vcpu, u32 fid)
{
	switch (fid) {
	case PSCI_0_2_FN_PSCI_VERSION:
	case PSCI_0_2_FN_CPU_SUSPEND:
	case PSCI_0_2_FN64_CPU_SUSPEND:
	case PSCI_0_2_FN_CPU_OFF:
	case PSCI_0_2_FN_CPU_ON:
	case PSCI_0_2_FN64_CPU_ON:
	case PSCI_0_2_FN_AFFINITY_INFO:
	case PSCI_0_2_FN64_AFFINITY_INFO:
	case PSCI_0_2_FN_MIGRATE_INFO_TYPE:
	case PSCI_0_2_FN_SYSTEM_OFF:
	case PSCI_0_2_FN_SYSTEM_RESET:
	case PSCI_1_0_FN_PSCI_FEATURES:
	case ARM_SMCCC_VERSION_FUNC_ID:
		return 0;
	case PSCI_1_1_FN_SYSTEM_RESET2:
	case PSCI_1_1_FN64_SYSTEM_RESET2:
		return vcpu->psci_version >= SV_PSCI_VERSION_1_1 ? 0 : PSCI_RET_NOT_SUPPORTED;
	case PSCI_1_0_FN_SYSTEM_SUSPEND:
	case PSCI_1_0_FN64_SYSTEM_SUSPEND:
		return vcpu->vm->system_suspend ? 0 : PSCI_RET_NOT_SUPPORTED;
	default:
		return PSCI_RET_NOT_SUPPORTED;
	}
}

/*
 * SYSTEM_SUSPEND (with KVM_CAP_ARM_SYSTEM_SUSPEND enabled): only the last
 * running vCPU may suspend the system; userspace gets the event and, when
 * it resumes the vCPU, it restarts at the entry point like a CPU_ON.
 */
static int sv_psci_system_suspend(struct sv_vcpu *vcpu, u64 entry, u64 ctx)
{
	struct sv_vm *vm = vcpu->vm;
	int i, n = atomic_read_acquire(&vm->nr_vcpus);

	for (i = 0; i < n; i++) {
		if (vm->vcpus[i] != vcpu && !READ_ONCE(vm->vcpus[i]->power_off)) {
			sv_smccc_ret(vcpu, PSCI_RET_DENIED, 0, 0, 0);
			return 1;
		}
	}
	vcpu->reset_pc = entry;
	vcpu->reset_x0 = ctx;
	smp_wmb();
	WRITE_ONCE(vcpu->reset_pending, true);
	memset(&vcpu->run->system_event, 0, sizeof(vcpu->run->system_event));
	vcpu->run->exit_reason = KVM_EXIT_SYSTEM_EVENT;
	vcpu->run->system_event.type = KVM_SYSTEM_EVENT_SUSPEND;
	return 0;
}

/*
 * The PSCI calls that act (a row of kind SV_HVC_HOST each).  Returns >0
 * handled (x0.. set), 0 exit to userspace.  Below PSCI 0.2, and for the
 * calls a version or VM capability does not offer, NOT_SUPPORTED.
 */
static int sv_psci_call(struct sv_vcpu *vcpu, u32 fid)
{
	struct sv_cpu_ctxt *c = sv_ctxt(vcpu);
	u64 a1 = c->regs.x[1], a2 = c->regs.x[2], a3 = c->regs.x[3];
	u64 v = vcpu->psci_version;
	long ret = PSCI_RET_NOT_SUPPORTED;

	/* SMC32/HVC32 calls see only the low 32 bits of their arguments. */
	if (!(fid & BIT(ARM_SMCCC_CALL_CONV_SHIFT))) {
		a1 = (u32)a1;
		a2 = (u32)a2;
		a3 = (u32)a3;
	}
	/* Below PSCI 0.2 (no KVM_ARM_VCPU_PSCI_0_2) no case applies. */
	switch (v < SV_PSCI_VERSION_0_2 ? 0 : fid) {
	case PSCI_0_2_FN_CPU_SUSPEND:
	case PSCI_0_2_FN64_CPU_SUSPEND:
		/* A standby state is a WFI: nothing can wake it earlier yet. */
		cond_resched();
		ret = PSCI_RET_SUCCESS;
		break;
	case PSCI_0_2_FN_CPU_OFF:
		WRITE_ONCE(vcpu->power_off, true);
		ret = PSCI_RET_SUCCESS;
		break;
	case PSCI_0_2_FN_CPU_ON:
	case PSCI_0_2_FN64_CPU_ON:
		ret = sv_psci_cpu_on(vcpu, a1, a2, a3);
		break;
	case PSCI_0_2_FN_AFFINITY_INFO:
	case PSCI_0_2_FN64_AFFINITY_INFO:
		ret = sv_psci_affinity_info(vcpu, a1, a2);
		break;
	case PSCI_0_2_FN_SYSTEM_OFF:
		return sv_psci_system_event(vcpu, KVM_SYSTEM_EVENT_SHUTDOWN, 0, 0);
	case PSCI_0_2_FN_SYSTEM_RESET:
		return sv_psci_system_event(vcpu, KVM_SYSTEM_EVENT_RESET, 0, 0);
	case PSCI_1_1_FN_SYSTEM_RESET2:
	case PSCI_1_1_FN64_SYSTEM_RESET2:
		if (v < SV_PSCI_VERSION_1_1)
			break;
		/* Warm reset (0) or a vendor reset (bit 31); anything else is invalid. */
		if (a1 == PSCI_1_1_RESET_TYPE_SYSTEM_WARM_RESET || (a1 & BIT(31)))
			return sv_psci_system_event(vcpu, KVM_SYSTEM_EVENT_RESET, a1, 1);
		ret = PSCI_RET_INVALID_PARAMS;
		break;
	case PSCI_1_0_FN_SYSTEM_SUSPEND:
	case PSCI_1_0_FN64_SYSTEM_SUSPEND:
		if (v < SV_PSCI_VERSION_1_0 || !vcpu->vm->system_suspend)
			break;
		return sv_psci_system_suspend(vcpu, a1, a2);
	}
	/* PSCI returns in x0 and, as upstream, zeroes x1..x3. */
	sv_smccc_ret(vcpu, ret, 0, 0, 0);
	return 1;
}

/* ---- SMCCC arch, TRNG, vendor hyp ---------------------------------------- */

static bool sv_trng_on(struct sv_vcpu *vcpu)
{
	return vcpu->fw_std_bmap & BIT(KVM_REG_ARM_STD_BIT_TRNG_V1_0);
}

static bool sv_pvtime_on(struct sv_vcpu *vcpu)
{
	return (vcpu->fw_std_hyp_bmap & BIT(KVM_REG_ARM_STD_HYP_BIT_PV_TIME)) &&
	       sv_pvtime_supported();
}

static bool sv_vendor_on(struct sv_vcpu *vcpu, unsigned int bit)
{
	return vcpu->fw_vendor_hyp_bmap & BIT(bit);
}

static void sv_trng_rnd(struct sv_vcpu *vcpu, u64 bits, bool wide)
{
	u64 max = wide ? 192 : 96, w[3] = { 0 };

	if (!bits || bits > max) {
		sv_smccc_ret(vcpu, (u64)(long)SV_TRNG_INVALID_PARAMETER, 0, 0, 0);
		return;
	}
	get_random_bytes(w, sizeof(w));
	/* Only the asked-for number of bits, from the least significant of x3. */
	if (wide) {
		if (bits < 64)
			w[2] &= GENMASK_ULL(bits - 1, 0), w[1] = w[0] = 0;
		else if (bits < 128)
			w[1] &= bits > 64 ? GENMASK_ULL(bits - 65, 0) : 0, w[0] = 0;
		else if (bits < 192)
			w[0] &= bits > 128 ? GENMASK_ULL(bits - 129, 0) : 0;
	} else {
		u32 *v = (u32 *)w;

		if (bits < 32)
			v[2] &= GENMASK(bits - 1, 0), v[1] = v[0] = 0;
		else if (bits < 64)
			v[1] &= bits > 32 ? GENMASK(bits - 33, 0) : 0, v[0] = 0;
		else if (bits < 96)
			v[0] &= bits > 64 ? GENMASK(bits - 65, 0) : 0;
		w[0] = v[0];
		w[1] = v[1];
		w[2] = v[2];
	}
	sv_smccc_ret(vcpu, 0, w[0], w[1], w[2]);
}

/* KVM PTP: wall clock and counter sampled together (ptp_kvm guests). */
static void sv_ptp(struct sv_vcpu *vcpu, u64 which)
{
	struct system_time_snapshot snap;
	u64 cycles;

	ktime_get_snapshot(&snap);
	if (snap.cs_id != CSID_ARM_ARCH_COUNTER) {
		sv_smccc_ret(vcpu, SMCCC_RET_NOT_SUPPORTED, 0, 0, 0);
		return;
	}
	if (which == KVM_PTP_VIRT_COUNTER)
		cycles = snap.cycles - vcpu->hyp->cfg.cntvoff;
	else if (which == KVM_PTP_PHYS_COUNTER)
		cycles = snap.cycles;
	else {
		sv_smccc_ret(vcpu, SMCCC_RET_NOT_SUPPORTED, 0, 0, 0);
		return;
	}
	sv_smccc_ret(vcpu, upper_32_bits(snap.real), lower_32_bits(snap.real),
		     upper_32_bits(cycles), lower_32_bits(cycles));
}

/* The other calls that act or read what changes (time, randomness, the PV time IPA). */
static int sv_hvc_state_call(struct sv_vcpu *vcpu, u32 fid)
{
	u64 a1 = sv_ctxt(vcpu)->regs.x[1];

	switch (fid) {
	case ARM_SMCCC_TRNG_RND32:
	case ARM_SMCCC_TRNG_RND64:
		if (!sv_trng_on(vcpu))
			break;
		sv_trng_rnd(vcpu, fid == ARM_SMCCC_TRNG_RND64 ? a1 : (u32)a1,
			    fid == ARM_SMCCC_TRNG_RND64);
		return 1;
	case ARM_SMCCC_VENDOR_HYP_KVM_PTP_FUNC_ID:
		if (!sv_vendor_on(vcpu, KVM_REG_ARM_VENDOR_HYP_BIT_PTP))
			break;
		sv_ptp(vcpu, a1);
		return 1;
	case ARM_SMCCC_HV_PV_TIME_ST:
		if (!sv_pvtime_on(vcpu))
			break;
		/* SV_INVALID_GPA reads as SMCCC_RET_NOT_SUPPORTED (-1). */
		sv_smccc_ret(vcpu, vcpu->steal_base, 0, 0, 0);
		return 1;
	}
	sv_smccc_ret(vcpu, SMCCC_RET_NOT_SUPPORTED, 0, 0, 0);
	return 1;
}

/*
 * ---- the calls whose answer is fixed -------------------------------------
 *
 * Each fills ret[] (NOT_SUPPORTED, 0, 0, 0 on entry) from the vCPU's
 * configuration only -- PSCI version, firmware bitmaps, features, VM
 * capabilities -- and, for the *_FEATURES queries, from which function
 * w1 names (about: that function's ID, or SV_HVC_NO_FID if no row has
 * it).  They change nothing, so the host runs them to answer a call and
 * to publish the answers for EL2 (sv_hvc_fast_fill), which therefore
 * cannot disagree.
 */
#define SV_HVC_NO_FID	0

static void sv_ans_smccc_version(struct sv_vcpu *vcpu, u32 fid, u32 about, u64 *ret)
{
	ret[0] = ARM_SMCCC_VERSION_1_1;
}

/*
 * The Spectre workaround calls are not offered (their firmware registers
 * say NOT_AVAIL): see Documentation/design.rst.
 */
static void sv_ans_arch_features(struct sv_vcpu *vcpu, u32 fid, u32 about, u64 *ret)
{
	if (about == ARM_SMCCC_VERSION_FUNC_ID || about == ARM_SMCCC_ARCH_FEATURES_FUNC_ID ||
	    (about == ARM_SMCCC_HV_PV_TIME_FEATURES && sv_pvtime_on(vcpu)))
		ret[0] = 0;
}

static void sv_ans_psci(struct sv_vcpu *vcpu, u32 fid, u32 about, u64 *ret)
{
	u64 v = vcpu->psci_version;

	if (v < SV_PSCI_VERSION_0_2)
		return;
	if (fid == PSCI_0_2_FN_PSCI_VERSION)
		ret[0] = v;
	else if (fid == PSCI_0_2_FN_MIGRATE_INFO_TYPE)
		ret[0] = PSCI_0_2_TOS_MP;
	else if (fid == PSCI_1_0_FN_PSCI_FEATURES && v >= SV_PSCI_VERSION_1_0)
		ret[0] = sv_psci_features(vcpu, about);
}

static void sv_ans_trng(struct sv_vcpu *vcpu, u32 fid, u32 about, u64 *ret)
{
	if (!sv_trng_on(vcpu))
		return;
	if (fid == ARM_SMCCC_TRNG_VERSION) {
		ret[0] = SV_TRNG_VERSION_1_0;
	} else if (fid == ARM_SMCCC_TRNG_FEATURES) {
		if ((about >= ARM_SMCCC_TRNG_VERSION && about <= ARM_SMCCC_TRNG_RND32) ||
		    about == ARM_SMCCC_TRNG_RND64)
			ret[0] = 0;
	} else {
		ret[0] = SV_TRNG_UUID0;
		ret[1] = SV_TRNG_UUID1;
		ret[2] = SV_TRNG_UUID2;
		ret[3] = SV_TRNG_UUID3;
	}
}

static void sv_ans_vendor(struct sv_vcpu *vcpu, u32 fid, u32 about, u64 *ret)
{
	if (!sv_vendor_on(vcpu, KVM_REG_ARM_VENDOR_HYP_BIT_FUNC_FEAT))
		return;
	if (fid == ARM_SMCCC_VENDOR_HYP_KVM_FEATURES_FUNC_ID) {
		ret[0] = vcpu->fw_vendor_hyp_bmap;
		return;
	}
	ret[0] = ARM_SMCCC_VENDOR_HYP_UID_KVM_REG_0;
	ret[1] = ARM_SMCCC_VENDOR_HYP_UID_KVM_REG_1;
	ret[2] = ARM_SMCCC_VENDOR_HYP_UID_KVM_REG_2;
	ret[3] = ARM_SMCCC_VENDOR_HYP_UID_KVM_REG_3;
}

static void sv_ans_pvtime_features(struct sv_vcpu *vcpu, u32 fid, u32 about, u64 *ret)
{
	if (sv_pvtime_on(vcpu) &&
	    (about == ARM_SMCCC_HV_PV_TIME_FEATURES || about == ARM_SMCCC_HV_PV_TIME_ST))
		ret[0] = 0;
}

/* ---- the rows: every function ID implemented here, sorted ----------------- */

enum sv_hvc_kind {
	SV_HVC_FIXED,		/* the answer depends on the vCPU's configuration only */
	SV_HVC_FIXED_X1,	/* ... and on the function w1 names */
	SV_HVC_HOST,		/* acts, or reads what changes: the host, every time */
};

struct sv_hvc_row {
	u32 fid;
	u8 kind;
	/* SV_HVC_FIXED*: fills ret[4]; no side effects */
	void (*answer)(struct sv_vcpu *vcpu, u32 fid, u32 about, u64 *ret);
	/* SV_HVC_HOST: >0 re-enter (x0.. set), 0 exit to userspace */
	int (*call)(struct sv_vcpu *vcpu, u32 fid);
};

#define FIXED(f, fn)	{ .fid = (f), .kind = SV_HVC_FIXED, .answer = (fn) }
#define FIXED_X1(f, fn)	{ .fid = (f), .kind = SV_HVC_FIXED_X1, .answer = (fn) }
#define HOST(f, fn)	{ .fid = (f), .kind = SV_HVC_HOST, .call = (fn) }

/* Sorted by function ID (checked at load, sv_hvc_rows_check). */
static const struct sv_hvc_row sv_hvc_rows[] = {
	FIXED(ARM_SMCCC_VERSION_FUNC_ID, sv_ans_smccc_version),
	FIXED_X1(ARM_SMCCC_ARCH_FEATURES_FUNC_ID, sv_ans_arch_features),
	FIXED(PSCI_0_2_FN_PSCI_VERSION, sv_ans_psci),
	HOST(PSCI_0_2_FN_CPU_SUSPEND, sv_psci_call),
	HOST(PSCI_0_2_FN_CPU_OFF, sv_psci_call),
	HOST(PSCI_0_2_FN_CPU_ON, sv_psci_call),
	HOST(PSCI_0_2_FN_AFFINITY_INFO, sv_psci_call),
	FIXED(PSCI_0_2_FN_MIGRATE_INFO_TYPE, sv_ans_psci),
	HOST(PSCI_0_2_FN_SYSTEM_OFF, sv_psci_call),
	HOST(PSCI_0_2_FN_SYSTEM_RESET, sv_psci_call),
	FIXED_X1(PSCI_1_0_FN_PSCI_FEATURES, sv_ans_psci),
	HOST(PSCI_1_0_FN_SYSTEM_SUSPEND, sv_psci_call),
	HOST(PSCI_1_1_FN_SYSTEM_RESET2, sv_psci_call),
	FIXED(ARM_SMCCC_TRNG_VERSION, sv_ans_trng),
	FIXED_X1(ARM_SMCCC_TRNG_FEATURES, sv_ans_trng),
	FIXED(ARM_SMCCC_TRNG_GET_UUID, sv_ans_trng),
	HOST(ARM_SMCCC_TRNG_RND32, sv_hvc_state_call),
	FIXED(ARM_SMCCC_VENDOR_HYP_KVM_FEATURES_FUNC_ID, sv_ans_vendor),
	HOST(ARM_SMCCC_VENDOR_HYP_KVM_PTP_FUNC_ID, sv_hvc_state_call),
	FIXED(ARM_SMCCC_VENDOR_HYP_CALL_UID_FUNC_ID, sv_ans_vendor),
	HOST(PSCI_0_2_FN64_CPU_SUSPEND, sv_psci_call),
	HOST(PSCI_0_2_FN64_CPU_ON, sv_psci_call),
	HOST(PSCI_0_2_FN64_AFFINITY_INFO, sv_psci_call),
	HOST(PSCI_1_0_FN64_SYSTEM_SUSPEND, sv_psci_call),
	HOST(PSCI_1_1_FN64_SYSTEM_RESET2, sv_psci_call),
	HOST(ARM_SMCCC_TRNG_RND64, sv_hvc_state_call),
	FIXED_X1(ARM_SMCCC_HV_PV_TIME_FEATURES, sv_ans_pvtime_features),
	HOST(ARM_SMCCC_HV_PV_TIME_ST, sv_hvc_state_call),
};

/* Bisection over the sorted rows (no comparison callback: every HVC the host answers looks here). */
static const struct sv_hvc_row *sv_hvc_row(u32 fid)
{
	unsigned int lo = 0, hi = ARRAY_SIZE(sv_hvc_rows);

	while (lo < hi) {
		unsigned int mid = (lo + hi) / 2;
		u32 row = sv_hvc_rows[mid].fid;

		if (row == fid)
			return &sv_hvc_rows[mid];
		if (row < fid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The search needs order; SV_HVC_NO_FID must not be a function of ours. */
int sv_hvc_rows_check(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sv_hvc_rows); i++) {
		const struct sv_hvc_row *r = &sv_hvc_rows[i];

		if ((i && sv_hvc_rows[i - 1].fid >= r->fid) || r->fid == SV_HVC_NO_FID ||
		    !(r->kind == SV_HVC_HOST ? !!r->call : !!r->answer)) {
			pr_err(SV_NAME ": hypercall row %#x is out of order or incomplete\n", r->fid);
			return -EINVAL;
		}
	}
	return 0;
}

/* A fixed row's answer to w1 (NULL row: no function has this ID). */
static void sv_hvc_answer(struct sv_vcpu *vcpu, const struct sv_hvc_row *r, u32 w1, u64 *ret)
{
	ret[0] = SMCCC_RET_NOT_SUPPORTED;
	ret[1] = ret[2] = ret[3] = 0;
	if (!r)
		return;
	if (r->kind != SV_HVC_FIXED_X1 || !sv_hvc_row(w1))
		w1 = SV_HVC_NO_FID;
	r->answer(vcpu, r->fid, w1, ret);
}

int sv_handle_hvc(struct sv_vcpu *vcpu)
{
	struct sv_cpu_ctxt *c = sv_ctxt(vcpu);
	u32 fid = c->regs.x[0];
	const struct sv_hvc_row *r = sv_hvc_row(fid);
	u64 ret[4];

	if (r && r->kind == SV_HVC_HOST)
		return r->call(vcpu, fid);
	/* As upstream: x1-x3 are results too (zero unless the call returns more). */
	sv_hvc_answer(vcpu, r, c->regs.x[1], ret);
	sv_smccc_ret(vcpu, ret[0], ret[1], ret[2], ret[3]);
	return 1;
}

/*
 * The vCPU's answers for EL2 (struct sv_fast_hvc_table, hyp/fast-hvc.c):
 * every row, with its answer or as the host's; for the *_FEATURES rows,
 * the answer about a function no row has, and every answer about one
 * that differs from it.  -ENOSPC if the table is too small for the rows.
 */
int sv_hvc_fast_fill(struct sv_vcpu *vcpu, struct sv_fast_hvc_table *t)
{
	unsigned int i, j, nf = 0, na = 0;
	u64 ret[4];

	BUILD_BUG_ON(ARRAY_SIZE(sv_hvc_rows) > SV_FAST_HVC_FIDS);
	for (i = 0; i < ARRAY_SIZE(sv_hvc_rows); i++) {
		const struct sv_hvc_row *r = &sv_hvc_rows[i];
		struct sv_fast_hvc_fid *f = &t->fid[nf++];

		f->key = r->fid;
		f->host = r->kind == SV_HVC_HOST;
		memset(f->ret, 0, sizeof(f->ret));
		if (f->host)
			continue;
		sv_hvc_answer(vcpu, r, SV_HVC_NO_FID, f->ret);
		for (j = 0; r->kind == SV_HVC_FIXED_X1 && j < ARRAY_SIZE(sv_hvc_rows); j++) {
			sv_hvc_answer(vcpu, r, sv_hvc_rows[j].fid, ret);
			if (!memcmp(ret, f->ret, sizeof(ret)))
				continue;
			if (na == SV_FAST_HVC_ARGS || ret[1] || ret[2] || ret[3])
				return -ENOSPC;
			t->arg[na].key = SV_FAST_HVC_ARG_KEY(r->fid, sv_hvc_rows[j].fid);
			t->arg[na++].x0 = ret[0];
		}
	}
	t->nr_fids = nf;
	t->nr_args = na;
	return 0;
}
