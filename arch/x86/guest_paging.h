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
 * Translate @p gva for a supervisor access as the guest's CPU would
 * (present bits only: the guest already ran the instruction that
 * faulted, so its rights were checked).
 * @return 0 and *@p gpa, -1 if an entry is not present, -2 if a table
 * could not be read.
 */
int guest_virt_to_phys(const struct guest_paging *gp, u64 gva,
		       gpa_read_t read, void *ctx, u64 *gpa);

#endif
