/* SPDX-License-Identifier: GPL-2.0 */
/* Values of guest hypercall services (host/psci.c, host/one_reg.c). */
#ifndef SV_PSCI_H
#define SV_PSCI_H

/* PSCI versions as KVM_REG_ARM_PSCI_VERSION holds them (major << 16 | minor). */
#define SV_PSCI_VERSION_0_1	0x00000
#define SV_PSCI_VERSION_0_2	0x00002
#define SV_PSCI_VERSION_1_0	0x10000
#define SV_PSCI_VERSION_1_1	0x10001

/* Firmware feature bitmaps: what exists here (and is on by default). */
#define SV_FW_STD_BMAP_ALL		BIT(KVM_REG_ARM_STD_BIT_TRNG_V1_0)
#define SV_FW_STD_HYP_BMAP_ALL		BIT(KVM_REG_ARM_STD_HYP_BIT_PV_TIME)
#define SV_FW_VENDOR_HYP_BMAP_ALL	(BIT(KVM_REG_ARM_VENDOR_HYP_BIT_FUNC_FEAT) | \
					 BIT(KVM_REG_ARM_VENDOR_HYP_BIT_PTP))

/* Arm TRNG firmware interface (DEN0098) */
#define SV_TRNG_VERSION_1_0		0x10000
#define SV_TRNG_INVALID_PARAMETER	(-2)
/* Our TRNG UUID (any fixed UUID identifies the back end). */
#define SV_TRNG_UUID0			0x5356a7f1U
#define SV_TRNG_UUID1			0x5b4e41d9U
#define SV_TRNG_UUID2			0x9c3f2e18U
#define SV_TRNG_UUID3			0x6b17d0c4U

#endif /* SV_PSCI_H */
