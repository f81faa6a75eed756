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
 * not answer. The comm region's cell_state is the cell's copy, which it
 * may change (RUNNING_LOCKED, or SHUT_DOWN as approval); it is read as a
 * vote, never as the hypervisor's state.
 */
#ifndef BULKHEAD_CONTROL_H
#define BULKHEAD_CONTROL_H

#include <bulkhead/hypercall.h>
#include "console.h"

struct cell;

/** Hypervisor-only cell state: being rebuilt by its first CPU. */
#define CELL_STARTING 0x100

/** @name Requests to a CPU (cpu_public::request) */
/**@{*/
#define CPU_REQ_NONE	0
#define CPU_REQ_PARK	1	/**< leave the cell and wait */
#define CPU_REQ_RESET	2	/**< leave it, wait for its rebuild, enter
				     it again in the start state */
/**@}*/

/** What core keeps of each CPU. */
struct cpu_public {
	volatile u32 request;	/**< CPU_REQ_*, acted on at the next exit */
	volatile bool parked;	/**< outside its cell, in the wait loop */
	volatile bool failed;	/**< its cell failed on it */
	u32 park_gen;		/**< cell::start_gen when it parked */
	u32 stats[CPU_NUM_STATS];	/**< VM exits by reason */
	struct bh_line line;	/**< putc line buffer */
};

/** Core's record of logical CPU @p cpu (< BH_MAX_CPUS). */
struct cpu_public *cpu_public(unsigned int cpu);

/** Set up the lifecycle once the cells are built: the CPU records and
 * the managing cell, named @p manager by the system config ("": none). */
void control_init(const char *manager);

/** true if @p c is the managing cell. */
bool cell_manages(const struct cell *c);

/** Start every cell (at boot): each is built by its own first CPU. */
void control_start_all(void);

/**
 * Cell @p c did something it may not do on @p cpu: report cell, CPU,
 * reason and guest RIP, mark it FAILED and ask all its CPUs (@p cpu
 * too) to park. Other cells go on.
 */
void cell_cpu_failed(struct cell *c, unsigned int cpu, u64 rip,
		     const char *reason);

/**
 * Cell @p c asks, on @p cpu, to be restarted from the image (@p reset)
 * or to be shut down: its own reset register or ACPI S5 (config.h, "A
 * cell's own reset and power-off"). Neither is a failure; both are
 * reported. A cell that is not running is left as it is; a managing
 * cell's open vote is withdrawn.
 */
void cell_power(struct cell *c, unsigned int cpu, bool reset);

/**
 * CPU @p cpu has left cell @p c after a request, its APIC cleared
 * (@p apic_quiet: as read back). Reports it; the last of the cell's CPUs
 * reports the cell stopped, with its interrupt sources' state.
 */
void cell_cpu_parked(struct cell *c, unsigned int cpu, bool apic_quiet);

/**
 * Called by a parked CPU of @p c each time it wakes, interrupts off. The
 * cell's first CPU rebuilds the cell here when asked to reset it.
 * @return true if the CPU is to enter the cell now, in its start state.
 */
bool cell_cpu_may_enter(struct cell *c, unsigned int cpu);

/**
 * A hypercall from CPU @p cpu of cell @p c, guest RIP @p rip (for
 * reports), at CPL 0. @return the value for the guest's RAX; a caller
 * that may not make it has been marked failed (its CPU parks at once).
 */
s64 hypercall(struct cell *c, unsigned int cpu, u64 rip, u64 code, u64 arg1,
	      u64 arg2);

/** @name Arch hooks for the lifecycle */
/**@{*/
/** Post request @p req to CPU @p cpu and make it look at once (an NMI
 * in a cell, a wake-up when parked). */
void arch_cpu_request(unsigned int cpu, u32 req);
/** Mask every interrupt source of @p c (its IOAPIC pins). */
void arch_cell_irqs_mask(const struct cell *c);
/** true if every interrupt source of @p c is masked, read back. */
bool arch_cell_irqs_masked(const struct cell *c);
/** Reset what the arch emulates for @p c as a whole (IOAPIC views). */
void arch_cell_reset(struct cell *c);
/**@}*/

#endif
