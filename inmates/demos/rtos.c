/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * rtos: a small fixed-priority, preemptive periodic executive, the core of
 * an RTOS-style guest. A periodic APIC-timer tick releases the jobs of
 * three tasks; the highest-priority ready job runs, and a job released
 * with a higher priority preempts it (jobs run to completion on one stack,
 * nested in the tick interrupt). Each job must finish within its period
 * (implicit deadlines): a job that completes later than that, or a
 * release dropped because the previous job is still unfinished, is a
 * deadline miss, counted and reported with the tasks' worst response
 * times once per report period. The CPU halts when nothing is ready.
 *
 * Command line: tick_us=N (default 1000), overload=1 makes the "telemetry"
 * task run longer than its period, so that its deadline misses show.
 */
#include "inmate.h"

#define TIMER_VECTOR	0x20
#define IDLE_PRIO	0

struct task {
	const char *name;
	unsigned int prio;	/* higher runs first */
	u64 period;		/* ticks */
	u64 work_us;		/* busy time per job */
	void (*job)(struct task *t);
	/* state */
	bool ready, running;
	u64 released_ns;
	u64 jobs, misses, worst_ns;
};

static u64 tick_ns;
static volatile u64 now_ticks;
static volatile unsigned int current_prio = IDLE_PRIO;

static void busy(struct task *t)
{
	u64 end = tsc_read_ns() + t->work_us * 1000;

	while (tsc_read_ns() < end)
		cpu_relax();
}

static void report(struct task *t);

static struct task tasks[] = {
	{ .name = "control", .prio = 3, .period = 5, .work_us = 500,
	  .job = busy },
	{ .name = "telemetry", .prio = 2, .period = 20, .work_us = 4000,
	  .job = busy },
	{ .name = "report", .prio = 1, .period = 2000, .job = report },
};

#define NUM_TASKS BH_ARRAY_SIZE(tasks)

static void report(struct task *self)
{
	unsigned int i;

	(void)self;
	printk("t=%llu ms:", (unsigned long long)(now_ticks * tick_ns /
						  1000000));
	for (i = 0; i < NUM_TASKS - 1; i++)
		printk(" %s %llu jobs %llu misses worst %llu us;",
		       tasks[i].name, (unsigned long long)tasks[i].jobs,
		       (unsigned long long)tasks[i].misses,
		       (unsigned long long)(tasks[i].worst_ns / 1000));
	printk("\n");
}

/* Run every ready job whose priority beats the one running, highest
 * first. Called with interrupts off; they are on while a job runs, so a
 * tick can preempt it with a higher-priority job. */
static void schedule(void)
{
	unsigned int i, saved = current_prio;
	struct task *best;

	for (;;) {
		u64 response;

		best = NULL;
		for (i = 0; i < NUM_TASKS; i++)
			if (tasks[i].ready && tasks[i].prio > current_prio &&
			    (!best || tasks[i].prio > best->prio))
				best = &tasks[i];
		if (!best)
			break;
		best->ready = false;
		best->running = true;
		current_prio = best->prio;
		irq_enable();
		best->job(best);
		irq_disable();
		best->running = false;
		current_prio = saved;
		response = tsc_read_ns() - best->released_ns;
		best->jobs++;
		if (response > best->period * tick_ns)
			best->misses++;
		if (response > best->worst_ns)
			best->worst_ns = response;
	}
}

static void tick(struct irq_frame *f)
{
	u64 now = tsc_read_ns();
	unsigned int i;

	(void)f;
	now_ticks = now_ticks + 1;
	for (i = 0; i < NUM_TASKS; i++) {
		struct task *t = &tasks[i];

		if (now_ticks % t->period)
			continue;
		/* The previous job is unfinished at its deadline: it goes
		 * on (and counts as late when it ends); this release is
		 * dropped, a miss of its own. */
		if (t->ready || t->running) {
			t->misses++;
			continue;
		}
		t->ready = true;
		t->released_ns = now;
	}
	apic_eoi();
	schedule();
}

void inmate_main(void)
{
	unsigned int i;

	tick_ns = (u64)cmdline_int("tick_us", 1000) * 1000;
	if (cmdline_int("overload", 0))
		tasks[1].work_us = tasks[1].period * tick_ns / 1000 * 5 / 4;
	printk("rtos: fixed-priority periodic executive, tick %llu us\n",
	       (unsigned long long)(tick_ns / 1000));
	for (i = 0; i < NUM_TASKS; i++)
		printk("  task %s: priority %u, period %llu ms, work %llu us\n",
		       tasks[i].name, tasks[i].prio,
		       (unsigned long long)(tasks[i].period * tick_ns /
					    1000000),
		       (unsigned long long)tasks[i].work_us);
	irq_init();
	irq_set_handler(TIMER_VECTOR, tick);
	apic_timer_init(TIMER_VECTOR, true);
	tick_ns = apic_timer_set(tick_ns);
	/* Between ticks the cell answers the hypervisor's messages (as
	 * vote= on its command line says, inmates/lib/comm.c). */
	for (;;) {
		wait_for_interrupt();
		comm_poll();
	}
}
