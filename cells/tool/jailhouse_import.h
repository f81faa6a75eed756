/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * bhimage import-jailhouse: a compiled Jailhouse x86 cell config (the
 * binary `.cell` of Jailhouse v0.12, config revisions 12 and 13 with
 * signature "JHCELL", and revision 14 with "JHCLL" and an architecture
 * byte) turned into a Bulkhead cell config in C (Documentation/
 * config-format.md, "Importing a Jailhouse cell").
 */
#ifndef BULKHEAD_JAILHOUSE_IMPORT_H
#define BULKHEAD_JAILHOUSE_IMPORT_H

#include <stdio.h>

#include <bulkhead/types.h>

/** A file the imported cell boots (Jailhouse loads it at run time). */
struct jh_blob_arg {
	const char *file;	/**< path relative to the project root */
	u64 load_address;	/**< guest-physical */
};

/** The vendor:device ID of a PCI function, which Jailhouse's format
 * does not hold and Bulkhead's checks at boot (bhimage -p). */
struct jh_pci_id {
	u16 domain, bdf;
	u16 vendor, device;
};

/** How to import. */
struct jh_import_opts {
	const char *source;	/**< the .cell file's name, for the output */
	u16 debug_console;	/**< the hypervisor's debug console port */
	const struct jh_blob_arg *blobs;
	unsigned int num_blobs;	/**< at most BH_MAX_BLOBS */
	/** One for each PCI function the cell owns, and no other. */
	const struct jh_pci_id *pci_ids;
	unsigned int num_pci_ids;
};

/**
 * Parse "[DOMAIN:]BUS:DEV.FN=VENDOR:DEVICE" (hex, as lspci -n prints
 * them; DEV < 0x20, FN < 8) into @p id. @return 0, or -1.
 */
int jh_parse_pci_id(const char *text, struct jh_pci_id *id);

/**
 * Write to @p out the Bulkhead cell config for the Jailhouse cell config
 * of @p len bytes at @p cell: every field that has a Bulkhead meaning
 * carried over, and a comment for each thing that does not (cache
 * regions, PCI bridges, capability lists, the regions that give a
 * PCI function's BARs, sub-page MMIO regions, ARM
 * fields, unknown flags, a console or port range shared with the
 * hypervisor's debug console, the time-out's unit). A PCI function is
 * carried over with the ID @p opts gives it; an identity-mapped region
 * that is not executable (Jailhouse's x86 configs give device memory so,
 * with no IO flag) is taken for its BARs where the cell owns PCI
 * functions (Bulkhead maps those itself) and is device memory
 * (BH_MEM_IO) where it owns none. An ivshmem device and its memory
 * regions are left out: the comment gives the system config's link of
 * which the cell is one end.
 * @return 0, or -1 with nothing written and a one-line reason in @p err
 * (not a cell config, an unknown revision or architecture, a truncated
 * or oversized file, CPUs beyond 63, too many blobs, a PCI function
 * without its ID or an ID for a function the cell does not own, an
 * ivshmem device whose ID, regions or segment Jailhouse or a link
 * could not take).
 */
int jh_import(const u8 *cell, u64 len, const struct jh_import_opts *opts,
	      FILE *out, char *err, size_t err_len);

#endif
