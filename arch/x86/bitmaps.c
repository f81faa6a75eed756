/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * I/O and MSR permission maps.
 */
#include "bitmaps.h"

#define MSR_RANGE_LEN	0x2000
#define MSR_VECTOR_LEN	0x800	/* bytes of map per range */

void iopm_allow(u8 *iopm, u32 port, u32 len)
{
	for (; len && port <= 0xffff; len--, port++)
		iopm[port / 8] &= (u8)~(1U << (port % 8));
}

/* Bit index of @p msr's read bit in the map, or -1 if not covered. */
static long msr_bit(u32 msr)
{
	static const u32 base[] = { 0x00000000, 0xc0000000, 0xc0010000 };
	unsigned int i;

	for (i = 0; i < BH_ARRAY_SIZE(base); i++)
		if (msr >= base[i] && msr - base[i] < MSR_RANGE_LEN)
			return (long)(i * MSR_VECTOR_LEN * 8 +
				      (msr - base[i]) * 2);
	return -1;
}

static void set_bit(u8 *map, long bit, bool on)
{
	if (on)
		map[bit / 8] |= (u8)(1U << (bit % 8));
	else
		map[bit / 8] &= (u8)~(1U << (bit % 8));
}

int msrpm_set(u8 *msrpm, u32 msr, bool intercept_read, bool intercept_write)
{
	long bit = msr_bit(msr);

	if (bit < 0)
		return -1;
	set_bit(msrpm, bit, intercept_read);
	set_bit(msrpm, bit + 1, intercept_write);
	return 0;
}

bool msrpm_intercepts(const u8 *msrpm, u32 msr, bool write)
{
	long bit = msr_bit(msr);

	if (bit < 0)
		return true;
	bit += write;
	return msrpm[bit / 8] & (1U << (bit % 8));
}
