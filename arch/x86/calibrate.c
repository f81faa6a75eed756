/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Deciding the TSC and APIC-timer rates (calibrate.h).
 */
#include "calibrate.h"

static u64 pm_mid(const struct cal_stamp *s)
{
	return s->tsc_before + (s->tsc_mid - s->tsc_before) / 2;
}

static u64 apic_mid(const struct cal_stamp *s)
{
	return s->tsc_mid + (s->tsc_after - s->tsc_mid) / 2;
}

/* Half the wider PM-timer bracket of @p w, in TSC cycles. */
static u64 pm_half_bracket(const struct cal_window *w)
{
	u64 a = w->start.tsc_mid - w->start.tsc_before;
	u64 b = w->end.tsc_mid - w->end.tsc_before;

	return (a > b ? a : b) / 2;
}

/* The TSC's rate in Hz over window @p w, by the PM timer; 0 if empty. */
static u64 window_tsc_hz(const struct cal_window *w)
{
	u64 ticks = (w->end.pm - w->start.pm) & CAL_PM_MASK;

	if (!ticks)
		return 0;
	return (pm_mid(&w->end) - pm_mid(&w->start)) * CAL_PM_TIMER_HZ /
	       ticks;
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

/* The APIC timer's rate in kHz, by the TSC at @p tsc_hz: between the
 * first and the last of the stamps whose APIC read was among the
 * quickest (within twice the quickest, and 200 cycles). Each read may
 * lie anywhere in its bracket: half of both brackets over the span
 * bounds the error (*bound_ppm). */
static u32 apic_khz(const struct cal_window *w, u32 n, u32 apic_div,
		    u64 tsc_hz, u64 *span, u32 *bound_ppm)
{
	const struct cal_stamp *first = NULL, *last = NULL;
	u64 quick = ~0ULL, counts, half;
	u32 i;

	for (i = 0; i < 2 * n; i++) {
		const struct cal_stamp *s = i & 1 ? &w[i / 2].end :
						    &w[i / 2].start;

		if (s->tsc_after - s->tsc_mid < quick)
			quick = s->tsc_after - s->tsc_mid;
	}
	for (i = 0; i < 2 * n; i++) {
		const struct cal_stamp *s = i & 1 ? &w[i / 2].end :
						    &w[i / 2].start;

		if (s->tsc_after - s->tsc_mid > 2 * quick + 200)
			continue;
		if (!first)
			first = s;
		last = s;
	}
	*span = first ? apic_mid(last) - apic_mid(first) : 0;
	*bound_ppm = ~0U;
	if (!*span)
		return 0;
	half = ((first->tsc_after - first->tsc_mid) +
		(last->tsc_after - last->tsc_mid)) / 2;
	if (half <= ~0ULL / 1000000) {
		u64 b = half * 1000000 / *span;

		*bound_ppm = b < ~0U ? (u32)b : ~0U;
	}
	counts = (u64)(first->apic_left - last->apic_left) * apic_div;
	return (u32)((counts * tsc_hz / *span + 500) / 1000);
}

int cal_rates(const struct cal_window *w, u32 n, u32 apic_div,
	      struct cal_result *r)
{
	u64 tsc[CAL_MAX_WINDOWS], sorted[CAL_MAX_WINDOWS], med, sum = 0;
	bool ok[CAL_MAX_WINDOWS];
	u32 i, m = 0;

	*r = (struct cal_result){ 0 };
	if (n > CAL_MAX_WINDOWS)
		n = CAL_MAX_WINDOWS;
	/* Held up: half a PM-timer bracket, the most a midpoint can be
	 * off, over CAL_BRACKET_PPM of the window. */
	for (i = 0; i < n; i++) {
		u64 cycles = pm_mid(&w[i].end) - pm_mid(&w[i].start);

		tsc[i] = window_tsc_hz(&w[i]);
		ok[i] = tsc[i] && pm_half_bracket(&w[i]) * 1000000 <=
				  cycles * CAL_BRACKET_PPM;
		if (ok[i])
			sorted[m++] = tsc[i];
	}
	if (m < 3) {
		r->kept = m;
		return CAL_TSC_UNSTEADY;
	}
	sort(sorted, m);
	med = sorted[m / 2];
	m = 0;
	for (i = 0; i < n; i++) {
		ok[i] = ok[i] && ppm_off(tsc[i], med) <= CAL_OUTLIER_PPM;
		if (ok[i]) {
			sum += tsc[i];
			m++;
		}
	}
	r->kept = m;
	if (m < 3)
		return CAL_TSC_UNSTEADY;
	r->tsc_khz = (u32)((sum / m + 500) / 1000);
	for (i = 0; i < n; i++)
		if (ok[i] && ppm_off(tsc[i], sum / m) > r->spread_ppm)
			r->spread_ppm = (u32)ppm_off(tsc[i], sum / m);
	r->apic_khz = apic_khz(w, n, apic_div, sum / m, &r->apic_span,
			       &r->apic_bound_ppm);
	return r->apic_khz && r->apic_bound_ppm <= CAL_BRACKET_PPM ? 0 :
	       CAL_APIC_UNCERTAIN;
}

void cal_median(const struct cal_window *w, u32 n, u32 apic_div,
		struct cal_result *r)
{
	u64 tsc[CAL_MAX_WINDOWS];
	u32 i, m = 0;

	*r = (struct cal_result){ 0 };
	if (n > CAL_MAX_WINDOWS)
		n = CAL_MAX_WINDOWS;
	for (i = 0; i < n; i++) {
		u64 t = window_tsc_hz(&w[i]);

		if (t)
			tsc[m++] = t;
	}
	if (!m)
		return;
	sort(tsc, m);
	r->tsc_khz = (u32)((tsc[m / 2] + 500) / 1000);
	for (i = 0; i < m; i++)
		if (ppm_off(tsc[i], tsc[m / 2]) > r->spread_ppm)
			r->spread_ppm = (u32)ppm_off(tsc[i], tsc[m / 2]);
	r->apic_khz = apic_khz(w, n, apic_div, tsc[m / 2], &r->apic_span,
			       &r->apic_bound_ppm);
	r->kept = m;
}

/* The PM timer, then the APIC timer, each between two TSC reads. */
static void stamp(const struct cal_clocks *c, struct cal_stamp *s)
{
	s->tsc_before = c->tsc();
	s->pm = c->pm();
	s->tsc_mid = c->tsc();
	s->apic_left = c->apic_left();
	s->tsc_after = c->tsc();
}

static void measure(const struct cal_clocks *c, struct cal_window *w, u32 n)
{
	u32 i;

	for (i = 0; i < n; i++) {
		stamp(c, &w[i].start);
		do
			stamp(c, &w[i].end);
		while (((w[i].end.pm - w[i].start.pm) & CAL_PM_MASK) <
		       CAL_WINDOW_TICKS);
	}
}

int cal_calibrate(const struct cal_clocks *c, u32 apic_div,
		  struct cal_result *r, u32 *judged, u32 *rounds)
{
	struct cal_window w[CAL_MAX_WINDOWS];
	u32 round, i, n = 0;
	int err = CAL_TSC_UNSTEADY;

	for (round = 0; round < CAL_ROUNDS && err; round++) {
		if (n + CAL_ROUND_WINDOWS > CAL_MAX_WINDOWS) {
			/* The oldest round makes room. */
			for (i = 0; i + CAL_ROUND_WINDOWS < n; i++)
				w[i] = w[i + CAL_ROUND_WINDOWS];
			n -= CAL_ROUND_WINDOWS;
		}
		measure(c, w + n, CAL_ROUND_WINDOWS);
		n += CAL_ROUND_WINDOWS;
		err = cal_rates(w, n, apic_div, r);
	}
	if (err == CAL_TSC_UNSTEADY)
		cal_median(w, n, apic_div, r);
	*judged = n;
	*rounds = round;
	return err;
}
