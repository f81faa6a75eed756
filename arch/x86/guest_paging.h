/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Walking a guest's own page tables, to find the instruction behind an
 * MMIO exit: guest-virtual to guest-physical in every x86 paging mode
 * (none, 32-bit with PSE and PSE-36, PAE, 4-level, 5-level). Pure logic
 * over a
 * reader of guest-physical memory, so the host unit tests run it.
 */
#ifndef BULKHEAD_GUEST_PAGING_H
#define BULKHEAD_GUEST_PAGING_H

#include <bulkhead/types.h>

/** The guest registers that select and locate its paging structures. */
struct guest_paging {
	u64 cr0, cr3, cr4, efer;
};

/** Read @p len (4 or 8) bytes of guest-physical memory at @p gpa into
 * @p buf; false if the guest may not read there. */
typedef bool (*gpa_read_t)(void *ctx, u64 gpa, void *buf, unsigned int len);

/**
 * Walk page tables in the long-mode format (which nested paging uses
 * too) from the table at physical @p table for @p gva: 5-level
 * (@p top 5), 4-level (4) or PAE (3, from the 4-entry PDPT), reading
 * entries through @p read. Present bits only; 1 GiB and 2 MiB pages
 * are followed.
 * @return 0 with the address in *@p gpa and the leaf entry in *@p leaf,
 * -1 if an entry is not present, -2 if a table could not be read.
 */
int pt_walk(u64 table, u64 gva, int top, gpa_read_t read, void *ctx,
	    u64 *gpa, u64 *leaf);

/**
 * Translate @p gva for a supervisor access as the guest's CPU would
 * (present bits only: the guest already ran the instruction that
 * faulted, so its rights were checked).
 * @return 0 and *@p gpa, -1 if an entry is not present, -2 if a table
 * could not be read.
 */
int guest_virt_to_phys(const struct guest_paging *gp, u64 gva,
		       gpa_read_t read, void *ctx, u64 *gpa);

#endif
