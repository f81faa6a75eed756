/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * x86 platform facts discovered at boot, for the rest of arch/x86.
 */
#ifndef BULKHEAD_PLATFORM_H
#define BULKHEAD_PLATFORM_H

#include "acpi.h"

/** What ACPI said (valid after arch_platform_init()). */
const struct acpi_info *platform_acpi(void);

/** Busy-wait @p us microseconds on the ACPI PM timer. */
void pm_udelay(u32 us);

/** Physical address of the hypervisor's page-table root (below 4 GiB). */
extern u64 hv_cr3;

/** Once every CPU is up: the start-up trampoline page at @p pa no longer
 * executable in the hypervisor's tables (read/write, not executable, as
 * the rest of the identity map). The other CPUs flush their TLBs before
 * they enter their cells (cpu_wait_for_cells()). */
void x86_trampoline_retire(u64 pa);

/** Load this CPU's GDT and IDT (the hypervisor's own). */
void x86_load_tables(void);

/** Check and enable SVM with nested paging on this CPU.
 * @return 0, or a negative value after printing what is missing. */
struct per_cpu;
int svm_cpu_init(struct per_cpu *pc);

/** Wait until the boot CPU lets the CPUs go (arch_cpu_run()), then
 * vcpu_run_or_idle(): where each started CPU goes. */
__attribute__((noreturn)) void cpu_wait_for_cells(struct per_cpu *pc);

/** Run the cell of @p pc on this CPU, or idle if it has none. */
__attribute__((noreturn)) void vcpu_run_or_idle(struct per_cpu *pc);

#endif
