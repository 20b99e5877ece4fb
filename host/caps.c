// SPDX-License-Identifier: GPL-2.0
/*
 * The capability table answered by KVM_CHECK_EXTENSION on /dev/kvm (and,
 * later, on VM fds).  Pure logic: built natively by selftests/unit too.
 */
#include "caps.h"

struct sv_cap {
	long cap;
	long value;
};

/*
 * Sorted by capability number.  Empty until the features behind a
 * capability exist: QEMU refuses to run without KVM_CAP_USER_MEMORY and
 * friends, which is the honest answer for the module skeleton.
 */
static const struct sv_cap sv_caps[] = {
	{ -1, 0 },	/* sentinel, never matched: caps are >= 0 */
};

#define SV_NR_CAPS	(sizeof(sv_caps) / sizeof(sv_caps[0]) - 1)

long sv_check_extension(long cap)
{
	unsigned int i;

	if (cap < 0)
		return 0;
	for (i = 0; i < SV_NR_CAPS; i++)
		if (sv_caps[i].cap == cap)
			return sv_caps[i].value;
	return 0;
}

unsigned int sv_caps_count(void)
{
	return SV_NR_CAPS;
}

long sv_caps_entry(unsigned int i, long *value)
{
	if (i >= SV_NR_CAPS)
		return -EINVAL;
	*value = sv_caps[i].value;
	return sv_caps[i].cap;
}
