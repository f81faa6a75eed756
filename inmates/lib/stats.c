/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Whether a hypervisor runs the program, its per-CPU exit statistics
 * as a cell sees them (HC_CPU_GET_INFO, which answers for the cell's own
 * CPUs only), and measured samples summed up.
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

/* The @p q-th percentile of @p n sorted samples (nearest rank). */
static s32 percentile(const s32 *sorted, u32 n, unsigned int q)
{
	u64 rank = ((u64)n * q + 99) / 100;

	return sorted[rank ? rank - 1 : 0];
}

void stats_summarize(s32 *samples, u32 n, struct stats_summary *s)
{
	static const u32 gaps[] = { 1750, 701, 301, 132, 57, 23, 10, 4, 1 };
	unsigned int g;
	s64 sum = 0;
	u32 i, j;

	for (g = 0; g < BH_ARRAY_SIZE(gaps); g++)
		for (i = gaps[g]; i < n; i++) {
			s32 v = samples[i];

			for (j = i; j >= gaps[g] && samples[j - gaps[g]] > v;
			     j -= gaps[g])
				samples[j] = samples[j - gaps[g]];
			samples[j] = v;
		}
	for (i = 0; i < n; i++)
		sum += samples[i];
	s->min = samples[0];
	s->max = samples[n - 1];
	s->avg = sum / (s64)n;
	s->p50 = percentile(samples, n, 50);
	s->p99 = percentile(samples, n, 99);
}
