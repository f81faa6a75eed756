/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The cell CPU's local APIC through the x2APIC MSRs, the interface
 * Jailhouse inmates use (the hypervisor passes it through on an x2APIC
 * host and emulates it on an xAPIC host), and the TSC.
 */
#include "inmate.h"

#define X2APIC_ID	0x802
#define X2APIC_EOI	0x80b
#define X2APIC_SVR	0x80f
#define X2APIC_ICR	0x830
#define X2APIC_LVTT	0x832
#define X2APIC_TMICT	0x838
#define X2APIC_TMCCT	0x839
#define SVR_ENABLE	0x100
#define LVTT_PERIODIC	(1U << 17)
#define LVT_MASKED	(1U << 16)
#define APIC_TDCR	16	/* the divider the hypervisor programs */

static u64 apic_ticks_per_ms;	/* after division */

u32 cpu_id(void)
{
	return (u32)rdmsr(X2APIC_ID);
}

void send_ipi(u32 apic_id, u8 vector)
{
	wrmsr(X2APIC_ICR, (u64)apic_id << 32 | vector);
}

void apic_eoi(void)
{
	wrmsr(X2APIC_EOI, 0);
}

void apic_timer_init(u8 vector, bool periodic)
{
	apic_ticks_per_ms = comm_region->apic_khz / APIC_TDCR;
	wrmsr(X2APIC_SVR, SVR_ENABLE | 0xff);
	wrmsr(X2APIC_TMICT, 0);
	wrmsr(X2APIC_LVTT, vector | (periodic ? LVTT_PERIODIC : 0));
}

u64 apic_timer_set(u64 ns)
{
	/* Rounded up: a timer must not fire before its time. */
	u64 ticks = (ns * apic_ticks_per_ms + 999999) / 1000000;

	if (ns && !ticks)
		ticks = 1;
	if (ticks > 0xffffffffULL)
		ticks = 0xffffffffULL;
	wrmsr(X2APIC_TMICT, ticks);
	return ticks * 1000000 / (apic_ticks_per_ms ?: 1);
}

void apic_timer_stop(void)
{
	wrmsr(X2APIC_TMICT, 0);
	wrmsr(X2APIC_LVTT, LVT_MASKED);
}

u64 tsc_read_ns(void)
{
	u64 t = rdtsc(), khz = comm_region->tsc_khz;

	if (!khz)
		return 0;
	/* Split to keep t * 10^6 from overflowing. */
	return t / khz * 1000000 + t % khz * 1000000 / khz;
}
