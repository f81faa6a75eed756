/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * ACPI tables that describe a Linux cell as a small PC made of its own
 * resources: RSDP, XSDT, FADT (PM timer, legacy PM1 blocks, physical APIC
 * destinations only, no 8042, no VGA), FACS, a minimal DSDT, MADT (the
 * cell's CPUs, its IOAPIC view with the usual ISA overrides) and MCFG when
 * the cell has PCI devices. Pure logic, host-tested: the tests read the
 * result back with the hypervisor's own ACPI parser.
 */
#ifndef BULKHEAD_ACPI_BUILD_H
#define BULKHEAD_ACPI_BUILD_H

#include <bulkhead/acpi.h>

#define ACPI_BUILD_MAX_CPUS 64
#define ACPI_BUILD_MAX_WINDOWS 8U
/** Slots with INTx routes a _PRT describes at most (its 64 bytes each
 * must fit the tables' page). */
#define ACPI_BUILD_MAX_PRT 8U

/** What the tables describe. */
struct acpi_cell {
	u32 num_cpus;			/**< the cell's CPUs */
	u8 apic_ids[ACPI_BUILD_MAX_CPUS];	/**< placeholders, see linux_boot.h */
	u64 lapic_address;		/**< 0xfee00000 */
	bool has_ioapic;
	u64 ioapic_address;
	u8 ioapic_id;			/**< placeholder, fixed by the shim */
	u16 pm_timer_port;		/**< PM1 blocks are 8 and 4 below it */
	u64 mmconfig_base;		/**< MCFG and host bridge when non-zero */
	u8 mmconfig_end_bus;
	/** The host bridge's memory windows, [start, end): where the
	 * firmware may have put the BARs of the cell's functions. */
	struct { u64 start, end; } windows[ACPI_BUILD_MAX_WINDOWS];
	u32 num_windows;
	/** The host bridge's _PRT: bus 0's slot @c slot, its INTA-INTD all
	 * at GSI @c gsi (functions whose config routes their INTx). */
	struct { u8 slot; u32 gsi; } prt[ACPI_BUILD_MAX_PRT];
	u32 num_prt;
};

/** Bytes the tables take at most. */
#define ACPI_BUILD_SIZE 0x1000

/** Offsets of the tables in the buffer acpi_build() fills. */
struct acpi_layout {
	u32 rsdp, xsdt, fadt, facs, dsdt, madt, mcfg, size;
};

/**
 * Write the tables for @p c into @p buf (ACPI_BUILD_SIZE bytes, zeroed),
 * which the guest sees at guest-physical @p base (addresses in the
 * tables are absolute). @p lay receives where each table went (mcfg 0 if
 * none).
 * @return 0, or -1 if @p c cannot be described (too many CPUs or
 * windows, no PM timer).
 */
int acpi_build(u8 *buf, u64 base, const struct acpi_cell *c,
	       struct acpi_layout *lay);

#endif
