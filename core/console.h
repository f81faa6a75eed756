/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The cells' debug console: the putc hypercall (HC_DEBUG_CONSOLE_PUTC)
 * puts a cell's characters on the hypervisor console, one line at a time
 * as `[cell] text`. Whether a cell may use it is its config's word
 * (BH_CELL_VIRTUAL_CONSOLE_PERMITTED or _ACTIVE), never its comm
 * region's, which the cell can write. What one cell may cost the others
 * is bounded: a line is at most BH_LINE_LEN - 1 characters of printable
 * ASCII (line.h), and each cell has a budget (budget.h) of its config's
 * console_rate characters a second, CONSOLE_BURST at once, kept for the
 * whole boot (a restart does not refill it). A line that does not fit
 * is dropped whole and counted; the count is printed, at the cell's
 * cost, before the next line that fits, or when the cell stops.
 */
#ifndef BULKHEAD_CONSOLE_H
#define BULKHEAD_CONSOLE_H

#include <bulkhead/types.h>
#include "budget.h"
#include "line.h"
#include "spinlock.h"

#define CONSOLE_BURST 4096	/**< characters a cell may print at once */
/** What the note of dropped lines costs the cell, about its length. */
#define CONSOLE_NOTE_COST 100

struct cell;

/** A cell's console budget, in characters. */
struct console_budget {
	spinlock_t lock;
	struct bh_budget budget;
	u64 unreported;	/**< lines dropped since the last one printed */
	u64 dropped;	/**< lines dropped since boot */
};

/** Give @p c a full budget, once at boot. */
void console_budget_init(struct cell *c);

/** @p c has stopped: the lines it had dropped since its last printed
 * one, which no later line of its will now tell, are told. */
void console_cell_stopped(struct cell *c);

/**
 * HC_DEBUG_CONSOLE_PUTC from a CPU of @p c whose line buffer (one per
 * CPU: line.h) is @p line.
 * @return 0, or -HC_EPERM if @p c's config does not permit the console.
 */
long console_putc(struct cell *c, struct bh_line *line, char ch);

#endif
