/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * A cell CPU's local APIC as the cell sees it, over the physical one. The
 * cell finds an APIC in xAPIC mode, as on a PC after firmware: the APIC
 * base MSR says so, and the xAPIC page at the MADT's address is emulated
 * MMIO. It may also use the x2APIC MSRs, as Jailhouse inmates do; on an
 * x2APIC host those pass through but for the ICR and LVT writes, on an
 * xAPIC host they are emulated. Both views go through the same register
 * rules:
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
 *   (emulated); the read-only state registers read from the APIC.
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
};

/** Claim the xAPIC page of cell @p c as emulated MMIO.
 * @return 0, or -1 after printing why. */
int vapic_cell_init(struct cell *c);

/** Put @p pc's emulated APIC state in its reset values. */
void vapic_reset(struct per_cpu *pc);

/** The APIC base MSR as @p pc's cell reads it: xAPIC mode, enabled, at
 * the MADT's address, BSP on the cell's first CPU. */
u64 vapic_apic_base(const struct per_cpu *pc);

/**
 * Access x2APIC MSR @p msr of @p pc's cell (intercepted: an ICR or LVT
 * write, or anything on an xAPIC host). *@p val is the value written or
 * receives the value read.
 * @return 0, or -1 with the reason the cell must stop in @p why.
 */
int vapic_msr(struct per_cpu *pc, u32 msr, bool write, u64 *val, char *why,
	      unsigned int len);

/**
 * An ICR write of @p pc's cell, in x2APIC format (destination APIC ID in
 * bits 63:32), through the x2APIC MSR (@p x2) or the xAPIC page.
 * @return 0, or -1 with the reason the cell must stop in @p why.
 */
int vapic_icr_write(struct per_cpu *pc, u64 icr, bool x2, char *why,
		    unsigned int len);

#endif
