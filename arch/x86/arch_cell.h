/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The x86 part of a cell (embedded in struct cell, core/cell.h), built
 * and reset by arch/x86/cell.c.
 */
#ifndef BULKHEAD_ARCH_CELL_H
#define BULKHEAD_ARCH_CELL_H

#include <bulkhead/types.h>
#include "acpi.h"
#include "ioapic.h"

/** What SVM needs per cell: shared by all the cell's CPUs. */
struct arch_cell {
	u64 *npt_root;		/**< nested page tables (guest-physical map) */
	u64 *iopt_root;		/**< I/O page tables (its devices' DMA), or NULL */
	u8 *iopm;		/**< I/O permission map, 12 KiB, 1 = intercept */
	u8 *msrpm;		/**< MSR permission map, 8 KiB, 1 = intercept */
	u32 asid;
	struct ioapic_view ioapics[ACPI_MAX_IOAPICS];	/**< per irqchip */
	u32 num_ioapics;
};

struct cell;
struct per_cpu;

/** Where guest-physical @p gpa of cell @p c lies in host memory, if the
 * cell maps it; *@p hpa gets the host-physical address and the return
 * value the nested page-table entry (0 if not mapped). */
u64 cell_gpa_to_hpa(const struct cell *c, u64 gpa, u64 *hpa);

/** The CPU of cell @p c with APIC ID @p apic_id, or NULL. */
struct per_cpu *cell_cpu_by_apic_id(const struct cell *c, u32 apic_id);

/** Is @p apic_id one of cell @p ctx's CPUs? (irq_route_decide()) */
bool cell_is_apic(void *ctx, u32 apic_id);

/** How many CPUs of cell @p ctx logical destination @p dest (the 8-bit
 * xAPIC form of IOAPIC entries and MSIs) names by the logical IDs the
 * cell gave them, and the first in *@p first. (irq_route_decide()) */
unsigned int cell_logical_apics(void *ctx, u32 dest, u32 *first);

#endif
