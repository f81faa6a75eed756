/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Cells as the hypervisor keeps them. All are built once at boot from the
 * verified image; nothing is allocated for them afterwards.
 */
#ifndef BULKHEAD_CELL_H
#define BULKHEAD_CELL_H

#include <bulkhead/comm_region.h>
#include "arch_cell.h"
#include "console.h"
#include "image_reader.h"
#include "mmio.h"
#include "spinlock.h"

/** Distinct absent accesses a cell has reported (cell_absent_access()). */
#define CELL_ABSENT_SEEN 64

/** One kind of absent access already reported. */
struct absent_seen {
	const char *what;
	u64 where;
	bool write;
};

/** One cell. */
struct cell {
	u32 id;				/**< index in the image */
	const struct bh_cell_desc *desc;	/**< its config, in the image */
	const char *file;		/**< config source, for messages */
	struct comm_region *comm;	/**< its comm page */
	/** CELL_RUNNING or CELL_FAILED: the hypervisor's own record, in its
	 * memory; the comm region's copy is for the cell and can be forged. */
	volatile u32 state;
	volatile u32 cpus_parked;	/**< CPUs that left it for good */
	u32 num_cpus;
	struct mmio_region mmio[CELL_MAX_MMIO_REGIONS];	/**< emulated ranges */
	u32 num_mmio;
	volatile u64 absent_accesses;	/**< see cell_absent_access() */
	struct absent_seen absent_seen[CELL_ABSENT_SEEN];
	u32 num_absent_seen;
	spinlock_t absent_lock;
	struct console_budget console;	/**< see console.h */
	struct arch_cell arch;
};

/** Build every cell of @p v: comm region, arch state, memory contents.
 * @return 0, or a negative value after printing why. */
int cells_init(const struct bh_image_view *v);

/** The cell logical CPU @p cpu belongs to, or NULL. */
struct cell *cell_of_cpu(unsigned int cpu);

/** Number of cells. */
u32 cells_count(void);

/** Name of @p c for messages. */
const char *cell_name(const struct cell *c);

/**
 * Cell @p c did something it may not do on @p cpu: report cell, CPU,
 * reason and guest RIP, mark the cell FAILED in its comm region and stop
 * its other CPUs. The caller parks @p cpu. Other cells go on.
 */
void cell_cpu_failed(struct cell *c, unsigned int cpu, u64 rip,
		     const char *reason);

/** true while @p c runs: not failed or stopped. */
static inline bool cell_running(const struct cell *c)
{
	return __atomic_load_n(&c->state, __ATOMIC_ACQUIRE) == CELL_RUNNING;
}

/**
 * CPU @p cpu of @p c has left it for good, its APIC cleared
 * (@p apic_quiet: as read back from the APIC). Reports it; the last of
 * the cell's CPUs reports the cell stopped, with whether its interrupt
 * sources are masked (arch_cell_irqs_masked()).
 */
void cell_cpu_parked(struct cell *c, unsigned int cpu, bool apic_quiet);

/** true if what @p c does not own looks absent to it (BH_CELL_FOREIGN_ABSENT)
 * rather than stopping it. */
static inline bool cell_absent_policy(const struct cell *c)
{
	return c->desc->flags & BH_CELL_FOREIGN_ABSENT;
}

/**
 * Count an access of @p c to a resource that is not its (@p what, a
 * string constant, at @p where), which the caller made look absent. Each
 * distinct one (up to CELL_ABSENT_SEEN) is reported once; the running
 * count at every power of two from 64.
 */
void cell_absent_access(struct cell *c, const char *what, u64 where,
			bool write);

/** @name Arch hooks for cells */
/**@{*/
/** Build @p c's arch state (nested page tables, I/O and MSR maps).
 * @return 0, or a negative value after printing why. */
int arch_cell_init(struct cell *c);
/** Mask @p c's interrupt sources and make every CPU of @p c but
 * @p except leave the cell for good. */
void arch_cell_stop(const struct cell *c, unsigned int except);
/** true if every interrupt source of @p c (its IOAPIC pins) is masked,
 * as read back from the hardware. */
bool arch_cell_irqs_masked(const struct cell *c);
/** Release the other CPUs into their cells and run the calling CPU's own
 * (or idle it if it has none). Does not return. */
__attribute__((noreturn)) void arch_cells_start(void);
/**@}*/

#endif
