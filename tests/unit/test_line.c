/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Characters into console lines (core/lib/line.c): each of "\r\n",
 * "\n\r", "\n" and "\r" ends one line (no empty line from a CRLF), blank
 * lines a cell asks for are kept, a long line is split, nothing lost,
 * and only printable ASCII comes out.
 */
#include <string.h>

#include "check.h"
#include "line.h"

static char out[4096];

/* Feed @p in; what would be printed, one "[line]" per line. */
static const char *feed(const char *in, size_t n)
{
	struct bh_line l = { 0 };
	size_t i, len = 0;

	out[0] = '\0';
	for (i = 0; i < n; i++)
		if (bh_line_put(&l, in[i]) != BH_LINE_NONE) {
			len += (size_t)snprintf(out + len, sizeof(out) - len,
						"[%s]", l.buf);
			bh_line_next(&l);
		}
	return out;
}

static void expect(const char *name, const char *in, const char *want)
{
	const char *got = feed(in, strlen(in));

	checkf(name, !strcmp(got, want), "got %s, want %s", got, want);
}

static void test_ends(void)
{
	expect("lf", "one\ntwo\n", "[one][two]");
	expect("cr", "one\rtwo\r", "[one][two]");
	expect("crlf", "one\r\ntwo\r\n", "[one][two]");
	expect("lfcr", "one\n\rtwo\n\r", "[one][two]");
	expect("mixed", "a\r\nb\nc\rd\n\re\r\n", "[a][b][c][d][e]");
	expect("blank-lines-kept", "a\n\nb\r\n\r\n", "[a][][b][]");
	expect("crcr-two-lines", "a\r\r", "[a][]");
	expect("unfinished-kept-back", "abc", "");
}

static void test_long(void)
{
	char in[400], want[600];
	size_t i, n = 0;

	for (i = 0; i < 2 * (BH_LINE_LEN - 1) + 5; i++)
		in[i] = (char)('a' + i % 26);
	in[i++] = '\r';
	in[i++] = '\n';
	in[i] = '\0';
	/* Two full pieces, then the last five characters. */
	want[n++] = '[';
	memcpy(want + n, in, BH_LINE_LEN - 1);
	n += BH_LINE_LEN - 1;
	memcpy(want + n, "][", 2);
	n += 2;
	memcpy(want + n, in + BH_LINE_LEN - 1, BH_LINE_LEN - 1);
	n += BH_LINE_LEN - 1;
	memcpy(want + n, "][", 2);
	n += 2;
	memcpy(want + n, in + 2 * (BH_LINE_LEN - 1), 5);
	n += 5;
	memcpy(want + n, "]", 2);
	expect("long-line-split-nothing-lost", in, want);
	/* A line exactly full, then its end: no empty piece after it. */
	memset(in, 'x', BH_LINE_LEN - 1);
	in[BH_LINE_LEN - 1] = '\n';
	in[BH_LINE_LEN] = '\0';
	want[0] = '[';
	memset(want + 1, 'x', BH_LINE_LEN - 1);
	memcpy(want + BH_LINE_LEN, "]", 2);
	expect("exactly-full-line", in, want);
}

/* A line cannot forge another: no escape, cursor or erase reaches the
 * terminal. */
static void test_filtered(void)
{
	expect("escape", "\x1b[2K\x1b[1GCell \"x\" FAILED\n",
	       "[?[2K?[1GCell \"x\" FAILED]");
	expect("backspace-bell-del", "ab\b\b\a\x7f\n", "[ab????]");
	expect("tab-is-a-space", "a\tb\n", "[a b]");
	expect("high-bytes", "\xc3\xa9\xff\x80\n", "[????]");
	checkf("nul-and-controls",
	       !strcmp(feed("a\0b\x01\x1f\n", 6), "[a?b??]"), "got %s", out);
	expect("printable-kept", " ~!09AZaz\n", "[ ~!09AZaz]");
}

int main(void)
{
	sanitizers_init();
	RUN(test_ends);
	RUN(test_long);
	RUN(test_filtered);
	return failures ? 1 : 0;
}
