/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The rules a system configuration must satisfy. One checker serves the
 * image builder (which refuses to build a bad system), the loader and the
 * hypervisor (which re-check what they read from the image).
 */
#ifndef BULKHEAD_CONFIG_CHECK_H
#define BULKHEAD_CONFIG_CHECK_H

#include <bulkhead/config.h>
#include "report.h"

/** One cell config as the checker sees it. */
struct bh_cell_ref {
	const struct bh_cell_desc *desc;
	u64 size;			/**< bytes available at desc */
	const char *file;		/**< source file, for messages */
	u64 blob_size[BH_MAX_BLOBS];	/**< size of each blob the cell boots */
};

/** A whole system: the system config and every cell. */
struct bh_config_set {
	const struct bh_system *system;
	u64 system_size;		/**< bytes available at system */
	const char *system_file;
	u32 num_cells;
	struct bh_cell_ref cells[BH_MAX_CELLS];
};

/** What a struct bh_machine_range counts in. */
enum bh_range_kind {
	BH_RANGE_MEMORY,	/**< host-physical addresses */
	BH_RANGE_PORTS,		/**< I/O ports */
};

/**
 * A range of the machine that no cell's memory region or I/O port range
 * may overlap. bh_config_check() derives the ones the configs imply;
 * bh_config_check_machine() takes those only the running system knows.
 */
struct bh_machine_range {
	enum bh_range_kind kind;
	bool policy;		/**< a cell with BH_CELL_MACHINE_CONTROL may
				     overlap it; false: no cell may */
	u64 start;
	u64 end;		/**< exclusive; an empty range is ignored */
	const char *what;	/**< for messages, e.g. "the system image" */
};

/**
 * Check every rule of Documentation/config-format.md: structure and
 * revision of each config, alignment and emptiness of regions, overlaps of
 * memory, CPUs, I/O ports, PCI devices and IOAPIC pins between cells, the
 * ranges the configs rule out for every cell (hypervisor memory, local
 * APIC and MSI window, IOAPIC pages, PCI MMCONFIG window, the HPET the
 * system states, debug console, PCI configuration ports, 8259s, ELCR and
 * ISA DMA) or for cells without BH_CELL_MACHINE_CONTROL (the reset ports,
 * the firmware's port blocks the system states), DMA and PCI devices (refused without an IOMMU), the
 * comm region, names, blob sizes and reset addresses. Every violation is
 * reported, not just the first.
 * @return 0 if the set is valid, else the number of violations found.
 */
int bh_config_check(const struct bh_config_set *set, struct bh_report *r);

/**
 * Place the shared-memory links of system config @p s (followed by its
 * links, writable): one after the other from the start of its
 * shmem_memory, in their order. The image builder's step before it checks
 * the set; a config names no address (a link's phys_start set is an
 * error, named with @p file). A link that does not fit, or whose sizes
 * are wrong (bh_config_check() reports those), is left unplaced.
 * @return 0, or the number of errors reported.
 */
int bh_shmem_place(struct bh_system *s, const char *file,
		   struct bh_report *r);

/**
 * What a valid set (bh_config_check() found nothing) says that is likely
 * not meant, each as a message to @p note (not an error): a cell that
 * owns PCI functions but has no BH_MEM_DMA region, so that their DMA
 * reaches no memory (right only for functions that do none).
 * @return the number of notes.
 */
unsigned int bh_config_notes(const struct bh_config_set *set,
			     struct bh_report *note);

/**
 * Check the cells of @p set against the @p n ranges @p ranges of the
 * machine it runs on, which only the running system knows: where the
 * loader put the system image and the start-up trampoline, the hypervisor
 * memory as loaded, the local APIC and IOAPICs of the ACPI MADT, the
 * FADT's power-management ports, the HPET, the MCFG windows and the CPU's
 * address width (arch_machine_ranges()). Reports every memory
 * region (not the comm region) and every I/O port range of every cell
 * that overlaps one, naming file, cell, region and the range's @c what,
 * unless the range is policy and the cell has BH_CELL_MACHINE_CONTROL.
 * Cells whose structure is broken are skipped (bh_config_check() reports
 * them); the set is meant to have passed bh_config_check() already.
 * @return 0 if nothing overlaps, else the number of overlaps reported.
 */
int bh_config_check_machine(const struct bh_config_set *set,
			    const struct bh_machine_range *ranges, u32 n,
			    struct bh_report *r);

/**
 * Compare what the system config of @p set states of the machine with
 * what its firmware says (@p found, as the hypervisor read it from the
 * ACPI tables at boot): the PM timer port, segment 0's MMCONFIG base, the
 * HPET and each firmware port block of struct bh_firmware_ports. A fact
 * the config states (non-zero) and the firmware contradicts is an error
 * through @p r: the build checked the cells against another machine. A
 * fact the firmware has and the config leaves unstated goes to @p note, as
 * the C initializer that would state it, under one heading line.
 * @return 0 if nothing contradicts, else the number of contradictions.
 */
int bh_config_check_platform(const struct bh_config_set *set,
			     const struct bh_platform_info *found,
			     struct bh_report *r, struct bh_report *note);

struct bh_handoff;

/** How many ranges bh_handoff_ranges() writes. */
#define BH_HANDOFF_RANGES 3

/**
 * Write into @p out the ::BH_HANDOFF_RANGES ranges that the loader's
 * hand-off @p ho places and no cell may overlap (safety): the hypervisor
 * memory, the system image and the CPU start-up trampoline page, each
 * rounded out to whole pages. For bh_config_check_machine(), in the loader
 * that chose them and in the hypervisor.
 * @return ::BH_HANDOFF_RANGES
 */
u32 bh_handoff_ranges(const struct bh_handoff *ho,
		      struct bh_machine_range *out);

/** A BAR the hypervisor read at boot, of a function a cell owns. */
struct bh_bar {
	u32 cell;	/**< index in the set */
	u32 device;	/**< index in that cell's PCI devices */
	u8 bar;		/**< 0-5 */
	bool io;	/**< I/O ports; else memory */
	u64 start, size;
};

struct bh_memmap_entry;

/**
 * Check the @p nbars BARs @p bars the hypervisor found at boot in the
 * functions the cells of @p set own, before any is given to its cell: a
 * memory BAR must be whole pages (a cell is given pages) and may overlap
 * none of: the ranges every cell is kept from (bh_config_check()'s), the
 * @p n machine ranges @p ranges (as for bh_config_check_machine()), any
 * cell's memory regions, what the firmware's memory map @p map
 * (@p map_entries entries) has as anything but reserved (RAM, ACPI,
 * runtime, the loader's), or another BAR. An I/O BAR may overlap none
 * of the port ranges kept from cells, another cell's port ranges or
 * another I/O BAR. Errors name file, cell, function, BAR and what it
 * meets. The cells are meant to have passed bh_config_check().
 * @return 0, or the number of conflicts reported.
 */
int bh_config_check_bars(const struct bh_config_set *set,
			 const struct bh_bar *bars, u32 nbars,
			 const struct bh_machine_range *ranges, u32 n,
			 const struct bh_memmap_entry *map, u32 map_entries,
			 struct bh_report *r);

/**
 * Check only the structure of one cell config (signature, revision, size
 * against its counts, string termination). The other checks rely on it.
 * @return true if @p c can be walked safely.
 */
bool bh_cell_structure_ok(const struct bh_cell_ref *c, struct bh_report *r);

/** Name of a cell for messages, safe on a name without NUL. */
const char *bh_cell_name(const struct bh_cell_desc *desc);

/**
 * Where guest-physical @p gpa of a cell with (checked) config @p d is in
 * its own RAM (bh_mem_is_ram()) that has every flag of @p need.
 * @return how many of the @p len bytes from @p gpa that region holds,
 * with the host-physical address of the first in @p hpa; 0 if none.
 */
u64 bh_cell_ram(const struct bh_cell_desc *d, u64 gpa, u64 len, u64 need,
		u64 *hpa);

#endif
