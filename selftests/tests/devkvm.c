// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/kvm answers as the KVM ABI says.  Usage: devkvm splitvisor|kvm
 * ("kvm": run against the in-kernel KVM, whose capabilities differ).
 */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include <linux/kvm.h>
#include "../lib/tap.h"

int main(int argc, char **argv)
{
	int splitvisor = argc > 1 && !strcmp(argv[1], "splitvisor");
	struct stat st;
	int fd, ro, cap, nonzero = 0;

	fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (!sv_ok(fd >= 0, "devkvm: open /dev/kvm"))
		return 1;
	sv_ok(fstat(fd, &st) == 0 && S_ISCHR(st.st_mode) &&
	      major(st.st_rdev) == 10 && minor(st.st_rdev) == 232,
	      "devkvm: /dev/kvm is the misc char device 10:232");
	sv_ok(ioctl(fd, KVM_GET_API_VERSION, 0) == KVM_API_VERSION,
	      "devkvm: KVM_GET_API_VERSION is 12");
	sv_ok_errno(ioctl(fd, KVM_GET_API_VERSION, 1), EINVAL,
		    "devkvm: KVM_GET_API_VERSION with an argument is EINVAL");
	sv_ok_errno(ioctl(fd, KVM_TRACE_ENABLE, 0), EOPNOTSUPP,
		    "devkvm: KVM_TRACE_ENABLE is EOPNOTSUPP");
	sv_ok_errno(ioctl(fd, _IO(KVMIO, 0x7f), 0), EINVAL,
		    "devkvm: an unknown KVMIO ioctl is EINVAL");
	sv_ok_errno(ioctl(fd, _IOW('x', 1, int), 0), EINVAL,
		    "devkvm: a foreign ioctl is EINVAL");
	sv_ok(ioctl(fd, KVM_CHECK_EXTENSION, -1) == 0,
	      "devkvm: KVM_CHECK_EXTENSION of -1 is 0");
	sv_ok(ioctl(fd, KVM_CHECK_EXTENSION, 100000) == 0,
	      "devkvm: KVM_CHECK_EXTENSION of an unknown capability is 0");
	for (cap = 0; cap < 1024; cap++)
		if (ioctl(fd, KVM_CHECK_EXTENSION, cap) != 0)
			nonzero++;
	printf("# %d capabilities advertised\n", nonzero);
	sv_ok(ioctl(fd, KVM_CHECK_EXTENSION, KVM_CAP_USER_MEMORY) == 1,
	      "devkvm: KVM_CAP_USER_MEMORY is advertised");
	sv_ok(ioctl(fd, KVM_CHECK_EXTENSION, KVM_CAP_NR_MEMSLOTS) == 32767,
	      "devkvm: KVM_CAP_NR_MEMSLOTS is 32767 as on arm64 upstream");
	sv_ok(ioctl(fd, KVM_CHECK_EXTENSION, KVM_CAP_ARM_VM_IPA_SIZE) >= 40,
	      "devkvm: KVM_CAP_ARM_VM_IPA_SIZE is at least 40 bits (%d)",
	      ioctl(fd, KVM_CHECK_EXTENSION, KVM_CAP_ARM_VM_IPA_SIZE));
	sv_ok(ioctl(fd, KVM_CHECK_EXTENSION, KVM_CAP_NR_VCPUS) ==
	      sysconf(_SC_NPROCESSORS_ONLN),
	      "devkvm: KVM_CAP_NR_VCPUS is the number of online CPUs");
	sv_ok(ioctl(fd, KVM_GET_VCPU_MMAP_SIZE, 0) >= 4096,
	      "devkvm: KVM_GET_VCPU_MMAP_SIZE is at least a page");
	sv_ok_errno(ioctl(fd, KVM_GET_VCPU_MMAP_SIZE, 1), EINVAL,
		    "devkvm: KVM_GET_VCPU_MMAP_SIZE with an argument is EINVAL");
	if (splitvisor)
		sv_ok(ioctl(fd, KVM_CHECK_EXTENSION, KVM_CAP_ARM_EL1_32BIT) == 0,
		      "devkvm: 32-bit EL1 is not claimed (not implemented)");

	ro = open("/dev/kvm", O_RDONLY | O_CLOEXEC);
	sv_ok(ro >= 0 && ioctl(ro, KVM_GET_API_VERSION, 0) == KVM_API_VERSION,
	      "devkvm: a read-only open answers KVM_GET_API_VERSION");
	sv_ok(lseek(fd, 0, SEEK_SET) == 0, "devkvm: lseek is a no-op success");
	if (ro >= 0)
		close(ro);
	close(fd);
	sv_tap_exit();
}
