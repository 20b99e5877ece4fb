/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SV_CAPS_H
#define SV_CAPS_H

#include "sv_pure.h"

/*
 * KVM_CHECK_EXTENSION.  A capability is listed only once it fully works
 * (mission rule); everything else answers 0, as upstream does for an
 * unknown capability.
 */
long sv_check_extension(long cap);

/* For tests: the number of advertised capabilities and the i-th entry. */
unsigned int sv_caps_count(void);
long sv_caps_entry(unsigned int i, long *value);

#endif /* SV_CAPS_H */
