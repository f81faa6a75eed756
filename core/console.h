/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The cells' debug console: the putc hypercall (HC_DEBUG_CONSOLE_PUTC)
 * puts a cell's characters on the hypervisor console, one line at a time
 * as `[cell] text`. Whether a cell may use it is its config's word
 * (BH_CELL_VIRTUAL_CONSOLE_PERMITTED or _ACTIVE), never its comm
 * region's, which the cell can write. What one cell may cost the others
 * is bounded: a line is at most BH_LINE_LEN - 1 characters (line.h), and each
 * cell has a budget of CONSOLE_BURST characters that refills at
 * CONSOLE_RATE per second; what exceeds it is dropped and counted.
 */
#ifndef BULKHEAD_CONSOLE_H
#define BULKHEAD_CONSOLE_H

#include <bulkhead/types.h>
#include "line.h"
#include "spinlock.h"

#define CONSOLE_BURST 4096	/**< characters a cell may print at once */
#define CONSOLE_RATE 512	/**< characters per second its budget regains */

struct cell;

/** A cell's console budget (token bucket, in characters). */
struct console_budget {
	spinlock_t lock;
	u64 tokens;	/**< characters it may print now */
	u64 stamp_us;	/**< when tokens was last brought up to date */
	u64 dropped;	/**< characters dropped so far */
};

/** Give @p c a full budget. */
void console_budget_init(struct cell *c);

/**
 * HC_DEBUG_CONSOLE_PUTC from a CPU of @p c whose line buffer (one per
 * CPU: line.h) is @p line.
 * @return 0, or -HC_EPERM if @p c's config does not permit the console.
 */
long console_putc(struct cell *c, struct bh_line *line, char ch);

#endif
