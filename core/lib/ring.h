/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * A byte ring that keeps the last bytes written to it, read from a
 * position: the hypervisor console's history (HC_BH_CONSOLE_READ). Byte n
 * of what was ever written is at buf[n % size] while n >= end - size.
 * Pure code, no locking (the caller's), unit-tested on the host.
 */
#ifndef BULKHEAD_RING_H
#define BULKHEAD_RING_H

#include <bulkhead/types.h>

/** The ring: @c size bytes at @c buf, @c size a power of two. */
struct bh_ring {
	char *buf;
	u64 size;
	u64 end;	/**< bytes written since it was empty */
};

/** Append @p c, dropping the oldest byte if the ring is full. */
static inline void bh_ring_put(struct bh_ring *r, char c)
{
	r->buf[r->end++ & (r->size - 1)] = c;
}

/**
 * Copy at most @p max bytes from position @p *pos on into @p dst. A
 * position the ring no longer holds, or one beyond its end, reads from
 * the oldest byte it holds. @p *pos is moved past what was copied.
 * @return the number of bytes copied.
 */
u64 bh_ring_read(const struct bh_ring *r, u64 *pos, char *dst, u64 max);

#endif
