/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * A cell CPU's local APIC as the cell sees it, over the physical one. The
 * cell finds an APIC in xAPIC mode, as on a PC after firmware, or, with
 * BH_CELL_START_X2APIC on a CPU with the x2APIC, in x2APIC mode, as in a
 * Jailhouse cell: the APIC base MSR says which, and the cell changes the
 * mode through it with the transitions hardware allows
 * (apic_base_write()). The mode is what the MSR shows and what a
 * logical destination means; the registers answer in both views in
 * every mode (the xAPIC page at the MADT's address is emulated MMIO;
 * the x2APIC MSRs pass through on an x2APIC host but for the ICR and LVT
 * writes, and are emulated on an xAPIC host), and disabling the APIC
 * does not reset its registers: the physical APIC stays the
 * hypervisor's. Both views go through the same register rules:
 *
 * - the ICR goes through the IPI filter (arch/x86/apic_filter.c), and
 *   what reaches the APIC is built from its decision; INIT and SIPI are
 *   emulated within the cell;
 * - TPR, EOI, SVR, ESR, the LVTs and the timer reach the APIC through the
 *   register filter (apic_filter.c): defined bits only, reserved bits
 *   refused in the x2APIC view and dropped in the xAPIC view, and an
 *   unmasked LVT may only deliver a fixed interrupt (vector >= 32) or,
 *   where it has a delivery mode, an NMI: no ExtINT, SMI or INIT;
 * - ID, logical destination and destination format are the cell's own
 *   (emulated); the read-only state registers read from the APIC;
 * - logical destinations, in IPIs and IOAPIC entries, are matched
 *   against the emulated logical IDs of the cell's own CPUs and sent to
 *   those physically: the physical APICs' logical IDs are never used.
 */
#ifndef BULKHEAD_VAPIC_H
#define BULKHEAD_VAPIC_H

#include <bulkhead/types.h>

struct cell;
struct per_cpu;

/** A cell CPU's emulated APIC state. */
struct vapic {
	u32 icr_hi;	/**< xAPIC ICR high word (destination) */
	u32 ldr;	/**< xAPIC logical destination */
	u32 dfr;	/**< xAPIC destination format */
	u8 mode;	/**< enum apic_mode, as the APIC base MSR shows it */
};

/** Claim the xAPIC page of cell @p c as emulated MMIO.
 * @return 0, or -1 after printing why. */
int vapic_cell_init(struct cell *c);

/** Put @p pc's emulated APIC state in its reset values, as an INIT
 * does: the mode stays. */
void vapic_reset(struct per_cpu *pc);

/** vapic_reset() and the mode the cell starts in: x2APIC where its
 * config asks for it (BH_CELL_START_X2APIC) and the CPU has it, xAPIC
 * otherwise. */
void vapic_power_on(struct per_cpu *pc);

/** The APIC base MSR as @p pc's cell reads it: the physical APIC's
 * address, the mode bits of the emulated mode, BSP on the cell's first
 * CPU. */
u64 vapic_apic_base(const struct per_cpu *pc);

/** A write of @p val to the APIC base MSR by @p pc's cell: a change of
 * mode as hardware allows it (apic_base_write()).
 * @return 0, or -1 with the reason the cell must stop in @p why. */
int vapic_apic_base_write(struct per_cpu *pc, u64 val, char *why,
			  unsigned int len);

/**
 * Access x2APIC MSR @p msr of @p pc's cell (intercepted: an ICR or LVT
 * write, or anything on an xAPIC host). *@p val is the value written or
 * receives the value read.
 * @return 0, or -1 with the reason the cell must stop in @p why.
 */
int vapic_msr(struct per_cpu *pc, u32 msr, bool write, u64 *val, char *why,
	      unsigned int len);

/** Whether @p pc's APIC, as its cell set it up, accepts logical
 * destination @p dest in the x2APIC (@p x2) or the xAPIC format. */
bool vapic_logical_match(const struct per_cpu *pc, u32 dest, bool x2);

/**
 * An ICR write of @p pc's cell, in x2APIC format (destination APIC ID in
 * bits 63:32), through the x2APIC MSR (@p x2) or the xAPIC page.
 * @return 0, or -1 with the reason the cell must stop in @p why.
 */
int vapic_icr_write(struct per_cpu *pc, u64 icr, bool x2, char *why,
		    unsigned int len);

#endif
