// SPDX-License-Identifier: GPL-2.0
/* /dev/kvm ioctl results and the capability table, natively. */
#include <sys/ioctl.h>
#include "tap.h"
#include "dev_ioctl.h"
#include "caps.h"

static void test_api_version(void)
{
	TAP_EQ(sv_dev_ioctl_simple(KVM_GET_API_VERSION, 0), 12,
	       "KVM_GET_API_VERSION is 12");
	TAP_EQ(sv_dev_ioctl_simple(KVM_GET_API_VERSION, 1), -EINVAL,
	       "KVM_GET_API_VERSION with an argument is -EINVAL");
}

static void test_check_extension(void)
{
	long cap, bad = 0;

	for (cap = 0; cap < 1024; cap++)
		if (sv_dev_ioctl_simple(KVM_CHECK_EXTENSION, cap) != sv_check_extension(cap))
			bad++;
	TAP_EQ(bad, 0, "KVM_CHECK_EXTENSION answers from the capability table");
	TAP_EQ(sv_dev_ioctl_simple(KVM_CHECK_EXTENSION, (unsigned long)-1), 0,
	       "KVM_CHECK_EXTENSION of a negative capability is 0");
	TAP_EQ(sv_check_extension(1L << 40), 0, "an unknown capability is 0");
}

static void test_caps_table(void)
{
	unsigned int i;
	long prev = -1, value, cap;
	int sorted = 1, positive = 1;

	for (i = 0; i < sv_caps_count(); i++) {
		cap = sv_caps_entry(i, &value);
		if (cap <= prev)
			sorted = 0;
		if (value <= 0)
			positive = 0;
		prev = cap;
	}
	TAP_CHECK(sorted, "capability table sorted and without duplicates");
	TAP_CHECK(positive, "every advertised capability has a positive value");
	TAP_EQ(sv_caps_entry(sv_caps_count(), &value), -EINVAL,
	       "capability table lookup past the end is -EINVAL");
	TAP_EQ(sv_check_extension(KVM_CAP_USER_MEMORY), 1, "KVM_CAP_USER_MEMORY advertised");
	TAP_EQ(sv_check_extension(KVM_CAP_NR_MEMSLOTS), 32767, "KVM_CAP_NR_MEMSLOTS is 32767");
	TAP_EQ(sv_check_extension(KVM_CAP_IOEVENTFD), 1, "KVM_CAP_IOEVENTFD advertised");
	TAP_EQ(sv_check_extension(KVM_CAP_IOEVENTFD_ANY_LENGTH), 1,
	       "KVM_CAP_IOEVENTFD_ANY_LENGTH advertised (as arm64 upstream)");
	TAP_EQ(sv_check_extension(KVM_CAP_IOEVENTFD_NO_LENGTH), 0,
	       "KVM_CAP_IOEVENTFD_NO_LENGTH not advertised (x86 only upstream)");
	/* Not implemented yet: must not be claimed. */
	TAP_EQ(sv_check_extension(KVM_CAP_IRQCHIP), 0, "KVM_CAP_IRQCHIP not advertised");
	TAP_EQ(sv_check_extension(KVM_CAP_ARM_EL1_32BIT), 0, "KVM_CAP_ARM_EL1_32BIT not advertised");
	TAP_EQ(sv_check_extension(KVM_CAP_ARM_PMU_V3), 0, "KVM_CAP_ARM_PMU_V3 not advertised");
}

static void test_others(void)
{
	TAP_EQ(sv_dev_ioctl_simple(KVM_TRACE_ENABLE, 0), -EOPNOTSUPP,
	       "KVM_TRACE_ENABLE is -EOPNOTSUPP");
	TAP_EQ(sv_dev_ioctl_simple(KVM_TRACE_PAUSE, 0), -EOPNOTSUPP,
	       "KVM_TRACE_PAUSE is -EOPNOTSUPP");
	TAP_EQ(sv_dev_ioctl_simple(KVM_TRACE_DISABLE, 0), -EOPNOTSUPP,
	       "KVM_TRACE_DISABLE is -EOPNOTSUPP");
	TAP_EQ(sv_dev_ioctl_simple(_IO(KVMIO, 0x7f), 0), -EINVAL,
	       "an unknown KVMIO ioctl is -EINVAL (arm64 arch default)");
	TAP_EQ(sv_dev_ioctl_simple(_IO('x', 1), 0), -EINVAL,
	       "a foreign ioctl is -EINVAL");
}

int main(void)
{
	test_api_version();
	test_check_extension();
	test_caps_table();
	test_others();
	return tap_done();
}
