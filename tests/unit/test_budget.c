/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The token bucket (core/lib/budget.c): a full burst at first, nothing
 * more until time earns it, exactly the rate over any span (no fraction
 * lost between looks), never more than the burst however long it rests,
 * a request larger than the burst never granted, time going backwards
 * earns nothing, and no overflow after years or at the largest figures.
 */
#include "check.h"
#include "budget.h"

static void test_burst(void)
{
	struct bh_budget b;

	bh_budget_init(&b, 1000, 4096, 5);
	check("burst-granted", bh_budget_take(&b, 5, 4000), "refused");
	check("rest-granted", bh_budget_take(&b, 5, 96), "refused");
	check("empty-refused", !bh_budget_take(&b, 5, 1), "granted");
	check("refusal-spends-nothing", bh_budget_take(&b, 1005, 1),
	      "1 ms at 1000/s earned no token");
	check("larger-than-burst-never", !bh_budget_take(&b, ~0ULL >> 1, 4097),
	      "granted more than the burst");
	check("but-the-burst-after-rest", bh_budget_take(&b, ~0ULL >> 1, 4096),
	      "a full bucket refused its burst");
}

static void test_rate(void)
{
	struct bh_budget b;
	u64 t, got = 0;

	/* 3 tokens a second, looked at every 7 us for 10 s: 30 tokens,
	 * though no single look earns one. */
	bh_budget_init(&b, 3, 10, 0);
	check("drain", bh_budget_take(&b, 0, 10), "refused");
	for (t = 7; t <= 10000000; t += 7)
		if (bh_budget_take(&b, t, 1))
			got++;
	checkf("exact-rate", got == 29 || got == 30,
	       "%llu tokens in 10 s at 3/s", (unsigned long long)got);
	/* Resting 100 s fills it to the burst, no more. */
	got = 0;
	while (bh_budget_take(&b, 110000000, 1))
		got++;
	checkf("capped-at-burst", got == 10, "%llu after a long rest",
	       (unsigned long long)got);
}

static void test_edges(void)
{
	struct bh_budget b;

	bh_budget_init(&b, 100, 100, 1000000);
	check("drain-again", bh_budget_take(&b, 1000000, 100), "refused");
	check("backwards-earns-nothing", !bh_budget_take(&b, 0, 1),
	      "a clock going back earned a token");
	check("and-moves-nothing", !bh_budget_take(&b, 1009999, 1),
	      "the stamp moved back");
	check("forward-earns", bh_budget_take(&b, 1010000, 1), "refused");
	/* The largest figures: no overflow. */
	bh_budget_init(&b, 0xffffffff, 0xffffffff, 0);
	check("max-drain", bh_budget_take(&b, 0, 0xffffffff), "refused");
	check("max-refill", bh_budget_take(&b, ~0ULL, 0xffffffff), "refused");
	/* Rate 0: never refills. */
	bh_budget_init(&b, 0, 5, 0);
	check("zero-rate-burst", bh_budget_take(&b, 0, 5), "refused");
	check("zero-rate-never", !bh_budget_take(&b, ~0ULL, 1), "refilled");
}

int main(void)
{
	sanitizers_init();
	RUN(test_burst);
	RUN(test_rate);
	RUN(test_edges);
	return failures ? 1 : 0;
}
