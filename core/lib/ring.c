/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The byte ring (ring.h).
 */
#include "ring.h"

u64 bh_ring_read(const struct bh_ring *r, u64 *pos, char *dst, u64 max)
{
	u64 first = r->end > r->size ? r->end - r->size : 0, n, i;

	if (*pos < first || *pos > r->end)
		*pos = first;
	n = r->end - *pos < max ? r->end - *pos : max;
	for (i = 0; i < n; i++)
		dst[i] = r->buf[(*pos + i) & (r->size - 1)];
	*pos += n;
	return n;
}
