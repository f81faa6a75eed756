/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The cell lifecycle, in one place: the hypervisor's own state of each
 * cell and every operation on it (stop, start, set loadable, load, system
 * shutdown), the requests each CPU acts on at its next exit, the
 * management operations the managing cell asks for and their votes, and
 * the hypercall dispatch. Documentation/management.md has the state
 * diagram.
 *
 * States (struct cell::state, hypervisor memory): CELL_SHUT_DOWN before
 * the first start and after a stop; CELL_STARTING while its first CPU
 * rebuilds it; CELL_RUNNING; CELL_FAILED after a fault or a vote it did
 * not answer. Every change of state and every request to a CPU is made
 * under one lock, so no two transitions interleave (management.md, "One
 * lock for every transition"). The comm region's cell_state is the cell's copy, which it
 * may change (RUNNING_LOCKED, or SHUT_DOWN as approval); it is read as a
 * vote, never as the hypervisor's state.
 */
#ifndef BULKHEAD_CONTROL_H
#define BULKHEAD_CONTROL_H

#include <bulkhead/hypercall.h>
#include "percpu.h"

struct cell;

/** Hypervisor-only cell state: being rebuilt by its first CPU. */
#define CELL_STARTING 0x100

/** Set up the lifecycle once the cells are built: the CPUs' records
 * and the managing cell, named @p manager by the system config ("": none). */
void control_init(const char *manager);

/** true if @p c is the managing cell. */
bool cell_manages(const struct cell *c);

/** Start every cell (at boot): each is built by its own first CPU. */
void control_start_all(void);

/**
 * The cell of @p cpu did something it may not do on @p cpu: report
 * cell, CPU, reason and guest RIP, mark it FAILED and ask all its CPUs
 * (@p cpu too) to park. Other cells go on.
 */
void cell_cpu_failed(struct per_cpu *cpu, u64 rip, const char *reason);

/**
 * @p c's PCI functions made DMA accesses that an IOMMU refused (reported
 * and counted already): under the system's policy BH_SYS_DMA_FAULT_STOPS,
 * a running @p c is reported FAILED and its CPUs asked to park, other
 * cells going on; without it, nothing. Any CPU; neither control_lock
 * nor an IOMMU's held (stopping the cell detaches its functions).
 */
void cell_dma_fault(struct cell *c);

/**
 * The cell of @p cpu asks, on @p cpu, to be restarted from the image (@p reset)
 * or to be shut down: its own reset register or ACPI S5 (config.h, "A
 * cell's own reset and power-off"). Neither is a failure; both are
 * reported. A cell that is not running is left as it is; a managing
 * cell's open vote is withdrawn.
 */
void cell_power(struct per_cpu *cpu, bool reset);

/**
 * @p cpu has left its cell after a request, its APIC cleared
 * (@p apic_quiet: as read back). Reports it; the last of the cell's CPUs
 * reports the cell stopped, with its interrupt sources' state.
 */
void cell_cpu_parked(struct per_cpu *cpu, bool apic_quiet);

/**
 * Called by parked @p cpu each time it wakes, interrupts off. The cell's
 * first CPU rebuilds the cell here when asked to reset it. A CPU that has
 * not entered since the cell was last built is told to enter whatever it
 * was asked meanwhile: the caller parks it at once if a request is
 * posted, so that it is counted before any rebuild.
 * @return true if the CPU is to enter its cell now, in its start state.
 */
bool cell_cpu_may_enter(struct per_cpu *cpu);

/**
 * A hypercall from @p cpu (in its cell, at CPL 0), guest RIP @p rip (for
 * reports). @return the value for the guest's RAX; a caller that may not
 * make it has been marked failed (its CPU parks at once).
 */
s64 hypercall(struct per_cpu *cpu, u64 rip, u64 code, u64 arg1, u64 arg2);

/** @name Arch hooks for the lifecycle */
/**@{*/
/** Mask every interrupt source of @p c (its IOAPIC pins). */
void arch_cell_irqs_mask(const struct cell *c);
/** true if every interrupt source of @p c is masked, read back. */
bool arch_cell_irqs_masked(const struct cell *c);
/** Reset what the arch emulates for @p c as a whole (IOAPIC views). */
void arch_cell_reset(struct cell *c);
/**@}*/

#endif
