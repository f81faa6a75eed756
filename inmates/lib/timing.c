/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Time from the ACPI PM timer (3.579545 MHz, 24 bits), whose port every
 * cell may read.
 */
#include "inmate.h"

#define PM_TIMER_HZ	3579545ULL
#define PM_TIMER_MASK	0xffffffULL

static u64 last_ticks;	/* extended to 64 bits */

static u64 pm_timer_ticks(void)
{
	u64 now = inl(comm_region->pm_timer_address) & PM_TIMER_MASK;

	last_ticks += (now - last_ticks) & PM_TIMER_MASK;
	return last_ticks;
}

u64 pm_timer_read_ns(void)
{
	u64 t = pm_timer_ticks();

	/* Split to keep t * 10^9 from overflowing. */
	return t / PM_TIMER_HZ * 1000000000ULL +
	       t % PM_TIMER_HZ * 1000000000ULL / PM_TIMER_HZ;
}

void delay_us(u64 us)
{
	u64 end = pm_timer_read_ns() + us * 1000;

	/* Waiting, the cell still answers the hypervisor (comm.c). */
	while (pm_timer_read_ns() < end) {
		comm_poll();
		cpu_relax();
	}
}
