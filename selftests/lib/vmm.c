// SPDX-License-Identifier: GPL-2.0
/* The lab tests' minimal VMM (see vmm.h). */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include "vmm.h"

#define FAIL(what) do { fprintf(stderr, "# vmm: %s: %s\n", what, strerror(errno)); return -1; } while (0)

int vmm_create(struct vmm *v, size_t mem_size)
{
	struct kvm_userspace_memory_region r;

	memset(v, 0, sizeof(*v));
	v->kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (v->kvm < 0)
		FAIL("open /dev/kvm");
	v->vm = ioctl(v->kvm, KVM_CREATE_VM, 0);
	if (v->vm < 0)
		FAIL("KVM_CREATE_VM");
	v->mem_size = mem_size;
	v->mem = mmap(NULL, mem_size, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (v->mem == MAP_FAILED)
		FAIL("mmap guest memory");
	r = (struct kvm_userspace_memory_region){
		.slot = 0, .guest_phys_addr = 0, .memory_size = mem_size,
		.userspace_addr = (uint64_t)(unsigned long)v->mem,
	};
	if (ioctl(v->vm, KVM_SET_USER_MEMORY_REGION, &r))
		FAIL("KVM_SET_USER_MEMORY_REGION");
	return 0;
}

int vmm_load(struct vmm *v, const void *code, size_t len, uint64_t gpa)
{
	if (gpa + len > v->mem_size) {
		errno = EINVAL;
		FAIL("load");
	}
	memcpy((char *)v->mem + gpa, code, len);
	return 0;
}

int vmm_vcpu_create(struct vmm *v, struct vmm_vcpu *c, int id, uint32_t features)
{
	struct kvm_vcpu_init init;
	long sz;

	c->vmm = v;
	c->fd = ioctl(v->vm, KVM_CREATE_VCPU, id);
	if (c->fd < 0)
		FAIL("KVM_CREATE_VCPU");
	sz = ioctl(v->kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (sz <= 0)
		FAIL("KVM_GET_VCPU_MMAP_SIZE");
	c->run_size = sz;
	c->run = mmap(NULL, sz, PROT_READ | PROT_WRITE, MAP_SHARED, c->fd, 0);
	if (c->run == MAP_FAILED)
		FAIL("mmap kvm_run");
	if (ioctl(v->vm, KVM_ARM_PREFERRED_TARGET, &init))
		FAIL("KVM_ARM_PREFERRED_TARGET");
	init.features[0] |= features;
	if (ioctl(c->fd, KVM_ARM_VCPU_INIT, &init))
		FAIL("KVM_ARM_VCPU_INIT");
	return 0;
}

int vmm_vcpu_run(struct vmm_vcpu *c)
{
	return ioctl(c->fd, KVM_RUN, 0);
}

int vmm_get_reg(struct vmm_vcpu *c, uint64_t id, uint64_t *val)
{
	struct kvm_one_reg r = { .id = id, .addr = (uint64_t)(unsigned long)val };

	return ioctl(c->fd, KVM_GET_ONE_REG, &r);
}

int vmm_set_reg(struct vmm_vcpu *c, uint64_t id, uint64_t val)
{
	struct kvm_one_reg r = { .id = id, .addr = (uint64_t)(unsigned long)&val };

	return ioctl(c->fd, KVM_SET_ONE_REG, &r);
}

void vmm_vcpu_destroy(struct vmm_vcpu *c)
{
	if (c->run && c->run != MAP_FAILED)
		munmap(c->run, c->run_size);
	if (c->fd >= 0)
		close(c->fd);
}

void vmm_destroy(struct vmm *v)
{
	if (v->mem && v->mem != MAP_FAILED)
		munmap(v->mem, v->mem_size);
	if (v->vm >= 0)
		close(v->vm);
	if (v->kvm >= 0)
		close(v->kvm);
}

int vmm_vgic_v3(struct vmm *v, uint64_t dist, uint64_t redist, unsigned int nr_vcpus)
{
	struct kvm_create_device cd = { .type = KVM_DEV_TYPE_ARM_VGIC_V3 };
	uint64_t rdreg = redist | ((uint64_t)nr_vcpus << 52);
	struct kvm_device_attr a = { .group = KVM_DEV_ARM_VGIC_GRP_ADDR };

	if (ioctl(v->vm, KVM_CREATE_DEVICE, &cd))
		FAIL("KVM_CREATE_DEVICE VGIC_V3");
	a.attr = KVM_VGIC_V3_ADDR_TYPE_DIST;
	a.addr = (uint64_t)(unsigned long)&dist;
	if (ioctl(cd.fd, KVM_SET_DEVICE_ATTR, &a))
		FAIL("vGIC distributor address");
	a.attr = KVM_VGIC_V3_ADDR_TYPE_REDIST_REGION;
	a.addr = (uint64_t)(unsigned long)&rdreg;
	if (ioctl(cd.fd, KVM_SET_DEVICE_ATTR, &a))
		FAIL("vGIC redistributor region");
	a = (struct kvm_device_attr){ .group = KVM_DEV_ARM_VGIC_GRP_CTRL,
				      .attr = KVM_DEV_ARM_VGIC_CTRL_INIT };
	if (ioctl(cd.fd, KVM_SET_DEVICE_ATTR, &a))
		FAIL("vGIC init");
	return cd.fd;
}

void vmm_pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

uint64_t vmm_stat(int fd, const char *name)
{
	struct kvm_stats_header h;
	int sfd = ioctl(fd, KVM_GET_STATS_FD, NULL);
	uint64_t val = ~0ULL;
	size_t dsz;
	unsigned int i;
	char *descs;

	if (sfd < 0)
		return ~0ULL;
	if (pread(sfd, &h, sizeof(h), 0) != sizeof(h)) {
		close(sfd);
		return ~0ULL;
	}
	dsz = sizeof(struct kvm_stats_desc) + h.name_size;
	descs = calloc(h.num_desc, dsz);
	if (descs && pread(sfd, descs, h.num_desc * dsz, h.desc_offset) ==
	    (ssize_t)(h.num_desc * dsz)) {
		for (i = 0; i < h.num_desc; i++) {
			struct kvm_stats_desc *d = (void *)(descs + i * dsz);

			if (!strcmp(d->name, name) &&
			    pread(sfd, &val, 8, h.data_offset + d->offset) != 8)
				val = ~0ULL;
		}
	}
	free(descs);
	close(sfd);
	return val;
}

int vmm_mmio_is(struct vmm_vcpu *c, uint64_t addr, unsigned int len, int is_write,
		uint64_t *data)
{
	struct kvm_run *r = c->run;

	if (r->exit_reason != KVM_EXIT_MMIO) {
		printf("#   exit reason %u, want MMIO at %#llx\n", r->exit_reason,
		       (unsigned long long)addr);
		return 0;
	}
	if (r->mmio.phys_addr != addr || r->mmio.len != len || r->mmio.is_write != is_write) {
		printf("#   MMIO %#llx len %u write %d, want %#llx len %u write %d\n",
		       (unsigned long long)r->mmio.phys_addr, r->mmio.len, r->mmio.is_write,
		       (unsigned long long)addr, len, is_write);
		return 0;
	}
	if (is_write) {
		*data = 0;
		memcpy(data, r->mmio.data, len);
	} else {
		memcpy(r->mmio.data, data, len);
	}
	return 1;
}

long vmm_splitvisor_fastpath(void)
{
	return vmm_splitvisor_param("fastpath");
}

long vmm_splitvisor_param(const char *name)
{
	char path[128];
	char yn = 0;
	FILE *f;
	long val = -1;

	snprintf(path, sizeof(path), "/sys/module/splitvisor/parameters/%s", name);
	f = fopen(path, "r");

	if (f) {
		/* A bool parameter reads Y or N. */
		if (fscanf(f, "%ld", &val) != 1)
			val = fscanf(f, "%c", &yn) == 1 && (yn == 'Y' || yn == 'N') ? yn == 'Y' : -1;
		fclose(f);
	}
	return val;
}
