/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * libFuzzer target: the image reader, bh_image_open(), and the
 * hypervisor-binary check, bh_hv_check(), on arbitrary bytes.
 *
 * Each input is read twice by both: as it is (the digests almost always
 * refuse it, which checks the identity, size and digest stages), and
 * re-sealed as the writer seals (file size, every part digest whose range
 * lies in the input, the whole-file digest), which takes mutations past
 * the digests to the part table, the view, the config rules and the
 * hypervisor header's addresses. Properties: a refusal returns a negative
 * value with at least one message; an accepted view passes
 * fix_view_problem() (everything inside the buffer, parts behind the
 * table and apart) and the config checker again; an accepted hypervisor
 * has its entry inside it, behind its header. The
 * input buffers are exactly as long as the input, so ASan sees any read
 * past the end. Seeds: tests/fuzz/corpus/image/ (tests/fuzz/mkseeds.c).
 */
#include "fuzz_common.h"
#include "image_fixture.h"

static void open_checked(const u8 *buf, size_t size,
			 const struct bh_hv_header *hv)
{
	struct bh_report r = fuzz_report();
	struct bh_image_view v;
	int rc;

	memset(&v, 0, sizeof(v));
	rc = bh_image_open(&v, buf, size, hv, "system.img", &r);
	if (rc) {
		FUZZ_CHECK(rc < 0 && r.errors > 0,
			   "refused without a message or with rc > 0");
		return;
	}
	FUZZ_CHECK(r.errors == 0, "accepted with messages");
	FUZZ_CHECK(!fix_view_problem(&v, buf, size),
		   fix_view_problem(&v, buf, size));
	FUZZ_CHECK(bh_config_check(&v.set, &r) == 0,
		   "accepted a set the checker refuses");
}

/* An accepted hypervisor binary's entry lies in it, behind its header. */
static void hv_checked(const u8 *buf, size_t size)
{
	const struct bh_hv_header *h = (const void *)buf;
	struct bh_report r = fuzz_report();
	int rc = bh_hv_check(buf, size, "hypervisor.bin", &r);

	if (rc) {
		FUZZ_CHECK(rc < 0 && r.errors > 0,
			   "hypervisor refused without a message");
		return;
	}
	FUZZ_CHECK(r.errors == 0 && size >= sizeof(*h) &&
		   h->entry >= h->link_address + sizeof(*h) &&
		   h->entry - h->link_address < size &&
		   h->memory_size >= size, "hypervisor accepted, entry or "
		   "memory size outside it");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct bh_hv_header hv;
	u8 *t;

	if (!hv.sealed.version)
		hv = fix_hv_header();
	hv_checked(data, size);
	open_checked(data, size, &hv);
	if (size < sizeof(struct bh_hv_header))
		return 0;
	t = malloc(size);
	if (!t)
		return 0;
	memcpy(t, data, size);
	((struct bh_sealed_header *)t)->file_size = size;
	bh_seal(t, size);
	hv_checked(t, size);
	if (size >= sizeof(struct bh_image_header)) {
		fix_reseal(t, size);
		open_checked(t, size, &hv);
	}
	free(t);
	return 0;
}
