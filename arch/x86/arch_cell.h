/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The x86 part of a cell (embedded in struct cell, core/cell.h).
 */
#ifndef BULKHEAD_ARCH_CELL_H
#define BULKHEAD_ARCH_CELL_H

#include <bulkhead/types.h>
#include "acpi.h"
#include "ioapic.h"

/** What SVM needs per cell: shared by all the cell's CPUs. */
struct arch_cell {
	u64 *npt_root;		/**< nested page tables (guest-physical map) */
	u8 *iopm;		/**< I/O permission map, 12 KiB, 1 = intercept */
	u8 *msrpm;		/**< MSR permission map, 8 KiB, 1 = intercept */
	u32 asid;
	struct ioapic_view ioapics[ACPI_MAX_IOAPICS];	/**< per irqchip */
	u32 num_ioapics;
};

#endif
