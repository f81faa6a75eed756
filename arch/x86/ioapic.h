/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * IOAPIC mediation. No cell maps an IOAPIC: its page is emulated MMIO.
 * A cell with an irqchip entry for an IOAPIC sees its own index register
 * and reaches the redirection entries of its own pins; an unmasked entry
 * must deliver a fixed (or lowest-priority) interrupt, vector 32 or
 * above, to a CPU of the cell, or the cell is stopped. A physical
 * destination must be the APIC ID of one of the cell's CPUs; a logical
 * one is matched against the logical IDs the cell gave its own CPUs
 * (vapic_logical_match()) and must name exactly one of them (or, with
 * lowest priority, at least one: the first is taken); the IOAPIC gets
 * that CPU's APIC ID in physical mode, and the cell reads back its own
 * logical entry. A change of a logical ID re-targets the entries
 * (ioapic_cell_retarget()). What is written is rebuilt from the bits a
 * cell may set (vector, modes, polarity, trigger, mask, destination),
 * never the cell's value as it came. Other pins read as masked and ignore writes; the version
 * and arbitration registers read through, the ID is read-only. The EOI
 * register passes a vector through only if one of the cell's pins uses
 * it.
 */
#ifndef BULKHEAD_IOAPIC_H
#define BULKHEAD_IOAPIC_H

#include <bulkhead/types.h>

struct cell;
struct ioapic;

/** Pins an IOAPIC may have (the config's bitmap covers 128). */
#define IOAPIC_MAX_PINS 120

/** A cell's view of one IOAPIC. */
struct ioapic_view {
	struct ioapic *phys;
	u32 pins[4];	/**< bitmap of the pins the cell owns */
	u8 index;	/**< the cell's index register (IOREGSEL) */
	/** the cell's high words of its entries (the destination as it
	 * wrote it); the IOAPIC's hold the translated one */
	u32 hi[IOAPIC_MAX_PINS];
	u32 logical[4];	/**< bitmap: the cell wrote logical mode */
};

/** Find the machine's IOAPICs (ACPI MADT), read their sizes and mask
 * every pin: no interrupt flows until a cell routes one of its own.
 * @return 0, or -1 after printing why. */
int ioapic_init(void);

/** Give cell @p c its views of the IOAPICs its config names and claim
 * their pages as emulated MMIO.
 * @return 0, or -1 after printing why (an IOAPIC the machine does not
 * have, a pin it does not have). */
int ioapic_cell_init(struct cell *c);

/** Mask every pin of @p c and reset its index registers, as at boot. */
void ioapic_cell_reset(struct cell *c);

/** Mask every pin of @p c (it has failed: its state says so already,
 * so that no CPU of it can unmask one afterwards). */
void ioapic_cell_stop(const struct cell *c);

/** true if every pin of @p c reads masked in its IOAPIC. */
bool ioapic_cell_masked(const struct cell *c);

/** Re-target cell @p c's unmasked logically addressed IOAPIC entries
 * after one of its CPUs changed its logical ID or destination format.
 * @return 0, or -1 with the reason the cell must stop in @p why (an
 * entry now names no CPU, or several). */
int ioapic_cell_retarget(struct cell *c, char *why, unsigned int len);

#endif
