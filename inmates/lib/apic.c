/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The cell CPU's local APIC through the x2APIC MSRs, the interface
 * Jailhouse inmates use (the hypervisor passes it through on an x2APIC
 * host and emulates it on an xAPIC host), and the TSC.
 */
#include "inmate.h"

#define TIMER_DIVIDER	16	/* the divider the hypervisor programs */

static u64 apic_ticks_per_ms;	/* after division */

u32 cpu_id(void)
{
	return (u32)rdmsr(X2APIC_MSR(APIC_ID));
}

void send_ipi(u32 apic_id, u8 vector)
{
	wrmsr(X2APIC_MSR(APIC_ICR), (u64)apic_id << 32 | vector);
}

void apic_eoi(void)
{
	wrmsr(X2APIC_MSR(APIC_EOI), 0);
}

void apic_timer_init(u8 vector, bool periodic)
{
	apic_ticks_per_ms = comm_region->apic_khz / TIMER_DIVIDER;
	wrmsr(X2APIC_MSR(APIC_SVR), APIC_SVR_ENABLE | 0xff);
	wrmsr(X2APIC_MSR(APIC_TMICT), 0);
	wrmsr(X2APIC_MSR(APIC_LVT_TIMER), vector | (periodic ? APIC_LVT_PERIODIC : 0));
}

u64 apic_timer_set(u64 ns)
{
	/* Rounded up: a timer must not fire before its time. */
	u64 ticks = (ns * apic_ticks_per_ms + 999999) / 1000000;

	if (ns && !ticks)
		ticks = 1;
	if (ticks > 0xffffffffULL)
		ticks = 0xffffffffULL;
	wrmsr(X2APIC_MSR(APIC_TMICT), ticks);
	return ticks * 1000000 / (apic_ticks_per_ms ?: 1);
}

void apic_timer_stop(void)
{
	wrmsr(X2APIC_MSR(APIC_TMICT), 0);
	wrmsr(X2APIC_MSR(APIC_LVT_TIMER), APIC_LVT_MASKED);
}

u64 tsc_read_ns(void)
{
	u64 t = rdtsc(), khz = comm_region->tsc_khz;

	if (!khz)
		return 0;
	/* Split to keep t * 10^6 from overflowing. */
	return t / khz * 1000000 + t % khz * 1000000 / khz;
}
