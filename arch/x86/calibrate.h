/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The TSC and APIC-timer rates from windows timed by the ACPI PM timer
 * (arch/x86/platform.c measures, this decides). Each window's ends are
 * stamps: a PM-timer read and an APIC current-count read, each between
 * two TSC reads. The TSC's rate is the mean of the windows' rates by the
 * PM timer: a window whose PM-timer brackets are too wide to fix its
 * length to CAL_BRACKET_PPM was held up (under an emulator, the virtual
 * CPU was descheduled) and is dropped, and so are windows whose rates
 * stray from the median. The APIC timer is timed by the TSC over the
 * longest span between two of the tightest APIC reads (an APIC read can
 * be slow and uneven, an emulated xAPIC's above all); where those reads
 * fell within their brackets bounds its error, which must stay within
 * CAL_BRACKET_PPM too (a host that held every read up is caught, not
 * believed). Rounds of windows are taken until they agree
 * (cal_calibrate()); the clocks are read through struct cal_clocks, so
 * that the hypervisor (arch/x86/platform.c), make bench's bare harness
 * (tests/bench/bare) and the host's unit test (test_calibrate.c, with
 * simulated clocks) share every step.
 */
#ifndef BULKHEAD_CALIBRATE_H
#define BULKHEAD_CALIBRATE_H

#include <bulkhead/types.h>

#define CAL_PM_TIMER_HZ	3579545ULL	/**< ACPI's fixed rate */
#define CAL_PM_MASK	0xffffffU	/**< a 24-bit counter */
#define CAL_MAX_WINDOWS	16
/** Windows of 10 ms (a PM-timer tick is 28 ppm of one)... */
#define CAL_WINDOW_TICKS (CAL_PM_TIMER_HZ / 100)
/** ...in rounds of 7... */
#define CAL_ROUND_WINDOWS 7
/** ...up to 6 rounds if too few agree. */
#define CAL_ROUNDS	6
/** A window whose rate differs from the median by more than this many
 * parts per million is an outlier. */
#define CAL_OUTLIER_PPM	300
/** Half its stamps' brackets may be this many ppm of a window. */
#define CAL_BRACKET_PPM	300

/** One end of a window: TSC, PM timer, TSC, APIC count, TSC. */
struct cal_stamp {
	u64 tsc_before;		/**< before the PM-timer read */
	u64 tsc_mid;		/**< after it, before the APIC read */
	u64 tsc_after;		/**< after the APIC read */
	u32 pm;			/**< PM timer (24 bits) */
	u32 apic_left;		/**< APIC timer current count */
};

/** One window: the APIC timer counts down (divided by @c apic_div). */
struct cal_window {
	struct cal_stamp start, end;
};

/** The outcome. */
struct cal_result {
	u32 tsc_khz, apic_khz;	/**< averages of the windows kept */
	u32 kept;		/**< windows used */
	u32 spread_ppm;		/**< largest TSC deviation among them */
	u64 apic_span;		/**< TSC cycles the APIC rate was taken over */
	/** The most the APIC rate can be off by where its two reads fell in
	 * their brackets, in ppm of the rate (by a TSC rate taken as right);
	 * ~0U if there was no span. */
	u32 apic_bound_ppm;
};

#define CAL_TSC_UNSTEADY	(-1)	/**< cal_rates(): too few TSC windows */
#define CAL_APIC_UNCERTAIN	(-2)	/**< cal_rates(): APIC rate not known */

/**
 * Rates from @p n windows (at most CAL_MAX_WINDOWS); the APIC timer ran
 * with divider @p apic_div, the result is its undivided rate.
 * @return 0; CAL_TSC_UNSTEADY if fewer than 3 windows are trustworthy
 * (r->kept says how many were); CAL_APIC_UNCERTAIN if the TSC's rate is
 * (r filled in) but the APIC timer's is not known to CAL_BRACKET_PPM
 * (r->apic_bound_ppm says how well it is).
 */
int cal_rates(const struct cal_window *w, u32 n, u32 apic_div,
	      struct cal_result *r);

/** The clocks a calibration reads. */
struct cal_clocks {
	u64 (*tsc)(void);
	u32 (*pm)(void);	/**< the PM timer's 24 bits */
	u32 (*apic_left)(void);	/**< the APIC timer's current count */
};

/**
 * Rounds of CAL_ROUND_WINDOWS windows through clocks @p c until the
 * windows of every round so far (the last CAL_MAX_WINDOWS: a busy host's
 * few good windows add up) give rates by cal_rates(), at most CAL_ROUNDS.
 * The APIC timer counts down through all of them with divider
 * @p apic_div (the caller starts it with a count that lasts).
 * @return cal_rates()' verdict on the last round's windows; with
 * CAL_TSC_UNSTEADY, @p r holds cal_median()'s rates instead.
 * *@p judged gets the number of windows judged, *@p rounds the rounds.
 */
int cal_calibrate(const struct cal_clocks *c, u32 apic_div,
		  struct cal_result *r, u32 *judged, u32 *rounds);

/** The fallback: the medians of the TSC and APIC rates of @p n windows,
 * whatever their brackets (windows with no PM tick left out); spread_ppm
 * is then the TSC windows' largest deviation from their median, and
 * apic_bound_ppm as above: how uncertain the rates are. */
void cal_median(const struct cal_window *w, u32 n, u32 apic_div,
		struct cal_result *r);

#endif
