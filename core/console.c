/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The cells' debug console (see console.h).
 */
#include <bulkhead/hypercall.h>

#include "cell.h"
#include "console.h"
#include "hv.h"

#define US_PER_TOKEN (1000000 / CONSOLE_RATE)

static bool permitted(const struct cell *c)
{
	return c->desc->flags & (BH_CELL_VIRTUAL_CONSOLE_PERMITTED |
				 BH_CELL_VIRTUAL_CONSOLE_ACTIVE);
}

void console_budget_init(struct cell *c)
{
	c->console.tokens = CONSOLE_BURST;
	c->console.stamp_us = arch_now_us();
	c->console.dropped = 0;
}

/* Take one character from @p c's budget; false if it has none left. */
static bool spend(struct cell *c)
{
	struct console_budget *b = &c->console;
	u64 now = arch_now_us(), dropped = 0, earned;
	bool ok;

	spin_lock(&b->lock);
	/* The stamp moves by the time the earned tokens took, so that no
	 * fraction of a token is lost between calls. */
	earned = (now - b->stamp_us) / US_PER_TOKEN;
	b->tokens += earned;
	b->stamp_us += earned * US_PER_TOKEN;
	if (b->tokens > CONSOLE_BURST)
		b->tokens = CONSOLE_BURST;
	ok = b->tokens > 0;
	if (ok)
		b->tokens--;
	else
		dropped = ++b->dropped;
	spin_unlock(&b->lock);
	/* The hypervisor's notices are bounded too: the first drop, then
	 * every power of two. */
	if (dropped && !(dropped & (dropped - 1)))
		printk("Cell \"%s\": console over its budget (%u characters "
		       "at once, %u per second): %llu character(s) dropped "
		       "so far\n", cell_name(c), CONSOLE_BURST, CONSOLE_RATE,
		       (unsigned long long)dropped);
	return ok;
}

long console_putc(struct cell *c, struct bh_line *l, char ch)
{
	if (!permitted(c))
		return trace_error(-HC_EPERM);
	if (!spend(c))
		return 0;
	if (bh_line_put(l, ch) != BH_LINE_NONE) {
		printk("[%s] %s\n", cell_name(c), l->buf);
		bh_line_next(l);
	}
	return 0;
}
