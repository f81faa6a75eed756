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
 * Command line: period_us=N (default 1000), window=N ticks (default 5000).
 */
#include "inmate.h"

#define TIMER_VECTOR	0x20
#define CPUID1_X2APIC	(1U << 21)

static u64 period_ns, window;
static volatile u64 ticks, expected_ns;
static s64 jitter_min, jitter_max, jitter_sum;

static void tick(struct irq_frame *f)
{
	s64 late = (s64)(tsc_read_ns() - expected_ns);

	(void)f;
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

void inmate_main(void)
{
	u32 a, b, c, d;
	long cpu;
	bool passed_through;
	unsigned int n;

	period_ns = (u64)cmdline_int("period_us", 1000) * 1000;
	window = (u64)cmdline_int("window", 5000);
	cpuid(1, &a, &b, &c, &d);
	passed_through = c & CPUID1_X2APIC;
	cpu = stats_own_cpu();
	irq_init();
	irq_set_handler(TIMER_VECTOR, tick);
	apic_timer_init(TIMER_VECTOR, false);
	printk("apic-timer: one-shot APIC timer every %llu us on logical CPU "
	       "%ld, x2APIC %s; reporting every %llu ticks\n",
	       (unsigned long long)(period_ns / 1000), cpu,
	       passed_through ? "passed through" : "emulated over xAPIC",
	       (unsigned long long)window);
	printk("apic-timer: jitter is wall time by the TSC: under an emulator "
	       "it shows the host's scheduling, not the hypervisor's; the VM "
	       "exit counts are exact\n");
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
		exits = stats_exits(cpu, CPU_STAT_VMEXITS_TOTAL) - before - 1;
		printk("window %u: %llu ticks, wall-time jitter min %lld avg "
		       "%lld max %lld ns; %ld VM exits (%ld.%02ld per tick)\n",
		       n, (unsigned long long)ticks, (long long)jitter_min,
		       (long long)(jitter_sum / (s64)ticks),
		       (long long)jitter_max, exits,
		       exits / (long)ticks, exits * 100 / (long)ticks % 100);
	}
}
