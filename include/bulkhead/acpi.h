/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * ACPI facts that the hypervisor's parser (arch/x86/acpi.c) and the
 * Linux cell's table builder (cells/tool/acpi_build.c) share.
 */
#ifndef BULKHEAD_ACPI_H
#define BULKHEAD_ACPI_H

#include <bulkhead/types.h>

/** @name PM1 control register bits (ACPI 6.x, 4.8.3.2.1) */
/**@{*/
#define PM1_SCI_EN		0x0001
#define PM1_SLP_TYP_SHIFT	10
#define PM1_SLP_TYP_MASK	(7U << PM1_SLP_TYP_SHIFT)
#define PM1_SLP_EN		(1U << 13)
/**@}*/

/**
 * The sum of the @p len bytes at @p p, modulo 256: 0 for a table (or
 * RSDP) whose checksum is right. To seal one, its checksum byte is set
 * to 0, then to the negated sum.
 */
static inline u8 acpi_checksum(const u8 *p, u32 len)
{
	u8 sum = 0;

	while (len--)
		sum = (u8)(sum + *p++);
	return sum;
}

#endif
