/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * A small valid system for tests that damage system images: four cells
 * with six blobs (odd sizes, one empty, one cell without any), packed by
 * the real writer (cells/tool/image_write.c), and a hypervisor header for
 * bh_image_open(). Shared by the tampering campaign
 * (tests/unit/test_image_tamper.c), the image fuzzer and its seed
 * generator (tests/fuzz/). Also here: re-sealing an edited image as the
 * writer seals one, and the checks every accepted view must pass.
 */
#ifndef BULKHEAD_TEST_IMAGE_FIXTURE_H
#define BULKHEAD_TEST_IMAGE_FIXTURE_H

#include <string.h>

#include "image_write.h"

#define FIX_RWX		(BH_MEM_READ | BH_MEM_WRITE | BH_MEM_EXECUTE)
#define FIX_COMM	(BH_MEM_READ | BH_MEM_WRITE | BH_MEM_COMM_REGION)
#define FIX_CELLS	4
#define FIX_HV_LINK	0xffffffffc0000000ULL
#define FIX_HV_MEMORY	0x00400000ULL

struct fix_alpha {
	struct bh_cell_desc cell;
	struct bh_memory mem[2];
	struct bh_pio pio[1];
	struct bh_blob blobs[2];
} BH_PACKED;

struct fix_beta {
	struct bh_cell_desc cell;
	struct bh_memory mem[3];
	struct bh_irqchip irqchips[1];
	struct bh_blob blobs[3];
} BH_PACKED;

struct fix_gamma {
	struct bh_cell_desc cell;
	struct bh_memory mem[2];
} BH_PACKED;

struct fix_delta {
	struct bh_cell_desc cell;
	struct bh_memory mem[2];
	struct bh_pio pio[2];
	struct bh_blob blobs[1];
} BH_PACKED;

static const struct bh_system fix_system = {
	.signature = BH_SYSTEM_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.num_cpus = 8,
	.hypervisor_memory = { .phys_start = 0x02000000, .size = 0x00800000 },
	.debug_console = {
		.address = 0x3f8,
		.size = 8,
		.type = BH_CON_TYPE_8250,
		.flags = BH_CON_ACCESS_PIO | BH_CON_REGDIST_1,
		.divider = 1,
	},
	.platform_info = {
		.pci_mmconfig_base = 0xb0000000,
		.pci_mmconfig_end_bus = 0xff,
		.pm_timer_address = 0x608,
	},
};

static const struct fix_alpha fix_alpha = {
	.cell = {
		.signature = BH_CELL_SIGNATURE,
		.revision = BH_CONFIG_REVISION,
		.name = "alpha",
		.flags = BH_CELL_PASSIVE_COMMREG,
		.cpus = 1ULL << 1,
		.num_memory_regions = 2,
		.num_pio_regions = 1,
		.num_blobs = 2,
		.msg_reply_timeout = 100000,
		.console = { .address = 0x2f8, .size = 8,
			     .type = BH_CON_TYPE_8250 },
	},
	.mem = {
		{ .phys_start = 0x03000000, .size = 0x00100000,
		  .flags = FIX_RWX },
		{ .virt_start = 0x00100000, .size = 0x1000, .flags = FIX_COMM },
	},
	.pio = { { .base = 0x2f8, .length = 8 } },
	.blobs = {
		{ .file = "build/inmates/alpha.bin" },
		{ .file = "cells/alpha-cmdline.txt", .load_address = 0x1000 },
	},
};

static const struct fix_beta fix_beta = {
	.cell = {
		.signature = BH_CELL_SIGNATURE,
		.revision = BH_CONFIG_REVISION,
		.name = "beta",
		.flags = BH_CELL_PASSIVE_COMMREG |
			 BH_CELL_VIRTUAL_CONSOLE_PERMITTED,
		.cpus = (1ULL << 2) | (1ULL << 3),
		.num_memory_regions = 3,
		.num_irqchips = 1,
		.num_blobs = 3,
		.cpu_reset_address = 0x2000,
	},
	.mem = {
		{ .phys_start = 0x03200000, .size = 0x00200000,
		  .flags = FIX_RWX },
		{ .virt_start = 0x00200000, .size = 0x1000, .flags = FIX_COMM },
		{ .phys_start = 0xfeb00000, .virt_start = 0xfeb00000,
		  .size = 0x1000,
		  .flags = BH_MEM_READ | BH_MEM_WRITE | BH_MEM_IO },
	},
	.irqchips = { { .address = 0xfec00000, .id = 0xff00,
			.pin_bitmap = { 1U << 10 } } },
	.blobs = {
		{ .file = "build/inmates/beta.bin", .load_address = 0x2000 },
		{ .file = "build/inmates/beta-empty.bin",
		  .load_address = 0x3000 },
		{ .file = "build/inmates/beta-data.bin",
		  .load_address = 0x4000 },
	},
};

/* No blobs: the hypervisor leaves its RAM zeroed. */
static const struct fix_gamma fix_gamma = {
	.cell = {
		.signature = BH_CELL_SIGNATURE,
		.revision = BH_CONFIG_REVISION,
		.name = "gamma",
		.cpus = 1ULL << 4,
		.num_memory_regions = 2,
	},
	.mem = {
		{ .phys_start = 0x03400000, .size = 0x00010000,
		  .flags = FIX_RWX },
		{ .virt_start = 0x00010000, .size = 0x1000, .flags = FIX_COMM },
	},
};

static const struct fix_delta fix_delta = {
	.cell = {
		.signature = BH_CELL_SIGNATURE,
		.revision = BH_CONFIG_REVISION,
		.name = "delta",
		.cpus = (1ULL << 5) | (1ULL << 6),
		.num_memory_regions = 2,
		.num_pio_regions = 2,
		.num_blobs = 1,
	},
	.mem = {
		{ .phys_start = 0x03500000, .size = 0x00100000,
		  .flags = FIX_RWX },
		{ .virt_start = 0x00100000, .size = 0x1000, .flags = FIX_COMM },
	},
	.pio = { { .base = 0x70, .length = 2 }, { .base = 0x3e8, .length = 8 } },
	.blobs = { { .file = "build/inmates/delta.bin" } },
};

/* Blob sizes: odd (padding follows), empty, and a multiple of the part
 * alignment; the last part of the image is delta's 201-byte blob. */
static const u64 fix_blob_sizes[FIX_CELLS][BH_MAX_BLOBS] = {
	{ 37, 5 }, { 100, 0, 16 }, { 0 }, { 201 },
};

static u8 fix_blob_data[FIX_CELLS][BH_MAX_BLOBS][256];

/** Hypervisor header the fixture's images are built for. */
static inline struct bh_hv_header fix_hv_header(void)
{
	struct bh_hv_header h;

	memset(&h, 0, sizeof(h));
	memcpy(h.sealed.magic, BH_HV_MAGIC, sizeof(h.sealed.magic));
	h.sealed.version = BH_HV_VERSION;
	h.sealed.header_size = sizeof(h);
	h.link_address = FIX_HV_LINK;
	h.entry = FIX_HV_LINK + 0x1000;
	h.memory_size = FIX_HV_MEMORY;
	h.sealed.file_size = 0x2000;
	/* Any digest will do; a fixed one keeps the seeds reproducible. */
	sha256((const u8 *)"bulkhead test hypervisor", 24, h.sealed.digest);
	return h;
}

static inline void fix_cell(struct bh_config_set *set, u32 i,
			    const struct bh_cell_desc *d, u64 size,
			    const char *file)
{
	struct bh_cell_ref *c = &set->cells[i];
	u32 b;

	c->desc = d;
	c->size = size;
	c->file = file;
	for (b = 0; b < BH_MAX_BLOBS; b++)
		c->blob_size[b] = fix_blob_sizes[i][b];
}

/** The fixture's config set (first @p num_cells of its cells, 1..4) and
 * blob contents. */
static inline void fix_set(struct bh_config_set *set, u32 num_cells,
			   const void *blobs[BH_MAX_CELLS][BH_MAX_BLOBS])
{
	u32 c, b, k;

	memset(set, 0, sizeof(*set));
	set->system = &fix_system;
	set->system_size = sizeof(fix_system);
	set->system_file = "cells/system.c";
	set->num_cells = num_cells;
	fix_cell(set, 0, &fix_alpha.cell, sizeof(fix_alpha), "cells/alpha.c");
	fix_cell(set, 1, &fix_beta.cell, sizeof(fix_beta), "cells/beta.c");
	fix_cell(set, 2, &fix_gamma.cell, sizeof(fix_gamma), "cells/gamma.c");
	fix_cell(set, 3, &fix_delta.cell, sizeof(fix_delta), "cells/delta.c");
	for (c = num_cells; c < FIX_CELLS; c++)
		memset(&set->cells[c], 0, sizeof(set->cells[c]));
	for (c = 0; c < FIX_CELLS; c++)
		for (b = 0; b < BH_MAX_BLOBS; b++) {
			for (k = 0; k < sizeof(fix_blob_data[c][b]); k++)
				fix_blob_data[c][b][k] =
					(u8)(k * (2 * c + 3) + 17 * b + 1);
			blobs[c][b] = fix_blob_data[c][b];
		}
}

/** Pack the fixture's first @p num_cells cells; 0 or -1 (no memory). */
static inline int fix_build(u32 num_cells, u8 **img, u64 *len)
{
	struct bh_hv_header h = fix_hv_header();
	const void *blobs[BH_MAX_CELLS][BH_MAX_BLOBS];
	struct bh_config_set set;

	fix_set(&set, num_cells, blobs);
	return bh_image_build(&set, blobs, h.sealed.digest, img, len);
}

/**
 * Re-seal an edited image as the writer would: the digest of every part
 * whose range lies in the buffer, then the whole-file digest. Entries the
 * buffer does not hold and parts outside it are left alone.
 */
static inline void fix_reseal(u8 *img, u64 len)
{
	const struct bh_image_header *h = (const void *)img;
	struct bh_image_part *p = (void *)(img + sizeof(*h));
	u64 i, n;

	if (len < sizeof(*h))
		return;
	n = (len - sizeof(*h)) / sizeof(*p);
	if (n > h->num_parts)
		n = h->num_parts;
	for (i = 0; i < n; i++)
		if (p[i].size <= len && p[i].offset <= len - p[i].size)
			sha256(img + p[i].offset, p[i].size, p[i].digest);
	bh_seal(img, len);
}

/** True if [p, p + size) lies in [base, base + len]. */
static inline bool fix_inside(const void *p, u64 size, const u8 *base,
			      u64 len)
{
	const u8 *q = p;

	return q >= base && q <= base + len && size <= (u64)(base + len - q);
}

/* A string of a part name: NUL-terminated inside the buffer. */
static inline bool fix_name_inside(const char *s, const u8 *base, u64 len)
{
	return fix_inside(s, BH_PART_NAME_LEN, base, len) &&
	       strnlen(s, BH_PART_NAME_LEN) < BH_PART_NAME_LEN;
}

struct fix_range {
	const u8 *start;
	u64 size;
};

/* Up to 1 + 16 + 16 * 8 ranges of an accepted view. */
static inline u32 fix_view_ranges(const struct bh_image_view *v,
				  struct fix_range *r)
{
	u32 n = 0, c, b;

	r[n++] = (struct fix_range){ (const u8 *)v->set.system,
				     v->set.system_size };
	for (c = 0; c < v->set.num_cells && c < BH_MAX_CELLS; c++) {
		r[n++] = (struct fix_range){ (const u8 *)v->set.cells[c].desc,
					     v->set.cells[c].size };
		for (b = 0; b < BH_MAX_BLOBS; b++)
			if (v->blob[c][b])
				r[n++] = (struct fix_range){
					v->blob[c][b],
					v->set.cells[c].blob_size[b] };
	}
	return n;
}

/**
 * What every view bh_image_open() accepted must satisfy, whatever the
 * input: header and part table where the buffer starts, every config,
 * blob and name inside the buffer, the parts behind the table and apart
 * from each other (empty blobs excepted), every blob a cell names present
 * and no other. @return NULL, or what is wrong.
 */
static inline const char *fix_view_problem(const struct bh_image_view *v,
					   const u8 *img, u64 len)
{
	static struct fix_range r[1 + BH_MAX_CELLS * (1 + BH_MAX_BLOBS)];
	const struct bh_image_header *h = (const void *)img;
	u64 te;
	u32 n, i, j, c, b;

	if (v->hdr != (const void *)img || v->parts != (const void *)(h + 1))
		return "header or part table pointer is not the buffer's";
	if (v->set.num_cells == 0 || v->set.num_cells > BH_MAX_CELLS ||
	    v->set.num_cells != h->num_cells)
		return "cell count";
	te = sizeof(*h) + (u64)h->num_parts * sizeof(*v->parts);
	if (te > len)
		return "part table past the end";
	if (!fix_name_inside(v->set.system_file, img, len))
		return "system file name";
	for (c = 0; c < v->set.num_cells; c++) {
		const struct bh_cell_ref *cr = &v->set.cells[c];

		if (!fix_name_inside(cr->file, img, len))
			return "cell file name";
		if (!fix_inside(cr->desc, cr->size, img, len))
			return "cell config outside the buffer";
		if (cr->size < sizeof(*cr->desc))
			return "cell config shorter than its descriptor";
		for (b = 0; b < BH_MAX_BLOBS; b++)
			if (!v->blob[c][b] != (b >= cr->desc->num_blobs))
				return "blob present or missing against the "
				       "cell's count";
	}
	for (c = v->set.num_cells; c < BH_MAX_CELLS; c++)
		for (b = 0; b < BH_MAX_BLOBS; b++)
			if (v->blob[c][b])
				return "blob of a cell that does not exist";
	n = fix_view_ranges(v, r);
	for (i = 0; i < n; i++) {
		if (!fix_inside(r[i].start, r[i].size, img, len))
			return "a config or blob lies outside the buffer";
		if (r[i].start < img + te)
			return "a config or blob overlaps the part table";
		for (j = 0; j < i; j++)
			if (r[i].size && r[j].size &&
			    r[i].start < r[j].start + r[j].size &&
			    r[j].start < r[i].start + r[i].size)
				return "two parts overlap";
	}
	return NULL;
}

#endif
