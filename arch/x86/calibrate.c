/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Deciding the TSC and APIC-timer rates (calibrate.h).
 */
#include "calibrate.h"

static u64 bracket(const struct cal_stamp *s)
{
	return s->tsc_after - s->tsc_before;
}

static u64 mid(const struct cal_stamp *s)
{
	return s->tsc_before + bracket(s) / 2;
}

/* Rates in Hz of window @p w: TSC cycles and APIC counts per second. */
static void window_hz(const struct cal_window *w, u32 apic_div, u64 *tsc,
		      u64 *apic)
{
	u64 ticks = (w->end.pm - w->start.pm) & CAL_PM_MASK;

	if (!ticks) {
		*tsc = *apic = 0;
		return;
	}
	*tsc = (mid(&w->end) - mid(&w->start)) * CAL_PM_TIMER_HZ / ticks;
	*apic = (u64)(w->start.apic_left - w->end.apic_left) * apic_div *
		CAL_PM_TIMER_HZ / ticks;
}

static void sort(u64 *v, u32 n)
{
	u32 i, j;

	for (i = 1; i < n; i++)
		for (j = i; j > 0 && v[j - 1] > v[j]; j--) {
			u64 t = v[j];

			v[j] = v[j - 1];
			v[j - 1] = t;
		}
}

static u64 ppm_off(u64 v, u64 ref)
{
	u64 d = v > ref ? v - ref : ref - v;

	return ref ? d * 1000000 / ref : ~0ULL;
}

int cal_rates(const struct cal_window *w, u32 n, u32 apic_div,
	      struct cal_result *r)
{
	u64 tsc[CAL_MAX_WINDOWS], apic[CAL_MAX_WINDOWS];
	u64 sorted[CAL_MAX_WINDOWS], med, amed, tsum = 0;
	u64 asum = 0;
	bool ok[CAL_MAX_WINDOWS];
	u32 i, m = 0;

	*r = (struct cal_result){ 0 };
	if (n > CAL_MAX_WINDOWS)
		n = CAL_MAX_WINDOWS;
	/* Held up: the brackets' halves, the most the midpoints can be
	 * off, add up to more than CAL_BRACKET_PPM of the window. */
	for (i = 0; i < n; i++) {
		u64 cycles = mid(&w[i].end) - mid(&w[i].start);

		window_hz(&w[i], apic_div, &tsc[i], &apic[i]);
		ok[i] = tsc[i] && (bracket(&w[i].start) +
				   bracket(&w[i].end)) / 2 * 1000000 <=
				  cycles * CAL_BRACKET_PPM;
		if (ok[i])
			sorted[m++] = tsc[i];
	}
	if (m < 3) {
		r->kept = m;
		return -1;
	}
	sort(sorted, m);
	med = sorted[m / 2];
	for (i = 0, m = 0; i < n; i++)
		if (ok[i])
			sorted[m++] = apic[i];
	sort(sorted, m);
	amed = sorted[m / 2];
	/* Both clocks were read in the same brackets: a window must agree
	 * with the others on both. */
	for (i = 0; i < n; i++)
		ok[i] = ok[i] && ppm_off(tsc[i], med) <= CAL_OUTLIER_PPM &&
			ppm_off(apic[i], amed) <= CAL_OUTLIER_PPM;
	m = 0;
	for (i = 0; i < n; i++) {
		if (!ok[i])
			continue;
		tsum += tsc[i];
		asum += apic[i];
		m++;
	}
	r->kept = m;
	if (m < 3)
		return -1;
	r->tsc_khz = (u32)((tsum / m + 500) / 1000);
	r->apic_khz = (u32)((asum / m + 500) / 1000);
	for (i = 0; i < n; i++)
		if (ok[i] && ppm_off(tsc[i], tsum / m) > r->spread_ppm)
			r->spread_ppm = (u32)ppm_off(tsc[i], tsum / m);
	return 0;
}

void cal_median(const struct cal_window *w, u32 n, u32 apic_div,
		struct cal_result *r)
{
	u64 tsc[CAL_MAX_WINDOWS], apic[CAL_MAX_WINDOWS], t, a;
	u32 i, m = 0;

	*r = (struct cal_result){ 0 };
	if (n > CAL_MAX_WINDOWS)
		n = CAL_MAX_WINDOWS;
	for (i = 0; i < n; i++) {
		window_hz(&w[i], apic_div, &t, &a);
		if (t) {
			tsc[m] = t;
			apic[m++] = a;
		}
	}
	if (!m)
		return;
	sort(tsc, m);
	sort(apic, m);
	r->tsc_khz = (u32)((tsc[m / 2] + 500) / 1000);
	r->apic_khz = (u32)((apic[m / 2] + 500) / 1000);
	r->kept = m;
}
