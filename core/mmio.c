/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The per-cell table of emulated MMIO regions (see mmio.h).
 */
#include "cell.h"
#include "hv.h"
#include "mmio.h"
#include "shmem.h"

bool mmio_overlaps(const struct cell *c, u64 start, u64 size)
{
	u32 i;

	for (i = 0; i < c->num_mmio; i++)
		if (start < c->mmio[i].start + c->mmio[i].size &&
		    c->mmio[i].start < start + size)
			return true;
	return false;
}

int mmio_region_register(struct cell *c, u64 start, u64 size,
			 mmio_handler_t handler, void *ctx)
{
	if (mmio_overlaps(c, start, size)) {
		printk("cell \"%s\": emulated registers at 0x%llx claimed "
		       "twice\n", cell_name(c), (unsigned long long)start);
		return trace_error(-1);
	}
	if (c->num_mmio >= CELL_MAX_MMIO_REGIONS) {
		printk("cell \"%s\": more than %u emulated MMIO regions\n",
		       cell_name(c), CELL_MAX_MMIO_REGIONS);
		return trace_error(-1);
	}
	c->mmio[c->num_mmio++] = (struct mmio_region){ start, size, handler,
						       ctx };
	return 0;
}

bool mmio_claimed(struct cell *c, u64 gpa)
{
	return mmio_find(c, gpa) || shmem_bar_at(c, gpa);
}

const struct mmio_region *mmio_find(const struct cell *c, u64 gpa)
{
	u32 i;

	for (i = 0; i < c->num_mmio; i++)
		if (gpa >= c->mmio[i].start &&
		    gpa - c->mmio[i].start < c->mmio[i].size)
			return &c->mmio[i];
	return NULL;
}

int mmio_dispatch(struct cell *c, struct mmio_access *a)
{
	const struct mmio_region *r = mmio_find(c, a->address);

	if (r && a->address - r->start + a->size <= r->size)
		return r->handler(c, r->ctx, a);
	/* The BARs of its links' functions are where the cell put them. */
	if (!r && !shmem_mmio(c, a))
		return 0;
	if (!r && cell_absent_policy(c)) {
		if (!a->write)
			a->value = ~0ULL;
		cell_absent_access(c, "guest-physical", a->address, a->write);
		return 0;
	}
	bh_snprintf(a->why, sizeof(a->why), "%s of %u bytes at guest-physical "
		    "0x%llx %s", a->write ? "write" : "read", a->size,
		    (unsigned long long)a->address,
		    r ? "crosses the end of emulated registers" :
		    "outside the cell's memory");
	return trace_error(-1);
}
