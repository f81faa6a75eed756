/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The hypervisor's page pool: the part of the hypervisor memory after its
 * image. Pages are handed out at boot and never returned (no allocation
 * after boot, no free).
 */
#ifndef BULKHEAD_PAGES_H
#define BULKHEAD_PAGES_H

#include <bulkhead/types.h>

/** Linker symbols bounding the hypervisor image. */
extern const u8 __hv_start[], __text_start[], __rodata_start[],
	__data_start[], __hv_end[];

/** Set up the pool over the hypervisor memory of @p size bytes at
 * physical @p phys, mapped at __hv_start. */
void pages_init(u64 phys, u64 size);
/** A zeroed 4 KiB page, or NULL when the pool is exhausted. */
void *page_alloc(void);
/** Physical address of a hypervisor virtual address in its memory. */
u64 virt_to_phys(const void *v);
/** Hypervisor virtual address of a physical address in its memory. */
void *phys_to_virt(u64 phys);
/** @p n physically contiguous zeroed pages, or NULL. */
void *pages_alloc_contiguous(unsigned int n);
/** Pages handed out so far and pages in the pool. */
void pages_usage(u64 *used, u64 *total);

#endif
