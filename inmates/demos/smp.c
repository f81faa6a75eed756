/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * smp: the first CPU of the cell starts every other one with INIT and a
 * start-up IPI through the x2APIC ICR, which the hypervisor emulates
 * within the cell; each reports in, then the others halt while the first
 * answers the hypervisor's messages.
 */
#include "inmate.h"

static volatile u32 reported;

static void secondary(void)
{
	printk("CPU with APIC ID %u started by INIT/SIPI\n", cpu_id());
	reported = reported + 1;
	stop();
}

void inmate_main(void)
{
	u32 n = comm_region->num_cpus, i;
	u64 deadline = pm_timer_read_ns() + 1000000000ULL;

	/* All CPUs start together; wait until each has checked in. */
	while (cpus_arrived < n && pm_timer_read_ns() < deadline)
		cpu_relax();
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
