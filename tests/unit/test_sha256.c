/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Host unit test of core/lib/sha256.c against the FIPS 180-4 / NIST example
 * vectors, plus chunking and padding-boundary agreement checks, once with
 * the portable code ("portable." names) and once with the CPU's SHA
 * instructions ("instructions." names, sha256_ni.S), where the host CPU
 * has them: where not, one "SKIP" line says so. Both paths must also
 * agree on random messages. Prints one "ok <name>" or "FAIL <name>:
 * <detail>" line per check; exits 1 on failure.
 */
#include <stdio.h>
#include <string.h>

#include <bulkhead/sha256.h>

#define MILLION 1000000u

static int failures;
static u8 million_a[MILLION];
static const char *path = "portable";

static void check(const char *name, bool cond, const char *detail)
{
	if (cond) {
		printf("ok %s.%s\n", path, name);
	} else {
		printf("FAIL %s.%s: %s\n", path, name, detail);
		failures++;
	}
}

static void to_hex(const u8 d[SHA256_DIGEST_SIZE],
		   char hex[2 * SHA256_DIGEST_SIZE + 1])
{
	static const char digits[] = "0123456789abcdef";
	int i;

	for (i = 0; i < SHA256_DIGEST_SIZE; i++) {
		hex[2 * i] = digits[d[i] >> 4];
		hex[2 * i + 1] = digits[d[i] & 15];
	}
	hex[2 * SHA256_DIGEST_SIZE] = '\0';
}

static bool str_eq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

static bool digest_eq(const u8 *a, const u8 *b)
{
	int i;

	for (i = 0; i < SHA256_DIGEST_SIZE; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

static u64 str_len(const char *s)
{
	u64 n = 0;

	while (s[n])
		n++;
	return n;
}

/* Compare a digest with the published hex string, report it. */
static void check_digest(const char *name, const u8 d[SHA256_DIGEST_SIZE],
			 const char *expect)
{
	char hex[2 * SHA256_DIGEST_SIZE + 1];
	char detail[200];

	to_hex(d, hex);
	snprintf(detail, sizeof(detail), "got %s want %s", hex, expect);
	check(name, str_eq(hex, expect), detail);
}

static void test_vector(const char *name, const char *msg, const char *expect)
{
	u8 d[SHA256_DIGEST_SIZE];

	sha256(msg, str_len(msg), d);
	check_digest(name, d, expect);
}

static void test_nist_vectors(void)
{
	test_vector("sha256_abc", "abc",
		"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	test_vector("sha256_empty", "",
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	test_vector("sha256_448bit",
		"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		"248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	test_vector("sha256_896bit",
		"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
		"hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
		"cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

static const char million_a_digest[] =
	"cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";

static void test_million_a(void)
{
	u8 d[SHA256_DIGEST_SIZE];
	u32 i;

	for (i = 0; i < MILLION; i++)
		million_a[i] = 'a';
	sha256(million_a, MILLION, d);
	check_digest("sha256_million_a", d, million_a_digest);
}

/* The same million 'a' fed in odd-sized pieces that straddle blocks. */
static void test_million_a_chunked(void)
{
	static const u32 sizes[] = { 1, 63, 64, 65, 127 };
	struct sha256_ctx ctx;
	u8 d[SHA256_DIGEST_SIZE];
	u32 done = 0;
	unsigned int k = 0;

	sha256_init(&ctx);
	while (done < MILLION) {
		u32 n = sizes[k++ % BH_ARRAY_SIZE(sizes)];

		if (n > MILLION - done)
			n = MILLION - done;
		sha256_update(&ctx, million_a + done, n);
		done += n;
	}
	sha256_final(&ctx, d);
	check_digest("sha256_million_a_chunked", d, million_a_digest);
}

/* One-shot vs byte-by-byte (with empty updates) at padding boundaries. */
static void test_boundary(u32 len)
{
	u8 msg[256] = { 0 };
	u8 one[SHA256_DIGEST_SIZE], bytes[SHA256_DIGEST_SIZE];
	struct sha256_ctx ctx;
	char name[64];
	u32 i;

	for (i = 0; i < len; i++)
		msg[i] = (u8)(i * 37 + 11);
	sha256(msg, len, one);

	sha256_init(&ctx);
	for (i = 0; i < len; i++) {
		sha256_update(&ctx, msg + i, 1);
		sha256_update(&ctx, msg + i, 0);
	}
	sha256_final(&ctx, bytes);

	snprintf(name, sizeof(name), "sha256_boundary_%u", (unsigned int)len);
	check(name, digest_eq(one, bytes),
	      "one-shot and byte-by-byte digests differ");
}

static void run_all(void)
{
	static const u32 lens[] = { 55, 56, 63, 64, 65, 119, 120, 127, 128 };
	unsigned int i;

	test_nist_vectors();
	test_million_a();
	test_million_a_chunked();
	for (i = 0; i < BH_ARRAY_SIZE(lens); i++)
		test_boundary(lens[i]);
}

/* The two paths agree on 2000 pseudo-random messages of 0 to 4999
 * bytes, each fed in two pieces split at a pseudo-random point. */
static void test_paths_agree(void)
{
	static u8 msg[5000];
	u64 x = 0x243f6a8885a308d3ULL;
	unsigned int i, j, bad = 0;

	for (i = 0; i < 2000; i++) {
		u8 a[SHA256_DIGEST_SIZE], b[SHA256_DIGEST_SIZE];
		struct sha256_ctx ctx;
		u32 len, cut;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		len = (u32)(x % sizeof(msg));
		cut = len ? (u32)((x >> 32) % len) : 0;
		for (j = 0; j < len; j++)
			msg[j] = (u8)(x >> (j % 57));
		sha256_use_instructions(false);
		sha256(msg, len, a);
		sha256_use_instructions(true);
		sha256_init(&ctx);
		sha256_update(&ctx, msg, cut);
		sha256_update(&ctx, msg + cut, len - cut);
		sha256_final(&ctx, b);
		bad += memcmp(a, b, sizeof(a)) != 0;
	}
	check("paths_agree", !bad, "the paths disagree on some messages");
}

void sha256_ni_blocks(u32 state[8], const u8 *data, u64 blocks,
		      const u32 k[64]);

/*
 * The instructions' code leaves %xmm6-%xmm15 as it found them: the
 * loader calls it under UEFI, whose calling convention (Microsoft x64)
 * has the firmware's caller keep values there across the call. Each is
 * filled with a pattern, one block hashed, and each read back.
 */
static void test_keeps_xmm6_15(void)
{
	static u8 in[10][16], out[10][16];
	static const u8 data[64];
	static const u32 k[64];
	u32 state[8] = { 0 };
	u32 *st = state;
	const u8 *d = data;
	const u32 *kp = k;
	u64 blocks = 1;
	register u8 (*outp)[16] asm("r12") = out;
	char detail[64];
	unsigned int i;

	for (i = 0; i < sizeof(in); i++)
		in[i / 16][i % 16] = (u8)(0x5a ^ i);
	/* The pattern's and the results' addresses in registers the call
	 * keeps (SysV); past the red zone, which the call would overwrite. */
	asm volatile("sub $128, %%rsp\n\t"
		     "movdqu 0(%%rbx), %%xmm6\n\t"
		     "movdqu 16(%%rbx), %%xmm7\n\t"
		     "movdqu 32(%%rbx), %%xmm8\n\t"
		     "movdqu 48(%%rbx), %%xmm9\n\t"
		     "movdqu 64(%%rbx), %%xmm10\n\t"
		     "movdqu 80(%%rbx), %%xmm11\n\t"
		     "movdqu 96(%%rbx), %%xmm12\n\t"
		     "movdqu 112(%%rbx), %%xmm13\n\t"
		     "movdqu 128(%%rbx), %%xmm14\n\t"
		     "movdqu 144(%%rbx), %%xmm15\n\t"
		     "call sha256_ni_blocks\n\t"
		     "movdqu %%xmm6, 0(%%r12)\n\t"
		     "movdqu %%xmm7, 16(%%r12)\n\t"
		     "movdqu %%xmm8, 32(%%r12)\n\t"
		     "movdqu %%xmm9, 48(%%r12)\n\t"
		     "movdqu %%xmm10, 64(%%r12)\n\t"
		     "movdqu %%xmm11, 80(%%r12)\n\t"
		     "movdqu %%xmm12, 96(%%r12)\n\t"
		     "movdqu %%xmm13, 112(%%r12)\n\t"
		     "movdqu %%xmm14, 128(%%r12)\n\t"
		     "movdqu %%xmm15, 144(%%r12)\n\t"
		     "add $128, %%rsp"
		     : "+D"(st), "+S"(d), "+d"(blocks), "+c"(kp)
		     : "b"(in), "r"(outp)
		     : "rax", "r8", "r9", "r10", "r11", "xmm0", "xmm1",
		       "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7",
		       "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13",
		       "xmm14", "xmm15", "memory", "cc");
	for (i = 0; i < 10 && !memcmp(in[i], out[i], 16); i++)
		;
	snprintf(detail, sizeof(detail), "%%xmm%u changed by the call", i + 6);
	check("keeps_xmm6_15", i == 10, detail);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (sha256_use_instructions(false))
		check("portable_selected", false, "instructions still in use");
	run_all();
	if (!sha256_use_instructions(true)) {
		printf("SKIP instructions: the host CPU lacks the SHA "
		       "extensions (CPUID 7:EBX[29]) or SSSE3/SSE4.1\n");
		return failures ? 1 : 0;
	}
	path = "instructions";
	run_all();
	test_paths_agree();
	test_keeps_xmm6_15();
	return failures ? 1 : 0;
}
