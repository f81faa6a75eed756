/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Deciding the TSC and APIC-timer rates (arch/x86/calibrate.c) from
 * synthetic windows: exact clocks give exact rates; a stamp held up
 * (a wide TSC bracket) or a window that strays is dropped; the PM timer's
 * 24-bit wrap is harmless; too few agreeing windows are refused. And the
 * rounds around it (cal_calibrate()) on simulated clocks: one round when
 * the host is quiet, more while it holds the CPU up, the median fallback
 * when it never stops.
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

/* Simulated clocks: every read takes time; a PM-timer read is held up
 * by HOLD_NS (the vCPU descheduled) while sim_ns is below busy_until. */
#define HOLD_NS	3000000ULL
static u64 sim_ns, busy_until;

static u64 sim_tsc(void)
{
	sim_ns += 20;
	return sim_ns * (TSC_HZ / 1000000) / 1000;
}

static u32 sim_pm(void)
{
	sim_ns += 500;
	if (sim_ns < busy_until)
		sim_ns += HOLD_NS;
	return (u32)(sim_ns * CAL_PM_TIMER_HZ / 1000000000ULL) & CAL_PM_MASK;
}

static u32 sim_apic_left(void)
{
	sim_ns += 100;
	return (u32)(0xffffffffULL - sim_ns * (APIC_HZ / DIV) / 1000000000ULL);
}

static const struct cal_clocks sim = { sim_tsc, sim_pm, sim_apic_left };

static void calibrate_run(const char *name, u64 busy, int want_err,
			  u32 want_rounds, u32 want_judged)
{
	struct cal_result r;
	u32 judged, rounds;
	long dt, da;
	int err;

	sim_ns = 5000000;
	busy_until = busy;
	err = cal_calibrate(&sim, DIV, &r, &judged, &rounds);
	dt = (long)r.tsc_khz - (long)(TSC_HZ / 1000);
	da = (long)r.apic_khz - (long)(APIC_HZ / 1000);
	checkf(name, err == want_err && rounds == want_rounds &&
	       judged == want_judged &&
	       (want_err || (dt * dt <= 78LL * 78 && da * da <= 30LL * 30)),
	       "err %d after %u rounds of %u windows, TSC %u kHz, APIC %u kHz",
	       err, rounds, judged, r.tsc_khz, r.apic_khz);
}

static void test_calibrate_rounds(void)
{
	calibrate_run("rounds-quiet-host-one", 0, 0, 1, CAL_ROUND_WINDOWS);
	/* Held up through the first round (the PM timer runs 10 ms in
	 * each of its windows within about 4 reads) and into the second:
	 * a second round, whose windows after the hold-ups agree. */
	calibrate_run("rounds-busy-host-more", 150000000, 0, 2,
		      2 * CAL_ROUND_WINDOWS);
	/* Never quiet: every round, then the medians, said so. */
	calibrate_run("rounds-never-quiet-median", ~0ULL, CAL_TSC_UNSTEADY,
		      CAL_ROUNDS, 2 * CAL_ROUND_WINDOWS);
}

int main(void)
{
	sanitizers_init();
	RUN(test_exact);
	RUN(test_held_up);
	RUN(test_outliers);
	RUN(test_too_few);
	RUN(test_apic_held_up);
	RUN(test_calibrate_rounds);
	return failures ? 1 : 0;
}
