/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Tampered system images: a deterministic campaign of tens of thousands
 * of mutations of one valid image (tests/unit/image_fixture.h: four cells,
 * six blobs) against the one reader, bh_image_open().
 *
 * Families: truncation at every length, with and without the header's
 * file size following it; appended bytes; every numeric field of the
 * header and of every part-table entry set to extremes (0, 1, -1, around
 * the image and table sizes, 2^31, 2^32 - 1, 2^63, 2^64 - 1, other parts'
 * offsets and ends, each single bit flipped); parts overlapping, swapped,
 * reordered, dropped, duplicated and moved; every byte of the header,
 * table, payload and padding changed; random multi-bit flips. Each is
 * tried as it is, with only the whole-file digest re-sealed and with
 * every part digest and the file re-sealed as the writer seals (so that
 * the structure checks behind the digests are what must catch it).
 *
 * Every mutation must be refused (a negative return and a message) or
 * proven equal in meaning. An unsealed change must always be refused. An
 * accepted one gives a view that (1) lies inside the buffer, its parts
 * behind the table and apart (fix_view_problem()), (2) keeps the
 * original's part count, cell count and part identities, (3) reads each
 * part from exactly where its (possibly edited) table entry says, and
 * (4) where a part's entry was not edited, gives that part's original
 * bytes, changed only by the payload byte the mutation wrote into it, if
 * any. So a structure-field mutation that is accepted gives the same
 * configs and blobs; a re-sealed payload byte gives exactly that byte
 * changed in that part; an edited offset or size gives the bytes it
 * names and nothing else changes. Buffers are allocated at their exact
 * size so that ASan sees any read past the end; an alarm fails a hang.
 *
 * Output: one `ok FAMILY tried N refused R accepted-equal A` line per
 * family and a total, or `FAIL FAMILY: why` with the first bad mutation.
 */
#include <signal.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "image_fixture.h"

/* tests/run.py builds unit tests with gcc's ASan. */
#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/common_interface_defs.h>
#endif

#define HDR_SIZE	sizeof(struct bh_image_header)
#define PART_SIZE	sizeof(struct bh_image_part)
#define TIME_LIMIT	120	/* seconds before a hang is declared */

/* Which payload change an accepted mutation may show. */
#define PL_NONE		(~0U)	/* none: every unedited part as it was */
#define PL_ANY		(~1U)	/* random flips: only where the table says */

/* ---- the original ---- */

static u8 *orig;
static u64 orig_len, table_end;
static u32 nparts, ncells;
static const struct bh_image_part *op;	/* the original's part table */
static struct bh_hv_header hv;

/* ---- bookkeeping ---- */

struct family {
	const char *name;
	u64 tried, refused, accepted, bad;
	char first_bad[512];
};

static struct family *fam;
static char what[192];		/* the mutation being tried */
static u64 total_tried, total_refused, total_accepted;
static int failures;

static void describe(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void describe(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
}

static void bad(const char *why)
{
	if (!fam->bad++)
		snprintf(fam->first_bad, sizeof(fam->first_bad), "%s: %s", what,
			 why);
}

static void family_begin(struct family *f, const char *name)
{
	memset(f, 0, sizeof(*f));
	f->name = name;
	fam = f;
}

static void family_end(void)
{
	total_tried += fam->tried;
	total_refused += fam->refused;
	total_accepted += fam->accepted;
	if (fam->bad) {
		printf("FAIL %s: %llu of %llu mutations wrong, first: %s\n",
		       fam->name, (unsigned long long)fam->bad,
		       (unsigned long long)fam->tried, fam->first_bad);
		failures++;
		return;
	}
	printf("ok %s tried %llu refused %llu accepted-equal %llu\n",
	       fam->name, (unsigned long long)fam->tried,
	       (unsigned long long)fam->refused,
	       (unsigned long long)fam->accepted);
}

#ifdef __SANITIZE_ADDRESS__
static void sanitizer_died(void)
{
	printf("FAIL %s: aborted by a sanitizer (report on stderr) at: %s\n",
	       fam ? fam->name : "setup", what);
	fflush(stdout);
}
#endif

static void hang(int sig)
{
	static const char msg[] = "FAIL image_tamper: time limit reached "
				  "(a hang?)\n";

	(void)sig;
	if (write(STDOUT_FILENO, msg, sizeof(msg) - 1) < 0)
		_exit(3);
	_exit(2);
}

/* ---- the reader's messages ---- */

struct capture {
	unsigned int count;
	size_t first_len;
};

static struct capture cap;

static void capture_emit(void *ctx, const char *msg)
{
	struct capture *c = ctx;

	if (!c->count++)
		c->first_len = strlen(msg);
}

static struct bh_report rep = { capture_emit, &cap, 0 };

/* ---- mutated copies ---- */

/* @p len zero bytes, allocated at exactly that size. */
static u8 *zeroed(u64 len)
{
	u8 *t = malloc(len);

	if (!t && len) {
		fprintf(stderr, "out of memory\n");
		exit(2);
	}
	if (len)
		memset(t, 0, len);
	return t;
}

/* The original cut or zero-extended to @p len bytes. */
static u8 *copy_len(u64 len)
{
	u8 *t = zeroed(len);

	memcpy(t, orig, len < orig_len ? len : orig_len);
	return t;
}

static u8 *copy(void)
{
	return copy_len(orig_len);
}

static struct bh_image_header *hdr(u8 *t)
{
	return (struct bh_image_header *)t;
}

static struct bh_image_part *parts(u8 *t)
{
	return (struct bh_image_part *)(t + HDR_SIZE);
}

enum seal { SEAL_NONE, SEAL_FILE, SEAL_ALL };

static const char *const seal_name[] = { "unsealed", "file re-sealed",
					 "all re-sealed" };

static void seal(u8 *t, u64 len, enum seal s)
{
	if (s == SEAL_ALL)
		fix_reseal(t, len);
	else if (s == SEAL_FILE && len >= HDR_SIZE)
		bh_seal(t, len);
}

/* ---- the oracle ---- */

/* The view's data for the part the original has at table position @p k. */
static bool slot(const struct bh_image_view *v, u32 k, const u8 **data,
		 u64 *size)
{
	const struct bh_image_part *p = &op[k];

	switch (p->type) {
	case BH_PART_SYSTEM:
		*data = (const u8 *)v->set.system;
		*size = v->set.system_size;
		return true;
	case BH_PART_CELL:
		*data = (const u8 *)v->set.cells[p->cell].desc;
		*size = v->set.cells[p->cell].size;
		return true;
	default:
		*data = v->blob[p->cell][p->index];
		*size = v->set.cells[p->cell].blob_size[p->index];
		return *data != NULL;
	}
}

/*
 * Checks (2) to (4) of the file comment for an accepted mutation @p t.
 * @p pl_part / @p pl_at: the one payload byte the mutation changed
 * (PL_NONE: none, PL_ANY: do not count changed bytes).
 */
static const char *meaning_problem(const struct bh_image_view *v,
				   const u8 *t, u32 pl_part, u64 pl_at)
{
	const struct bh_image_header *h = (const void *)t;
	const struct bh_image_part *np = (const void *)(t + HDR_SIZE);
	u32 k;

	if (h->num_parts != nparts || h->num_cells != ncells ||
	    v->set.num_cells != ncells)
		return "accepted with another part or cell count";
	for (k = 0; k < nparts; k++) {
		const u8 *data, *was = orig + op[k].offset;
		u64 size, a, changed = 0, at = 0;

		if (np[k].type != op[k].type || np[k].cell != op[k].cell ||
		    np[k].index != op[k].index)
			return "accepted with a part of another identity";
		if (!slot(v, k, &data, &size))
			return "a part of the original is missing from the view";
		if (data != t + np[k].offset || size != np[k].size)
			return "a part is not read from where its entry says";
		if (np[k].offset != op[k].offset || np[k].size != op[k].size ||
		    pl_part == PL_ANY)
			continue;	/* it reads what its edited entry names */
		for (a = 0; a < size; a++)
			if (data[a] != was[a] && !changed++)
				at = a;
		if (changed > (k == pl_part ? 1u : 0u))
			return k == pl_part ? "more than the edited byte "
			       "changed in its part" : "an unedited part "
			       "changed";
		if (k == pl_part && (!changed || at != pl_at))
			return "the edited payload byte is not in the view";
	}
	return NULL;
}

/*
 * Open @p t (@p len bytes, malloc()ed at exactly that size; freed here).
 * @p must_refuse: the change was not re-sealed.
 */
static void try_payload(u8 *t, u64 len, bool must_refuse, u32 pl_part,
			u64 pl_at)
{
	struct bh_image_view v;
	const char *problem;
	int rc;

	fam->tried++;
	memset(&cap, 0, sizeof(cap));
	rep.errors = 0;
	memset(&v, 0, sizeof(v));
	rc = bh_image_open(&v, t, len, &hv, "system.img", &rep);
	if (rc) {
		if (rc > 0)
			bad("refused with a positive return");
		else if (!rep.errors || !cap.count || !cap.first_len)
			bad("refused without a message");
		else
			fam->refused++;
		free(t);
		return;
	}
	problem = must_refuse ? "accepted a change that was not re-sealed" :
		  rep.errors ? "accepted with messages" :
		  fix_view_problem(&v, t, len);
	if (!problem)
		problem = meaning_problem(&v, t, pl_part, pl_at);
	if (problem)
		bad(problem);
	else
		fam->accepted++;
	free(t);
}

static void try_image(u8 *t, u64 len, bool must_refuse)
{
	try_payload(t, len, must_refuse, PL_NONE, 0);
}

/* Seal @p t as @p s says and try it; unsealed changes must be refused.
 * A change that re-sealing undid (of a digest field) is not a mutation. */
static void try_sealed(u8 *t, u64 len, enum seal s)
{
	seal(t, len, s);
	if (len == orig_len && !memcmp(t, orig, len)) {
		free(t);
		return;
	}
	try_image(t, len, s == SEAL_NONE);
}

/* ---- deterministic randomness ---- */

static u64 rng_state = 0x9e3779b97f4a7c15ULL;

static u64 rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* ---- fields ---- */

struct field {
	char name[32];
	u64 off;
	u32 width;	/* bytes: 4 or 8 */
};

static struct field fields[16 + BH_IMAGE_MAX_PARTS * 8];
static u32 nfields;

/* Field @p name (@p at bytes into it) of the header (@p part ~0) or of
 * an entry, @p off bytes into the image. */
static void add_field(const char *name, u32 part, u32 at, u64 off,
		      u32 width)
{
	struct field *f = &fields[nfields++];
	char where[16] = "header";

	if (part != ~0U)
		snprintf(where, sizeof(where), "part%u", part);
	if (at)
		snprintf(f->name, sizeof(f->name), "%s.%s+%u", where, name, at);
	else
		snprintf(f->name, sizeof(f->name), "%s.%s", where, name);
	f->off = off;
	f->width = width;
}

#define HEADER_FIELD(name) \
	add_field(#name, ~0U, 0, offsetof(struct bh_image_header, name), \
		  sizeof(((struct bh_image_header *)0)->name) > 4 ? 8 : 4)
#define PART_FIELD(i, name, at) \
	add_field(#name, i, at, HDR_SIZE + (u64)(i) * PART_SIZE + \
		  offsetof(struct bh_image_part, name) + (at), \
		  sizeof(((struct bh_image_part *)0)->name) > 4 ? 8 : 4)

/* The header's and every entry's fields; of the byte arrays (magic,
 * digests, names) their first and last 8 bytes. */
static void collect_fields(void)
{
	u32 i;

	HEADER_FIELD(sealed.magic);
	HEADER_FIELD(sealed.version);
	HEADER_FIELD(sealed.header_size);
	HEADER_FIELD(sealed.file_size);
	HEADER_FIELD(sealed.digest);
	add_field("sealed.digest", ~0U, 24,
		  offsetof(struct bh_image_header, sealed.digest) + 24, 8);
	HEADER_FIELD(hypervisor_digest);
	HEADER_FIELD(num_parts);
	HEADER_FIELD(num_cells);
	HEADER_FIELD(reserved);
	for (i = 0; i < nparts; i++) {
		PART_FIELD(i, type, 0);
		PART_FIELD(i, cell, 0);
		PART_FIELD(i, index, 0);
		PART_FIELD(i, reserved, 0);
		PART_FIELD(i, offset, 0);
		PART_FIELD(i, size, 0);
		PART_FIELD(i, digest, 0);
		PART_FIELD(i, name, 0);
		PART_FIELD(i, name, BH_PART_NAME_LEN - 8);
	}
}

static u64 get_field(const u8 *t, const struct field *f)
{
	u64 v = 0;

	memcpy(&v, t + f->off, f->width);
	return v;
}

static void set_field(u8 *t, const struct field *f, u64 v)
{
	memcpy(t + f->off, &v, f->width);
}

/* The extreme and neighbouring values for a field now holding @p cur,
 * or (@p bits) the values one bit away from it. */
static u32 field_values(const struct field *f, u64 cur, bool bits, u64 *out)
{
	const u64 base[] = {
		0, 1, 2, 3, 4, 5, 7, 8, 15, 16, 17, 0x7f, 0x80, 0xff, 0x100,
		BH_MAX_CELLS, BH_MAX_CELLS + 1, BH_MAX_BLOBS,
		BH_IMAGE_MAX_PARTS - 1, BH_IMAGE_MAX_PARTS,
		BH_IMAGE_MAX_PARTS + 1, nparts - 1, nparts + 1, ncells - 1,
		ncells + 1, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff,
		0x100000000ULL, 0x100000001ULL, 1ULL << 63, (1ULL << 63) - 1,
		~0ULL, ~0ULL - 15, ~0ULL - 1, orig_len - 1, orig_len,
		orig_len + 1, orig_len - 16, orig_len + 16, table_end - 1,
		table_end, table_end + 1, table_end - 16, table_end + 16,
		table_end - PART_SIZE, HDR_SIZE, cur - 1, cur + 1, cur - 16,
		cur + 16, cur * 2, cur / 2, ~cur, cur + orig_len,
		cur - orig_len, cur + (1ULL << 32), cur + (1ULL << 63),
	};
	u64 mask = f->width == 8 ? ~0ULL : (1ULL << (8 * f->width)) - 1;
	u32 n = 0, i, j, bit;

	for (i = 0; i < BH_ARRAY_SIZE(base) && !bits; i++)
		out[n++] = base[i];
	for (i = 0; i < nparts && !bits; i++) {
		out[n++] = op[i].offset;
		out[n++] = op[i].size;
		out[n++] = op[i].offset + op[i].size;
		out[n++] = orig_len - op[i].offset;
	}
	for (bit = 0; bit < 8 * f->width && bits; bit++)
		out[n++] = cur ^ (1ULL << bit);
	/* Truncate to the field, drop no-ops and repeats. */
	for (i = j = 0; i < n; i++) {
		u64 v = out[i] & mask;
		u32 k;

		if (v == cur)
			continue;
		for (k = 0; k < j && out[k] != v; k++)
			;
		if (k == j)
			out[j++] = v;
	}
	return j;
}

/* ---- families ---- */

/* Every shorter length: as it is, and with the header saying that length
 * and every digest re-sealed. */
static void fam_truncate(void)
{
	struct family f;
	u64 l;

	family_begin(&f, "tamper_truncate");
	for (l = 0; l < orig_len; l++) {
		u8 *t = copy_len(l);

		describe("truncated to %llu bytes", (unsigned long long)l);
		try_image(t, l, true);
		t = copy_len(l);
		describe("truncated to %llu bytes, file_size and digests "
			 "re-sealed", (unsigned long long)l);
		if (l >= HDR_SIZE)
			hdr(t)->sealed.file_size = l;
		try_sealed(t, l, SEAL_ALL);
	}
	family_end();
}

/* Trailing bytes: refused as they are, equal in meaning when the header
 * says the new size and the file is re-sealed. */
static void fam_extend(void)
{
	static const u64 extra[] = { 1, 15, 16, 17, 128, 4096, 65536 };
	struct family f;
	u32 i, fill;

	family_begin(&f, "tamper_extend");
	for (i = 0; i < BH_ARRAY_SIZE(extra); i++)
		for (fill = 0; fill < 2; fill++) {
			u64 l = orig_len + extra[i];
			enum seal s;

			for (s = SEAL_NONE; s <= SEAL_ALL; s++) {
				u8 *t = copy_len(l);

				memset(t + orig_len, fill ? 0xff : 0,
				       extra[i]);
				describe("%llu bytes of 0x%02x appended, "
					 "file_size updated, %s",
					 (unsigned long long)extra[i],
					 fill ? 0xff : 0, seal_name[s]);
				hdr(t)->sealed.file_size = l;
				try_sealed(t, l, s);
				t = copy_len(l);
				describe("%llu bytes appended, %s",
					 (unsigned long long)extra[i],
					 seal_name[s]);
				try_sealed(t, l, s);
			}
		}
	family_end();
}

/* Every field of the header and the part table set to each extreme, as
 * it is and re-sealed both ways; and each bit of it flipped, re-sealed
 * (the bytes and random families flip bits without re-sealing). */
static void fam_fields(void)
{
	static u64 vals[512];
	struct family f;
	u32 i, k, n, bits;
	enum seal s;

	family_begin(&f, "tamper_fields");
	for (i = 0; i < nfields; i++) {
		u64 cur = get_field(orig, &fields[i]);

		for (bits = 0; bits < 2; bits++) {
			n = field_values(&fields[i], cur, bits, vals);
			for (k = 0; k < n; k++)
				for (s = bits ? SEAL_ALL : SEAL_NONE;
				     s <= SEAL_ALL; s++) {
					u8 *t = copy();

					describe("%s 0x%llx -> 0x%llx, %s",
						 fields[i].name,
						 (unsigned long long)cur,
						 (unsigned long long)vals[k],
						 seal_name[s]);
					set_field(t, &fields[i], vals[k]);
					try_sealed(t, orig_len, s);
				}
		}
	}
	family_end();
}

/* Parts made to overlap, share or swap their ranges, re-sealed. */
static void fam_overlap(void)
{
	struct family f;
	u32 i, j;

	family_begin(&f, "tamper_overlap");
	for (i = 0; i < nparts; i++)
		for (j = 0; j < nparts; j++) {
			u8 *t;

			if (i == j)
				continue;
			t = copy();
			describe("part %u offset set to part %u's", i, j);
			parts(t)[i].offset = op[j].offset;
			try_sealed(t, orig_len, SEAL_ALL);

			t = copy();
			describe("part %u range set to part %u's", i, j);
			parts(t)[i].offset = op[j].offset;
			parts(t)[i].size = op[j].size;
			try_sealed(t, orig_len, SEAL_ALL);

			t = copy();
			describe("part %u runs 16 bytes into part %u", i, j);
			parts(t)[i].size = op[j].offset + 16 - op[i].offset;
			try_sealed(t, orig_len, SEAL_ALL);

			t = copy();
			describe("ranges of parts %u and %u swapped", i, j);
			parts(t)[i].offset = op[j].offset;
			parts(t)[i].size = op[j].size;
			parts(t)[j].offset = op[i].offset;
			parts(t)[j].size = op[i].size;
			try_sealed(t, orig_len, SEAL_ALL);

			t = copy();
			describe("entries %u and %u swapped", i, j);
			parts(t)[i] = op[j];
			parts(t)[j] = op[i];
			try_sealed(t, orig_len, SEAL_ALL);

			t = copy();
			describe("entry %u copied over entry %u", j, i);
			parts(t)[i] = op[j];
			try_sealed(t, orig_len, SEAL_ALL);
		}
	family_end();
}

/*
 * A new image written from a list of the original's entries (each index
 * into op[]), each part's data @p gap[i] bytes after the previous part's
 * end rounded up to the alignment, @p tail bytes after the last: as a
 * writer that knows the format but not its rules would write it.
 */
static void try_layout(const u32 *list, const u64 *gap, u32 n, u64 tail)
{
	u64 te = HDR_SIZE + (u64)n * PART_SIZE, off = te, len;
	struct bh_image_part *p;
	u32 i;
	u8 *t;

	for (i = 0; i < n; i++)
		off = ((off + BH_IMAGE_ALIGN - 1) & ~(u64)(BH_IMAGE_ALIGN - 1)) +
		      gap[i] + op[list[i]].size;
	len = off + tail;
	t = zeroed(len);
	memcpy(t, orig, HDR_SIZE);
	hdr(t)->num_parts = n;
	hdr(t)->sealed.file_size = len;
	p = parts(t);
	off = te;
	for (i = 0; i < n; i++) {
		off = ((off + BH_IMAGE_ALIGN - 1) & ~(u64)(BH_IMAGE_ALIGN - 1)) +
		      gap[i];
		p[i] = op[list[i]];
		p[i].offset = off;
		memcpy(t + off, orig + op[list[i]].offset, op[list[i]].size);
		off += op[list[i]].size;
	}
	try_sealed(t, len, SEAL_ALL);
}

/* The layout rewritten: gaps, entries reordered, dropped and repeated. */
static void fam_layout(void)
{
	static const u64 gaps[] = { 1, 8, 16, 32, 4096 };
	u32 list[BH_IMAGE_MAX_PARTS + 1];
	u64 gap[BH_IMAGE_MAX_PARTS + 1];
	struct family f;
	u32 i, k, g, n;

	family_begin(&f, "tamper_layout");
	for (i = 0; i < nparts; i++) {
		list[i] = i;
		gap[i] = 0;
	}
	describe("the original layout rewritten");
	try_layout(list, gap, nparts, 0);
	describe("16 bytes after the last part");
	try_layout(list, gap, nparts, 16);
	for (k = 0; k < nparts; k++)
		for (g = 0; g < BH_ARRAY_SIZE(gaps); g++) {
			describe("gap of %llu bytes before part %u",
				 (unsigned long long)gaps[g], k);
			gap[k] = gaps[g];
			try_layout(list, gap, nparts, 0);
			gap[k] = 0;
		}
	for (k = 0; k < nparts; k++) {
		describe("entry %u dropped", k);
		for (i = n = 0; i < nparts; i++)
			if (i != k)
				list[n++] = i;
		try_layout(list, gap, n, 0);

		describe("entry %u repeated", k);
		for (i = n = 0; i < nparts; i++) {
			list[n++] = i;
			if (i == k)
				list[n++] = i;
		}
		try_layout(list, gap, n, 0);

		describe("entry %u moved to the end", k);
		for (i = n = 0; i < nparts; i++)
			if (i != k)
				list[n++] = i;
		list[n++] = k;
		try_layout(list, gap, n, 0);

		if (k + 1 < nparts) {
			describe("entries %u and %u exchanged, data too", k,
				 k + 1);
			for (i = 0; i < nparts; i++)
				list[i] = i;
			list[k] = k + 1;
			list[k + 1] = k;
			try_layout(list, gap, nparts, 0);
		}
	}
	describe("table in reverse order");
	for (i = 0; i < nparts; i++)
		list[i] = nparts - 1 - i;
	try_layout(list, gap, nparts, 0);
	family_end();
}

/* The part holding byte @p at of the original, or PL_NONE (padding). */
static u32 part_at(u64 at)
{
	u32 i;

	for (i = 0; i < nparts; i++)
		if (at >= op[i].offset && at - op[i].offset < op[i].size)
			return i;
	return PL_NONE;
}

/* Every byte changed: behind the table, as it is (refused) and re-sealed
 * (a payload byte: exactly that byte changes in its part; padding:
 * nothing changes); in the header and table, re-sealed. */
static void fam_bytes(void)
{
	struct family f;
	u64 at;

	family_begin(&f, "tamper_bytes");
	for (at = 0; at < orig_len; at++) {
		u8 delta = (u8)(1 + rnd() % 255);
		u32 part = part_at(at);
		u8 *t;

		if (at < BH_SEALED_DIGESTED_FROM)
			continue;	/* the fields family covers these */
		describe("byte %llu (%s %u) ^= 0x%02x, unsealed",
			 (unsigned long long)at,
			 part == PL_NONE ? "outside parts" : "part",
			 part == PL_NONE ? 0 : part, delta);
		t = copy();
		t[at] ^= delta;
		try_image(t, orig_len, true);

		describe("byte %llu (%s %u) ^= 0x%02x, all re-sealed",
			 (unsigned long long)at,
			 part == PL_NONE ? "outside parts" : "part",
			 part == PL_NONE ? 0 : part, delta);
		t = copy();
		t[at] ^= delta;
		fix_reseal(t, orig_len);
		if (at < table_end)
			try_payload(t, orig_len, false, PL_NONE, 0);
		else
			try_payload(t, orig_len, false, part,
				    part == PL_NONE ? 0 : at - op[part].offset);
	}
	family_end();
}

/* Random flips of 1 to 8 bits anywhere, and random extreme values in 1
 * to 4 random fields at once, each with a random sealing. */
static void fam_random(void)
{
	static u64 vals[512];
	struct family f;
	u32 iter, k;

	family_begin(&f, "tamper_random");
	for (iter = 0; iter < 4000; iter++) {
		enum seal s = (enum seal)(rnd() % 3);
		u8 *t = copy();

		if (iter % 2 == 0) {
			u32 flips = 1 + (u32)(rnd() % 8);

			for (k = 0; k < flips; k++)
				t[rnd() % orig_len] ^= (u8)(1u << (rnd() % 8));
			describe("random flips #%u (%u bits), %s", iter, flips,
				 seal_name[s]);
		} else {
			u32 nf = 1 + (u32)(rnd() % 4);

			for (k = 0; k < nf; k++) {
				const struct field *fl =
					&fields[rnd() % nfields];
				u32 n = field_values(fl, get_field(t, fl),
						     rnd() % 2, vals);

				set_field(t, fl, vals[rnd() % n]);
			}
			describe("random fields #%u (%u fields), %s", iter, nf,
				 seal_name[s]);
		}
		if (!memcmp(t, orig, orig_len)) {
			free(t);	/* flips that cancelled out */
			continue;
		}
		seal(t, orig_len, s);
		try_payload(t, orig_len, s == SEAL_NONE, PL_ANY, 0);
	}
	family_end();
}

/* ---- main ---- */

static bool setup(void)
{
	struct bh_image_view v;
	const char *problem;
	int rc;

	hv = fix_hv_header();
	if (fix_build(FIX_CELLS, &orig, &orig_len)) {
		printf("FAIL tamper_setup: bh_image_build failed\n");
		return false;
	}
	op = parts(orig);
	nparts = hdr(orig)->num_parts;
	ncells = hdr(orig)->num_cells;
	table_end = HDR_SIZE + (u64)nparts * PART_SIZE;
	memset(&cap, 0, sizeof(cap));
	rc = bh_image_open(&v, orig, orig_len, &hv, "system.img", &rep);
	problem = rc ? "the original is refused (see stderr)" :
		  fix_view_problem(&v, orig, orig_len);
	if (!problem)
		problem = meaning_problem(&v, orig, PL_NONE, 0);
	if (problem) {
		printf("FAIL tamper_setup: %s\n", problem);
		return false;
	}
	printf("ok tamper_setup %llu-byte image, %u parts, %u cells\n",
	       (unsigned long long)orig_len, nparts, ncells);
	return true;
}

/* Messages of the original's refusal, if it is refused, go to stderr. */
static void stderr_emit(void *ctx, const char *msg)
{
	(void)ctx;
	fprintf(stderr, "%s\n", msg);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
#ifdef __SANITIZE_ADDRESS__
	__sanitizer_set_death_callback(sanitizer_died);
#endif
	signal(SIGALRM, hang);
	alarm(TIME_LIMIT);

	rep.emit = stderr_emit;
	if (!setup())
		return 1;
	rep.emit = capture_emit;
	collect_fields();

	fam_truncate();
	fam_extend();
	fam_fields();
	fam_overlap();
	fam_layout();
	fam_bytes();
	fam_random();

	printf("ok image_tamper tried %llu refused %llu accepted-equal %llu\n",
	       (unsigned long long)total_tried,
	       (unsigned long long)total_refused,
	       (unsigned long long)total_accepted);
	if (total_tried < 10000) {
		printf("FAIL image_tamper_count: only %llu mutations\n",
		       (unsigned long long)total_tried);
		failures++;
	}
	free(orig);
	return failures ? 1 : 0;
}
