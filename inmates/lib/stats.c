/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The hypervisor's per-CPU exit statistics as a cell sees them
 * (HC_CPU_GET_INFO, which answers for the cell's own CPUs only).
 */
#include "inmate.h"

long stats_own_cpu(void)
{
	long cpu;

	/* The first logical CPU the hypervisor answers for is the cell's. */
	for (cpu = 0; cpu < BH_MAX_CPUS; cpu++)
		if (hypercall2(HC_CPU_GET_INFO, (unsigned long)cpu,
			       HC_CPU_INFO_STATE) >= 0)
			return cpu;
	return -1;
}

long stats_exits(long cpu, unsigned int stat)
{
	return hypercall2(HC_CPU_GET_INFO, (unsigned long)cpu,
			  HC_CPU_INFO_STAT_BASE + stat);
}
