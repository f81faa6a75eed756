/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Little-endian fields at any alignment, byte by byte: the boot-protocol
 * and ACPI structures the image builder writes and the boot shim and
 * tests read.
 */
#ifndef BULKHEAD_LE_H
#define BULKHEAD_LE_H

#include <bulkhead/types.h>

static inline u16 bh_get16(const u8 *p)
{
	return (u16)(p[0] | p[1] << 8);
}

static inline u32 bh_get32(const u8 *p)
{
	return (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}

static inline u64 bh_get64(const u8 *p)
{
	return bh_get32(p) | (u64)bh_get32(p + 4) << 32;
}

static inline void bh_put16(u8 *p, u16 v)
{
	p[0] = (u8)v;
	p[1] = (u8)(v >> 8);
}

static inline void bh_put32(u8 *p, u32 v)
{
	bh_put16(p, (u16)v);
	bh_put16(p + 2, (u16)(v >> 16));
}

static inline void bh_put64(u8 *p, u64 v)
{
	bh_put32(p, (u32)v);
	bh_put32(p + 4, (u32)(v >> 32));
}

#endif
