/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * SHA-256 (FIPS 180-4), freestanding: used by the image builder, the loader
 * and the hypervisor to seal and check the hypervisor binary and the image.
 */
#ifndef BULKHEAD_SHA256_H
#define BULKHEAD_SHA256_H

#include <bulkhead/types.h>

#define SHA256_DIGEST_SIZE 32
#define SHA256_BLOCK_SIZE 64

/** Running state of one digest computation. */
struct sha256_ctx {
	u32 state[8];
	u64 length;			/**< bytes hashed so far */
	u8 block[SHA256_BLOCK_SIZE];	/**< pending partial block */
	u32 used;			/**< bytes in block */
};

/** Start a new digest. */
void sha256_init(struct sha256_ctx *ctx);
/** Feed @p len bytes. */
void sha256_update(struct sha256_ctx *ctx, const void *data, u64 len);
/** Finish and write the 32-byte digest to @p out; @p ctx is spent. */
void sha256_final(struct sha256_ctx *ctx, u8 out[SHA256_DIGEST_SIZE]);
/** One-shot digest of @p len bytes at @p data. */
void sha256(const void *data, u64 len, u8 out[SHA256_DIGEST_SIZE]);

/**
 * Use the CPU's SHA instructions (SHA extensions with SSSE3 and SSE4.1)
 * for whole blocks, or the portable code (@p on false). Only builds
 * with BH_SHA256_NI have that path (the loader and the host tools, which
 * own the vector registers; not the hypervisor, whose vector registers
 * are a cell's); there it is used by default where the CPU has it.
 * @return whether the instructions are now used.
 */
bool sha256_use_instructions(bool on);

#endif
