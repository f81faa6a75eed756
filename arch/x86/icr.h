/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Deciding what a cell's write to its APIC's interrupt command register
 * may do. Pure logic, host-tested.
 */
#ifndef BULKHEAD_ICR_H
#define BULKHEAD_ICR_H

#include <bulkhead/types.h>

#define ICR_VECTOR(icr)		((u32)(icr) & 0xff)
#define ICR_DELIVERY(icr)	(((u32)(icr) >> 8) & 7)
#define ICR_DEST_LOGICAL	(1U << 11)
#define ICR_SHORTHAND(icr)	(((u32)(icr) >> 18) & 3)
#define ICR_SHORTHAND_MASK	(3U << 18)
#define ICR_DELIVERY_MASK	(7U << 8)
#define ICR_DM_FIXED		0
#define ICR_DM_LOWEST		1
#define ICR_DM_NMI		4
#define ICR_DM_INIT		5
#define ICR_DM_STARTUP		6
#define ICR_SH_NONE		0
#define ICR_SH_SELF		1
#define ICR_SH_ALL		2
#define ICR_SH_ALL_BUT_SELF	3

/** What to do with an ICR write. */
enum icr_action {
	ICR_FORWARD,	/**< send a fixed interrupt with this vector to *dest */
	ICR_ALL,	/**< send it to every CPU of the cell, self included */
	ICR_ALL_BUT_SELF,	/**< send it to every other CPU of the cell */
	ICR_INIT,	/**< emulate INIT for the target */
	ICR_SIPI,	/**< emulate a start-up IPI for the target */
	ICR_IGNORE,	/**< drop silently (INIT de-assert, NMI) */
	ICR_REFUSE,	/**< the cell may not do this: stop it */
};

/**
 * Decide on an x2APIC-format ICR value (destination APIC ID in bits
 * 63:32) written by a CPU whose APIC ID is @p self, in a cell whose CPUs
 * have the APIC IDs for which @p is_cell_apic returns true. On
 * ICR_REFUSE, *@p why says why. *@p dest receives the target APIC ID.
 */
enum icr_action icr_decide(u64 icr, u32 self,
			   bool (*is_cell_apic)(void *ctx, u32 apic_id),
			   void *ctx, u32 *dest, const char **why);

#endif
