/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Guest page-table walk (see guest_paging.h).
 */
#include <bulkhead/x86.h>

#include "guest_paging.h"

static int entry64(gpa_read_t read, void *ctx, u64 gpa, u64 *e)
{
	if (!read(ctx, gpa, e, 8))
		return -2;
	return (*e & PTE_P) ? 0 : -1;
}

int pt_walk(u64 table, u64 gva, int top, gpa_read_t read, void *ctx,
	    u64 *gpa, u64 *leaf)
{
	int level;
	u64 e = 0;

	for (level = top; level >= 1; level--) {
		unsigned int shift = 12 + 9 * (unsigned int)(level - 1);
		u64 index = (gva >> shift) & 511;
		int err;

		if (top == 3 && level == 3)
			index = (gva >> 30) & 3;	/* PAE PDPT: 4 entries */
		err = entry64(read, ctx, table + 8 * index, &e);
		if (err)
			return err;
		/* Large pages: 1 GiB at the PDPT (not in PAE, where a PDPTE
		 * has no PS bit), 2 MiB at the PD. */
		if ((level == 2 || (level == 3 && top > 3)) && (e & PTE_PS)) {
			u64 mask = (1ULL << shift) - 1;

			*gpa = (e & PTE_ADDR_MASK & ~mask) | (gva & mask);
			*leaf = e;
			return 0;
		}
		table = e & PTE_ADDR_MASK;
	}
	*gpa = table | (gva & 0xfff);
	*leaf = e;
	return 0;
}

static int walk32(const struct guest_paging *gp, u32 gva, gpa_read_t read,
		  void *ctx, u64 *gpa)
{
	u32 pde, pte;

	if (!read(ctx, (gp->cr3 & 0xfffff000) + 4 * (gva >> 22), &pde, 4))
		return -2;
	if (!(pde & PTE_P))
		return -1;
	if ((gp->cr4 & CR4_PSE) && (pde & PTE_PS)) {
		/* 4 MiB page; PSE-36 puts address bits 39:32 in 20:13. */
		*gpa = (pde & 0xffc00000ULL) | ((u64)(pde >> 13) & 0xff) << 32 |
		       (gva & 0x3fffff);
		return 0;
	}
	if (!read(ctx, (pde & 0xfffff000) + 4 * ((gva >> 12) & 1023), &pte, 4))
		return -2;
	if (!(pte & PTE_P))
		return -1;
	*gpa = (pte & 0xfffff000) | (gva & 0xfff);
	return 0;
}

int guest_virt_to_phys(const struct guest_paging *gp, u64 gva,
		       gpa_read_t read, void *ctx, u64 *gpa)
{
	u64 leaf;

	if (!(gp->cr0 & CR0_PG)) {
		/* Outside long mode addresses are 32 bits wide. */
		*gpa = (gp->efer & EFER_LMA) ? gva : (u32)gva;
		return 0;
	}
	if (gp->efer & EFER_LMA)
		return pt_walk(gp->cr3 & PTE_ADDR_MASK, gva,
			       (gp->cr4 & CR4_LA57) ? 5 : 4, read, ctx, gpa,
			       &leaf);
	if (gp->cr4 & CR4_PAE)
		return pt_walk(gp->cr3 & 0xffffffe0, (u32)gva, 3, read, ctx,
			       gpa, &leaf);
	return walk32(gp, (u32)gva, read, ctx, gpa);
}
