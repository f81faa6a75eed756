/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * ICR filter: a cell may send fixed interrupts, INIT and start-up IPIs to
 * its own CPUs, addressed physically one at a time, and fixed interrupts
 * to itself. Broadcasts, logical destinations, NMIs, SMIs and anything
 * aimed at another cell's CPU are refused.
 */
#include "icr.h"

#define ICR_LEVEL_ASSERT	(1U << 14)

enum icr_action icr_decide(u64 icr, u32 self,
			   bool (*is_cell_apic)(void *ctx, u32 apic_id),
			   void *ctx, u32 *dest, const char **why)
{
	u32 mode = ICR_DELIVERY(icr);

	*dest = (u32)(icr >> 32);
	if (ICR_SHORTHAND(icr) == ICR_SH_SELF) {
		*dest = self;
		if (mode == ICR_DM_FIXED)
			return ICR_FORWARD;
		*why = "a self IPI other than a fixed interrupt";
		return ICR_REFUSE;
	}
	if (ICR_SHORTHAND(icr) != ICR_SH_NONE) {
		*why = "a broadcast IPI";
		return ICR_REFUSE;
	}
	if (icr & ICR_DEST_LOGICAL) {
		*why = "an IPI with a logical destination";
		return ICR_REFUSE;
	}
	if (!is_cell_apic(ctx, *dest)) {
		*why = "an IPI to a CPU outside the cell";
		return ICR_REFUSE;
	}
	switch (mode) {
	case ICR_DM_FIXED:
		return ICR_FORWARD;
	case ICR_DM_INIT:
		/* INIT level de-assert is a no-op on modern APICs. */
		return (icr & ICR_LEVEL_ASSERT) ? ICR_INIT : ICR_IGNORE;
	case ICR_DM_STARTUP:
		return ICR_SIPI;
	default:
		*why = "an NMI, SMI or reserved-mode IPI";
		return ICR_REFUSE;
	}
}
