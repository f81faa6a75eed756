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
 * believed). Pure code, unit-tested on the host (test_calibrate.c).
 */
#ifndef BULKHEAD_CALIBRATE_H
#define BULKHEAD_CALIBRATE_H

#include <bulkhead/types.h>

#define CAL_PM_TIMER_HZ	3579545ULL	/**< ACPI's fixed rate */
#define CAL_PM_MASK	0xffffffU	/**< a 24-bit counter */
#define CAL_MAX_WINDOWS	16
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

/** The fallback: the medians of the TSC and APIC rates of @p n windows,
 * whatever their brackets (windows with no PM tick left out); spread_ppm
 * is then the TSC windows' largest deviation from their median, and
 * apic_bound_ppm as above: how uncertain the rates are. */
void cal_median(const struct cal_window *w, u32 n, u32 apic_div,
		struct cal_result *r);

#endif
