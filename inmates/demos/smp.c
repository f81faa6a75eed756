/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * smp: the first CPU of the cell starts every other one with INIT and a
 * start-up IPI through the x2APIC ICR, which the hypervisor emulates
 * within the cell; each reports in, then the others halt while the first
 * answers the hypervisor's messages.
 *
 * With pingpong=N (make bench, section ipi), the first CPU starts only
 * the second and pings it N times with an IPI, which the second answers
 * with one: each round trip measured by the first CPU's TSC (min, avg,
 * p50, p99, max ns) and the VM exits its CPU took over the rounds. Bare
 * (tests/bench/bare: only the first CPU runs the program at first), the
 * second CPU's APIC ID is given as peer=ID.
 */
#include "inmate.h"

#define PING_VECTOR	0x40	/* first CPU -> second */
#define PONG_VECTOR	0x41	/* second -> first */
#define MAX_ROUNDS	4000

static volatile u32 reported, pongs;
static u32 first_id;
static s32 rtt[MAX_ROUNDS];

static void secondary(void)
{
	printk("CPU with APIC ID %u started by INIT/SIPI\n", cpu_id());
	reported = reported + 1;
	stop();
}

/* The second CPU's handler: answer, nothing else (no APIC ID read, which
 * over an emulated xAPIC would exit). */
static void ping_arrived(struct irq_frame *f)
{
	(void)f;
	send_ipi(first_id, PONG_VECTOR);
	apic_eoi();
}

static void pong_arrived(struct irq_frame *f)
{
	(void)f;
	pongs = pongs + 1;
	apic_eoi();
}

static void ponger(void)
{
	printk("CPU with APIC ID %u started by INIT/SIPI; it answers pings\n",
	       cpu_id());
	reported = reported + 1;
	irq_enable();
	for (;;)
		asm volatile("hlt");
}

static void pingpong(u32 rounds)
{
	u32 peer = cpus_arrived > 1 ? smp_cpu_ids[1] :
		   (u32)cmdline_int("peer", 1), i;
	long cpu = stats_own_cpu(), e0, e1;
	struct stats_summary s;

	if (!rounds || rounds > MAX_ROUNDS)
		rounds = rounds ? MAX_ROUNDS : 1;
	first_id = cpu_id();
	irq_init();
	irq_set_handler(PING_VECTOR, ping_arrived);
	irq_set_handler(PONG_VECTOR, pong_arrived);
	if (smp_start_cpu(peer, ponger)) {
		printk("smp: ipi: the CPU with APIC ID %u did not start\n",
		       peer);
		stop();
	}
	while (!reported)
		cpu_relax();
	irq_enable();
	e0 = stats_exits(cpu, CPU_STAT_VMEXITS_TOTAL);
	for (i = 0; i < rounds; i++) {
		u64 t0 = tsc_read_ns();

		send_ipi(peer, PING_VECTOR);
		while (pongs == i)
			cpu_relax();
		rtt[i] = (s32)(tsc_read_ns() - t0);
	}
	e1 = stats_exits(cpu, CPU_STAT_VMEXITS_TOTAL);
	stats_summarize(rtt, rounds, &s);
	printk("smp: ipi: %u round trips to APIC ID %u: min %d avg %lld p50 "
	       "%d p99 %d max %d ns; ", rounds, peer, s.min, (long long)s.avg,
	       s.p50, s.p99, s.max);
	if (cpu >= 0)
		printk("%ld VM exits on its CPU\n", e1 - e0 - 1);
	else
		printk("bare\n");
	stop();
}

void inmate_main(void)
{
	u32 n = comm_region->num_cpus, i;
	u64 deadline = pm_timer_read_ns() + 1000000000ULL;
	long rounds = cmdline_int("pingpong", 0);

	/* All CPUs start together; wait until each has checked in. */
	while (cpus_arrived < n && pm_timer_read_ns() < deadline)
		cpu_relax();
	if (rounds > 0)
		pingpong((u32)rounds);
	printk("SMP demo on APIC ID %u: %u CPUs in the cell, %u arrived\n",
	       cpu_id(), n, cpus_arrived);
	for (i = 1; i < n && i < cpus_arrived; i++)
		if (smp_start_cpu(smp_cpu_ids[i], secondary))
			printk("CPU with APIC ID %u did not start\n",
			       smp_cpu_ids[i]);
	while (reported < i - 1)
		cpu_relax();
	printk("SMP demo: all %u CPUs ran\n", reported + 1);
	/* The first CPU stays to answer the hypervisor's messages (as
	 * vote= on the command line says: inmates/lib/comm.c). */
	for (;;)
		delay_us(10000);
}
