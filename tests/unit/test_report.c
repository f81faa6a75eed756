/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Host unit test of core/lib/report.c: bh_snprintf()/bh_vsnprintf()
 * compared with the host's snprintf() for every conversion, length modifier,
 * flag, width and %s precision they support, including limits (INT_MIN,
 * UINT_MAX, ...); "(null)" for a NULL string, %p, truncation and a
 * zero-sized buffer; bh_hex(); and bh_error(), which counts, formats and
 * cuts long lines.
 *
 * Output: one line per check, `ok <name>` or `FAIL <name>: <detail>`.
 * Exit status 0 when every check passes, 1 otherwise.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

#include "check.h"

/* ---- bh_snprintf() against the host ---- */

static char bh_buf[512], host_buf[512];

static void same(const char *name, const char *call, int bh_n, int host_n)
{
	checkf(name, bh_n == host_n && !strcmp(bh_buf, host_buf),
	       "%s: got \"%s\" (%d), host \"%s\" (%d)", call, bh_buf, bh_n,
	       host_buf, host_n);
}

/* Format the same arguments with both and compare text and length. */
#define SAME(name, ...)							\
	same(name, #__VA_ARGS__,					\
	     bh_snprintf(bh_buf, sizeof(bh_buf), __VA_ARGS__),		\
	     snprintf(host_buf, sizeof(host_buf), __VA_ARGS__))

static void test_integers(void)
{
	SAME("d_zero", "%d", 0);
	SAME("d_positive", "%d", 42);
	SAME("d_negative", "%d", -1);
	SAME("d_int_min", "%d", INT_MIN);
	SAME("d_int_max", "%d", INT_MAX);
	SAME("i_negative", "%i", -17);
	SAME("i_int_min", "%i", INT_MIN);
	SAME("u_zero", "%u", 0u);
	SAME("u_uint_max", "%u", UINT_MAX);
	SAME("u_int_min_bits", "%u", (unsigned int)INT_MIN);
	SAME("x_zero", "%x", 0u);
	SAME("x_value", "%x", 0xdeadbeefu);
	SAME("x_uint_max", "%x", UINT_MAX);
	SAME("x_minus_one", "%x", (unsigned int)-1);
	SAME("X_value", "%X", 0xabcdef12u);
	SAME("X_zero", "%X", 0u);
	SAME("ld_long_min", "%ld", LONG_MIN);
	SAME("ld_long_max", "%ld", LONG_MAX);
	SAME("ld_negative", "%ld", -5L);
	SAME("li_negative", "%li", -123456789012L);
	SAME("lu_ulong_max", "%lu", ULONG_MAX);
	SAME("lld_llong_min", "%lld", LLONG_MIN);
	SAME("lld_llong_max", "%lld", LLONG_MAX);
	SAME("lld_negative", "%lld", -9876543210LL);
	SAME("llu_ullong_max", "%llu", ULLONG_MAX);
	SAME("llu_zero", "%llu", 0ULL);
	SAME("lx_ulong_max", "%lx", ULONG_MAX);
	SAME("lx_value", "%lx", 0xfedcba9876543210UL);
	SAME("llx_value", "%llx", 0x0123456789abcdefULL);
	SAME("llX_value", "%llX", 0x0123456789abcdefULL);
	SAME("llx_ullong_max", "%llx", ULLONG_MAX);
	SAME("zu_size_max", "%zu", SIZE_MAX);
	SAME("zu_zero", "%zu", (size_t)0);
	SAME("zu_sizeof", "%zu", sizeof(struct bh_report));
	SAME("zx_value", "%zx", (size_t)0xabcdef);
}

static void test_widths(void)
{
	SAME("w_08x", "%08x", 0xbeefu);
	SAME("w_08x_wider_value", "%08x", 0xdeadbeefu);
	SAME("w_08x_zero", "%08x", 0u);
	SAME("w_016llx", "%016llx", 0x1234ULL);
	SAME("w_016llx_full", "%016llx", 0xfedcba9876543210ULL);
	SAME("w_5d", "%5d", 42);
	SAME("w_5d_negative", "%5d", -42);
	SAME("w_5d_narrower", "%5d", 1234567);
	SAME("w_minus5d", "%-5d|", 42);
	SAME("w_minus5d_negative", "%-5d|", -42);
	SAME("w_05d_negative", "%05d", -42);
	SAME("w_012d_int_min", "%012d", INT_MIN);
	SAME("w_04x_bdf", "%04x:%02x:%02x.%x", 0u, 0x1fu, 0x3u, 7u);
	SAME("w_10u", "%10u|", UINT_MAX);
	SAME("w_20lld", "%20lld|", LLONG_MIN);
	SAME("w_minus_20llu", "%-20llu|", 12345ULL);
	SAME("w_minus6s", "%-6s|", "ab");
	SAME("w_6s", "%6s|", "ab");
	SAME("w_2s_narrower", "%2s|", "hello");
	SAME("w_minus6s_empty", "%-6s|", "");
	SAME("w_0_width_d", "%0d", 5);
	SAME("w_1d", "%1d", 0);
}

static void test_strings_and_chars(void)
{
	SAME("s_plain", "%s", "hello");
	SAME("s_empty", "[%s]", "");
	SAME("s_two", "%s=%s", "key", "value");
	SAME("c_letter", "%c", 'A');
	SAME("c_three", "%c%c%c", 'a', 'b', 'c');
	SAME("c_in_text", "<%c>", '#');
	SAME("pct", "%%");
	SAME("pct_in_text", "100%% of %d", 3);
	SAME("pct_twice", "%%%%%d%%", 5);
	SAME("literal_only", "no conversions at all");
	SAME("empty_format", "%s", "");
	SAME("mixed", "%s: cell \"%s\": region %u [0x%llx-0x%llx) %d%%",
	     "cells/x.c", "rt", 2u, 0x3000000ULL, 0x3100000ULL, -1);
}

static void test_precision(void)
{
	SAME("s_precision_cut", "%.3s", "abcdef");
	SAME("s_precision_0", "[%.0s]", "abc");
	SAME("s_precision_longer", "%.10s", "abc");
	SAME("s_precision_exact", "%.3s", "abc");
	SAME("s_precision_width", "%8.3s|", "abcdef");
	SAME("s_precision_left", "%-8.3s|", "abcdef");
	SAME("s_precision_then_int", "%.2s%d", "xyz", 42);
}

/*
 * "%.8s" of a char[8] without a NUL, e.g. a file magic: only the 8 bytes
 * may be read. The array sits at the end of its allocation so that ASan
 * reports a read of the byte after it. Runs last: such a read aborts.
 */
static void test_precision_unterminated(void)
{
	char *magic = malloc(8);
	int n;

	if (!magic) {
		check("s_precision_unterminated", false, "out of memory");
		return;
	}
	memcpy(magic, "BHSYSIMG", 8);
	n = bh_snprintf(bh_buf, sizeof(bh_buf), "\"%.8s\"", magic);
	checkf("s_precision_unterminated",
	       n == 10 && !strcmp(bh_buf, "\"BHSYSIMG\""), "got %s (%d)",
	       bh_buf, n);
	free(magic);
}

/* The NULL is opaque to the compiler, which would warn about it. */
static const char *volatile null_str;

static void test_null_string(void)
{
	int n;

	n = bh_snprintf(bh_buf, sizeof(bh_buf), "%s", null_str);
	checkf("s_null", n == 6 && !strcmp(bh_buf, "(null)"),
	       "got \"%s\" (%d)", bh_buf, n);
	n = bh_snprintf(bh_buf, sizeof(bh_buf), "[%-8s]", null_str);
	checkf("s_null_width", n == 10 && !strcmp(bh_buf, "[(null)  ]"),
	       "got \"%s\" (%d)", bh_buf, n);
}

static void test_pointers(void)
{
	int local = 0;
	void *ptrs[] = { &local, (void *)bh_buf, (void *)0x1000,
			 (void *)UINTPTR_MAX, (void *)0x1 };
	char name[32];
	unsigned int i;
	int n;

	for (i = 0; i < BH_ARRAY_SIZE(ptrs); i++) {
		int host_n;

		n = bh_snprintf(bh_buf, sizeof(bh_buf), "%p", ptrs[i]);
		host_n = snprintf(host_buf, sizeof(host_buf), "0x%lx",
				  (unsigned long)(uintptr_t)ptrs[i]);
		snprintf(name, sizeof(name), "p_%u", i);
		checkf(name, n == host_n && !strcmp(bh_buf, host_buf),
		       "got \"%s\" (%d), want \"%s\"", bh_buf, n, host_buf);
	}
	/* The host prints "(nil)"; this one keeps the 0x form. */
	n = bh_snprintf(bh_buf, sizeof(bh_buf), "%p", (void *)0);
	checkf("p_null", n == 3 && !strcmp(bh_buf, "0x0"), "got \"%s\" (%d)",
	       bh_buf, n);
}

/* ---- truncation ---- */

#define CANARY 'Z'

static bool canary_intact(const char *buf, size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to; i++)
		if (buf[i] != CANARY)
			return false;
	return true;
}

static void test_truncation(void)
{
	char buf[32];
	int n;

	memset(buf, CANARY, sizeof(buf));
	n = bh_snprintf(buf, 5, "%s", "hello world");
	checkf("trunc_string", n == 11 && !strcmp(buf, "hell") &&
	       canary_intact(buf, 5, sizeof(buf)), "got \"%.5s\" (%d)", buf,
	       n);

	memset(buf, CANARY, sizeof(buf));
	n = bh_snprintf(buf, 4, "%d", -12345);
	checkf("trunc_number", n == 6 && !strcmp(buf, "-12") &&
	       canary_intact(buf, 4, sizeof(buf)), "got \"%.4s\" (%d)", buf, n);

	memset(buf, CANARY, sizeof(buf));
	n = bh_snprintf(buf, 6, "%08x", 0xabu);
	checkf("trunc_padding", n == 8 && !strcmp(buf, "00000") &&
	       canary_intact(buf, 6, sizeof(buf)), "got \"%.6s\" (%d)", buf, n);

	memset(buf, CANARY, sizeof(buf));
	n = bh_snprintf(buf, 1, "%s", "abc");
	checkf("trunc_size_1", n == 3 && buf[0] == '\0' &&
	       canary_intact(buf, 1, sizeof(buf)), "got %d, buf[0] 0x%02x", n,
	       (unsigned char)buf[0]);

	memset(buf, CANARY, sizeof(buf));
	n = bh_snprintf(buf, 0, "%s %d", "abc", 12);
	checkf("trunc_size_0_writes_nothing",
	       n == 6 && canary_intact(buf, 0, sizeof(buf)),
	       "got %d, buffer touched", n);

	n = bh_snprintf(NULL, 0, "%llu", ULLONG_MAX);
	checkf("trunc_null_buffer_size_0", n == 20, "got %d", n);

	/* Exactly fitting: the NUL takes the last byte. */
	memset(buf, CANARY, sizeof(buf));
	n = bh_snprintf(buf, 6, "%s", "hello");
	checkf("trunc_exact_fit", n == 5 && !strcmp(buf, "hello") &&
	       canary_intact(buf, 6, sizeof(buf)), "got \"%s\" (%d)", buf, n);

	memset(buf, CANARY, sizeof(buf));
	n = bh_snprintf(buf, 5, "%s", "hello");
	checkf("trunc_one_short", n == 5 && !strcmp(buf, "hell") &&
	       canary_intact(buf, 5, sizeof(buf)), "got \"%.5s\" (%d)", buf, n);

	memset(buf, CANARY, sizeof(buf));
	n = bh_snprintf(buf, 3, "%%%c%s", 'x', "yz");
	checkf("trunc_mixed", n == 4 && !strcmp(buf, "%x") &&
	       canary_intact(buf, 3, sizeof(buf)), "got \"%.3s\" (%d)", buf, n);
}

/* ---- bh_vsnprintf() directly ---- */

static int via_v(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int via_v(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = bh_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

static void test_vsnprintf(void)
{
	int n, host_n;

	n = via_v(bh_buf, sizeof(bh_buf), "%s|%d|%llx|%c|%zu", "v", -3,
		  0xabcULL, 'q', (size_t)77);
	host_n = snprintf(host_buf, sizeof(host_buf), "%s|%d|%llx|%c|%zu",
			  "v", -3, 0xabcULL, 'q', (size_t)77);
	same("vsnprintf_args", "via_v", n, host_n);

	/* Many arguments of mixed width: the va_list stays in step. */
	n = via_v(bh_buf, sizeof(bh_buf), "%d %lld %d %llu %d %s %u %lx %d",
		  1, -2LL, 3, 4ULL, 5, "six", 7u, 8UL, 9);
	host_n = snprintf(host_buf, sizeof(host_buf),
			  "%d %lld %d %llu %d %s %u %lx %d", 1, -2LL, 3, 4ULL,
			  5, "six", 7u, 8UL, 9);
	same("vsnprintf_many_args", "via_v", n, host_n);
}

/* ---- bh_hex() ---- */

static void test_hex(void)
{
	static const u8 some[] = { 0x00, 0x01, 0xab, 0xff, 0x7f, 0x80 };
	u8 all[256];
	char out[2 * 256 + 1], want[2 * 256 + 1];
	unsigned int i;

	bh_hex(out, some, sizeof(some));
	checkf("hex_bytes", !strcmp(out, "0001abff7f80"), "got \"%s\"", out);

	memset(out, CANARY, sizeof(out));
	bh_hex(out, some, 0);
	check("hex_empty", out[0] == '\0' && out[1] == CANARY,
	      "zero bytes did not give an empty string");

	for (i = 0; i < 256; i++) {
		all[i] = (u8)i;
		snprintf(want + 2 * i, 3, "%02x", i);
	}
	memset(out, CANARY, sizeof(out));
	bh_hex(out, all, sizeof(all));
	check("hex_all_bytes", !strcmp(out, want),
	      "differs from the host's %02x");
}

/* ---- bh_error() ---- */

struct sink {
	char last[2 * BH_REPORT_LINE];
	size_t last_len;
	unsigned int calls;
	unsigned int errors_seen;	/* r->errors when emit ran */
	struct bh_report *r;
};

static void sink_emit(void *ctx, const char *msg)
{
	struct sink *s = ctx;

	s->calls++;
	s->last_len = strlen(msg);
	s->errors_seen = s->r->errors;
	snprintf(s->last, sizeof(s->last), "%s", msg);
}

static void test_error(void)
{
	struct bh_report r = { sink_emit, NULL, 0 };
	struct sink s = { .r = &r };
	struct bh_report quiet = { NULL, NULL, 0 };
	char longer[3 * BH_REPORT_LINE], want[BH_REPORT_LINE];
	int i;

	r.ctx = &s;
	bh_error(&r, "%s: cell \"%s\": CPU %u is also in cell \"%s\"",
		 "cells/b.c", "b", 3u, "a");
	checkf("error_formats", !strcmp(s.last, "cells/b.c: cell \"b\": CPU 3 "
	       "is also in cell \"a\""), "got \"%s\"", s.last);
	checkf("error_counts", r.errors == 1 && s.calls == 1,
	       "errors %u, emit calls %u", r.errors, s.calls);
	checkf("error_counted_before_emit", s.errors_seen == 1,
	       "emit saw errors %u", s.errors_seen);

	bh_error(&r, "second %d", 2);
	checkf("error_counts_again", r.errors == 2 && s.calls == 2 &&
	       !strcmp(s.last, "second 2"), "errors %u, calls %u, \"%s\"",
	       r.errors, s.calls, s.last);

	bh_error(&quiet, "nobody listens %d", 1);
	checkf("error_without_emit", quiet.errors == 1, "errors %u",
	       quiet.errors);

	/* A message longer than a line: cut, terminated, counted once. */
	for (i = 0; i < (int)sizeof(longer) - 1; i++)
		longer[i] = (char)('a' + i % 26);
	longer[sizeof(longer) - 1] = '\0';
	memcpy(want, longer, BH_REPORT_LINE - 1);
	want[BH_REPORT_LINE - 1] = '\0';
	bh_error(&r, "%s", longer);
	checkf("error_long_line_cut", s.last_len == BH_REPORT_LINE - 1 &&
	       !strcmp(s.last, want) && r.errors == 3 && s.calls == 3,
	       "length %zu, errors %u, calls %u", s.last_len, r.errors,
	       s.calls);

	/* Cut in the middle of a number that follows a long prefix. */
	longer[BH_REPORT_LINE - 4] = '\0';
	bh_error(&r, "%s%llx", longer, 0x123456789abcdefULL);
	checkf("error_long_number_cut", s.last_len == BH_REPORT_LINE - 1 &&
	       !strcmp(s.last + BH_REPORT_LINE - 4, "123"),
	       "length %zu, tail \"%s\"", s.last_len,
	       s.last + (s.last_len > 8 ? s.last_len - 8 : 0));

	/* Exactly a line's worth fits without a cut. */
	want[BH_REPORT_LINE - 2] = '\0';
	bh_error(&r, "%s!", want);
	checkf("error_line_exact_fit", s.last_len == BH_REPORT_LINE - 1 &&
	       s.last[BH_REPORT_LINE - 2] == '!', "length %zu", s.last_len);
}

int main(void)
{
	sanitizers_init();
	RUN(test_integers);
	RUN(test_widths);
	RUN(test_strings_and_chars);
	RUN(test_precision);
	RUN(test_null_string);
	RUN(test_pointers);
	RUN(test_truncation);
	RUN(test_vsnprintf);
	RUN(test_hex);
	RUN(test_error);
	RUN(test_precision_unterminated);
	return failures ? 1 : 0;
}
