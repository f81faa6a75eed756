/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Reader of the sealed hypervisor binary and of the system image. The order
 * of the checks is chosen so that each kind of damage gets its own message:
 * identity (magic, version), size (truncation), layout (part table), the
 * parts' own digests (which part was altered), the whole-file digest (the
 * header or part table was altered), the pairing with the hypervisor, and
 * finally the configuration rules.
 */
#include "image_reader.h"
#include "bh_string.h"

#define HEX_DIGEST (2 * SHA256_DIGEST_SIZE + 1)

static void digest_of(const void *buf, u64 from, u64 to,
		      u8 out[SHA256_DIGEST_SIZE])
{
	sha256((const u8 *)buf + from, to - from, out);
}

void bh_seal(void *buf, u64 len)
{
	struct bh_sealed_header *h = buf;

	digest_of(buf, BH_SEALED_DIGESTED_FROM, len, h->digest);
}

static int digest_mismatch(struct bh_report *r, const char *what,
			   const char *which, const u8 *expected,
			   const u8 *found)
{
	char e[HEX_DIGEST], f[HEX_DIGEST];

	bh_hex(e, expected, SHA256_DIGEST_SIZE);
	bh_hex(f, found, SHA256_DIGEST_SIZE);
	bh_error(r, "%s: %s digest mismatch: expected %s, found %s", what,
		 which, e, f);
	return -1;
}

/* Identity and size of a sealed file; the digest is checked separately. */
static int sealed_frame_check(const void *buf, u64 len, const char *magic,
			      u32 version, u32 header_size, const char *what,
			      struct bh_report *r)
{
	const struct bh_sealed_header *h = buf;

	if (len < header_size) {
		bh_error(r, "%s: file is %llu bytes, too short for its %u-byte "
			 "header", what, (unsigned long long)len, header_size);
		return -1;
	}
	if (memcmp(h->magic, magic, sizeof(h->magic))) {
		char found[2 * 8 + 1];

		bh_hex(found, (const u8 *)h->magic, sizeof(h->magic));
		bh_error(r, "%s: bad magic: expected \"%.8s\", found bytes %s",
			 what, magic, found);
		return -1;
	}
	if (h->version != version) {
		bh_error(r, "%s: format version %u, this build reads version "
			 "%u", what, h->version, version);
		return -1;
	}
	if (h->header_size != header_size) {
		bh_error(r, "%s: header size %u, expected %u", what,
			 h->header_size, header_size);
		return -1;
	}
	if (h->file_size != len) {
		bh_error(r, "%s: %s: header says %llu bytes, file has %llu",
			 what, h->file_size > len ? "truncated" :
			 "trailing data", (unsigned long long)h->file_size,
			 (unsigned long long)len);
		return -1;
	}
	return 0;
}

static int sealed_digest_check(const void *buf, u64 len, const char *what,
			       const char *which, struct bh_report *r)
{
	const struct bh_sealed_header *h = buf;
	u8 d[SHA256_DIGEST_SIZE];

	digest_of(buf, BH_SEALED_DIGESTED_FROM, len, d);
	if (memcmp(d, h->digest, sizeof(d)))
		return digest_mismatch(r, what, which, h->digest, d);
	return 0;
}

int bh_hv_check(const void *buf, u64 len, const char *what,
		struct bh_report *r)
{
	const struct bh_hv_header *h = buf;

	if (sealed_frame_check(buf, len, BH_HV_MAGIC, BH_HV_VERSION,
			       sizeof(*h), what, r) ||
	    sealed_digest_check(buf, len, what, "file", r))
		return -1;
	/* The loader maps the image with 2 MiB pages in the upper half, apart
	 * from the identity map in PML4 entry 0. */
	if (h->link_address < BH_HV_LINK_MIN || h->link_address % BH_HV_ALIGN) {
		bh_error(r, "%s: link address 0x%llx is not a 2 MiB-aligned "
			 "upper-half address", what,
			 (unsigned long long)h->link_address);
		return -1;
	}
	if (h->entry < h->link_address ||
	    h->entry - h->link_address < sizeof(*h) ||
	    h->entry - h->link_address >= len || h->memory_size < len) {
		bh_error(r, "%s: entry 0x%llx or memory size 0x%llx does not "
			 "fit the %llu-byte image linked at 0x%llx", what,
			 (unsigned long long)h->entry,
			 (unsigned long long)h->memory_size,
			 (unsigned long long)len,
			 (unsigned long long)h->link_address);
		return -1;
	}
	return 0;
}

const char *bh_part_type_name(u32 type)
{
	switch (type) {
	case BH_PART_SYSTEM:
		return "system config";
	case BH_PART_CELL:
		return "cell config";
	case BH_PART_BLOB:
		return "blob";
	default:
		return "unknown part";
	}
}

/* The type, cell and index that part @p i must have. Parts come in a fixed
 * order: system, the cells, then blobs grouped by cell. */
static bool part_in_order(const struct bh_image_part *p, u32 i, u32 num_cells,
			  const struct bh_image_part *prev)
{
	if (i == 0)
		return p->type == BH_PART_SYSTEM && !p->cell && !p->index;
	if (i <= num_cells)
		return p->type == BH_PART_CELL && p->cell == i - 1 && !p->index;
	if (p->type != BH_PART_BLOB || p->cell >= num_cells)
		return false;
	if (prev->type != BH_PART_BLOB)
		return true;
	return p->cell > prev->cell ||
	       (p->cell == prev->cell && p->index == prev->index + 1);
}

static int part_table_check(const void *buf, u64 len, const char *what,
			    struct bh_report *r)
{
	const struct bh_image_header *h = buf;
	const struct bh_image_part *p = (const void *)(h + 1);
	u64 table_end, next;
	u32 i;

	if (h->num_cells == 0 || h->num_cells > BH_MAX_CELLS ||
	    h->num_parts < 1 + h->num_cells ||
	    h->num_parts > BH_IMAGE_MAX_PARTS) {
		bh_error(r, "%s: %u parts for %u cells is not a valid layout",
			 what, h->num_parts, h->num_cells);
		return -1;
	}
	table_end = sizeof(*h) + (u64)h->num_parts * sizeof(*p);
	if (table_end > len) {
		bh_error(r, "%s: part table of %u entries runs past the end of "
			 "the file", what, h->num_parts);
		return -1;
	}
	next = table_end;
	for (i = 0; i < h->num_parts; i++) {
		if (!part_in_order(&p[i], i, h->num_cells, i ? &p[i - 1] : NULL)) {
			bh_error(r, "%s: part %u (%s, cell %u, index %u) is out "
				 "of order", what, i,
				 bh_part_type_name(p[i].type), p[i].cell,
				 p[i].index);
			return -1;
		}
		if (p[i].offset % BH_IMAGE_ALIGN || p[i].offset < next ||
		    p[i].size > len || p[i].offset > len - p[i].size) {
			bh_error(r, "%s: part %u (%s) [0x%llx+0x%llx] is "
				 "misplaced in a %llu-byte image", what, i,
				 bh_part_type_name(p[i].type),
				 (unsigned long long)p[i].offset,
				 (unsigned long long)p[i].size,
				 (unsigned long long)len);
			return -1;
		}
		if (strnlen(p[i].name, BH_PART_NAME_LEN) == BH_PART_NAME_LEN) {
			bh_error(r, "%s: part %u name is not terminated", what,
				 i);
			return -1;
		}
		next = p[i].offset + p[i].size;
	}
	return 0;
}

static int part_digests_check(const u8 *base, const char *what,
			      struct bh_report *r)
{
	const struct bh_image_header *h = (const void *)base;
	const struct bh_image_part *p = (const void *)(h + 1);
	char which[BH_PART_NAME_LEN + 48];
	u8 d[SHA256_DIGEST_SIZE];
	u32 i;

	for (i = 0; i < h->num_parts; i++) {
		sha256(base + p[i].offset, p[i].size, d);
		if (!memcmp(d, p[i].digest, sizeof(d)))
			continue;
		bh_snprintf(which, sizeof(which), "part %u (%s %s)", i,
			    bh_part_type_name(p[i].type), p[i].name);
		return digest_mismatch(r, what, which, p[i].digest, d);
	}
	return 0;
}

int bh_image_cell_check(const struct bh_image_view *v, u32 cell,
			struct bh_report *r)
{
	const u8 *base = v->base;
	char which[BH_PART_NAME_LEN + 48];
	u8 d[SHA256_DIGEST_SIZE];
	u32 i;

	for (i = 1; i < v->hdr->num_parts; i++) {
		const struct bh_image_part *p = &v->parts[i];

		if (p->cell != cell || (p->type != BH_PART_CELL &&
					p->type != BH_PART_BLOB))
			continue;
		sha256(base + p->offset, p->size, d);
		if (!memcmp(d, p->digest, sizeof(d)))
			continue;
		bh_snprintf(which, sizeof(which), "part %u (%s %s)", i,
			    bh_part_type_name(p->type), p->name);
		return digest_mismatch(r, "system image in memory", which,
				       p->digest, d);
	}
	return 0;
}

static int fill_view(struct bh_image_view *v, const u8 *base, const char *what,
		     struct bh_report *r)
{
	const struct bh_image_part *p = v->parts;
	u32 i, n = v->hdr->num_cells;

	memset(&v->set, 0, sizeof(v->set));
	memset(v->blob, 0, sizeof(v->blob));
	v->set.system = (const void *)(base + p[0].offset);
	v->set.system_size = p[0].size;
	v->set.system_file = p[0].name;
	v->set.num_cells = n;
	for (i = 0; i < n; i++) {
		struct bh_cell_ref *c = &v->set.cells[i];

		c->desc = (const void *)(base + p[1 + i].offset);
		c->size = p[1 + i].size;
		c->file = p[1 + i].name;
		if (!bh_cell_structure_ok(c, r))
			return -1;
	}
	for (i = 1 + n; i < v->hdr->num_parts; i++) {
		const struct bh_cell_ref *c = &v->set.cells[p[i].cell];

		if (p[i].index >= c->desc->num_blobs) {
			bh_error(r, "%s: part %u is blob %u of cell \"%s\", "
				 "which has %u blobs", what, i, p[i].index,
				 bh_cell_name(c->desc), c->desc->num_blobs);
			return -1;
		}
		v->set.cells[p[i].cell].blob_size[p[i].index] = p[i].size;
		v->blob[p[i].cell][p[i].index] = base + p[i].offset;
	}
	for (i = 0; i < n; i++) {
		const struct bh_cell_desc *d = v->set.cells[i].desc;
		u32 b;

		for (b = 0; b < d->num_blobs; b++)
			if (!v->blob[i][b]) {
				bh_error(r, "%s: blob %u (%s) of cell \"%s\" is "
					 "missing from the image", what, b,
					 bh_cell_blobs(d)[b].file,
					 bh_cell_name(d));
				return -1;
			}
	}
	return 0;
}

/* The hypervisor must fit its memory, and that memory the one 1 GiB
 * window (one page directory) the loader maps it through. */
static int hv_fits(const struct bh_hv_header *hv, const struct bh_system *s,
		   const char *file, struct bh_report *r)
{
	const struct bh_memory *m = &s->hypervisor_memory;

	if (hv->memory_size > m->size) {
		bh_error(r, "%s: the hypervisor needs 0x%llx bytes, its memory "
			 "has 0x%llx", file, (unsigned long long)hv->memory_size,
			 (unsigned long long)m->size);
		return -1;
	}
	if (((hv->link_address >> 21) & 511) + m->size / BH_HV_ALIGN > 512) {
		bh_error(r, "%s: 0x%llx bytes of hypervisor memory at link "
			 "address 0x%llx cross a 1 GiB boundary", file,
			 (unsigned long long)m->size,
			 (unsigned long long)hv->link_address);
		return -1;
	}
	return 0;
}

int bh_image_open(struct bh_image_view *v, const void *buf, u64 len,
		  const struct bh_hv_header *hv, const char *what,
		  struct bh_report *r)
{
	const u8 *hv_digest = hv->sealed.digest;
	const struct bh_image_header *h = buf;

	if (sealed_frame_check(buf, len, BH_IMAGE_MAGIC, BH_IMAGE_VERSION,
			       sizeof(*h), what, r) ||
	    part_table_check(buf, len, what, r) ||
	    part_digests_check(buf, what, r) ||
	    sealed_digest_check(buf, len, what, "image (header and part "
				"table)", r))
		return -1;
	if (memcmp(h->hypervisor_digest, hv_digest, SHA256_DIGEST_SIZE)) {
		char e[HEX_DIGEST], f[HEX_DIGEST];

		bh_hex(e, h->hypervisor_digest, SHA256_DIGEST_SIZE);
		bh_hex(f, hv_digest, SHA256_DIGEST_SIZE);
		bh_error(r, "%s: built for hypervisor %s, but the hypervisor "
			 "is %s: they do not belong together", what, e, f);
		return -1;
	}
	v->base = buf;
	v->hdr = h;
	v->parts = (const void *)(h + 1);
	if (fill_view(v, buf, what, r))
		return -1;
	if (bh_config_check(&v->set, r) ||
	    hv_fits(hv, v->set.system, v->set.system_file, r))
		return -1;
	return 0;
}
