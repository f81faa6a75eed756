/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Host unit test of the SVM I/O and MSR permission maps
 * (arch/x86/bitmaps.c).
 *
 * Every expected byte offset and bit below is typed in by hand from the
 * AMD APM vol. 2 layout (15.10.1 IOPM, 15.11 MSRPM), never computed by the
 * code under test. Maps are heap buffers of exactly IOPM_SIZE / MSRPM_SIZE
 * bytes, so ASan catches a write past the end, and each result is compared
 * with a whole expected map, so a stray bit anywhere is caught.
 *
 * Output: one line per check, `ok <name>` or `FAIL <name>: <detail>`.
 * Exit status 0 when every check passes, 1 otherwise.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bitmaps.h"

#include "check.h"

/* ---- maps ---- */

/* A heap map of exactly @p size bytes, so ASan sees overruns. */
static u8 *map_new(size_t size, u8 fill)
{
	u8 *map = malloc(size);

	if (!map) {
		printf("FAIL %s: out of memory\n", current_check);
		exit(1);
	}
	memset(map, fill, size);
	return map;
}

/*
 * Compare @p got with @p want; on a difference, describe the first
 * differing byte (and how many differ) in @p detail.
 */
static bool map_same(const u8 *got, const u8 *want, size_t size,
		     char *detail, size_t len)
{
	size_t i, first = size, n = 0;

	for (i = 0; i < size; i++) {
		if (got[i] != want[i]) {
			if (first == size)
				first = i;
			n++;
		}
	}
	if (!n)
		return true;
	snprintf(detail, len,
		 "byte 0x%zx is 0x%02x, want 0x%02x (%zu bytes differ)",
		 first, got[first], want[first], n);
	return false;
}

static void check_map(const char *name, const u8 *got, const u8 *want,
		      size_t size)
{
	char detail[256];

	check(name, map_same(got, want, size, detail, sizeof(detail)), detail);
}

/* ---- I/O permission map ---- */

/* Allow [@p port, @p port + @p len) on a 0xff map; want the same map with
 * byte at[i] set to val[i]. */
struct iopm_case {
	const char *name;
	u32 port, len;
	unsigned int nbytes;
	u32 at[4];
	u8 val[4];
};

static const struct iopm_case iopm_cases[] = {
	/* COM1: ports 0x3f8-0x3ff are exactly byte 0x7f. */
	{ "iopm_com1", 0x3f8, 8, 1, { 0x7f }, { 0x00 } },
	/* 0x2f6-0x2f7: byte 0x5e bits 6-7; 0x2f8-0x2f9: byte 0x5f bits 0-1. */
	{ "iopm_cross_byte", 0x2f6, 4, 2, { 0x5e, 0x5f }, { 0x3f, 0xfc } },
	{ "iopm_port0", 0x0, 1, 1, { 0x00 }, { 0xfe } },
	/* Port 0x80: byte 0x10 bit 0. */
	{ "iopm_port80", 0x80, 1, 1, { 0x10 }, { 0xfe } },
	/* Port 0x61: byte 0x0c bit 1. */
	{ "iopm_port61", 0x61, 1, 1, { 0x0c }, { 0xfd } },
	/* 0xcf8-0xcff: byte 0x19f. */
	{ "iopm_pci_cf8", 0xcf8, 8, 1, { 0x19f }, { 0x00 } },
	/* Port 0xffff: byte 0x1fff bit 7 and nothing past it. */
	{ "iopm_last_port", 0xffff, 4, 1, { 0x1fff }, { 0x7f } },
	/* Ports past 0xffff are ignored, len 0 changes nothing. */
	{ "iopm_past_ffff", 0x10000, 4, 0, { 0 }, { 0 } },
	{ "iopm_len0", 0x3f8, 0, 0, { 0 }, { 0 } },
	{ "iopm_len0_last", 0xffff, 0, 0, { 0 }, { 0 } },
};

static void test_iopm_cases(void)
{
	unsigned int i, j;

	for (i = 0; i < BH_ARRAY_SIZE(iopm_cases); i++) {
		const struct iopm_case *c = &iopm_cases[i];
		u8 *got = map_new(IOPM_SIZE, 0xff);
		u8 *want = map_new(IOPM_SIZE, 0xff);

		for (j = 0; j < c->nbytes; j++)
			want[c->at[j]] = c->val[j];
		iopm_allow(got, c->port, c->len);
		check_map(c->name, got, want, IOPM_SIZE);
		free(got);
		free(want);
	}
}

static void test_iopm_neighbours(void)
{
	u8 *map = map_new(IOPM_SIZE, 0xff);

	iopm_allow(map, 0x3f8, 8);
	checkf("iopm_com1_byte", map[0x7f] == 0x00, "byte 0x7f is 0x%02x",
	       map[0x7f]);
	/* 0x3f7 is byte 0x7e bit 7, 0x400 is byte 0x80 bit 0. */
	checkf("iopm_com1_below", map[0x7e] & 0x80, "byte 0x7e is 0x%02x",
	       map[0x7e]);
	checkf("iopm_com1_above", map[0x80] & 0x01, "byte 0x80 is 0x%02x",
	       map[0x80]);
	free(map);
}

static void test_iopm_spill(void)
{
	u8 *map = map_new(IOPM_SIZE, 0xff);
	unsigned int i, bad = 0;

	iopm_allow(map, 0xffff, 4);
	for (i = 0x2000; i < IOPM_SIZE; i++)
		bad += map[i] != 0xff;
	checkf("iopm_last_port_spill_untouched", !bad,
	       "%u bytes from 0x2000 changed", bad);
	free(map);
}

static void test_iopm_huge(void)
{
	u8 *got = map_new(IOPM_SIZE, 0xff);
	u8 *want = map_new(IOPM_SIZE, 0xff);

	/* Every port: bytes 0-0x1fff clear, the spill untouched. */
	memset(want, 0x00, 0x2000);
	iopm_allow(got, 0, 0x10000);
	check_map("iopm_all_ports", got, want, IOPM_SIZE);

	/* A length that would wrap u32 must stop at 0xffff. */
	memset(got, 0xff, IOPM_SIZE);
	memset(want, 0xff, IOPM_SIZE);
	want[0x1fff] = 0x3f;
	iopm_allow(got, 0xfffe, 0xffffffffU);
	check_map("iopm_len_wrap", got, want, IOPM_SIZE);
	free(got);
	free(want);
}

static void test_iopm_clear_stays_clear(void)
{
	u8 *got = map_new(IOPM_SIZE, 0x00);
	u8 *want = map_new(IOPM_SIZE, 0x00);

	iopm_allow(got, 0x2f6, 4);
	check_map("iopm_sets_nothing", got, want, IOPM_SIZE);
	free(got);
	free(want);
}

/* ---- MSR permission map ---- */

/* @p byte and @p shift of the read bit; the write bit is shift + 1. */
struct msr_case {
	const char *name;
	u32 msr;
	u32 byte;
	unsigned int shift;
};

static const struct msr_case msr_cases[] = {
	{ "msr_0", 0x0, 0x000, 0 },
	{ "msr_1", 0x1, 0x000, 2 },
	/* 0x80b * 2 = 0x1016: byte 0x202, bit 6. */
	{ "msr_x2apic_eoi", 0x80b, 0x202, 6 },
	/* 0x830 * 2 = 0x1060: byte 0x20c, bit 0. */
	{ "msr_x2apic_icr", 0x830, 0x20c, 0 },
	/* 0x1fff * 2 = 0x3ffe: byte 0x7ff, bit 6. */
	{ "msr_last_low", 0x1fff, 0x7ff, 6 },
	{ "msr_c0000000", 0xc0000000, 0x800, 0 },
	/* EFER: 0x80 * 2 = 0x100: 0x800 + 0x20. */
	{ "msr_efer", 0xc0000080, 0x820, 0 },
	/* STAR: 0x81 * 2 = 0x102: 0x820, bit 2. */
	{ "msr_star", 0xc0000081, 0x820, 2 },
	/* FS.base: 0x100 * 2 = 0x200: 0x800 + 0x40. */
	{ "msr_fs_base", 0xc0000100, 0x840, 0 },
	{ "msr_last_c0000000", 0xc0001fff, 0xfff, 6 },
	{ "msr_c0010000", 0xc0010000, 0x1000, 0 },
	/* VM_CR: 0x114 * 2 = 0x228: 0x1000 + 0x45. */
	{ "msr_vm_cr", 0xc0010114, 0x1045, 0 },
	{ "msr_last_c0010000", 0xc0011fff, 0x17ff, 6 },
};

static const u32 msr_outside[] = {
	0x2000, 0xbfffffff, 0xc0002000, 0xc000ffff, 0xc0012000, 0xffffffff,
};

/*
 * One MSR, one read/write combination, from a map filled with @p fill:
 * want only the MSR's two bits changed, and msrpm_intercepts() to agree.
 */
static void msr_one(const struct msr_case *c, bool r, bool w, u8 fill)
{
	u8 *got = map_new(MSRPM_SIZE, fill);
	u8 *want = map_new(MSRPM_SIZE, fill);
	u8 mask = (u8)(3U << c->shift);
	u8 bits = (u8)(((r ? 1U : 0U) | (w ? 2U : 0U)) << c->shift);
	char name[128], detail[256];
	bool ir, iw;
	int ret;

	want[c->byte] = (u8)((want[c->byte] & ~mask) | bits);
	ret = msrpm_set(got, c->msr, r, w);
	snprintf(name, sizeof(name), "%s_%s%s_from_%02x", c->name,
		 r ? "r" : "", w ? "w" : "", fill);
	if (ret != 0) {
		checkf(name, false, "msrpm_set returned %d", ret);
	} else if (!map_same(got, want, MSRPM_SIZE, detail, sizeof(detail))) {
		check(name, false, detail);
	} else {
		ir = msrpm_intercepts(got, c->msr, false);
		iw = msrpm_intercepts(got, c->msr, true);
		checkf(name, ir == r && iw == w,
		       "msrpm_intercepts read %d write %d, want %d %d",
		       ir, iw, r, w);
	}
	free(got);
	free(want);
}

static void test_msrpm_cases(void)
{
	unsigned int i, k;

	for (i = 0; i < BH_ARRAY_SIZE(msr_cases); i++)
		for (k = 0; k < 4; k++) {
			msr_one(&msr_cases[i], k & 1, k & 2, 0x00);
			msr_one(&msr_cases[i], k & 1, k & 2, 0xff);
		}
}

static void test_msrpm_outside(void)
{
	unsigned int i, k;
	char name[128], detail[256];

	for (i = 0; i < BH_ARRAY_SIZE(msr_outside); i++) {
		u32 msr = msr_outside[i];
		u8 *got = map_new(MSRPM_SIZE, 0x00);
		u8 *want = map_new(MSRPM_SIZE, 0x00);
		bool ok = true;

		detail[0] = 0;
		for (k = 0; k < 4 && ok; k++) {
			int ret = msrpm_set(got, msr, k & 1, k & 2);

			if (ret != -1) {
				snprintf(detail, sizeof(detail),
					 "msrpm_set(%d, %d) returned %d",
					 (int)(k & 1), !!(k & 2), ret);
				ok = false;
			} else {
				ok = map_same(got, want, MSRPM_SIZE, detail,
					      sizeof(detail));
			}
		}
		snprintf(name, sizeof(name), "msr_outside_%x_set", msr);
		check(name, ok, detail);

		/* Uncovered MSRs always exit, whatever the map says. */
		snprintf(name, sizeof(name), "msr_outside_%x_intercepts", msr);
		checkf(name, msrpm_intercepts(got, msr, false) &&
		       msrpm_intercepts(got, msr, true),
		       "read %d write %d on a zero map",
		       msrpm_intercepts(got, msr, false),
		       msrpm_intercepts(got, msr, true));
		free(got);
		free(want);
	}
}

/* Several MSRs in one map: each keeps its own bits. */
static void test_msrpm_combined(void)
{
	u8 *got = map_new(MSRPM_SIZE, 0xff);
	u8 *want = map_new(MSRPM_SIZE, 0xff);
	bool ok;

	msrpm_set(got, 0x830, false, false);		/* 0x20c bits 0-1 */
	msrpm_set(got, 0x80b, false, true);		/* 0x202 bit 6 */
	msrpm_set(got, 0xc0000080, true, false);	/* 0x820 bit 1 */
	msrpm_set(got, 0xc0000081, false, false);	/* 0x820 bits 2-3 */
	msrpm_set(got, 0xc0010114, false, true);	/* 0x1045 bit 0 */
	want[0x20c] = 0xfc;
	want[0x202] = 0xbf;
	want[0x820] = 0xf1;
	want[0x1045] = 0xfe;
	check_map("msr_combined", got, want, MSRPM_SIZE);

	ok = msrpm_intercepts(got, 0x830, false) == false &&
	     msrpm_intercepts(got, 0x830, true) == false &&
	     msrpm_intercepts(got, 0x80b, false) == false &&
	     msrpm_intercepts(got, 0x80b, true) == true &&
	     msrpm_intercepts(got, 0xc0000080, false) == true &&
	     msrpm_intercepts(got, 0xc0000080, true) == false &&
	     msrpm_intercepts(got, 0x831, false) == true &&
	     msrpm_intercepts(got, 0x82f, true) == true;
	check("msr_combined_intercepts", ok, "a bit read back wrong");
	free(got);
	free(want);
}

int main(void)
{
	sanitizers_init();
	RUN(test_iopm_cases);
	RUN(test_iopm_neighbours);
	RUN(test_iopm_spill);
	RUN(test_iopm_huge);
	RUN(test_iopm_clear_stays_clear);
	RUN(test_msrpm_cases);
	RUN(test_msrpm_outside);
	RUN(test_msrpm_combined);
	return failures ? 1 : 0;
}
