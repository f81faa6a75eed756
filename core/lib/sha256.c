/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * SHA-256 as specified in FIPS 180-4, section 6.2. Freestanding: no library
 * calls, no state beyond the caller's context and the constant table.
 * Built with BH_SHA256_NI (the loader, the host tools), whole blocks go
 * to the CPU's SHA instructions (sha256_ni.S) where it has them.
 */
#include <bulkhead/sha256.h>

/* FIPS 180-4 4.2.2: first 32 bits of the fractional parts of the cube roots
 * of the first 64 primes. */
static const u32 K[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5,
	0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
	0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
	0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3,
	0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5,
	0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/* Offset of the 64-bit message length in the last block (FIPS 180-4 5.1.1). */
#define SHA256_LENGTH_OFFSET (SHA256_BLOCK_SIZE - 8)

static inline u32 ror32(u32 x, unsigned int n)
{
	return (x >> n) | (x << (32 - n));
}

static inline u32 load_be32(const u8 *p)
{
	return ((u32)p[0] << 24) | ((u32)p[1] << 16) |
	       ((u32)p[2] << 8) | (u32)p[3];
}

static inline void store_be32(u8 *p, u32 v)
{
	p[0] = (u8)(v >> 24);
	p[1] = (u8)(v >> 16);
	p[2] = (u8)(v >> 8);
	p[3] = (u8)v;
}

static inline void store_be64(u8 *p, u64 v)
{
	store_be32(p, (u32)(v >> 32));
	store_be32(p + 4, (u32)v);
}

/* The six logical functions of FIPS 180-4 4.1.2. */
static inline u32 ch(u32 x, u32 y, u32 z)
{
	return (x & y) ^ (~x & z);
}

static inline u32 maj(u32 x, u32 y, u32 z)
{
	return (x & y) ^ (x & z) ^ (y & z);
}

static inline u32 big_sigma0(u32 x)
{
	return ror32(x, 2) ^ ror32(x, 13) ^ ror32(x, 22);
}

static inline u32 big_sigma1(u32 x)
{
	return ror32(x, 6) ^ ror32(x, 11) ^ ror32(x, 25);
}

static inline u32 small_sigma0(u32 x)
{
	return ror32(x, 7) ^ ror32(x, 18) ^ (x >> 3);
}

static inline u32 small_sigma1(u32 x)
{
	return ror32(x, 17) ^ ror32(x, 19) ^ (x >> 10);
}

/*
 * Message schedule word t (t >= 16), kept in a 16-word ring: w[t & 15]
 * still holds W[t-16] when W[t] overwrites it.
 */
static inline u32 schedule(u32 w[16], unsigned int t)
{
	u32 v = small_sigma1(w[(t - 2) & 15]) + w[(t - 7) & 15] +
		small_sigma0(w[(t - 15) & 15]) + w[t & 15];

	w[t & 15] = v;
	return v;
}

#ifdef BH_SHA256_NI
#include <bulkhead/x86.h>

void sha256_ni_blocks(u32 state[8], const u8 *data, u64 blocks,
		      const u32 k[64]);

#define CPUID1_ECX_SSSE3	(1U << 9)
#define CPUID1_ECX_SSE41	(1U << 19)
#define CPUID7_EBX_SHA		(1U << 29)

static bool ni_present(void)
{
	u32 a, b, c, d;

	cpuid(0, &a, &b, &c, &d);
	if (a < 7)
		return false;
	cpuid(7, &a, &b, &c, &d);
	if (!(b & CPUID7_EBX_SHA))
		return false;
	cpuid(1, &a, &b, &c, &d);
	return (c & CPUID1_ECX_SSSE3) && (c & CPUID1_ECX_SSE41);
}

/* -1: not asked yet (used where present); 0: off; 1: on. */
static int ni_state = -1;

bool sha256_use_instructions(bool on)
{
	ni_state = on && ni_present();
	return ni_state;
}

static bool ni_on(void)
{
	if (ni_state < 0)
		ni_state = ni_present();
	return ni_state;
}
#else
bool sha256_use_instructions(bool on)
{
	(void)on;
	return false;
}
#endif

/* Hash one 64-byte block into @state (FIPS 180-4 6.2.2). */
static void sha256_block(u32 state[8], const u8 *p)
{
	u32 w[16];
	u32 s[8];
	unsigned int t;

	for (t = 0; t < 16; t++)
		w[t] = load_be32(p + 4 * t);
	for (t = 0; t < 8; t++)
		s[t] = state[t];

	for (t = 0; t < 64; t++) {
		u32 wt = t < 16 ? w[t] : schedule(w, t);
		u32 t1 = s[7] + big_sigma1(s[4]) + ch(s[4], s[5], s[6]) +
			 K[t] + wt;
		u32 t2 = big_sigma0(s[0]) + maj(s[0], s[1], s[2]);

		s[7] = s[6];
		s[6] = s[5];
		s[5] = s[4];
		s[4] = s[3] + t1;
		s[3] = s[2];
		s[2] = s[1];
		s[1] = s[0];
		s[0] = t1 + t2;
	}

	for (t = 0; t < 8; t++)
		state[t] += s[t];
}

/* Hash @p n whole blocks at @p p into @p state. */
static void sha256_blocks(u32 state[8], const u8 *p, u64 n)
{
#ifdef BH_SHA256_NI
	if (ni_on()) {
		sha256_ni_blocks(state, p, n, K);
		return;
	}
#endif
	for (; n; n--, p += SHA256_BLOCK_SIZE)
		sha256_block(state, p);
}

void sha256_init(struct sha256_ctx *ctx)
{
	/* FIPS 180-4 5.3.3: fractional parts of the square roots of the
	 * first 8 primes. */
	ctx->state[0] = 0x6a09e667;
	ctx->state[1] = 0xbb67ae85;
	ctx->state[2] = 0x3c6ef372;
	ctx->state[3] = 0xa54ff53a;
	ctx->state[4] = 0x510e527f;
	ctx->state[5] = 0x9b05688c;
	ctx->state[6] = 0x1f83d9ab;
	ctx->state[7] = 0x5be0cd19;
	ctx->length = 0;
	ctx->used = 0;
}

void sha256_update(struct sha256_ctx *ctx, const void *data, u64 len)
{
	const u8 *p = data;

	ctx->length += len;

	/* Top up a pending partial block first. */
	if (ctx->used) {
		u64 room = SHA256_BLOCK_SIZE - ctx->used;
		u64 n = len < room ? len : room;
		u64 i;

		for (i = 0; i < n; i++)
			ctx->block[ctx->used + i] = p[i];
		ctx->used += (u32)n;
		p += n;
		len -= n;
		if (ctx->used < SHA256_BLOCK_SIZE)
			return;
		sha256_blocks(ctx->state, ctx->block, 1);
		ctx->used = 0;
	}

	/* Whole blocks straight from the caller's buffer. */
	if (len >= SHA256_BLOCK_SIZE) {
		u64 n = len / SHA256_BLOCK_SIZE;

		sha256_blocks(ctx->state, p, n);
		p += n * SHA256_BLOCK_SIZE;
		len -= n * SHA256_BLOCK_SIZE;
	}

	/* Keep the tail (< 64 bytes) for the next call. */
	for (ctx->used = 0; ctx->used < len; ctx->used++)
		ctx->block[ctx->used] = p[ctx->used];
}

void sha256_final(struct sha256_ctx *ctx, u8 out[SHA256_DIGEST_SIZE])
{
	u32 i = ctx->used;

	/* Padding (FIPS 180-4 5.1.1): a 1 bit, zeros, then the bit length. */
	ctx->block[i++] = 0x80;
	if (i > SHA256_LENGTH_OFFSET) {
		/* No room for the length: pad out this block, use another. */
		while (i < SHA256_BLOCK_SIZE)
			ctx->block[i++] = 0;
		sha256_blocks(ctx->state, ctx->block, 1);
		i = 0;
	}
	while (i < SHA256_LENGTH_OFFSET)
		ctx->block[i++] = 0;
	/* The length is in bits, modulo 2^64. */
	store_be64(ctx->block + SHA256_LENGTH_OFFSET, ctx->length << 3);
	sha256_blocks(ctx->state, ctx->block, 1);

	for (i = 0; i < 8; i++)
		store_be32(out + 4 * i, ctx->state[i]);
	ctx->used = 0;
}

void sha256(const void *data, u64 len, u8 out[SHA256_DIGEST_SIZE])
{
	struct sha256_ctx ctx;

	sha256_init(&ctx);
	sha256_update(&ctx, data, len);
	sha256_final(&ctx, out);
}
