/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Whether a hypervisor runs the program, and its per-CPU exit statistics
 * as a cell sees them (HC_CPU_GET_INFO, which answers for the cell's own
 * CPUs only).
 */
#include "inmate.h"

bool hypervisor_present(void)
{
	static int present = -1;
	u32 a, b, c, d;

	if (present < 0) {
		cpuid(1, &a, &b, &c, &d);
		present = 0;
		if (c & CPUID1_ECX_HYPERVISOR) {
			cpuid(0x40000000, &a, &b, &c, &d);
			/* "Jailhouse\0\0\0", or "KVMKVMKVM\0\0\0" in a cell
			 * with BH_CELL_CPUID_KVM. */
			present = (b == 0x6c69614a && c == 0x73756f68 &&
				   d == 0x65) ||
				  (b == 0x4b4d564b && c == 0x564b4d56 &&
				   d == 0x4d);
		}
	}
	return present;
}

long stats_own_cpu(void)
{
	long cpu;

	if (!hypervisor_present())
		return -1;
	/* The first logical CPU the hypervisor answers for is the cell's. */
	for (cpu = 0; cpu < BH_MAX_CPUS; cpu++)
		if (hypercall2(HC_CPU_GET_INFO, (unsigned long)cpu,
			       HC_CPU_INFO_STATE) >= 0)
			return cpu;
	return -1;
}

long stats_exits(long cpu, unsigned int stat)
{
	if (cpu < 0)
		return 0;
	return hypercall2(HC_CPU_GET_INFO, (unsigned long)cpu,
			  HC_CPU_INFO_STAT_BASE + stat);
}
