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

/** CPUID leaf of the hypervisor signature "Jailhouse\0\0\0". */
#define HC_CPUID_SIGNATURE	0x40000000
#define HC_CPUID_FEATURES	0x40000001

#endif
