/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A minimal VMM for the lab tests, speaking only the KVM ioctl ABI, so the
 * same test runs on splitvisor and on the in-kernel KVM.  Guest code is
 * position-independent arm64 assembly copied to guest physical address 0
 * and run at EL1 with the MMU off.
 */
#ifndef SV_VMM_H
#define SV_VMM_H

#include <stddef.h>
#include <stdint.h>
#include <linux/kvm.h>

struct vmm {
	int kvm, vm;
	void *mem;
	size_t mem_size;
	uint64_t mem_gpa;
};

struct vmm_vcpu {
	struct vmm *vmm;
	int fd;
	struct kvm_run *run;
	size_t run_size;
};

/* Each returns -1 (with errno) on failure, after printing why. */
int vmm_create(struct vmm *v, size_t mem_size);
int vmm_load(struct vmm *v, const void *code, size_t len, uint64_t gpa);
int vmm_vcpu_create(struct vmm *v, struct vmm_vcpu *c, int id, uint32_t features);
int vmm_vcpu_run(struct vmm_vcpu *c);
/*
 * After a KVM_RUN: 1 if the exit is an MMIO access at addr of len bytes in
 * the given direction (writes: *data gets the value; reads: *data is what
 * the guest will read), else 0 with a "#" line saying what came instead.
 */
int vmm_mmio_is(struct vmm_vcpu *c, uint64_t addr, unsigned int len, int is_write,
		uint64_t *data);
int vmm_get_reg(struct vmm_vcpu *c, uint64_t id, uint64_t *val);
int vmm_set_reg(struct vmm_vcpu *c, uint64_t id, uint64_t val);
void vmm_vcpu_destroy(struct vmm_vcpu *c);
/* Pin the calling thread to one CPU (vCPU threads on distinct CPUs). */
void vmm_pin(int cpu);
/*
 * A vGICv3 with its distributor at dist and the redistributors of
 * nr_vcpus vCPUs from redist (call after creating the vCPUs); initialised.
 * Returns the device fd.
 */
int vmm_vgic_v3(struct vmm *v, uint64_t dist, uint64_t redist, unsigned int nr_vcpus);
void vmm_destroy(struct vmm *v);
/* splitvisor's fastpath= module parameter, or -1 (not loaded: the in-kernel KVM). */
long vmm_splitvisor_fastpath(void);
/* A splitvisor module parameter's value (a number; a bool is 1 or 0), -1 without it. */
long vmm_splitvisor_param(const char *name);
/* A KVM_GET_STATS_FD counter of a VM or vCPU fd by name; ~0 if absent. */
uint64_t vmm_stat(int fd, const char *name);

#define VMM_CORE_REG(x) (KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM_CORE | \
			 (offsetof(struct kvm_regs, x) / sizeof(uint32_t)))

/* Guest code blobs are defined with this (see vm_basic.c). */
#define GUEST_CODE(name, body)						\
	extern const char name##_start[], name##_end[];			\
	asm(".pushsection .rodata." #name ", \"a\"\n"			\
	    ".balign 4\n"						\
	    ".global " #name "_start\n" #name "_start:\n"		\
	    body							\
	    ".global " #name "_end\n" #name "_end:\n"			\
	    ".popsection\n")

#endif /* SV_VMM_H */
