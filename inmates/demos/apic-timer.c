/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * apic-timer: a periodic timer interrupt from the cell's own local APIC,
 * re-armed one-shot on every tick against the TSC, as a control loop
 * would. Over each window of ticks it reports the jitter (how late each
 * interrupt came against its due time by the TSC, wall time: under an
 * emulator the host's scheduling shows: min/avg/max) and how many VM exits
 * the window cost, read from the hypervisor's statistics: none where the
 * host's x2APIC is passed through, the timer and EOI writes where it is
 * emulated over an xAPIC. The CPU halts between ticks.
 *
 * With histogram=1 it keeps every tick's latency and reports percentiles
 * and a histogram instead: make bench runs it so under QEMU -icount,
 * where the TSC counts virtual time and a run repeats (up to its p99:
 * a rare tick comes late where QEMU's icount meets a halt), in a cell
 * and on the bare machine (tests/bench/bare), and compares the two.
 *
 * Command line: period_us=N (default 1000), window=N ticks (default 5000,
 * at most 10000 with histogram=1), histogram=1.
 */
#include "inmate.h"

#define TIMER_VECTOR	0x20
#define MAX_SAMPLES	10000
#define BUCKETS		20

static u64 period_ns, window;
static bool histogram;
static volatile u64 ticks, expected_ns;
static s64 jitter_min, jitter_max, jitter_sum;
static s32 samples[MAX_SAMPLES];

static void tick(struct irq_frame *f)
{
	s64 late = (s64)(tsc_read_ns() - expected_ns);

	(void)f;
	if (histogram && ticks < MAX_SAMPLES)
		samples[ticks] = late < -0x7fffffff ? -0x7fffffff :
				 late > 0x7fffffff ? 0x7fffffff : (s32)late;
	if (!ticks || late < jitter_min)
		jitter_min = late;
	if (!ticks || late > jitter_max)
		jitter_max = late;
	jitter_sum += late;
	/* The last tick of a window leaves the timer off: the report runs
	 * outside the window and must not delay a tick. */
	if (++ticks < window) {
		s64 left;

		expected_ns += period_ns;
		left = (s64)(expected_ns - tsc_read_ns());
		apic_timer_set(left > 0 ? (u64)left : 1);
	}
	apic_eoi();
}

/* Every sample of the window, summed up (stats_summarize()) and
 * drawn. */
static void report_histogram(unsigned int window_no, u64 n, long exits,
			     bool hosted)
{
	u32 count[BUCKETS] = { 0 };
	struct stats_summary s;
	unsigned int g;
	s64 width;
	u64 i;

	stats_summarize(samples, (u32)n, &s);
	width = ((s64)s.max - s.min) / BUCKETS + 1;
	for (i = 0; i < n; i++)
		count[((s64)samples[i] - s.min) / width]++;
	printk("window %u: %llu ticks, latency min %d avg %lld p50 %d p99 %d "
	       "max %d ns", window_no, (unsigned long long)n, s.min,
	       (long long)s.avg, s.p50, s.p99, s.max);
	if (hosted)
		printk("; %ld VM exits\n", exits);
	else
		printk("; bare\n");
	printk("histogram %u: from %d ns, %lld ns per bucket:", window_no,
	       s.min, (long long)width);
	for (g = 0; g < BUCKETS; g++)
		printk(" %u", count[g]);
	printk("\n");
}

void inmate_main(void)
{
	u32 a, b, c, d;
	long cpu;
	bool passed_through;
	unsigned int n;

	period_ns = (u64)cmdline_int("period_us", 1000) * 1000;
	window = (u64)cmdline_int("window", 5000);
	histogram = cmdline_int("histogram", 0) == 1;
	if (histogram && window > MAX_SAMPLES)
		window = MAX_SAMPLES;
	if (!window)
		window = 1;
	cpuid(1, &a, &b, &c, &d);
	passed_through = c & CPUID1_ECX_X2APIC;
	cpu = stats_own_cpu();
	irq_init();
	irq_set_handler(TIMER_VECTOR, tick);
	apic_timer_init(TIMER_VECTOR, false);
	if (!hypervisor_present())
		printk("apic-timer: one-shot APIC timer every %llu us, bare "
		       "(no hypervisor), %s; reporting every %llu ticks\n",
		       (unsigned long long)(period_ns / 1000),
		       passed_through ? "x2APIC" : "xAPIC",
		       (unsigned long long)window);
	else
		printk("apic-timer: one-shot APIC timer every %llu us on "
		       "logical CPU %ld, x2APIC %s; reporting every %llu "
		       "ticks\n", (unsigned long long)(period_ns / 1000), cpu,
		       passed_through ? "passed through" :
		       "emulated over xAPIC", (unsigned long long)window);
	if (histogram)
		printk("apic-timer: latency is by the TSC, from each tick's due "
		       "time to its handler: under QEMU -icount virtual time, "
		       "which repeats up to its p99 (make bench)\n");
	else
		printk("apic-timer: jitter is wall time by the TSC: under an "
		       "emulator it shows the host's scheduling, not the "
		       "hypervisor's (make bench measures latency "
		       "deterministically); the VM exit counts are exact\n");
	for (n = 1;; n++) {
		long before, exits;

		irq_disable();
		ticks = 0;
		jitter_sum = 0;
		before = stats_exits(cpu, CPU_STAT_VMEXITS_TOTAL);
		expected_ns = tsc_read_ns() + period_ns;
		apic_timer_set(period_ns);
		while (ticks < window) {
			wait_for_interrupt();	/* sti; hlt */
			comm_poll();	/* vote= on its command line */
		}
		irq_disable();
		exits = cpu < 0 ? 0 :
			stats_exits(cpu, CPU_STAT_VMEXITS_TOTAL) - before - 1;
		if (histogram) {
			report_histogram(n, ticks, exits, cpu >= 0);
			continue;
		}
		printk("window %u: %llu ticks, wall-time jitter min %lld avg "
		       "%lld max %lld ns; %ld VM exits (%ld.%02ld per tick)\n",
		       n, (unsigned long long)ticks, (long long)jitter_min,
		       (long long)(jitter_sum / (s64)ticks),
		       (long long)jitter_max, exits,
		       exits / (long)ticks, exits * 100 / (long)ticks % 100);
	}
}
