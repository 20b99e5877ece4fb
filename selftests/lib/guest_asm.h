/* SPDX-License-Identifier: GPL-2.0 */
/*
 * For guest code written as assembly strings (GUEST_CODE, vmm.h): the
 * GICv3 CPU interface registers by encoding (the assembler may not know
 * their names) and number-to-string helpers.
 */
#ifndef SV_GUEST_ASM_H
#define SV_GUEST_ASM_H

#define STR_(x)		#x
#define STR(x)		STR_(x)

#define ICC_PMR		"S3_0_C4_C6_0"
#define ICC_IAR1	"S3_0_C12_C12_0"
#define ICC_EOIR1	"S3_0_C12_C12_1"
#define ICC_SGI1R	"S3_0_C12_C11_5"
#define ICC_IGRPEN1	"S3_0_C12_C12_7"

#endif /* SV_GUEST_ASM_H */
