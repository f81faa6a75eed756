/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Cells as the hypervisor keeps them. Each is built once at boot from the
 * verified image (cells_init(): everything that is allocated) and reset
 * from it as often as it is started (cell_rebuild(): nothing allocated).
 * Its lifecycle is core/control.c's.
 */
#ifndef BULKHEAD_CELL_H
#define BULKHEAD_CELL_H

#include <bulkhead/comm_region.h>
#include "arch_cell.h"
#include "console.h"
#include "control.h"
#include "image_reader.h"
#include "mmio.h"
#include "pci.h"
#include "percpu.h"
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
	/** CELL_SHUT_DOWN, CELL_STARTING, CELL_RUNNING or CELL_FAILED: the
	 * hypervisor's own record, in its memory (control.h); the comm
	 * region's copy is the cell's and can be forged. */
	volatile u32 state;
	volatile u32 cpus_parked;	/**< CPUs outside it, waiting */
	volatile u32 start_gen;		/**< bumped each time it is rebuilt */
	/** Its first CPU is rebuilding it from the image (control.c): its
	 * memory is not to be touched, even if it was stopped meanwhile. */
	volatile bool rebuilding;
	u32 num_cpus;
	u32 first_cpu;			/**< the CPU that rebuilds it */
	u32 starts;			/**< times it was rebuilt */
	bool loadable;			/**< LOADABLE regions hold a load */
	/** Its own PM1a control port (BH_CELL_PM1_CNT()), 0 if the system
	 * names no PM timer. */
	u16 pm1_cnt_port;
	struct mmio_region mmio[CELL_MAX_MMIO_REGIONS];	/**< emulated ranges */
	u32 num_mmio;
	volatile u64 absent_accesses;	/**< see cell_absent_access() */
	/** I/O page faults of its functions in this run (arch_dma_poll()) */
	volatile u64 dma_faults;
	struct absent_seen absent_seen[CELL_ABSENT_SEEN];
	u32 num_absent_seen;
	spinlock_t absent_lock;
	struct console_budget console;	/**< see console.h */
	/** What reporting its own restarts may cost (control.c): each
	 * reported restart spends RESTART_COST tokens. */
	struct bh_budget restart_budget;
	u64 restarts_unreported;	/**< since the last one reported */
	/** The restart under way is one it could not pay for: the lines
	 * that follow one CPU by CPU (parked, rebuilt, entering) are left
	 * out. Cleared by every other start or stop. */
	volatile bool quiet;
	/** HC_BH_MSG_INTERRUPT: 0, or per_cpu::id of the CPU to interrupt
	 * << 8 | the vector, for each message put in its comm region
	 * (control.c, which clears it before each rebuild). */
	volatile u32 msg_interrupt;
	/** Its PCI functions (pci.h), consecutive in the hypervisor's
	 * table, and what it last wrote to port 0xcf8. */
	struct pci_device *pci;
	u32 num_pci;
	u32 pci_address;
	struct arch_cell arch;
};

/** Build every cell of @p v once: its comm page and arch state (the
 * hypervisor's view @p v is kept for cell_rebuild()).
 * @return 0, or a negative value after printing why. */
int cells_init(const struct bh_image_view *v);

/**
 * Reset @p c to exactly what the image says, as at boot: its config and
 * blobs checked against their digests again (but at its first start,
 * which follows the boot's check), its RAM cleared and the blobs copied
 * in (LOADABLE regions keep a load instead, cell::loadable), its comm
 * region and the arch's emulated state reset (not its console budget,
 * which is the cell's for the whole boot). Its CPUs
 * are all parked; their records are control.c's to reset.
 * @return 0, or -1 after printing why (the cell cannot be started).
 */
int cell_rebuild(struct cell *c);

/** Clear the LOADABLE regions of the stopped cell @p c for a load. */
void cell_clear_loadable(struct cell *c);

#ifdef CONFIG_TEST_HOOKS
/** make TEST_HOOKS=1 only: flip one byte of the first blob of @p c in
 * the system image the hypervisor keeps, and with @p table rewrite that
 * part's digest in the image's own part table to match, so that a test
 * can see the next start refuse it (cell_rebuild()). @return 0, or -1
 * if @p c has no blob. */
int cell_test_tamper_image(struct cell *c, bool table);
#endif

/** Take the digest of the hypervisor's code and read-only data, which
 * every restart of a cell checks again (a change stops the machine). */
void hv_integrity_init(void);

/** Cell number @p id, or NULL. */
struct cell *cell_by_id(u32 id);

/** Number of cells. */
u32 cells_count(void);

/** Name of @p c for messages. */
const char *cell_name(const struct cell *c);

/** true while @p c runs: not failed, stopped or being rebuilt. */
static inline bool cell_running(const struct cell *c)
{
	return __atomic_load_n(&c->state, __ATOMIC_ACQUIRE) == CELL_RUNNING;
}

/** true if what @p c does not own looks absent to it (BH_CELL_FOREIGN_ABSENT)
 * rather than stopping it. */
static inline bool cell_absent_policy(const struct cell *c)
{
	return c->desc->flags & BH_CELL_FOREIGN_ABSENT;
}

/** The system config's BH_SYS_* flags. */
u32 system_flags(void);

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
/** Map host-physical device memory [@p start, @p start + @p size)
 * (whole pages) into @p c at the same guest-physical address, uncached,
 * not executable. @return 0, or -1 if the cell has memory or emulated
 * registers there (or the page tables ran dry). */
int arch_cell_map_device(struct cell *c, u64 start, u64 size);
/** Let @p c reach ports [@p base, @p base + @p len) directly. */
void arch_cell_allow_ports(struct cell *c, u16 base, u16 len);
/** Check the MSI message @p addr, @p data a cell asked its function
 * @p bdf for (sending @p vectors vectors; @p index is the first's place
 * among the function's: 0 for MSI, the table entry for MSI-X) and build
 * the one the function gets (*@p hw_addr, *@p hw_data): only the cell's
 * CPUs, fixed or lowest-priority delivery, a vector from 32. Where an
 * IOMMU remaps the function's interrupts, the decision goes into its
 * remapping entries and the function gets only their index.
 * @return 0, or -1 with the reason in @p why (@p len bytes). */
int arch_cell_msi(struct cell *c, u16 bdf, u32 index, u64 addr, u32 data,
		  unsigned int vectors, u64 *hw_addr, u32 *hw_data, char *why,
		  unsigned int len);
/** Can the IOMMU confine function @p bdf's DMA to the DMA regions of
 * the cell @p desc, as the firmware asks for the function? @return 1 if
 * so; 0 if the machine has no IOMMU; -1 if it has one that does not see
 * the function as itself, or the firmware asks memory for it that the
 * cell does not give it (*@p why says which). */
int arch_dma_confinable(const struct bh_cell_desc *desc, u16 bdf,
			const char **why);
/** Let function @p bdf reach @p c's DMA regions (the cell is about to
 * run; a no-op without an IOMMU). */
void arch_dma_attach(struct cell *c, u16 bdf);
/** Cut function @p bdf off: no DMA, no interrupts reach the machine
 * (its cell stops; a no-op without an IOMMU). */
void arch_dma_detach(u16 bdf);
/** Print what the IOMMUs logged since the last call (faults, errors),
 * naming device and cell, and count each I/O page fault in its cell's
 * dma_faults. Any CPU; a no-op without an IOMMU, or while another CPU
 * reads the logs. */
void arch_dma_poll(void);
#ifdef CONFIG_TEST_HOOKS
/** Test builds only: log a write fault of function @p bdf of @p c at
 * @p address in the first IOMMU's event log as the unit would (the
 * entry, then the tail register moved), for arch_dma_poll() to find.
 * @return 0, or -1 without an IOMMU or with the log full. */
int arch_test_dma_fault(struct cell *c, u16 bdf, u64 address);
#endif
/** The cells are built: allocate what each CPU needs to run its cell;
 * the other CPUs still wait (cpu_wait_for_cells()). */
void arch_cells_prepare(void);
/** Let the other CPUs go to their cells, their starts asked for
 * (control_start_all()), and run the boot CPU's cell (or idle it if it
 * has none). */
__attribute__((noreturn)) void arch_cpu_run(void);
/**@}*/

#endif
