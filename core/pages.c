/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Bump allocator over the hypervisor memory that follows the image.
 */
#include <bulkhead/config.h>

#include "bh_string.h"
#include "pages.h"


static u64 hv_phys, pool_next, pool_end, pool_start;

void pages_init(u64 phys, u64 size)
{
	hv_phys = phys;
	pool_start = pool_next = (u64)__hv_end;
	pool_end = (u64)__hv_start + size;
}

void *page_alloc(void)
{
	void *p;

	if (pool_next + BH_PAGE_SIZE > pool_end)
		return NULL;
	p = (void *)pool_next;
	pool_next += BH_PAGE_SIZE;
	memset(p, 0, BH_PAGE_SIZE);
	return p;
}

u64 virt_to_phys(const void *v)
{
	return (u64)v - (u64)__hv_start + hv_phys;
}

void *phys_to_virt(u64 phys)
{
	return (void *)(phys - hv_phys + (u64)__hv_start);
}

void *pages_alloc_contiguous(unsigned int n)
{
	u8 *first = NULL;
	unsigned int i;

	/* The pool is a bump allocator: consecutive calls are contiguous. */
	for (i = 0; i < n; i++) {
		u8 *p = page_alloc();

		if (!p)
			return NULL;
		if (!first)
			first = p;
	}
	return first;
}

void pages_usage(u64 *used, u64 *total)
{
	*used = (pool_next - pool_start) / BH_PAGE_SIZE;
	*total = (pool_end - pool_start) / BH_PAGE_SIZE;
}
