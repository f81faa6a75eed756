/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The one record the hypervisor keeps per physical CPU. Core owns it and
 * the fields below; the arch owns the embedded struct arch_cpu (its own
 * header, arch_cpu.h: APIC ID, VMCB, stack, emulated APIC ...), as
 * struct cell embeds struct arch_cell. Logical CPU ids follow the ACPI
 * MADT order; a CPU belongs to at most one cell, fixed at boot
 * (per_cpu::cell is the one CPU-to-cell map).
 *
 * Who writes what: id and cell are set at boot (percpu_init(),
 * cells_init()) and fixed after. A request is set by core only
 * (control.c, which then has the arch kick the CPU: arch_cpu_kick()) and
 * taken by the CPU itself; parked, failed and park_gen are written by
 * the CPU itself in control.c. When its cell is rebuilt, control.c
 * clears failed, the statistics and the console line (which
 * core/console.c fills). The arch counts exits into per_cpu::stats.
 */
#ifndef BULKHEAD_PERCPU_H
#define BULKHEAD_PERCPU_H

#include <bulkhead/config.h>
#include <bulkhead/hypercall.h>
#include "arch_cpu.h"
#include "line.h"

struct cell;

/** @name Requests to a CPU (per_cpu::request) */
/**@{*/
#define CPU_REQ_NONE	0
#define CPU_REQ_PARK	1	/**< leave the cell and wait */
#define CPU_REQ_RESET	2	/**< leave it, wait for its rebuild, enter
				     it again in the start state */
/**@}*/

/** One physical CPU. */
struct per_cpu {
	unsigned int id;	/**< logical CPU id, index of per_cpu() */
	struct cell *cell;	/**< the cell it runs, or NULL; fixed at boot */
	volatile u32 request;	/**< CPU_REQ_*, acted on at the next exit */
	volatile bool parked;	/**< outside its cell, in the wait loop */
	/** Its cell failed while this CPU ran it (HC_CPU_INFO_STATE says
	 * CPU_FAILED); cleared when the cell is rebuilt. */
	volatile bool failed;
	u32 park_gen;		/**< cell::start_gen when it parked */
	u32 stats[CPU_NUM_STATS];	/**< VM exits by reason */
	struct bh_line line;	/**< putc line buffer */
	struct arch_cpu arch;	/**< the architecture's part */
};

/** Number every record (per_cpu::id); the first thing at boot. */
void percpu_init(void);

/** The record of logical CPU @p id (< BH_MAX_CPUS). */
struct per_cpu *per_cpu(unsigned int id);

/** The CPU of cell @p c after @p prev (NULL: its first), or NULL. */
struct per_cpu *cell_cpu_next(const struct cell *c,
			      const struct per_cpu *prev);

/** For each CPU @p cpu (a struct per_cpu *) of cell @p c, in id order. */
#define for_each_cell_cpu(cpu, c)					\
	for ((cpu) = cell_cpu_next((c), NULL); (cpu);			\
	     (cpu) = cell_cpu_next((c), (cpu)))

/** @name Arch hooks for CPUs */
/**@{*/
/** The calling CPU's record, or NULL before the CPUs are known. */
struct per_cpu *this_cpu(void);
/**
 * Make @p cpu look at its request and its cell's state at once: in its
 * cell it exits, parked it wakes. What the caller wrote before is
 * visible to @p cpu when it looks. Nothing is done for the calling CPU,
 * which looks at its next exit anyway.
 */
void arch_cpu_kick(struct per_cpu *cpu);
/** The CPU of cell @p c that its guests name @p guest_id (on x86 its
 * APIC ID), or NULL. */
struct per_cpu *arch_cell_cpu(const struct cell *c, u64 guest_id);
/** Whether @p vector can be sent to a guest as a fixed interrupt (on
 * x86 arch/x86/apic_filter.c: 32..255). */
bool arch_guest_vector_ok(u64 vector);
/** Send @p cpu a fixed interrupt with @p vector (arch_guest_vector_ok()),
 * which its cell takes as it takes a device's. */
void arch_cpu_interrupt(struct per_cpu *cpu, u8 vector);
/**@}*/

#endif
