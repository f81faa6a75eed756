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
 * Where its cell is a peer of a shared-memory link (the demo's link
 * "rtos" to the Linux cell, Documentation/shared-memory.md), each report
 * also goes into its output section, and a doorbell tells the next peer;
 * a doorbell from a peer brings a command in the read/write section:
 * "report" (a report now) or "reset" (the statistics cleared).
 *
 * Command line: tick_us=N (default 1000), overload=1 makes the "telemetry"
 * task run longer than its period, so that its deadline misses show.
 */
#include "inmate.h"
#include "report.h"

#define TIMER_VECTOR	0x20
#define LINK_VECTOR	0x21	/* its link's doorbells: commands */
#define LINK_BARS	0xfe000000UL	/* where the link function's BARs go */
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
static struct ivshmem link;
static bool linked;
static volatile bool command;	/* a doorbell came */

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
	char line[256];
	unsigned int i, n;
	volatile char *out;

	(void)self;
	n = (unsigned int)bh_snprintf(line, sizeof(line), "t=%llu ms:",
				      (unsigned long long)(now_ticks *
							   tick_ns / 1000000));
	for (i = 0; i < NUM_TASKS - 1 && n < sizeof(line); i++)
		n += (unsigned int)bh_snprintf(line + n, sizeof(line) - n,
					       " %s %llu jobs %llu misses worst "
					       "%llu us;", tasks[i].name,
					       (unsigned long long)tasks[i].jobs,
					       (unsigned long long)
					       tasks[i].misses,
					       (unsigned long long)
					       (tasks[i].worst_ns / 1000));
	printk("%s\n", line);
	if (!linked || link.out_size < sizeof(line))
		return;
	/* The text, then a doorbell for the next peer: what it reads when
	 * it comes is this report whole. */
	out = ivshmem_output(&link, link.id);
	for (i = 0; line[i]; i++)
		out[i] = line[i];
	out[i] = '\0';
	ivshmem_ring(&link, (link.id + 1) % link.peers, 1);
}

static void schedule(void);

static void doorbell(struct irq_frame *f)
{
	(void)f;
	command = true;
	apic_eoi();
}

/* A command from a peer, in the link's read/write section. */
static void obey(void)
{
	char cmd[16];
	unsigned int i;

	for (i = 0; i < sizeof(cmd) - 1 && link.rw[i]; i++)
		cmd[i] = (char)link.rw[i];
	cmd[i] = '\0';
	if (!strcmp(cmd, "report")) {
		printk("rtos: command \"report\" from the link\n");
		/* The report task, released now (at its own priority). */
		irq_disable();
		if (!tasks[NUM_TASKS - 1].running) {
			tasks[NUM_TASKS - 1].ready = true;
			tasks[NUM_TASKS - 1].released_ns = tsc_read_ns();
		}
		schedule();
		irq_enable();
	} else if (!strcmp(cmd, "reset")) {
		irq_disable();
		for (i = 0; i < NUM_TASKS; i++)
			tasks[i].jobs = tasks[i].misses = tasks[i].worst_ns = 0;
		irq_enable();
		printk("rtos: command \"reset\" from the link: statistics "
		       "cleared\n");
	} else {
		printk("rtos: command \"%s\" from the link: not known "
		       "(report, reset)\n", cmd);
	}
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
	linked = ivshmem_open(&link, 0, LINK_BARS);
	if (linked) {
		irq_set_handler(LINK_VECTOR, doorbell);
		ivshmem_set_vector(&link, 1, cpu_id(), LINK_VECTOR);
		ivshmem_irqs(&link, true);
		ivshmem_set_state(&link, 1);
		printk("rtos: reports also go to shared-memory link function "
		       "%02x:%02x.%x (peer %u of %u)\n", link.bdf >> 8,
		       (link.bdf >> 3) & 0x1f, link.bdf & 7, link.id,
		       link.peers);
	}
	apic_timer_init(TIMER_VECTOR, true);
	tick_ns = apic_timer_set(tick_ns);
	/* Between ticks the cell answers the hypervisor's messages (as
	 * vote= on its command line says, inmates/lib/comm.c). */
	for (;;) {
		wait_for_interrupt();
		comm_poll();
		if (command) {
			command = false;
			obey();
		}
	}
}
