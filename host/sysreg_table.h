/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host's side of the system register rows: lookups over the merged
 * tables and the trap path (host/sysreg_table.c), the values behind the
 * rows (host/sysregs.c).  The row type is in sysregs.h, which is all a
 * device contributing rows needs.
 */
#ifndef SV_SYSREG_TABLE_H
#define SV_SYSREG_TABLE_H

#include "sysregs.h"

struct sv_cpu_ctxt;

/* host/sysreg_table.c: the merged tables. */
const struct sv_sysreg_desc *sv_sysreg_find(u32 enc);
/* The ONE_REG row after prev (NULL: the first), in encoding order. */
const struct sv_sysreg_desc *sv_sysreg_next_listed(const struct sv_sysreg_desc *prev);
/* 0, or -EINVAL with *bad the first encoding out of order, doubled or handler-less. */
int sv_sysreg_tables_check(u32 *bad);
/* A trapped access (EC 0x18) of the vCPU whose registers c are: >0, re-enter. */
int sv_handle_sysreg(struct sv_vcpu *vcpu, struct sv_cpu_ctxt *c, u64 esr);
/* The fixed rows' answers for EL2 (hyp/fast-sysreg.c): entries written, or -ENOSPC. */
struct sv_fast_sysreg;
int sv_sysreg_fast_fill(struct sv_vcpu *vcpu, struct sv_fast_sysreg *out, unsigned int max);

/* host/sysregs.c: values. */
int sv_sysregs_check(void);
int sv_sysreg_get(struct sv_vcpu *vcpu, const struct sv_sysreg_desc *d, u64 *val);
int sv_sysreg_set(struct sv_vcpu *vcpu, const struct sv_sysreg_desc *d, u64 val);
u64 sv_id_reg_value(struct sv_vcpu *vcpu, u32 enc);
u64 sv_host_invariant(u32 enc);
void sv_sysregs_reset(struct sv_vcpu *vcpu);

#endif /* SV_SYSREG_TABLE_H */
