/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * A token bucket: what a cell may cost the others, refilled with time.
 * The cells' console spends one token per character of a line it prints
 * (core/console.c); a cell's own restarts spend tokens for the lines
 * that report them (core/control.c). Pure code, no locking (the
 * caller's), unit-tested on the host (tests/unit/test_budget.c).
 */
#ifndef BULKHEAD_BUDGET_H
#define BULKHEAD_BUDGET_H

#include <bulkhead/types.h>

/** A budget of tokens, counted in token-microseconds so that no fraction
 * of a token is lost between two looks. */
struct bh_budget {
	u64 credit;	/**< tokens * 1,000,000 it may spend now */
	u64 stamp_us;	/**< when credit was last brought up to date */
	u32 rate;	/**< tokens regained per second */
	u32 burst;	/**< the most it holds, and what it starts with */
};

/** A full budget of @p burst tokens regaining @p rate a second, from
 * @p now_us on. */
void bh_budget_init(struct bh_budget *b, u32 rate, u32 burst, u64 now_us);

/**
 * Spend @p n tokens at @p now_us if the budget holds them (a time before
 * the last look earns nothing).
 * @return true if spent, false if it holds fewer (nothing spent).
 */
bool bh_budget_take(struct bh_budget *b, u64 now_us, u64 n);

#endif
