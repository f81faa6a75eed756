/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The hypercall interface (Jailhouse-compatible): `vmmcall` on AMD, code in
 * RAX, arguments in RDI and RSI, result in RAX; allowed from CPL 0 only.
 */
#ifndef BULKHEAD_HYPERCALL_H
#define BULKHEAD_HYPERCALL_H

#define HC_DISABLE		0
#define HC_CELL_CREATE		1
#define HC_CELL_START		2
#define HC_CELL_SET_LOADABLE	3
#define HC_CELL_DESTROY		4
#define HC_HYPERVISOR_GET_INFO	5
#define HC_CELL_GET_STATE	6
#define HC_CPU_GET_INFO		7
#define HC_DEBUG_CONSOLE_PUTC	8

/** @name Errors, returned negated */
/**@{*/
#define HC_EPERM	1
#define HC_ENOENT	2
#define HC_EINVAL	22
#define HC_ENOSYS	38
/**@}*/

/** @name HC_CPU_GET_INFO types and statistics (Jailhouse numbering) */
/**@{*/
#define HC_CPU_INFO_STATE	0
#define HC_CPU_INFO_STAT_BASE	1000	/**< + statistic number */
#define CPU_RUNNING		0
#define CPU_FAILED		2
#define CPU_STAT_VMEXITS_TOTAL		0
#define CPU_STAT_VMEXITS_MMIO		1
#define CPU_STAT_VMEXITS_MANAGEMENT	2
#define CPU_STAT_VMEXITS_HYPERCALL	3
#define CPU_STAT_VMEXITS_PIO		4
#define CPU_STAT_VMEXITS_XAPIC		5
#define CPU_STAT_VMEXITS_CR		6
#define CPU_STAT_VMEXITS_CPUID		7
#define CPU_STAT_VMEXITS_XSETBV		8
#define CPU_STAT_VMEXITS_EXCEPTION	9
#define CPU_STAT_VMEXITS_MSR_OTHER	10
#define CPU_STAT_VMEXITS_MSR_X2APIC_ICR	11
#define CPU_NUM_STATS			12
/**@}*/

/** @name HC_HYPERVISOR_GET_INFO types */
/**@{*/
#define HC_INFO_MEM_POOL_SIZE	0
#define HC_INFO_MEM_POOL_USED	1
#define HC_INFO_REMAP_POOL_SIZE	2
#define HC_INFO_REMAP_POOL_USED	3
#define HC_INFO_NUM_CELLS	4
/**@}*/

/** CPUID leaf of the hypervisor signature "Jailhouse\0\0\0". */
#define HC_CPUID_SIGNATURE	0x40000000
#define HC_CPUID_FEATURES	0x40000001

#endif
