/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Emulated MMIO: the guest-physical ranges of a cell that are not memory
 * but registers the hypervisor mediates (an IOAPIC, later more). Each
 * cell has a fixed table of regions, filled at boot; an access to a range
 * no region claims is outside the cell. The arch code decodes the guest's
 * instruction and calls mmio_dispatch().
 */
#ifndef BULKHEAD_MMIO_H
#define BULKHEAD_MMIO_H

#include <bulkhead/types.h>

struct cell;
struct per_cpu;

/** Regions a cell may have. */
#define CELL_MAX_MMIO_REGIONS 16

/** One access of a guest to an emulated register. */
struct mmio_access {
	u64 address;	/**< guest-physical */
	u64 value;	/**< the value written, or the handler's read result */
	u8 size;	/**< 1, 2, 4 or 8 */
	bool write;
	struct per_cpu *cpu;	/**< the CPU making the access */
	char why[96];	/**< set by a handler that refuses the access */
};

/**
 * Emulate @p a for cell @p c; @p ctx is what the region was registered
 * with. @return 0, or -1 after writing the reason into @p a->why (the
 * cell is then stopped).
 */
typedef int (*mmio_handler_t)(struct cell *c, void *ctx,
			      struct mmio_access *a);

/** A guest-physical range and its handler. */
struct mmio_region {
	u64 start, size;
	mmio_handler_t handler;
	void *ctx;
};

/** Claim [@p start, @p start + @p size) of cell @p c for @p handler.
 * @return 0, or -1 after printing why (table full, overlap). */
int mmio_region_register(struct cell *c, u64 start, u64 size,
			 mmio_handler_t handler, void *ctx);

/** true if [@p start, @p start + @p size) touches a region of @p c. */
bool mmio_overlaps(const struct cell *c, u64 start, u64 size);

/** The region of @p c that contains guest-physical @p gpa, or NULL. */
const struct mmio_region *mmio_find(const struct cell *c, u64 gpa);

/** Whether guest-physical @p gpa of @p c is emulated registers: a region
 * of its table, or a BAR of one of its links' functions (shmem.h). */
bool mmio_claimed(struct cell *c, u64 gpa);

/** Hand @p a to the region of @p c that contains it whole.
 * @return 0, or -1 with @p a->why set (no region, or the handler's
 * refusal). */
int mmio_dispatch(struct cell *c, struct mmio_access *a);

#endif
