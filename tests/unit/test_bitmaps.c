/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Host unit test of the SVM I/O and MSR permission maps
 * (arch/x86/bitmaps.c) and of the ICR write filter (arch/x86/icr.c).
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
#include "icr.h"

#if defined(__SANITIZE_ADDRESS__)
#define HAVE_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HAVE_ASAN 1
#endif
#endif
#ifdef HAVE_ASAN
#include <sanitizer/common_interface_defs.h>
#endif

static int failures;

/* ---- sanitizers ---- */

/* The check running, named in a FAIL line if a sanitizer aborts it. */
static const char *current_check = "startup";

#ifdef HAVE_ASAN
static void sanitizer_died(void)
{
	printf("FAIL %s: aborted by a sanitizer (report on stderr)\n",
	       current_check);
	fflush(stdout);
}
#endif

/* Make a UBSan finding fail the run instead of scrolling past. */
const char *__ubsan_default_options(void);
const char *__ubsan_default_options(void)
{
	return "halt_on_error=1:print_stacktrace=1";
}

static void sanitizers_init(void)
{
	/* Line-buffered: an abort must not swallow the results so far. */
	setvbuf(stdout, NULL, _IOLBF, 0);
#ifdef HAVE_ASAN
	__sanitizer_set_death_callback(sanitizer_died);
#endif
}

#define RUN(test)				\
	do {					\
		current_check = #test;		\
		test();				\
	} while (0)

/* ---- output ---- */

static void check(const char *name, bool cond, const char *detail)
{
	if (cond) {
		printf("ok %s\n", name);
	} else {
		printf("FAIL %s: %s\n", name, detail);
		failures++;
	}
}

static void checkf(const char *name, bool cond, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void checkf(const char *name, bool cond, const char *fmt, ...)
{
	char detail[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	check(name, cond, detail);
}

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

/* ---- ICR filter ---- */

struct cell {
	u32 ids[2];
	unsigned int calls;
	u32 last_id;
	bool bad_ctx;
};

static struct cell cell = { .ids = { 2, 3 } };

static bool is_cell_apic(void *ctx, u32 apic_id)
{
	struct cell *c = ctx;

	if (c != &cell) {
		cell.bad_ctx = true;
		return false;
	}
	c->calls++;
	c->last_id = apic_id;
	return apic_id == c->ids[0] || apic_id == c->ids[1];
}

#define SELF		2U
#define DEST(id)	((u64)(id) << 32)
#define SH_SELF		(1ULL << 18)
#define SH_ALL		(2ULL << 18)
#define SH_OTHERS	(3ULL << 18)
#define LOGICAL		(1ULL << 11)
#define ASSERT		(1ULL << 14)
#define LEVEL		(1ULL << 15)
#define DM(m)		((u64)(m) << 8)
#define NO_DEST		0xdeadbeefU

struct icr_case {
	const char *name;
	u64 icr;
	enum icr_action want;
	u32 dest;		/* wanted *dest, or NO_DEST not to check */
	const char *why;	/* substring of *why on ICR_REFUSE */
};

static const struct icr_case icr_cases[] = {
	{ "icr_fixed_in_cell", DEST(3) | 0x30, ICR_FORWARD, 3, NULL },
	{ "icr_fixed_self_by_id", DEST(2) | 0x30, ICR_FORWARD, 2, NULL },
	{ "icr_fixed_outside", DEST(1) | 0x30, ICR_REFUSE, NO_DEST, "outside" },
	{ "icr_fixed_shorthand_self", SH_SELF | 0x30, ICR_FORWARD, 2, NULL },
	/* With shorthand self the destination field is ignored. */
	{ "icr_fixed_shorthand_self_dest1", DEST(1) | SH_SELF | 0x30,
	  ICR_FORWARD, 2, NULL },
	{ "icr_nmi_shorthand_self", SH_SELF | DM(4), ICR_IGNORE, NO_DEST,
	  NULL },
	{ "icr_init_shorthand_self", SH_SELF | DM(5) | ASSERT, ICR_REFUSE,
	  NO_DEST, NULL },
	{ "icr_broadcast_all", SH_ALL | 0x30, ICR_ALL, NO_DEST, NULL },
	{ "icr_broadcast_others", SH_OTHERS | 0x30, ICR_ALL_BUT_SELF,
	  NO_DEST, NULL },
	/* Linux's smp_send_stop: all-but-self with a stray destination. */
	{ "icr_broadcast_others_dest6", DEST(6) | SH_OTHERS | LEVEL | 0xf8,
	  ICR_ALL_BUT_SELF, NO_DEST, NULL },
	{ "icr_broadcast_lowest", SH_ALL | DM(1) | 0x30, ICR_ALL, NO_DEST,
	  NULL },
	{ "icr_broadcast_nmi", SH_OTHERS | DM(4), ICR_IGNORE, NO_DEST, NULL },
	{ "icr_broadcast_init", SH_OTHERS | DM(5) | ASSERT, ICR_REFUSE, NO_DEST,
	  "broadcast" },
	{ "icr_broadcast_sipi", SH_ALL | DM(6) | 0x9f, ICR_REFUSE, NO_DEST,
	  "broadcast" },
	{ "icr_broadcast_smi", SH_OTHERS | DM(2), ICR_REFUSE, NO_DEST,
	  "broadcast" },
	{ "icr_logical", DEST(3) | LOGICAL | 0x30, ICR_REFUSE, NO_DEST,
	  "logical" },
	{ "icr_init_assert", DEST(3) | DM(5) | ASSERT, ICR_INIT, 3, NULL },
	{ "icr_init_deassert", DEST(3) | DM(5) | LEVEL, ICR_IGNORE, 3, NULL },
	{ "icr_init_deassert_edge", DEST(3) | DM(5), ICR_IGNORE, 3, NULL },
	{ "icr_init_outside", DEST(1) | DM(5) | ASSERT, ICR_REFUSE, NO_DEST,
	  "outside" },
	{ "icr_sipi", DEST(3) | DM(6) | ASSERT | 0x9f, ICR_SIPI, 3, NULL },
	{ "icr_sipi_no_assert", DEST(3) | DM(6) | 0x9f, ICR_SIPI, 3, NULL },
	{ "icr_sipi_outside", DEST(1) | DM(6) | ASSERT | 0x9f, ICR_REFUSE,
	  NO_DEST, "outside" },
	{ "icr_nmi", DEST(3) | DM(4), ICR_IGNORE, NO_DEST, NULL },
	{ "icr_nmi_outside", DEST(1) | DM(4), ICR_REFUSE, NO_DEST, "outside" },
	{ "icr_smi", DEST(3) | DM(2), ICR_REFUSE, NO_DEST, "SMI" },
	{ "icr_lowest_priority", DEST(3) | DM(1) | 0x30, ICR_FORWARD, 3, NULL },
	{ "icr_lowest_priority_outside", DEST(1) | DM(1) | 0x30, ICR_REFUSE,
	  NO_DEST, "outside" },
	{ "icr_reserved_mode3", DEST(3) | DM(3) | 0x30, ICR_REFUSE, NO_DEST,
	  NULL },
	{ "icr_reserved_mode7", DEST(3) | DM(7) | 0x30, ICR_REFUSE, NO_DEST,
	  NULL },
	/* The brief's literal value: INIT assert to APIC ID 3. */
	{ "icr_dest_high_bits", 0x0000000300000000ULL | 0x4500, ICR_INIT, 3,
	  NULL },
	/* x2APIC IDs are 32 bits: 0x103 must not alias 3. */
	{ "icr_dest_not_truncated", DEST(0x103) | 0x30, ICR_REFUSE, NO_DEST,
	  "outside" },
	/* xAPIC-format destination (bits 63:56) is not APIC ID 3. */
	{ "icr_dest_xapic_format", (3ULL << 56) | 0x30, ICR_REFUSE, NO_DEST,
	  "outside" },
};

static const char *action_name(enum icr_action a)
{
	switch (a) {
	case ICR_FORWARD:
		return "FORWARD";
	case ICR_ALL:
		return "ALL";
	case ICR_ALL_BUT_SELF:
		return "ALL_BUT_SELF";
	case ICR_INIT:
		return "INIT";
	case ICR_SIPI:
		return "SIPI";
	case ICR_IGNORE:
		return "IGNORE";
	case ICR_REFUSE:
		return "REFUSE";
	}
	return "?";
}

static void test_icr_cases(void)
{
	unsigned int i;

	for (i = 0; i < BH_ARRAY_SIZE(icr_cases); i++) {
		const struct icr_case *c = &icr_cases[i];
		const char *why = NULL;
		u32 dest = NO_DEST;
		enum icr_action got;

		cell.bad_ctx = false;
		got = icr_decide(c->icr, SELF, is_cell_apic, &cell, &dest,
				 &why);
		if (cell.bad_ctx) {
			check(c->name, false, "callback got the wrong ctx");
		} else if (got != c->want) {
			checkf(c->name, false, "got %s (why \"%s\"), want %s",
			       action_name(got), why ? why : "(null)",
			       action_name(c->want));
		} else if (c->dest != NO_DEST && dest != c->dest) {
			checkf(c->name, false, "dest %#x, want %#x", dest,
			       c->dest);
		} else if (got == ICR_REFUSE && !why) {
			check(c->name, false, "no why on REFUSE");
		} else if (got == ICR_REFUSE && c->why &&
			   !strstr(why, c->why)) {
			checkf(c->name, false, "why \"%s\" lacks \"%s\"", why,
			       c->why);
		} else {
			check(c->name, true, "");
		}
	}
}

/* The callback must be asked about the 32-bit ID in bits 63:32. */
static void test_icr_callback_id(void)
{
	const char *why = NULL;
	u32 dest = NO_DEST;

	cell.calls = 0;
	cell.last_id = NO_DEST;
	icr_decide(DEST(0x103) | 0x30, SELF, is_cell_apic, &cell, &dest,
		   &why);
	checkf("icr_callback_sees_id", cell.calls >= 1 &&
	       cell.last_id == 0x103, "%u calls, last id %#x", cell.calls,
	       cell.last_id);
}

/* Check the SIPI vector survives in the value the caller forwards. */
static void test_icr_sipi_vector(void)
{
	u64 icr = DEST(3) | DM(6) | ASSERT | 0x9f;

	checkf("icr_sipi_vector_macro", ICR_VECTOR(icr) == 0x9f &&
	       ICR_DELIVERY(icr) == ICR_DM_STARTUP,
	       "vector %#x mode %u", ICR_VECTOR(icr), ICR_DELIVERY(icr));
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
	RUN(test_icr_cases);
	RUN(test_icr_callback_id);
	RUN(test_icr_sipi_vector);
	return failures ? 1 : 0;
}
