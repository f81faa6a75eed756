/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The console history ring (core/lib/ring.c): reads from a position, in
 * pieces, across the wrap, from positions it no longer holds or never
 * had, with the bounds the hypervisor's HC_BH_CONSOLE_READ relies on.
 */
#include <string.h>

#include "check.h"
#include "ring.h"

#define SIZE 16

static char buf[SIZE];
static struct bh_ring ring;

static void fill(const char *s)
{
	for (; *s; s++)
		bh_ring_put(&ring, *s);
}

static void reset(void)
{
	memset(buf, 0, sizeof(buf));
	ring = (struct bh_ring){ buf, SIZE, 0 };
}

/* Read max bytes from *pos and compare with want. */
static void expect(const char *name, u64 *pos, u64 max, const char *want,
		   u64 want_pos)
{
	char out[64] = { 0 };
	u64 n = bh_ring_read(&ring, pos, out, max);

	checkf(name, n == strlen(want) && !memcmp(out, want, n) &&
	       *pos == want_pos, "read %llu bytes \"%.*s\", position %llu "
	       "(want \"%s\", %llu)", (unsigned long long)n, (int)n, out,
	       (unsigned long long)*pos, want, (unsigned long long)want_pos);
}

static void test_plain(void)
{
	u64 pos = 0;

	reset();
	expect("empty", &pos, 8, "", 0);
	fill("hello");
	expect("all", &pos, 64, "hello", 5);
	expect("nothing-new", &pos, 64, "", 5);
	fill(" world");
	expect("the-rest", &pos, 64, " world", 11);
	pos = 2;
	expect("in-pieces-1", &pos, 4, "llo ", 6);
	expect("in-pieces-2", &pos, 4, "worl", 10);
	expect("in-pieces-3", &pos, 4, "d", 11);
	pos = 0;
	expect("max-0", &pos, 0, "", 0);
}

static void test_wrap(void)
{
	u64 pos = 0;

	reset();
	fill("0123456789abcdef");		/* exactly full */
	expect("full", &pos, 64, "0123456789abcdef", 16);
	fill("ghij");				/* 0-3 dropped */
	pos = 0;
	expect("dropped-from-the-oldest", &pos, 64, "456789abcdefghij", 20);
	pos = 18;
	expect("across-the-wrap", &pos, 64, "ij", 20);
	pos = 10;
	expect("wrap-in-the-middle", &pos, 8, "abcdefgh", 18);
	pos = 3;
	expect("one-too-old", &pos, 2, "45", 6);
	pos = 4;
	expect("oldest-held", &pos, 2, "45", 6);
}

static void test_beyond(void)
{
	u64 pos = 99;

	reset();
	fill("abc");
	expect("beyond-the-end-from-the-oldest", &pos, 64, "abc", 3);
	pos = ~0ULL;
	expect("huge-position", &pos, 1, "a", 1);
	/* Many wraps: the position counts bytes, not the buffer. */
	for (int i = 0; i < 1000; i++)
		fill("xyz");
	pos = ring.end - 2;
	expect("after-many-wraps", &pos, 64, "yz", 3003);
	check("end-counts-every-byte", ring.end == 3003, "end is wrong");
}

int main(void)
{
	sanitizers_init();
	RUN(test_plain);
	RUN(test_wrap);
	RUN(test_beyond);
	return failures ? 1 : 0;
}
