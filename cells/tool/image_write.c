/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * System image writer: header, part table, then each part's bytes at the
 * next BH_IMAGE_ALIGN boundary, every part digested, then the whole sealed.
 */
#include <stdlib.h>
#include <string.h>

#include "image_write.h"

static u64 align_up(u64 v)
{
	return (v + BH_IMAGE_ALIGN - 1) & ~(u64)(BH_IMAGE_ALIGN - 1);
}

struct part_src {
	u32 type, cell, index;
	const void *data;
	u64 size;
	const char *name;
};

static u32 collect_parts(const struct bh_config_set *set,
			 const void *const blobs[BH_MAX_CELLS][BH_MAX_BLOBS],
			 struct part_src *src)
{
	u32 n = 0, c, b;

	src[n++] = (struct part_src){ BH_PART_SYSTEM, 0, 0, set->system,
				      set->system_size, set->system_file };
	for (c = 0; c < set->num_cells; c++)
		src[n++] = (struct part_src){ BH_PART_CELL, c, 0,
					      set->cells[c].desc,
					      set->cells[c].size,
					      set->cells[c].file };
	for (c = 0; c < set->num_cells; c++) {
		const struct bh_cell_desc *d = set->cells[c].desc;

		for (b = 0; b < d->num_blobs; b++)
			src[n++] = (struct part_src){
				BH_PART_BLOB, c, b, blobs[c][b],
				set->cells[c].blob_size[b],
				bh_cell_blobs(d)[b].file };
	}
	return n;
}

/* Part names are for messages: keep the end of a long path, it says most. */
static void set_name(char *dst, const char *src)
{
	size_t len = strlen(src);

	if (len >= BH_PART_NAME_LEN)
		src += len - (BH_PART_NAME_LEN - 1);
	strncpy(dst, src, BH_PART_NAME_LEN - 1);
	dst[BH_PART_NAME_LEN - 1] = '\0';
}

int bh_image_build(const struct bh_config_set *set,
		   const void *const blobs[BH_MAX_CELLS][BH_MAX_BLOBS],
		   const u8 hv_digest[SHA256_DIGEST_SIZE], u8 **out,
		   u64 *out_len)
{
	static struct part_src src[BH_IMAGE_MAX_PARTS];
	struct bh_image_header *h;
	struct bh_image_part *p;
	u64 off, len;
	u32 n, i;
	u8 *img;

	n = collect_parts(set, blobs, src);
	off = sizeof(*h) + (u64)n * sizeof(*p);
	for (i = 0; i < n; i++)
		off = align_up(off) + src[i].size;
	len = off;
	img = calloc(1, len);
	if (!img)
		return -1;
	h = (struct bh_image_header *)img;
	p = (struct bh_image_part *)(h + 1);
	memcpy(h->sealed.magic, BH_IMAGE_MAGIC, sizeof(h->sealed.magic));
	h->sealed.version = BH_IMAGE_VERSION;
	h->sealed.header_size = sizeof(*h);
	h->sealed.file_size = len;
	memcpy(h->hypervisor_digest, hv_digest, SHA256_DIGEST_SIZE);
	h->num_parts = n;
	h->num_cells = set->num_cells;
	off = sizeof(*h) + (u64)n * sizeof(*p);
	for (i = 0; i < n; i++) {
		off = align_up(off);
		p[i].type = src[i].type;
		p[i].cell = src[i].cell;
		p[i].index = src[i].index;
		p[i].offset = off;
		p[i].size = src[i].size;
		set_name(p[i].name, src[i].name);
		memcpy(img + off, src[i].data, src[i].size);
		sha256(img + off, src[i].size, p[i].digest);
		off += src[i].size;
	}
	bh_seal(img, len);
	*out = img;
	*out_len = len;
	return 0;
}
