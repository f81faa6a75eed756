/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The one reader of Bulkhead's sealed files (include/bulkhead/image.h),
 * shared by the image builder, the loader and the hypervisor.
 */
#ifndef BULKHEAD_IMAGE_READER_H
#define BULKHEAD_IMAGE_READER_H

#include <bulkhead/image.h>
#include "config_check.h"

/** A verified system image, with pointers into the caller's buffer. */
struct bh_image_view {
	const u8 *base;			/**< the image's first byte */
	const struct bh_image_header *hdr;
	const struct bh_image_part *parts;
	struct bh_config_set set;	/**< system and cells, checked */
	const u8 *blob[BH_MAX_CELLS][BH_MAX_BLOBS];	/**< blob data */
};

/**
 * Compute the sealed digest of a file in @p buf and store it in its header.
 * The caller has filled everything else, including file_size.
 */
void bh_seal(void *buf, u64 len);

/**
 * Check a hypervisor binary: magic, version, sizes, digest, and that its
 * entry lies inside it. @p what names the file in messages.
 * @return 0 if valid, else a negative value after reporting why.
 */
int bh_hv_check(const void *buf, u64 len, const char *what,
		struct bh_report *r);

/**
 * Check a system image and fill @p v: magic, version, sizes, the part
 * table, each part's digest, the whole-image digest, that it belongs with
 * the hypervisor whose (checked) header is @p hv, every config rule
 * (bh_config_check()), and that the hypervisor fits the hypervisor memory
 * of the system config. @p what names the file in messages.
 * @return 0 if valid, else a negative value after reporting why.
 */
int bh_image_open(struct bh_image_view *v, const void *buf, u64 len,
		  const struct bh_hv_header *hv, const char *what,
		  struct bh_report *r);

/**
 * Check the parts of cell @p cell in the opened image @p v (its config
 * and its blobs) against their digests again, as before each restart.
 * The part table is @p v's (v->parts, v->hdr->num_parts): the hypervisor
 * gives it a copy in its own memory, so that what is checked against is
 * not in the memory being checked.
 * @return 0, or -1 after reporting the first part that differs.
 */
int bh_image_cell_check(const struct bh_image_view *v, u32 cell,
			struct bh_report *r);

/** Human-readable name of a part type. */
const char *bh_part_type_name(u32 type);

#endif
