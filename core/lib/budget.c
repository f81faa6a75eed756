/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * A token bucket (budget.h).
 */
#include "budget.h"

#define US 1000000ULL

void bh_budget_init(struct bh_budget *b, u32 rate, u32 burst, u64 now_us)
{
	b->rate = rate;
	b->burst = burst;
	b->credit = burst * US;
	b->stamp_us = now_us;
}

bool bh_budget_take(struct bh_budget *b, u64 now_us, u64 n)
{
	u64 full = b->burst * US;

	if (now_us > b->stamp_us) {
		u64 elapsed = now_us - b->stamp_us;

		/* Compared before multiplying: a budget untouched for a
		 * long time is full, and the product cannot overflow. */
		if (!b->rate || elapsed < (full - b->credit) / b->rate)
			b->credit += elapsed * b->rate;
		else
			b->credit = full;
		b->stamp_us = now_us;
	}
	if (n > b->burst || n * US > b->credit)
		return false;
	b->credit -= n * US;
	return true;
}
