/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Host unit test of the sealed files: the system image writer
 * (cells/tool/image_write.c) and the one reader (core/lib/image.c).
 *
 * A system with two cells is packed with bh_image_build() and read back
 * with bh_image_open(); the view must give back every input byte for byte.
 * Then the hypervisor binary and the image are damaged in each way the
 * reader claims to tell apart (identity, size, layout, a part's digest, the
 * whole-file digest, the pairing, the config rules) and every refusal is
 * checked for its message. Last, every single-bit change of the image and
 * of the hypervisor binary must be refused, and random damage that is
 * re-sealed must never make the reader step outside the buffer (run it
 * under ASan/UBSan).
 *
 * Output: one line per check, `ok <name>` or `FAIL <name>: <detail>`.
 * Exit status 0 when every check passes, 1 otherwise.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "image_write.h"

#include "check.h"

#define IMG_NAME	"build/system.img"
#define HV_NAME		"build/hypervisor.bin"
#define SYS_FILE	"cells/system.c"
#define ALPHA_FILE	"cells/alpha.c"
#define BETA_FILE	"cells/beta.c"
#define GAMMA_FILE	"cells/gamma.c"

#define BLOB_A0_PATH	"build/inmates/alpha0.bin"
/* Longer than a part name: the writer keeps its last 63 characters. */
#define BLOB_A1_PATH	"build/inmates/a-rather-long-directory-name/" \
			"for-testing-part-names/alpha1.bin"
#define BLOB_B0_PATH	"build/inmates/beta.bin"

#define HV_LINK		0xffffffff80000000ULL
#define HV_LEN		512u
#define HV_ENTRY_OFF	0x100u
#define HV_MEM_SIZE	0x10000ULL

/* ---- report capture ---- */

/** Every message of the last operation, joined by " | ". */
struct capture {
	char text[8192];
	size_t len;
	unsigned int count;
};

static struct capture cap;

static void capture_emit(void *ctx, const char *msg)
{
	struct capture *c = ctx;
	int n;

	c->count++;
	if (c->len + 1 >= sizeof(c->text))
		return;
	n = snprintf(c->text + c->len, sizeof(c->text) - c->len, "%s%s",
		     c->len ? " | " : "", msg);
	if (n > 0)
		c->len += (size_t)n;
	if (c->len >= sizeof(c->text))
		c->len = sizeof(c->text) - 1;
}

static struct bh_report rep = { capture_emit, &cap, 0 };

static void reset_report(void)
{
	cap.text[0] = '\0';
	cap.len = 0;
	cap.count = 0;
	rep.errors = 0;
}

/* ---- the configuration under test ---- */

struct cell_alpha {
	struct bh_cell_desc cell;
	struct bh_memory mem[2];
	struct bh_pio pio[1];
	struct bh_blob blobs[2];
} BH_PACKED;

struct cell_beta {
	struct bh_cell_desc cell;
	struct bh_memory mem[2];
	struct bh_blob blobs[1];
} BH_PACKED;

struct cell_gamma {
	struct bh_cell_desc cell;
	struct bh_memory mem[2];
} BH_PACKED;

static const struct bh_system sys_cfg = {
	.signature = BH_SYSTEM_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.num_cpus = 4,
	.hypervisor_memory = {
		.phys_start = 0x02000000,
		.size = 0x00800000,
	},
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

static const struct cell_alpha alpha_cfg = {
	.cell = {
		.signature = BH_CELL_SIGNATURE,
		.revision = BH_CONFIG_REVISION,
		.name = "alpha",
		.flags = BH_CELL_PASSIVE_COMMREG,
		.cpus = 1ULL << 1,
		.num_memory_regions = 2,
		.num_pio_regions = 1,
		.num_blobs = 2,
		.cpu_reset_address = 0,
		.msg_reply_timeout = 100000,
		.console = {
			.address = 0x2f8,
			.size = 8,
			.type = BH_CON_TYPE_8250,
		},
	},
	.mem = {
		{
			.phys_start = 0x03000000,
			.virt_start = 0,
			.size = 0x00100000,
			.flags = BH_MEM_READ | BH_MEM_WRITE | BH_MEM_EXECUTE,
		},
		{
			.virt_start = 0x00100000,
			.size = 0x1000,
			.flags = BH_MEM_READ | BH_MEM_WRITE |
				 BH_MEM_COMM_REGION,
		},
	},
	.pio = { { .base = 0x2f8, .length = 8 } },
	.blobs = {
		{ .file = BLOB_A0_PATH, .load_address = 0 },
		{ .file = BLOB_A1_PATH, .load_address = 0x1000 },
	},
};

static const struct cell_beta beta_cfg = {
	.cell = {
		.signature = BH_CELL_SIGNATURE,
		.revision = BH_CONFIG_REVISION,
		.name = "beta",
		.cpus = 1ULL << 2,
		.num_memory_regions = 2,
		.num_blobs = 1,
		.cpu_reset_address = 0x2000,
	},
	.mem = {
		{
			.phys_start = 0x03100000,
			.virt_start = 0,
			.size = 0x00100000,
			.flags = BH_MEM_READ | BH_MEM_WRITE | BH_MEM_EXECUTE,
		},
		{
			.virt_start = 0x00200000,
			.size = 0x1000,
			.flags = BH_MEM_READ | BH_MEM_WRITE |
				 BH_MEM_COMM_REGION,
		},
	},
	.blobs = { { .file = BLOB_B0_PATH, .load_address = 0x2000 } },
};

/* A cell without blobs (the hypervisor leaves its RAM zeroed). */
static const struct cell_gamma gamma_cfg = {
	.cell = {
		.signature = BH_CELL_SIGNATURE,
		.revision = BH_CONFIG_REVISION,
		.name = "gamma",
		.cpus = 1ULL << 3,
		.num_memory_regions = 2,
	},
	.mem = {
		{
			.phys_start = 0x03200000,
			.virt_start = 0,
			.size = 0x00010000,
			.flags = BH_MEM_READ | BH_MEM_WRITE | BH_MEM_EXECUTE,
		},
		{
			.virt_start = 0x00010000,
			.size = 0x1000,
			.flags = BH_MEM_READ | BH_MEM_WRITE |
				 BH_MEM_COMM_REGION,
		},
	},
};

/* Odd sizes, so that parts need padding to BH_IMAGE_ALIGN. */
static u8 blob_a0[37];
static const u8 blob_a1[5] = { 0xde, 0xad, 0xbe, 0xef, 0x01 };
static u8 blob_b0[100];

static const void *blobs[BH_MAX_CELLS][BH_MAX_BLOBS];

static u8 hv_bin[HV_LEN];
static u8 hv_digest[SHA256_DIGEST_SIZE];

static void make_blobs(void)
{
	unsigned int i;

	for (i = 0; i < sizeof(blob_a0); i++)
		blob_a0[i] = (u8)(i * 7 + 3);
	for (i = 0; i < sizeof(blob_b0); i++)
		blob_b0[i] = (u8)(0xff - i * 13);
	blobs[0][0] = blob_a0;
	blobs[0][1] = blob_a1;
	blobs[1][0] = blob_b0;
}

static void set_cell(struct bh_cell_ref *c, const struct bh_cell_desc *desc,
		     u64 size, const char *file)
{
	memset(c, 0, sizeof(*c));
	c->desc = desc;
	c->size = size;
	c->file = file;
}

/* System, alpha and beta; @p beta may be a modified copy. */
static void make_set(struct bh_config_set *set, const struct cell_beta *beta)
{
	memset(set, 0, sizeof(*set));
	set->system = &sys_cfg;
	set->system_size = sizeof(sys_cfg);
	set->system_file = SYS_FILE;
	set->num_cells = 2;
	set_cell(&set->cells[0], &alpha_cfg.cell, sizeof(alpha_cfg),
		 ALPHA_FILE);
	set->cells[0].blob_size[0] = sizeof(blob_a0);
	set->cells[0].blob_size[1] = sizeof(blob_a1);
	set_cell(&set->cells[1], &beta->cell, sizeof(*beta), BETA_FILE);
	set->cells[1].blob_size[0] = sizeof(blob_b0);
}

static void make_hv(void)
{
	struct bh_hv_header *h = (struct bh_hv_header *)hv_bin;
	unsigned int i;

	for (i = sizeof(*h); i < HV_LEN; i++)
		hv_bin[i] = (u8)(i ^ 0x5a);
	memcpy(h->sealed.magic, BH_HV_MAGIC, sizeof(h->sealed.magic));
	h->sealed.version = BH_HV_VERSION;
	h->sealed.header_size = sizeof(*h);
	h->sealed.file_size = HV_LEN;
	h->link_address = HV_LINK;
	h->entry = HV_LINK + HV_ENTRY_OFF;
	h->memory_size = HV_MEM_SIZE;
	bh_seal(hv_bin, HV_LEN);
	memcpy(hv_digest, h->sealed.digest, sizeof(hv_digest));
}

/* ---- helpers ---- */

/* A copy of @p len bytes of @p src in a buffer of exactly @p alloc bytes
 * (zero-filled past @p len), so that ASan sees any read past its end. */
static u8 *dup_buf(const u8 *src, u64 len, u64 alloc)
{
	u8 *b = malloc(alloc ? alloc : 1);

	if (!b) {
		fprintf(stderr, "out of memory\n");
		exit(2);
	}
	memset(b, 0, alloc ? alloc : 1);
	memcpy(b, src, len < alloc ? len : alloc);
	return b;
}

static struct bh_image_header *hdr_of(u8 *img)
{
	return (struct bh_image_header *)img;
}

static struct bh_image_part *parts_of(u8 *img)
{
	return (struct bh_image_part *)(img + sizeof(struct bh_image_header));
}

static int open_image(struct bh_image_view *v, const u8 *img, u64 len,
		      const u8 *hvd)
{
	struct bh_hv_header h = *(const struct bh_hv_header *)hv_bin;

	memcpy(h.sealed.digest, hvd, sizeof(h.sealed.digest));
	reset_report();
	memset(v, 0, sizeof(*v));
	return bh_image_open(v, img, len, &h, IMG_NAME, &rep);
}

static int check_hv(const u8 *buf, u64 len)
{
	reset_report();
	return bh_hv_check(buf, len, HV_NAME, &rep);
}

/* A NULL-terminated list of strings a message must contain. */
#define KEYS(...)	((const char *const[]){ __VA_ARGS__, NULL })
#define NO_KEYS		((const char *const[]){ NULL })

/*
 * The last operation returned @p rc: it must have been refused (< 0), with
 * at least one message, and the messages must contain every key.
 */
static void expect_refusal(const char *name, int rc, const char *const *keys)
{
	const char *missing = NULL;

	for (; *keys && !missing; keys++)
		if (!strstr(cap.text, *keys))
			missing = *keys;
	if (rc >= 0)
		checkf(name, false, "accepted (rc %d), messages: %s", rc,
		       cap.len ? cap.text : "(none)");
	else if (!cap.count || !rep.errors)
		checkf(name, false, "refused (rc %d) without a message", rc);
	else if (missing)
		checkf(name, false, "message lacks \"%s\": %s", missing,
		       cap.text);
	else
		check(name, true, "");
}

/* True if [p, p + size) lies inside [base, base + len]. */
static bool inside(const void *p, u64 size, const u8 *base, u64 len)
{
	const u8 *q = p;

	return q >= base && q <= base + len && size <= (u64)(base + len - q);
}

/* Every pointer of an accepted view lies inside the image. */
static bool view_inside(const struct bh_image_view *v, const u8 *img,
			u64 len)
{
	u32 c, b;

	if (!inside(v->set.system, v->set.system_size, img, len))
		return false;
	if (v->set.num_cells > BH_MAX_CELLS)
		return false;
	for (c = 0; c < v->set.num_cells; c++) {
		const struct bh_cell_ref *r = &v->set.cells[c];

		if (!inside(r->desc, r->size, img, len))
			return false;
		for (b = 0; b < BH_MAX_BLOBS; b++)
			if (v->blob[c][b] &&
			    !inside(v->blob[c][b], r->blob_size[b], img, len))
				return false;
	}
	return true;
}

/* Recompute part @p i's digest and the whole-file seal after an edit. */
static void redigest_part(u8 *img, u64 len, u32 i)
{
	struct bh_image_part *p = &parts_of(img)[i];

	sha256(img + p->offset, p->size, p->digest);
	bh_seal(img, len);
}

static void hex_of(char *out, const u8 *d)
{
	bh_hex(out, d, SHA256_DIGEST_SIZE);
}

/* ---- the valid image ---- */

static u8 *image;
static u64 image_len;

static void test_config_valid(void)
{
	struct bh_config_set set;
	int n;

	make_set(&set, &beta_cfg);
	reset_report();
	n = bh_config_check(&set, &rep);
	checkf("config_set_valid", n == 0 && rep.errors == 0,
	       "checker found %d problems: %s", n, cap.text);
}

static void test_hv_valid(void)
{
	int rc = check_hv(hv_bin, HV_LEN);

	checkf("hv_valid", rc == 0 && rep.errors == 0, "rc %d: %s", rc,
	       cap.text);
}

static void test_build(void)
{
	struct bh_config_set set;
	u8 *again = NULL;
	u64 again_len = 0;
	int rc;

	make_set(&set, &beta_cfg);
	rc = bh_image_build(&set, blobs, hv_digest, &image, &image_len);
	check("build", rc == 0 && image && image_len, "bh_image_build failed");
	if (rc || !image) {
		printf("FAIL build_prerequisite: cannot go on\n");
		exit(1);
	}
	rc = bh_image_build(&set, blobs, hv_digest, &again, &again_len);
	check("build_deterministic", !rc && again_len == image_len &&
	      !memcmp(again, image, image_len),
	      "two builds of the same set differ");
	free(again);
}

static void test_layout(void)
{
	const struct bh_image_header *h = hdr_of(image);
	const struct bh_image_part *p = parts_of(image);
	static const u32 want_type[] = { BH_PART_SYSTEM, BH_PART_CELL,
		BH_PART_CELL, BH_PART_BLOB, BH_PART_BLOB, BH_PART_BLOB };
	static const u32 want_cell[] = { 0, 0, 1, 0, 0, 1 };
	static const u32 want_index[] = { 0, 0, 0, 0, 1, 0 };
	const char *want_name[6];
	const void *want_data[6] = { &sys_cfg, &alpha_cfg, &beta_cfg, blob_a0,
				     blob_a1, blob_b0 };
	const u64 want_size[6] = { sizeof(sys_cfg), sizeof(alpha_cfg),
				   sizeof(beta_cfg), sizeof(blob_a0),
				   sizeof(blob_a1), sizeof(blob_b0) };
	u64 next = sizeof(*h) + 6 * sizeof(*p);
	bool order = true, align = true, names = true, data = true;
	bool digests = true, padding = true;
	u8 d[SHA256_DIGEST_SIZE];
	char detail[256] = "";
	u64 k;
	u32 i;

	want_name[0] = SYS_FILE;
	want_name[1] = ALPHA_FILE;
	want_name[2] = BETA_FILE;
	want_name[3] = BLOB_A0_PATH;
	want_name[4] = &BLOB_A1_PATH[sizeof(BLOB_A1_PATH) - 1 -
				     (BH_PART_NAME_LEN - 1)];
	want_name[5] = BLOB_B0_PATH;

	check("layout_magic", !memcmp(h->sealed.magic, BH_IMAGE_MAGIC, 8) &&
	      h->sealed.version == BH_IMAGE_VERSION &&
	      h->sealed.header_size == sizeof(*h), "bad identity fields");
	checkf("layout_file_size", h->sealed.file_size == image_len,
	       "file_size %llu, buffer %llu",
	       (unsigned long long)h->sealed.file_size,
	       (unsigned long long)image_len);
	check("layout_hv_digest",
	      !memcmp(h->hypervisor_digest, hv_digest, SHA256_DIGEST_SIZE),
	      "hypervisor digest not recorded");
	checkf("layout_counts", h->num_parts == 6 && h->num_cells == 2 &&
	       h->reserved == 0, "num_parts %u num_cells %u", h->num_parts,
	       h->num_cells);
	if (h->num_parts != 6)
		return;
	for (i = 0; i < 6; i++) {
		if (p[i].type != want_type[i] || p[i].cell != want_cell[i] ||
		    p[i].index != want_index[i] || p[i].reserved) {
			order = false;
			snprintf(detail, sizeof(detail),
				 "part %u: type %u cell %u index %u", i,
				 p[i].type, p[i].cell, p[i].index);
		}
		if (p[i].offset % BH_IMAGE_ALIGN || p[i].offset < next)
			align = false;
		for (k = next; k < p[i].offset && k < image_len; k++)
			if (image[k])
				padding = false;
		next = p[i].offset + p[i].size;
		if (strcmp(p[i].name, want_name[i]))
			names = false;
		if (p[i].size != want_size[i] ||
		    p[i].offset + p[i].size > image_len ||
		    memcmp(image + p[i].offset, want_data[i], want_size[i]))
			data = false;
		sha256(want_data[i], want_size[i], d);
		if (memcmp(d, p[i].digest, sizeof(d)))
			digests = false;
	}
	check("layout_part_order", order, detail);
	check("layout_part_alignment", align,
	      "a part is misaligned or overlaps its predecessor");
	check("layout_part_names", names, "part names are not the file names");
	check("layout_long_name_keeps_tail", !strcmp(p[4].name, want_name[4]),
	      p[4].name);
	check("layout_part_data", data, "part bytes differ from the input");
	check("layout_part_digests", digests, "part digest is not its SHA-256");
	check("layout_padding_zero", padding, "padding bytes are not zero");
	checkf("layout_ends_with_last_part", next == image_len,
	       "last part ends at %llu, image is %llu bytes",
	       (unsigned long long)next, (unsigned long long)image_len);
}

static void test_roundtrip(void)
{
	struct bh_image_view v;
	u8 *img = dup_buf(image, image_len, image_len);
	const struct bh_cell_ref *a, *b;
	bool ok;
	int rc;

	rc = open_image(&v, img, image_len, hv_digest);
	checkf("open_valid", rc == 0 && rep.errors == 0, "rc %d: %s", rc,
	       cap.text);
	if (rc) {
		free(img);
		return;
	}
	check("view_header", v.hdr == (const void *)img &&
	      v.parts == (const void *)(img + sizeof(*v.hdr)),
	      "hdr/parts do not point into the buffer");
	check("view_system", v.set.system_size == sizeof(sys_cfg) &&
	      !memcmp(v.set.system, &sys_cfg, sizeof(sys_cfg)) &&
	      !strcmp(v.set.system_file, SYS_FILE),
	      "system config differs");
	check("view_num_cells", v.set.num_cells == 2, "num_cells is not 2");
	a = &v.set.cells[0];
	b = &v.set.cells[1];
	check("view_cell_alpha", a->size == sizeof(alpha_cfg) &&
	      !memcmp(a->desc, &alpha_cfg, sizeof(alpha_cfg)) &&
	      !strcmp(a->file, ALPHA_FILE), "cell 0 differs");
	check("view_cell_beta", b->size == sizeof(beta_cfg) &&
	      !memcmp(b->desc, &beta_cfg, sizeof(beta_cfg)) &&
	      !strcmp(b->file, BETA_FILE), "cell 1 differs");
	ok = a->blob_size[0] == sizeof(blob_a0) && v.blob[0][0] &&
	     !memcmp(v.blob[0][0], blob_a0, sizeof(blob_a0));
	check("view_blob_alpha0", ok, "blob 0 of alpha differs");
	ok = a->blob_size[1] == sizeof(blob_a1) && v.blob[0][1] &&
	     !memcmp(v.blob[0][1], blob_a1, sizeof(blob_a1));
	check("view_blob_alpha1", ok, "blob 1 of alpha differs");
	ok = b->blob_size[0] == sizeof(blob_b0) && v.blob[1][0] &&
	     !memcmp(v.blob[1][0], blob_b0, sizeof(blob_b0));
	check("view_blob_beta0", ok, "blob 0 of beta differs");
	ok = !v.blob[0][2] && !v.blob[1][1] && !v.blob[2][0] &&
	     !a->blob_size[2] && !b->blob_size[1];
	check("view_no_extra_blobs", ok, "a blob that does not exist is set");
	check("view_inside_buffer", view_inside(&v, img, image_len),
	      "a view pointer leaves the image");
	free(img);
}

/* bh_image_cell_check(), as a restart runs it on the kept image: a
 * changed byte in one of the cell's parts (its config or a blob) is
 * found and named, another cell's change is not this cell's business. */
static void test_cell_check(void)
{
	struct bh_image_view v;
	u8 *img = dup_buf(image, image_len, image_len);
	const struct bh_image_part *p = parts_of(img);
	u32 i, blob_a = 0, blob_b = 0, cfg_b = 0;

	if (open_image(&v, img, image_len, hv_digest)) {
		check("cell_check_open", false, cap.text);
		free(img);
		return;
	}
	for (i = 1; i < hdr_of(img)->num_parts; i++) {
		if (p[i].type == BH_PART_BLOB && p[i].cell == 0 && !blob_a)
			blob_a = i;
		if (p[i].type == BH_PART_BLOB && p[i].cell == 1 && !blob_b)
			blob_b = i;
		if (p[i].type == BH_PART_CELL && p[i].cell == 1)
			cfg_b = i;
	}
	reset_report();
	check("cell_check_intact", !bh_image_cell_check(&v, 0, &rep) &&
	      !bh_image_cell_check(&v, 1, &rep) && !rep.errors, cap.text);
	img[p[blob_a].offset + p[blob_a].size - 1] ^= 0x80;
	reset_report();
	checkf("cell_check_own_blob", bh_image_cell_check(&v, 0, &rep) &&
	       rep.errors == 1 && strstr(cap.text, "system image in memory: "
					 "part ") &&
	       strstr(cap.text, "digest mismatch"), "%s", cap.text);
	reset_report();
	check("cell_check_other_cell", !bh_image_cell_check(&v, 1, &rep),
	      "cell 1 refused for cell 0's blob");
	img[p[blob_a].offset + p[blob_a].size - 1] ^= 0x80;
	img[p[cfg_b].offset] ^= 1;
	reset_report();
	checkf("cell_check_own_config", bh_image_cell_check(&v, 1, &rep) &&
	       strstr(cap.text, "cell"), "%s", cap.text);
	img[p[cfg_b].offset] ^= 1;
	img[p[blob_b].offset] ^= 1;
	reset_report();
	check("cell_check_blob_beta", bh_image_cell_check(&v, 1, &rep) &&
	      !bh_image_cell_check(&v, 0, &rep), cap.text);
	free(img);
}

/* Cell 0 has no blob, so the first blob part belongs to cell 1. */
static void test_roundtrip_blobless_cell(void)
{
	static const void *bl[BH_MAX_CELLS][BH_MAX_BLOBS];
	struct bh_config_set set;
	struct bh_image_view v;
	u8 *img = NULL;
	u64 len = 0;
	int rc;

	make_set(&set, &beta_cfg);
	set_cell(&set.cells[0], &gamma_cfg.cell, sizeof(gamma_cfg),
		 GAMMA_FILE);
	bl[1][0] = blob_b0;
	if (bh_image_build(&set, bl, hv_digest, &img, &len)) {
		check("blobless_cell_build", false, "bh_image_build failed");
		return;
	}
	rc = open_image(&v, img, len, hv_digest);
	checkf("blobless_cell_open", rc == 0, "rc %d: %s", rc, cap.text);
	check("blobless_cell_view", !rc && hdr_of(img)->num_parts == 4 &&
	      !v.blob[0][0] && v.blob[1][0] &&
	      !memcmp(v.blob[1][0], blob_b0, sizeof(blob_b0)) &&
	      !memcmp(v.set.cells[0].desc, &gamma_cfg, sizeof(gamma_cfg)),
	      "view differs from the input");
	free(img);
}

/* A zero-byte blob as the last part sits at the very end of the file. */
static void test_roundtrip_empty_blob(void)
{
	struct bh_config_set set;
	struct bh_image_view v;
	u8 *img = NULL, *exact;
	u64 len = 0;
	int rc;

	make_set(&set, &beta_cfg);
	set.cells[1].blob_size[0] = 0;
	if (bh_image_build(&set, blobs, hv_digest, &img, &len)) {
		check("empty_blob_build", false, "bh_image_build failed");
		return;
	}
	exact = dup_buf(img, len, len);
	rc = open_image(&v, exact, len, hv_digest);
	checkf("empty_blob_open", rc == 0, "rc %d: %s", rc, cap.text);
	check("empty_blob_view", !rc && v.set.cells[1].blob_size[0] == 0 &&
	      v.blob[1][0] && view_inside(&v, exact, len),
	      "empty blob not in the view or outside the image");
	free(exact);
	free(img);
}

/* ---- the hypervisor binary ---- */

static u8 *hv_copy(void)
{
	return dup_buf(hv_bin, HV_LEN, HV_LEN);
}

static struct bh_hv_header *hvh(u8 *b)
{
	return (struct bh_hv_header *)b;
}

/* Set the entry and memory size, re-seal, and check. */
static int hv_with(u64 entry, u64 memory_size)
{
	u8 *b = hv_copy();
	int rc;

	hvh(b)->entry = entry;
	hvh(b)->memory_size = memory_size;
	bh_seal(b, HV_LEN);
	rc = check_hv(b, HV_LEN);
	free(b);
	return rc;
}

static void test_hv_damage(void)
{
	u8 *b;
	int rc;

	b = hv_copy();
	b[HV_LEN - 1] ^= 0x10;
	expect_refusal("hv_flip_body", check_hv(b, HV_LEN),
		       KEYS("digest mismatch", HV_NAME));
	free(b);

	b = hv_copy();
	b[offsetof(struct bh_hv_header, entry)] ^= 0x01;
	expect_refusal("hv_flip_entry_unsealed", check_hv(b, HV_LEN),
		       KEYS("digest mismatch"));
	free(b);

	b = hv_copy();
	b[offsetof(struct bh_sealed_header, digest) + 5] ^= 0x80;
	expect_refusal("hv_flip_digest", check_hv(b, HV_LEN),
		       KEYS("digest mismatch"));
	free(b);

	b = hv_copy();
	b[3] ^= 0x01;
	expect_refusal("hv_bad_magic", check_hv(b, HV_LEN), KEYS("bad magic"));
	free(b);

	b = hv_copy();
	memcpy(b, BH_IMAGE_MAGIC, 8);
	expect_refusal("hv_image_magic", check_hv(b, HV_LEN),
		       KEYS("bad magic"));
	free(b);

	b = hv_copy();
	hvh(b)->sealed.version = BH_HV_VERSION + 1;
	expect_refusal("hv_version", check_hv(b, HV_LEN), KEYS("version"));
	free(b);

	b = hv_copy();
	hvh(b)->sealed.header_size = 56;
	expect_refusal("hv_header_size", check_hv(b, HV_LEN),
		       KEYS("header size"));
	free(b);

	b = dup_buf(hv_bin, HV_LEN, HV_LEN - 1);
	expect_refusal("hv_truncated_1", check_hv(b, HV_LEN - 1),
		       KEYS("truncated"));
	free(b);

	b = dup_buf(hv_bin, HV_LEN, HV_LEN / 2);
	expect_refusal("hv_truncated_half", check_hv(b, HV_LEN / 2),
		       KEYS("truncated"));
	free(b);

	b = dup_buf(hv_bin, HV_LEN, sizeof(struct bh_hv_header) - 1);
	expect_refusal("hv_truncated_header",
		       check_hv(b, sizeof(struct bh_hv_header) - 1),
		       KEYS("too short"));
	free(b);

	b = dup_buf(hv_bin, HV_LEN, HV_LEN + 8);
	expect_refusal("hv_trailing", check_hv(b, HV_LEN + 8),
		       KEYS("trailing data"));
	free(b);

	rc = hv_with(HV_LINK + HV_LEN, HV_MEM_SIZE);
	expect_refusal("hv_entry_past_end", rc, KEYS("does not fit"));
	rc = hv_with(HV_LINK + 8, HV_MEM_SIZE);
	expect_refusal("hv_entry_in_header", rc, KEYS("does not fit"));
	rc = hv_with(HV_LINK - 0x1000, HV_MEM_SIZE);
	expect_refusal("hv_entry_below", rc, KEYS("does not fit"));
	rc = hv_with(HV_LINK + HV_ENTRY_OFF, HV_LEN - 1);
	expect_refusal("hv_memory_too_small", rc, KEYS("does not fit"));

	b = hv_copy();
	hvh(b)->link_address = 0x200000;
	hvh(b)->entry = 0x200000 + HV_ENTRY_OFF;
	bh_seal(b, HV_LEN);
	expect_refusal("hv_link_lower_half", check_hv(b, HV_LEN),
		       KEYS("upper-half"));
	free(b);
	b = hv_copy();
	hvh(b)->link_address = HV_LINK + 0x1000;
	hvh(b)->entry = HV_LINK + 0x1000 + HV_ENTRY_OFF;
	bh_seal(b, HV_LEN);
	expect_refusal("hv_link_unaligned", check_hv(b, HV_LEN),
		       KEYS("2 MiB-aligned"));
	free(b);

	rc = hv_with(HV_LINK + sizeof(struct bh_hv_header), HV_LEN);
	checkf("hv_entry_first_byte_after_header", rc == 0, "%s", cap.text);
	rc = hv_with(HV_LINK + HV_LEN - 1, HV_LEN);
	checkf("hv_entry_last_byte", rc == 0, "%s", cap.text);
}

/* The hypervisor must fit the system's hypervisor memory, and that memory
 * the loader's one-page-directory window at the link address. */
static void test_hv_fits(void)
{
	struct bh_hv_header h = *(const struct bh_hv_header *)hv_bin;
	struct bh_image_view v;
	int rc;

	h.memory_size = sys_cfg.hypervisor_memory.size + 0x1000;
	reset_report();
	rc = bh_image_open(&v, image, image_len, &h, IMG_NAME, &rep);
	expect_refusal("img_hv_larger_than_its_memory", rc,
		       KEYS("the hypervisor needs 0x801000 bytes",
			    "has 0x800000"));
	h = *(const struct bh_hv_header *)hv_bin;
	h.link_address = 0xffffffffffe00000ULL;	/* last 2 MiB of a window */
	reset_report();
	rc = bh_image_open(&v, image, image_len, &h, IMG_NAME, &rep);
	expect_refusal("img_hv_crosses_1gib", rc, KEYS("cross a 1 GiB"));
}

/* Every single-bit change of the hypervisor binary is refused. */
static void test_hv_bitflips(void)
{
	u8 *b = hv_copy();
	u32 off, bit, accepted = 0, silent = 0, first = ~0U;
	int rc;

	for (off = 0; off < HV_LEN; off++)
		for (bit = 0; bit < 8; bit++) {
			b[off] ^= (u8)(1u << bit);
			rc = check_hv(b, HV_LEN);
			if (rc >= 0 && accepted++ == 0)
				first = off * 8 + bit;
			if (rc < 0 && !rep.errors)
				silent++;
			b[off] ^= (u8)(1u << bit);
		}
	checkf("hv_every_bitflip_refused", !accepted,
	       "%u flips accepted, first at byte %u bit %u", accepted,
	       first / 8, first % 8);
	checkf("hv_every_bitflip_reported", !silent,
	       "%u refusals without a message", silent);
	free(b);
}

/* ---- the system image ---- */

static u8 *img_copy(void)
{
	return dup_buf(image, image_len, image_len);
}

/* Open @p img (@p len bytes) with the right hypervisor digest. */
static int open_img(const u8 *img, u64 len)
{
	struct bh_image_view v;

	return open_image(&v, img, len, hv_digest);
}

static void test_image_frame(void)
{
	char found[2 * 8 + 1], want[64];
	u8 *t;

	t = img_copy();
	t[offsetof(struct bh_image_header, reserved)] ^= 0x01;
	expect_refusal("img_flip_header_reserved", open_img(t, image_len),
		       KEYS("image", "digest mismatch"));
	free(t);

	t = img_copy();
	t[offsetof(struct bh_image_header, hypervisor_digest) + 7] ^= 0x04;
	expect_refusal("img_flip_hv_digest_field", open_img(t, image_len),
		       KEYS("image", "digest mismatch"));
	free(t);

	t = img_copy();
	t[offsetof(struct bh_sealed_header, digest)] ^= 0x01;
	expect_refusal("img_flip_seal_digest", open_img(t, image_len),
		       KEYS("image", "digest mismatch"));
	free(t);

	t = img_copy();
	t[2] ^= 0x01;
	expect_refusal("img_bad_magic", open_img(t, image_len),
		       KEYS("bad magic"));
	/* The message shows what was expected and the bytes found. */
	bh_hex(found, t, 8);
	snprintf(want, sizeof(want), "expected \"%s\"", BH_IMAGE_MAGIC);
	expect_refusal("img_bad_magic_message", open_img(t, image_len),
		       KEYS(want, found));
	free(t);

	t = img_copy();
	memcpy(t, BH_HV_MAGIC, 8);
	expect_refusal("img_hv_magic", open_img(t, image_len),
		       KEYS("bad magic"));
	free(t);

	t = img_copy();
	hdr_of(t)->sealed.version = BH_IMAGE_VERSION + 1;
	expect_refusal("img_version", open_img(t, image_len),
		       KEYS("version 2"));
	free(t);

	t = img_copy();
	hdr_of(t)->sealed.version = 0;
	expect_refusal("img_version_0", open_img(t, image_len),
		       KEYS("version 0"));
	free(t);

	t = img_copy();
	hdr_of(t)->sealed.header_size += 1;
	expect_refusal("img_header_size", open_img(t, image_len),
		       KEYS("header size"));
	free(t);

	t = dup_buf(image, image_len, image_len - 1);
	expect_refusal("img_truncated_1", open_img(t, image_len - 1),
		       KEYS("truncated"));
	free(t);

	t = dup_buf(image, image_len, image_len / 2);
	expect_refusal("img_truncated_half", open_img(t, image_len / 2),
		       KEYS("truncated"));
	free(t);

	t = dup_buf(image, image_len, 50);
	expect_refusal("img_truncated_into_header", open_img(t, 50),
		       KEYS("too short"));
	free(t);

	t = dup_buf(image, image_len, 0);
	expect_refusal("img_empty", open_img(t, 0), KEYS("too short"));
	free(t);

	t = dup_buf(image, image_len, image_len + 1);
	expect_refusal("img_trailing_1", open_img(t, image_len + 1),
		       KEYS("trailing"));
	free(t);

	t = dup_buf(image, image_len, image_len + 4096);
	expect_refusal("img_trailing_4096", open_img(t, image_len + 4096),
		       KEYS("trailing"));
	free(t);

	t = img_copy();
	hdr_of(t)->sealed.file_size -= 1;
	expect_refusal("img_file_size_field", open_img(t, image_len),
		       KEYS("trailing"));
	free(t);
}

/* A byte of each part's data changed: that part's digest names it. */
static void test_image_part_flips(void)
{
	const struct bh_image_part *p = parts_of(image);
	static const char *const where[] = { "first", "middle", "last" };
	char name[64], which[32];
	u32 i, w;

	for (i = 0; i < hdr_of(image)->num_parts; i++)
		for (w = 0; w < 3; w++) {
			u64 at = p[i].offset +
				 (w == 0 ? 0 : w == 1 ? p[i].size / 2 :
				  p[i].size - 1);
			u8 *t = img_copy();

			t[at] ^= 0x40;
			snprintf(name, sizeof(name), "img_flip_part%u_%s_%s", i,
				 p[i].type == BH_PART_SYSTEM ? "system" :
				 p[i].type == BH_PART_CELL ? "cell" : "blob",
				 where[w]);
			snprintf(which, sizeof(which), "part %u (", i);
			expect_refusal(name, open_img(t, image_len),
				       KEYS("digest mismatch", which,
					    bh_part_type_name(p[i].type),
					    p[i].name));
			free(t);
		}
}

/* The padding between parts is covered by the whole-file digest. */
static void test_image_padding_flip(void)
{
	const struct bh_image_part *p = parts_of(image);
	u64 pad = 0;
	u32 i;
	u8 *t;

	for (i = 1; i < hdr_of(image)->num_parts && !pad; i++)
		if (p[i].offset > p[i - 1].offset + p[i - 1].size)
			pad = p[i - 1].offset + p[i - 1].size;
	if (!pad) {
		check("img_flip_padding", false, "the image has no padding");
		return;
	}
	t = img_copy();
	t[pad] ^= 0xff;
	expect_refusal("img_flip_padding", open_img(t, image_len),
		       KEYS("image", "digest mismatch"));
	free(t);
}

/* The part table changed without re-sealing. */
static void test_image_table_flips(void)
{
	u8 *t;

	t = img_copy();
	parts_of(t)[2].digest[0] ^= 0x01;
	expect_refusal("img_flip_part_digest", open_img(t, image_len),
		       KEYS("part 2 (cell config " BETA_FILE ")",
			    "digest mismatch"));
	free(t);

	t = img_copy();
	parts_of(t)[3].name[BH_PART_NAME_LEN - 1] ^= 0x41;
	expect_refusal("img_flip_part_name_tail", open_img(t, image_len),
		       KEYS("image", "digest mismatch"));
	free(t);

	t = img_copy();
	parts_of(t)[1].name[0] ^= 0x20;
	expect_refusal("img_flip_part_name", open_img(t, image_len),
		       KEYS("image", "digest mismatch"));
	free(t);

	t = img_copy();
	parts_of(t)[4].reserved ^= 0x100;
	expect_refusal("img_flip_part_reserved", open_img(t, image_len),
		       KEYS("image", "digest mismatch"));
	free(t);

	t = img_copy();
	parts_of(t)[1].offset ^= 0x10;
	expect_refusal("img_flip_part_offset", open_img(t, image_len), NO_KEYS);
	free(t);
}

/*
 * The part table or header changed and the file re-sealed, as a tool that
 * knows the format would: the structural checks must catch it.
 */
static void test_image_table_resealed(void)
{
	struct bh_image_part *p;
	u8 *t;

	t = img_copy();
	parts_of(t)[1].offset += 1;
	bh_seal(t, image_len);
	expect_refusal("img_offset_misaligned", open_img(t, image_len),
		       KEYS("misplaced", "cell config"));
	free(t);

	t = img_copy();
	parts_of(t)[1].offset -= BH_IMAGE_ALIGN;
	bh_seal(t, image_len);
	expect_refusal("img_offset_overlaps_previous", open_img(t, image_len),
		       KEYS("misplaced"));
	free(t);

	t = img_copy();
	parts_of(t)[0].offset = 0;
	bh_seal(t, image_len);
	expect_refusal("img_offset_into_table", open_img(t, image_len),
		       KEYS("misplaced", "system config"));
	free(t);

	t = img_copy();
	parts_of(t)[5].offset += BH_IMAGE_ALIGN;
	bh_seal(t, image_len);
	expect_refusal("img_offset_past_end", open_img(t, image_len),
		       KEYS("misplaced"));
	free(t);

	t = img_copy();
	parts_of(t)[5].offset = ~(u64)(BH_IMAGE_ALIGN - 1);
	bh_seal(t, image_len);
	expect_refusal("img_offset_huge", open_img(t, image_len),
		       KEYS("misplaced"));
	free(t);

	t = img_copy();
	parts_of(t)[5].size += 1;
	bh_seal(t, image_len);
	expect_refusal("img_size_past_end", open_img(t, image_len),
		       KEYS("misplaced"));
	free(t);

	t = img_copy();
	parts_of(t)[3].size = ~0ULL;
	bh_seal(t, image_len);
	expect_refusal("img_size_huge", open_img(t, image_len),
		       KEYS("misplaced"));
	free(t);

	/* Shorter but in place: only the part's digest can tell. */
	t = img_copy();
	parts_of(t)[1].size -= 1;
	bh_seal(t, image_len);
	expect_refusal("img_size_shorter", open_img(t, image_len),
		       KEYS("part 1 (cell config " ALPHA_FILE ")",
			    "digest mismatch"));
	free(t);

	/* Moved onto another part's data: again the digest tells. */
	t = img_copy();
	p = parts_of(t);
	p[3].offset = p[2].offset;
	p[3].size = 16;
	bh_seal(t, image_len);
	expect_refusal("img_offset_moved", open_img(t, image_len), NO_KEYS);
	free(t);

	t = img_copy();
	parts_of(t)[1].type = BH_PART_BLOB;
	bh_seal(t, image_len);
	expect_refusal("img_part_type", open_img(t, image_len),
		       KEYS("out of order"));
	free(t);

	t = img_copy();
	parts_of(t)[0].type = 7;
	bh_seal(t, image_len);
	expect_refusal("img_part_type_unknown", open_img(t, image_len),
		       KEYS("out of order", "unknown part"));
	free(t);

	t = img_copy();
	parts_of(t)[2].cell = 0;
	bh_seal(t, image_len);
	expect_refusal("img_part_cell_number", open_img(t, image_len),
		       KEYS("out of order"));
	free(t);

	t = img_copy();
	parts_of(t)[5].cell = 2;
	bh_seal(t, image_len);
	expect_refusal("img_blob_cell_out_of_range", open_img(t, image_len),
		       KEYS("out of order"));
	free(t);

	t = img_copy();
	parts_of(t)[4].index = 0;
	bh_seal(t, image_len);
	expect_refusal("img_blob_index_repeated", open_img(t, image_len),
		       KEYS("out of order"));
	free(t);

	t = img_copy();
	parts_of(t)[5].index = 1;
	bh_seal(t, image_len);
	expect_refusal("img_blob_index_beyond_cell", open_img(t, image_len),
		       KEYS("which has 1 blobs"));
	free(t);

	t = img_copy();
	memset(parts_of(t)[2].name, 'x', BH_PART_NAME_LEN);
	bh_seal(t, image_len);
	expect_refusal("img_part_name_unterminated", open_img(t, image_len),
		       KEYS("not terminated"));
	free(t);

	/* The last blob dropped from the table. */
	t = img_copy();
	hdr_of(t)->num_parts = 5;
	bh_seal(t, image_len);
	expect_refusal("img_blob_missing", open_img(t, image_len),
		       KEYS("missing", BLOB_B0_PATH, "\"beta\""));
	free(t);

	t = img_copy();
	hdr_of(t)->num_parts = 7;
	bh_seal(t, image_len);
	expect_refusal("img_num_parts_plus_1", open_img(t, image_len), NO_KEYS);
	free(t);

	t = img_copy();
	hdr_of(t)->num_parts = 2;
	bh_seal(t, image_len);
	expect_refusal("img_num_parts_too_few", open_img(t, image_len),
		       KEYS("not a valid layout"));
	free(t);

	t = img_copy();
	hdr_of(t)->num_parts = BH_IMAGE_MAX_PARTS + 1;
	bh_seal(t, image_len);
	expect_refusal("img_num_parts_too_many", open_img(t, image_len),
		       KEYS("not a valid layout"));
	free(t);

	t = img_copy();
	hdr_of(t)->num_parts = BH_IMAGE_MAX_PARTS;
	bh_seal(t, image_len);
	expect_refusal("img_table_past_end", open_img(t, image_len),
		       KEYS("runs past the end"));
	free(t);

	t = img_copy();
	hdr_of(t)->num_cells = 0;
	bh_seal(t, image_len);
	expect_refusal("img_num_cells_0", open_img(t, image_len),
		       KEYS("not a valid layout"));
	free(t);

	t = img_copy();
	hdr_of(t)->num_cells = BH_MAX_CELLS + 1;
	bh_seal(t, image_len);
	expect_refusal("img_num_cells_too_many", open_img(t, image_len),
		       KEYS("not a valid layout"));
	free(t);

	t = img_copy();
	hdr_of(t)->num_cells = 1;
	bh_seal(t, image_len);
	expect_refusal("img_num_cells_1", open_img(t, image_len),
		       KEYS("out of order"));
	free(t);

	t = img_copy();
	hdr_of(t)->num_cells = 3;
	bh_seal(t, image_len);
	expect_refusal("img_num_cells_3", open_img(t, image_len),
		       KEYS("out of order"));
	free(t);
}

/* The image and the hypervisor must belong together. */
static void test_image_pairing(void)
{
	u8 other[SHA256_DIGEST_SIZE];
	char e[2 * SHA256_DIGEST_SIZE + 1], f[2 * SHA256_DIGEST_SIZE + 1];
	struct bh_image_view v;
	u8 *t = img_copy();
	int rc;

	memcpy(other, hv_digest, sizeof(other));
	other[31] ^= 0x01;
	hex_of(e, hv_digest);
	hex_of(f, other);
	rc = open_image(&v, t, image_len, other);
	expect_refusal("img_wrong_hypervisor", rc,
		       KEYS("do not belong together"));
	/* Both digests are named: the one built for and the one given. */
	expect_refusal("img_wrong_hypervisor_digests", rc, KEYS(e, f));
	free(t);

	/* The recorded digest edited and the image re-sealed. */
	t = img_copy();
	hdr_of(t)->hypervisor_digest[0] ^= 0x80;
	bh_seal(t, image_len);
	expect_refusal("img_hv_digest_resealed", open_img(t, image_len),
		       KEYS("do not belong together"));
	free(t);
}

/* A set that breaks a rule, packed (the writer does not check) or edited
 * inside the image with digests recomputed: the checker must refuse it. */
static void test_image_config_rules(void)
{
	struct cell_beta bad = beta_cfg;
	struct bh_config_set set;
	struct bh_cell_desc *d;
	struct bh_memory *m;
	struct bh_system *s;
	u8 *img = NULL, *t;
	u64 len = 0;

	bad.cell.cpus |= 1ULL << 1;	/* alpha's CPU */
	make_set(&set, &bad);
	reset_report();
	bh_config_check(&set, &rep);
	expect_refusal("rule_cpu_twice_checker", rep.errors ? -1 : 0,
		       KEYS("CPU 1 is also in cell \"alpha\""));
	if (bh_image_build(&set, blobs, hv_digest, &img, &len)) {
		check("rule_cpu_twice_build", false, "bh_image_build failed");
	} else {
		t = dup_buf(img, len, len);
		expect_refusal("rule_cpu_twice_image", open_img(t, len),
			       KEYS(BETA_FILE,
				    "CPU 1 is also in cell \"alpha\""));
		free(t);
		free(img);
	}

	/* beta's RAM moved onto alpha's, inside the image. */
	t = img_copy();
	d = (struct bh_cell_desc *)(t + parts_of(t)[2].offset);
	m = (struct bh_memory *)(d + 1);
	m[0].phys_start = alpha_cfg.mem[0].phys_start + 0x1000;
	redigest_part(t, image_len, 2);
	expect_refusal("rule_memory_overlap_in_image", open_img(t, image_len),
		       KEYS("overlaps cell \"alpha\""));
	free(t);

	/* beta's blob loaded outside its memory. */
	t = img_copy();
	d = (struct bh_cell_desc *)(t + parts_of(t)[2].offset);
	((struct bh_blob *)((struct bh_memory *)(d + 1) + 2))->load_address =
		0x40000000;
	redigest_part(t, image_len, 2);
	expect_refusal("rule_blob_outside_memory", open_img(t, image_len),
		       KEYS(BLOB_B0_PATH, "outside the cell's memory"));
	free(t);

	/* alpha's counts no longer match its size. */
	t = img_copy();
	d = (struct bh_cell_desc *)(t + parts_of(t)[1].offset);
	d->num_blobs = 3;
	redigest_part(t, image_len, 1);
	expect_refusal("rule_cell_counts", open_img(t, image_len),
		       KEYS(ALPHA_FILE, "its counts say"));
	free(t);

	/* alpha's signature. */
	t = img_copy();
	d = (struct bh_cell_desc *)(t + parts_of(t)[1].offset);
	d->signature[0] = 'X';
	redigest_part(t, image_len, 1);
	expect_refusal("rule_cell_signature", open_img(t, image_len),
		       KEYS("not a cell config"));
	free(t);

	/* The system config. */
	t = img_copy();
	s = (struct bh_system *)(t + parts_of(t)[0].offset);
	s->num_cpus = 0;
	redigest_part(t, image_len, 0);
	expect_refusal("rule_system_num_cpus", open_img(t, image_len),
		       KEYS(SYS_FILE, "num_cpus 0"));
	free(t);
}

/*
 * Every single-bit change anywhere in the image is refused, with a message,
 * and a change inside a part's data is blamed on that part.
 */
static void test_image_bitflips(void)
{
	const struct bh_image_part *p = parts_of(image);
	u32 n = hdr_of(image)->num_parts;
	u32 accepted = 0, silent = 0, blamed_wrong = 0;
	u64 off, first = ~0ULL, wrong_at = 0;
	char which[32];
	u8 *t = img_copy();
	u32 bit, i;
	int rc;

	for (off = 0; off < image_len; off++) {
		u32 part = ~0U;

		for (i = 0; i < n; i++)
			if (off >= p[i].offset && off < p[i].offset + p[i].size)
				part = i;
		for (bit = 0; bit < 8; bit++) {
			t[off] ^= (u8)(1u << bit);
			rc = open_img(t, image_len);
			if (rc >= 0 && accepted++ == 0)
				first = off * 8 + bit;
			if (rc < 0 && !rep.errors)
				silent++;
			if (rc < 0 && part != ~0U) {
				snprintf(which, sizeof(which), "part %u (",
					 part);
				if (!strstr(cap.text, which) ||
				    !strstr(cap.text, "digest mismatch")) {
					if (!blamed_wrong++)
						wrong_at = off;
				}
			}
			t[off] ^= (u8)(1u << bit);
		}
	}
	checkf("img_every_bitflip_refused", !accepted,
	       "%u of %llu flips accepted, first at byte %llu bit %llu",
	       accepted, (unsigned long long)image_len * 8,
	       (unsigned long long)first / 8, (unsigned long long)first % 8);
	checkf("img_every_bitflip_reported", !silent,
	       "%u refusals without a message", silent);
	checkf("img_bitflip_in_part_blames_part", !blamed_wrong,
	       "%u flips misattributed, first at byte %llu", blamed_wrong,
	       (unsigned long long)wrong_at);
	check("img_bitflips_left_image_intact",
	      !memcmp(t, image, image_len), "test bug: buffer not restored");
	free(t);
}

/* Small deterministic generator for the random damage below. */
static u32 rng_state = 0x12345678;

static u32 rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

/*
 * Random damage that a tool re-seals: in the header and part table (the
 * structural checks), or in a config part with its digest recomputed (the
 * config checker). Whatever the outcome, the reader must stay inside the
 * buffer (ASan) and an accepted view must point into the image.
 */
static void test_image_resealed_fuzz(void)
{
	u64 table_end = sizeof(struct bh_image_header) +
			(u64)hdr_of(image)->num_parts *
			sizeof(struct bh_image_part);
	u32 iter, k, accepted = 0, outside = 0, silent = 0;
	struct bh_image_view v;

	for (iter = 0; iter < 4000; iter++) {
		u8 *t = img_copy();
		u32 flips = 1 + rnd() % 4;
		u32 part = 0;
		bool table = iter % 2 == 0;
		int rc;

		for (k = 0; k < flips; k++) {
			if (table) {
				u64 at = BH_SEALED_DIGESTED_FROM +
					 rnd() % (table_end -
						  BH_SEALED_DIGESTED_FROM);

				t[at] ^= (u8)(1u << (rnd() % 8));
			} else {
				const struct bh_image_part *p = parts_of(t);

				part = rnd() % 3;	/* system or a cell */
				t[p[part].offset + rnd() % p[part].size] =
					(u8)rnd();
			}
		}
		if (table)
			bh_seal(t, image_len);
		else
			redigest_part(t, image_len, part);
		rc = open_image(&v, t, image_len, hv_digest);
		if (rc == 0) {
			accepted++;
			if (!view_inside(&v, t, image_len))
				outside++;
		} else if (!rep.errors) {
			silent++;
		}
		free(t);
	}
	checkf("fuzz_resealed_view_inside", !outside,
	       "%u accepted views point outside the image", outside);
	checkf("fuzz_resealed_refusals_reported", !silent,
	       "%u refusals without a message", silent);
	checkf("fuzz_resealed_ran", true, "%u accepted", accepted);
}

int main(void)
{
	sanitizers_init();
	make_blobs();
	make_hv();

	RUN(test_config_valid);
	RUN(test_hv_valid);
	RUN(test_build);
	RUN(test_layout);
	RUN(test_roundtrip);
	RUN(test_cell_check);
	RUN(test_roundtrip_blobless_cell);
	RUN(test_roundtrip_empty_blob);

	RUN(test_hv_damage);
	RUN(test_hv_bitflips);

	RUN(test_image_frame);
	RUN(test_image_part_flips);
	RUN(test_image_padding_flip);
	RUN(test_image_table_flips);
	RUN(test_image_table_resealed);
	RUN(test_image_pairing);
	RUN(test_hv_fits);
	RUN(test_image_config_rules);
	RUN(test_image_bitflips);
	RUN(test_image_resealed_fuzz);

	free(image);
	return failures ? 1 : 0;
}
