/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The config fuzzer's input: a system config and cells made from bytes.
 *
 *   u8  num_cells (taken modulo BH_MAX_CELLS + 2: 0..17, so that both
 *       refused counts occur)
 *   u16 system length L, then L bytes of system config
 *   per cell (at most BH_MAX_CELLS): u16 length L, L bytes of cell config,
 *       u8 k (modulo BH_MAX_BLOBS + 1), k u32 blob sizes
 *
 * Little-endian; an input that ends early gives short or empty pieces.
 * Each piece gets a heap buffer of exactly its length, so that ASan sees
 * the checker read past a config's end. The seed generator
 * (tests/fuzz/mkseeds.c) writes this format from real config sets.
 */
#ifndef BULKHEAD_FUZZ_CONFIG_INPUT_H
#define BULKHEAD_FUZZ_CONFIG_INPUT_H

#include <stdlib.h>
#include <string.h>

#include "config_check.h"

struct cfg_input {
	struct bh_config_set set;
	u8 *piece[1 + BH_MAX_CELLS];
};

struct cfg_cursor {
	const u8 *data;
	size_t size, pos;
};

/* Up to @p n bytes (fewer at the end of the input) as a little-endian
 * number. */
static inline u64 cfg_take(struct cfg_cursor *c, unsigned int n)
{
	u64 v = 0;
	unsigned int i;

	for (i = 0; i < n && c->pos < c->size; i++)
		v |= (u64)c->data[c->pos++] << (8 * i);
	return v;
}

/* The next config of the input in a buffer of exactly its length. */
static inline u8 *cfg_piece(struct cfg_cursor *c, u64 *len)
{
	u64 l = cfg_take(c, 2);
	u8 *p;

	if (l > c->size - c->pos)
		l = c->size - c->pos;
	p = malloc(l ? l : 1);
	if (!p)
		abort();
	memcpy(p, c->data + c->pos, l);
	c->pos += l;
	*len = l;
	return p;
}

/** Make a config set of @p data; free it with cfg_free(). */
static inline void cfg_parse(const u8 *data, size_t size,
			     struct cfg_input *in)
{
	struct cfg_cursor c = { data, size, 0 };
	struct bh_config_set *s = &in->set;
	u32 i, b, n;

	memset(in, 0, sizeof(*in));
	n = (u32)(cfg_take(&c, 1) % (BH_MAX_CELLS + 2));
	in->piece[0] = cfg_piece(&c, &s->system_size);
	s->system = (const void *)in->piece[0];
	s->system_file = "fuzz/system.c";
	s->num_cells = n;
	for (i = 0; i < n && i < BH_MAX_CELLS; i++) {
		struct bh_cell_ref *cell = &s->cells[i];

		in->piece[1 + i] = cfg_piece(&c, &cell->size);
		cell->desc = (const void *)in->piece[1 + i];
		cell->file = "fuzz/cell.c";
		u32 k = (u32)(cfg_take(&c, 1) % (BH_MAX_BLOBS + 1));

		for (b = 0; b < k; b++)
			cell->blob_size[b] = cfg_take(&c, 4);
	}
}

static inline void cfg_free(struct cfg_input *in)
{
	u32 i;

	for (i = 0; i < BH_ARRAY_SIZE(in->piece); i++)
		free(in->piece[i]);
}

/* Append @p n bytes of @p v to @p out (at most @p cap bytes); returns
 * the new length, or @p cap + 1 once it does not fit. */
static inline size_t cfg_put(u8 *out, size_t cap, size_t len, u64 v,
			     unsigned int n)
{
	unsigned int i;

	if (len > cap || n > cap - len)
		return cap + 1;
	for (i = 0; i < n; i++)
		out[len + i] = (u8)(v >> (8 * i));
	return len + n;
}

static inline size_t cfg_put_bytes(u8 *out, size_t cap, size_t len,
				   const void *src, u64 n)
{
	len = cfg_put(out, cap, len, n, 2);
	if (len > cap || n > cap - len)
		return cap + 1;
	memcpy(out + len, src, n);
	return len + n;
}

/**
 * Write @p set in the input format into @p out (@p cap bytes).
 * @return the length, or 0 if it does not fit or a piece exceeds 64 KiB.
 */
static inline size_t cfg_write(u8 *out, size_t cap,
			       const struct bh_config_set *set)
{
	size_t len = cfg_put(out, cap, 0, set->num_cells, 1);
	u32 i, b, k;

	if (set->system_size > 0xffff)
		return 0;
	len = cfg_put_bytes(out, cap, len, set->system, set->system_size);
	for (i = 0; i < set->num_cells && i < BH_MAX_CELLS; i++) {
		const struct bh_cell_ref *c = &set->cells[i];

		if (c->size > 0xffff)
			return 0;
		len = cfg_put_bytes(out, cap, len, c->desc, c->size);
		for (k = BH_MAX_BLOBS; k > 0 && !c->blob_size[k - 1]; k--)
			;
		len = cfg_put(out, cap, len, k, 1);
		for (b = 0; b < k; b++)
			len = cfg_put(out, cap, len, c->blob_size[b], 4);
	}
	return len > cap ? 0 : len;
}

#endif
