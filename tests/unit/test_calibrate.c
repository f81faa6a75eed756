/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Deciding the TSC and APIC-timer rates (arch/x86/calibrate.c) from
 * synthetic windows: exact clocks give exact rates; a stamp held up
 * (a wide TSC bracket) or a window that strays is dropped; the PM timer's
 * 24-bit wrap is harmless; too few agreeing windows are refused.
 */
#include <string.h>

#include "calibrate.h"
#include "check.h"

#define TSC_HZ	2600000000ULL
#define APIC_HZ	1000000000ULL
#define DIV	16
#define TICKS	35796		/* about 10 ms of the PM timer */

/* A stamp at PM-timer tick @p t (a 64-bit count) with a bracket of
 * @p width TSC cycles. */
static struct cal_stamp at(u64 t, u64 width)
{
	u64 tsc = t * TSC_HZ / CAL_PM_TIMER_HZ;
	/* The APIC is read a bracket after the PM timer. */
	u64 apic = (tsc + width) * (APIC_HZ / DIV) / TSC_HZ;

	return (struct cal_stamp){ tsc - width / 2, tsc + width / 2,
				   tsc + width + width / 2,
				   (u32)(t & CAL_PM_MASK),
				   (u32)(0xffffffffULL - apic) };
}

static struct cal_window w[CAL_MAX_WINDOWS];

static void windows(u32 n, u64 first)
{
	u32 i;

	for (i = 0; i < n; i++) {
		u64 t = first + i * (TICKS + 100);

		w[i].start = at(t, 400);
		w[i].end = at(t + TICKS, 400);
	}
}

static void expect(const char *name, u32 n, int want_err, u32 want_kept)
{
	struct cal_result r;
	int err = cal_rates(w, n, DIV, &r);
	long dt = (long)r.tsc_khz - (long)(TSC_HZ / 1000);
	long da = (long)r.apic_khz - (long)(APIC_HZ / 1000);

	if (want_err)
		checkf(name, err == CAL_TSC_UNSTEADY && r.kept == want_kept,
		       "err %d kept %u",
		       err, r.kept);
	else
		/* Within 30 ppm: one PM tick of a 10 ms window. */
		checkf(name, !err && r.kept == want_kept &&
		       dt * dt <= 78LL * 78 && da * da <= 30LL * 30,
		       "err %d kept %u, TSC %u kHz, APIC %u kHz", err, r.kept,
		       r.tsc_khz, r.apic_khz);
}

static void test_exact(void)
{
	windows(7, 1000);
	expect("exact", 7, 0, 7);
	/* The PM timer wraps inside a window. */
	windows(7, CAL_PM_MASK - 3 * TICKS);
	expect("pm-timer-wrap", 7, 0, 7);
}

static void test_held_up(void)
{
	/* A vCPU descheduled between the TSC read and the PM read: a
	 * bracket of 10 ms, whose midpoint is 5 ms off. */
	windows(7, 1000);
	w[2].start.tsc_before -= TSC_HZ / 100;
	w[5].end.tsc_mid += TSC_HZ / 100;
	w[5].end.tsc_after += TSC_HZ / 100;
	expect("held-up-dropped", 7, 0, 5);
	/* A slow APIC read (an emulated xAPIC) at either end: the APIC is
	 * timed between the quick ones. */
	windows(7, 1000);
	w[0].start.tsc_after += TSC_HZ / 200;
	w[6].end.tsc_after += TSC_HZ / 200;
	expect("slow-apic-reads-skipped", 7, 0, 7);
}

static void test_outliers(void)
{
	/* A window whose TSC ran 10 % fast, another 1 % slow, with
	 * tight brackets: dropped by the median. */
	windows(7, 1000);
	w[1].end.tsc_before += TSC_HZ / 1000;
	w[1].end.tsc_mid += TSC_HZ / 1000;
	w[4].end.tsc_before -= TSC_HZ / 10000;
	w[4].end.tsc_mid -= TSC_HZ / 10000;
	expect("outliers-dropped", 7, 0, 5);
}

static void test_too_few(void)
{
	windows(7, 1000);
	w[0].start.tsc_before -= TSC_HZ / 100;
	w[1].start.tsc_before -= TSC_HZ / 100;
	w[2].start.tsc_before -= TSC_HZ / 100;
	w[3].start.tsc_before -= TSC_HZ / 100;
	w[4].start.tsc_before -= TSC_HZ / 100;
	expect("too-few-refused", 7, 1, 2);
	expect("none", 0, 1, 0);
	windows(2, 1000);
	expect("two-windows-refused", 2, 1, 2);
	{
		struct cal_result r;

		windows(7, 1000);
		w[0].start.tsc_before -= TSC_HZ / 100;
		cal_median(w, 7, DIV, &r);
		checkf("median-fallback", r.kept == 7 &&
		       r.tsc_khz >= TSC_HZ / 1000 - 100 &&
		       r.tsc_khz <= TSC_HZ / 1000 + 100 &&
		       r.apic_khz >= APIC_HZ / 1000 - 100 &&
		       r.apic_khz <= APIC_HZ / 1000 + 100,
		       "kept %u, TSC %u, APIC %u", r.kept, r.tsc_khz,
		       r.apic_khz);
	}
	/* An empty window (no PM tick) is never trusted. */
	windows(7, 1000);
	w[3].end = w[3].start;
	expect("empty-window-dropped", 7, 0, 6);
}

/* Every APIC read held up alike (a host that descheduled the vCPU at
 * each one), the first read late in its bracket and the last early: the
 * APIC timer seems 7 % fast (5 ms of 70). The TSC windows are fine; the
 * bound on the APIC's rate (at least the error) is what refuses it, and
 * says by how much it may be off. */
static void test_apic_held_up(void)
{
	struct cal_result r;
	u64 slow = TSC_HZ / 200;	/* 5 ms each */
	long off, off_ppm;
	int err;
	u32 i;

	windows(7, 1000);
	r = (struct cal_result){ 0 };
	cal_rates(w, 7, DIV, &r);
	checkf("apic-bound-tight", r.apic_bound_ppm <= 10,
	       "bound %u ppm with 400-cycle brackets", r.apic_bound_ppm);
	for (i = 0; i < 7; i++) {
		w[i].start.tsc_after += slow;
		w[i].end.tsc_after += slow;
	}
	/* The first read came at its bracket's start, the last at its
	 * end: the counts cover the span less a bracket. */
	w[0].start.apic_left += (u32)(slow * (APIC_HZ / DIV) / TSC_HZ / 2);
	w[6].end.apic_left -= (u32)(slow * (APIC_HZ / DIV) / TSC_HZ / 2);
	err = cal_rates(w, 7, DIV, &r);
	off = (long)r.apic_khz - (long)(APIC_HZ / 1000);
	off_ppm = (off < 0 ? -off : off) * 1000000 / (long)(APIC_HZ / 1000);
	checkf("apic-held-up-refused", err == CAL_APIC_UNCERTAIN &&
	       off_ppm > 50000 &&
	       r.apic_bound_ppm >= off_ppm && r.tsc_khz == TSC_HZ / 1000,
	       "err %d, bound %u ppm, TSC %u kHz, APIC %u kHz (%ld ppm off)",
	       err, r.apic_bound_ppm, r.tsc_khz, r.apic_khz, off_ppm);
	cal_median(w, 7, DIV, &r);
	checkf("apic-held-up-median-says-so", r.apic_bound_ppm > 50000 &&
	       r.spread_ppm < 100,
	       "fallback: bound %u ppm, TSC spread %u ppm", r.apic_bound_ppm,
	       r.spread_ppm);
}

int main(void)
{
	sanitizers_init();
	RUN(test_exact);
	RUN(test_held_up);
	RUN(test_outliers);
	RUN(test_too_few);
	RUN(test_apic_held_up);
	return failures ? 1 : 0;
}
