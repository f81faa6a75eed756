/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Writer of the system image (host side). The reader is core/lib/image.c.
 */
#ifndef BULKHEAD_IMAGE_WRITE_H
#define BULKHEAD_IMAGE_WRITE_H

#include "image_reader.h"

/**
 * Lay out and seal a system image from a config set whose blob sizes are
 * filled, with blob contents in @p blobs. The set must have passed
 * bh_config_check(). On success *out is a malloc()ed buffer of *out_len
 * bytes.
 * @return 0, or -1 if memory ran out.
 */
int bh_image_build(const struct bh_config_set *set,
		   const void *const blobs[BH_MAX_CELLS][BH_MAX_BLOBS],
		   const u8 hv_digest[SHA256_DIGEST_SIZE], u8 **out,
		   u64 *out_len);

#endif
