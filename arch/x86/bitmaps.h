/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * SVM I/O and MSR permission maps (AMD APM vol. 2, 15.10 and 15.11): a set
 * bit intercepts the access. Pure logic, host-tested.
 */
#ifndef BULKHEAD_BITMAPS_H
#define BULKHEAD_BITMAPS_H

#include <bulkhead/types.h>

#define IOPM_SIZE	0x3000	/**< 12 KiB: one bit per port, plus spill */
#define MSRPM_SIZE	0x2000	/**< 8 KiB: two bits (read, write) per MSR */

/** Let [@p port, @p port + @p len) through without exits; ports past
 * 0xffff are ignored. */
void iopm_allow(u8 *iopm, u32 port, u32 len);

/**
 * Set whether reads and writes of @p msr exit.
 * @return 0, or -1 if @p msr is outside the three ranges the map covers
 * (0-0x1fff, 0xc0000000-0xc0001fff, 0xc0010000-0xc0011fff), whose
 * accesses always exit.
 */
int msrpm_set(u8 *msrpm, u32 msr, bool intercept_read, bool intercept_write);

/** Whether reads (@p write false) or writes of @p msr exit. */
bool msrpm_intercepts(const u8 *msrpm, u32 msr, bool write);

#endif
