/* SPDX-License-Identifier: GPL-2.0 */
/* Host-side internal interfaces of the splitvisor module. */
#ifndef SPLITVISOR_H
#define SPLITVISOR_H

#include <linux/types.h>

#define SV_NAME "splitvisor"

/* host/hyp_stub.c: which mode EL2 allows: 1 VHE, 0 split (the stub answers `hvc #0`), -ENODEV. */
int sv_el2_probe(void);

/* host/dev.c: the /dev/kvm misc device. */
int sv_dev_register(void);
void sv_dev_unregister(void);

/* host/debugfs.c */
void sv_debugfs_init(void);
void sv_debugfs_exit(void);

#endif /* SPLITVISOR_H */
