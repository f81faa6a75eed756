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

/** How to import. */
struct jh_import_opts {
	const char *source;	/**< the .cell file's name, for the output */
	u16 debug_console;	/**< the hypervisor's debug console port */
	const struct jh_blob_arg *blobs;
	unsigned int num_blobs;	/**< at most BH_MAX_BLOBS */
};

/**
 * Write to @p out the Bulkhead cell config for the Jailhouse cell config
 * of @p len bytes at @p cell: every field that has a Bulkhead meaning
 * carried over, and a comment for each thing that does not (cache
 * regions, PCI devices and capabilities, sub-page MMIO regions, DMA, ARM
 * fields, unknown flags, a console or port range shared with the
 * hypervisor's debug console, the time-out's unit).
 * @return 0, or -1 with nothing written and a one-line reason in @p err
 * (not a cell config, an unknown revision or architecture, a truncated
 * or oversized file, CPUs beyond 63, too many blobs).
 */
int jh_import(const u8 *cell, u64 len, const struct jh_import_opts *opts,
	      FILE *out, char *err, size_t err_len);

#endif
