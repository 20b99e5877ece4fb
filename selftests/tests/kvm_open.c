// SPDX-License-Identifier: GPL-2.0
/*
 * kvm_open: open /dev/kvm read-write and print "open: ok" or
 * "open: <errno name>"; exit 0 only when it opened and answered
 * KVM_GET_API_VERSION.  For the permission tests (run through runas).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/kvm.h>

int main(void)
{
	int fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);

	if (fd < 0) {
		printf("open: %s\n", errno == EACCES ? "EACCES" : strerror(errno));
		return 1;
	}
	if (ioctl(fd, KVM_GET_API_VERSION, 0) != KVM_API_VERSION) {
		printf("open: ok, but KVM_GET_API_VERSION failed\n");
		return 1;
	}
	printf("open: ok\n");
	return 0;
}
