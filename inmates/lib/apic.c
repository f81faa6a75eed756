/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The CPU's local APIC and the TSC. In a cell, through the x2APIC MSRs,
 * the interface Jailhouse inmates use: the hypervisor answers them in
 * either APIC mode, passing the timer and EOI through on an x2APIC host.
 * Without a hypervisor (make bench's bare runs, tests/bench/bare), through
 * whatever mode the APIC is in: the MSRs in x2APIC mode, else the xAPIC
 * page (mapped uncached by header.S).
 */
#include "inmate.h"

#define TIMER_DIVIDER	16	/* the divider the hypervisor programs */

static u64 apic_ticks_per_ms;	/* after division */
static volatile u32 *xapic;	/* the page, if that is the way in */
static bool apic_probed;

static void apic_probe(void)
{
	u64 base;

	apic_probed = true;
	if (hypervisor_present())
		return;
	base = rdmsr(MSR_APIC_BASE);
	if (!(base & APIC_BASE_EXTD))
		xapic = (volatile u32 *)(unsigned long)(base & APIC_BASE_ADDR);
}

static u32 apic_read(unsigned int reg)
{
	if (!apic_probed)
		apic_probe();
	return xapic ? xapic[reg / 4] : (u32)rdmsr(X2APIC_MSR(reg));
}

static void apic_write(unsigned int reg, u32 v)
{
	if (!apic_probed)
		apic_probe();
	if (xapic)
		xapic[reg / 4] = v;
	else
		wrmsr(X2APIC_MSR(reg), v);
}

u32 cpu_id(void)
{
	u32 id = apic_read(APIC_ID);

	return xapic ? id >> 24 : id;
}

void apic_send_icr(u32 apic_id, u32 low)
{
	if (!apic_probed)
		apic_probe();
	if (xapic) {
		xapic[APIC_ICR_HI / 4] = apic_id << 24;
		xapic[APIC_ICR / 4] = low;
		/* Until the APIC has sent it: the next one may follow. */
		while (xapic[APIC_ICR / 4] & APIC_ICR_BUSY)
			cpu_relax();
	} else {
		wrmsr(X2APIC_MSR(APIC_ICR), (u64)apic_id << 32 | low);
	}
}

void send_ipi(u32 apic_id, u8 vector)
{
	apic_send_icr(apic_id, vector);
}

void apic_cpu_init_bare(void)
{
	u64 base;

	if (!apic_probed)
		apic_probe();
	if (hypervisor_present())
		return;
	/* INIT leaves it in the mode it was in (xAPIC: the firmware never
	 * switched the other CPUs) and software-disabled. */
	base = rdmsr(MSR_APIC_BASE);
	if (!(base & APIC_BASE_EN)) {	/* x2APIC only from enabled xAPIC */
		base |= APIC_BASE_EN;
		wrmsr(MSR_APIC_BASE, base);
	}
	if (!xapic && !(base & APIC_BASE_EXTD))
		wrmsr(MSR_APIC_BASE, base | APIC_BASE_EXTD);
	apic_write(APIC_SVR, APIC_SVR_ENABLE | 0xff);
	apic_write(APIC_TDCR, APIC_TDCR_DIV16);
}

void apic_eoi(void)
{
	apic_write(APIC_EOI, 0);
}

void apic_timer_init(u8 vector, bool periodic)
{
	apic_ticks_per_ms = comm_region->apic_khz / TIMER_DIVIDER;
	apic_write(APIC_SVR, APIC_SVR_ENABLE | 0xff);
	apic_write(APIC_TMICT, 0);
	apic_write(APIC_LVT_TIMER, vector | (periodic ? APIC_LVT_PERIODIC : 0));
}

u64 apic_timer_set(u64 ns)
{
	/* Rounded up: a timer must not fire before its time. */
	u64 ticks = (ns * apic_ticks_per_ms + 999999) / 1000000;

	if (ns && !ticks)
		ticks = 1;
	if (ticks > 0xffffffffULL)
		ticks = 0xffffffffULL;
	apic_write(APIC_TMICT, (u32)ticks);
	return ticks * 1000000 / (apic_ticks_per_ms ?: 1);
}

void apic_timer_stop(void)
{
	apic_write(APIC_TMICT, 0);
	apic_write(APIC_LVT_TIMER, APIC_LVT_MASKED);
}

u64 tsc_read_ns(void)
{
	u64 t = rdtsc(), khz = comm_region->tsc_khz;

	if (!khz)
		return 0;
	/* Split to keep t * 10^6 from overflowing. */
	return t / khz * 1000000 + t % khz * 1000000 / khz;
}
