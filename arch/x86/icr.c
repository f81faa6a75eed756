/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * ICR filter: a cell may send fixed (or lowest-priority) interrupts, INIT
 * and start-up IPIs to its own CPUs, addressed physically, fixed
 * interrupts to itself, and fixed broadcasts, which reach its own CPUs
 * only. NMI IPIs to its own CPUs are dropped (NMIs are the hypervisor's
 * signal). Logical destinations, SMIs, broadcast INIT or start-up IPIs
 * and anything aimed at another cell's CPU are refused.
 */
#include "icr.h"

#define ICR_LEVEL_ASSERT	(1U << 14)

enum icr_action icr_decide(u64 icr, u32 self,
			   bool (*is_cell_apic)(void *ctx, u32 apic_id),
			   void *ctx, u32 *dest, const char **why)
{
	u32 mode = ICR_DELIVERY(icr), sh = ICR_SHORTHAND(icr);

	*dest = (u32)(icr >> 32);
	/* NMIs are the hypervisor's signal (intercepted): a cell's NMI IPI
	 * to its own CPUs is dropped, as in Jailhouse. */
	if (mode == ICR_DM_NMI && sh != ICR_SH_ALL &&
	    sh != ICR_SH_ALL_BUT_SELF && sh != ICR_SH_SELF &&
	    !(icr & ICR_DEST_LOGICAL) && !is_cell_apic(ctx, *dest)) {
		*why = "an IPI to a CPU outside the cell";
		return ICR_REFUSE;
	}
	if (mode == ICR_DM_NMI)
		return ICR_IGNORE;
	if (mode == ICR_DM_LOWEST)
		mode = ICR_DM_FIXED;	/* one target: the same thing */
	if (sh == ICR_SH_SELF) {
		*dest = self;
		if (mode == ICR_DM_FIXED)
			return ICR_FORWARD;
		*why = "a self IPI other than a fixed interrupt";
		return ICR_REFUSE;
	}
	if (sh != ICR_SH_NONE) {
		/* Broadcasts reach the cell's CPUs only, one by one. */
		if (mode == ICR_DM_FIXED)
			return sh == ICR_SH_ALL ? ICR_ALL : ICR_ALL_BUT_SELF;
		*why = "a broadcast INIT, start-up or SMI";
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
		*why = "an SMI or reserved-mode IPI";
		return ICR_REFUSE;
	}
}
