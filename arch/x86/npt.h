/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Builder of x86-64 4-level page tables for nested paging (AMD NPT). Pure
 * logic over a page allocator given by the caller, so that the host unit
 * tests run it on ordinary memory.
 */
#ifndef BULKHEAD_NPT_H
#define BULKHEAD_NPT_H

#include <bulkhead/x86.h>

#define NPT_READ	0x1	/**< present */
#define NPT_WRITE	0x2
#define NPT_EXEC	0x4
#define NPT_HUGE	0x8	/**< 2 MiB pages where alignment allows */
#define NPT_UNCACHED	0x10	/**< device memory: PCD and PWT (UC) */


/** Where page-table pages come from and how they are addressed. */
struct pt_alloc {
	void *(*alloc)(void *ctx);		/**< a zeroed 4 KiB page, or NULL */
	u64 (*to_phys)(void *ctx, const void *page);
	void *(*to_virt)(void *ctx, u64 phys);
	void *ctx;
};

/** The hypervisor's page pool (core/pages.c) as a struct pt_alloc, for
 * the tables it builds at boot (nested and I/O page tables). */
extern const struct pt_alloc hv_pt_pool;

/**
 * Map guest-physical [@p gpa, @p gpa + @p size) to host-physical @p hpa
 * with NPT_* @p flags under @p root (a zeroed page from @p a). All three
 * must be 4 KiB-aligned. Regions without NPT_READ are left unmapped. On
 * an error the part mapped so far stays mapped (callers stop the boot).
 * @return 0, -1 if the allocator ran dry, -2 if a page is already mapped,
 * -3 for misaligned or out-of-range arguments.
 */
int npt_map(const struct pt_alloc *a, u64 *root, u64 gpa, u64 hpa, u64 size,
	    unsigned int flags);

/**
 * Look up @p gpa under @p root.
 * @return the leaf entry (with PTE_PS set for a 2 MiB page; the host
 * address is then the entry's address plus the offset in the page), or 0
 * if not mapped. *@p hpa receives the translated address.
 */
u64 npt_lookup(const struct pt_alloc *a, const u64 *root, u64 gpa, u64 *hpa);

#endif
