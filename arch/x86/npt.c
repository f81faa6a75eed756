/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Nested page tables. Every entry has the user bit set: the CPU treats
 * nested walks as user accesses (AMD APM vol. 2, 15.25.5). Intermediate
 * entries allow everything; the leaf carries the region's rights.
 */
#include <bulkhead/config.h>

#include "bh_string.h"
#include "guest_paging.h"
#include "npt.h"

#define TABLE_FLAGS (PTE_P | PTE_RW | PTE_US)

static unsigned int index_of(u64 addr, int level)
{
	return (addr >> (12 + 9 * (level - 1))) & 511;
}

/* The entry for @p gpa at @p level (1 = 4 KiB leaf, 2 = 2 MiB leaf), or
 * NULL with *err -1 (no memory) or -2 (a huge page is in the way). */
static u64 *entry_of(const struct pt_alloc *a, u64 *root, u64 gpa, int level,
		     int *err)
{
	u64 *table = root;
	int l;

	for (l = 4; l > level; l--) {
		u64 *e = &table[index_of(gpa, l)];

		if (!(*e & PTE_P)) {
			void *next = a->alloc(a->ctx);

			if (!next) {
				*err = -1;
				return NULL;
			}
			*e = a->to_phys(a->ctx, next) | TABLE_FLAGS;
		} else if (*e & PTE_PS) {
			*err = -2;
			return NULL;
		}
		table = a->to_virt(a->ctx, *e & PTE_ADDR_MASK);
	}
	return &table[index_of(gpa, level)];
}

static u64 leaf_flags(unsigned int flags)
{
	u64 f = PTE_P | PTE_US;

	if (flags & NPT_WRITE)
		f |= PTE_RW;
	if (!(flags & NPT_EXEC))
		f |= PTE_NX;
	if (flags & NPT_UNCACHED)
		f |= PTE_PWT | PTE_PCD;
	return f;
}

int npt_map(const struct pt_alloc *a, u64 *root, u64 gpa, u64 hpa, u64 size,
	    unsigned int flags)
{
	u64 done, step;
	int err = 0;

	if ((gpa | hpa | size) & (BH_PAGE_SIZE - 1) || hpa & ~PTE_ADDR_MASK)
		return -3;
	if (!(flags & NPT_READ))
		return 0;
	for (done = 0; done < size; done += step) {
		bool huge = (flags & NPT_HUGE) && !((gpa + done) % PAGE_SIZE_2M) &&
			    !((hpa + done) % PAGE_SIZE_2M) && size - done >= PAGE_SIZE_2M;
		u64 *e = entry_of(a, root, gpa + done, huge ? 2 : 1, &err);

		step = huge ? PAGE_SIZE_2M : BH_PAGE_SIZE;
		if (!e)
			return err;
		if (*e & PTE_P)
			return -2;
		*e = (hpa + done) | leaf_flags(flags) | (huge ? PTE_PS : 0);
	}
	return 0;
}

/* An entry of a table of @p ctx's (a struct pt_alloc) at @p phys. */
static bool read_entry(void *ctx, u64 phys, void *buf, unsigned int len)
{
	const struct pt_alloc *a = ctx;
	const u8 *table = a->to_virt(a->ctx, phys & ~(BH_PAGE_SIZE - 1));

	memcpy(buf, table + (phys & (BH_PAGE_SIZE - 1)), len);
	return true;
}

u64 npt_lookup(const struct pt_alloc *a, const u64 *root, u64 gpa, u64 *hpa)
{
	u64 leaf;

	if (pt_walk(a->to_phys(a->ctx, root), gpa, 4, read_entry, (void *)a,
		    hpa, &leaf))
		return 0;
	return leaf;
}
