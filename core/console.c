/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The cells' debug console (see console.h).
 */
#include <bulkhead/hypercall.h>

#include "bh_string.h"
#include "cell.h"
#include "console.h"
#include "hv.h"

static bool permitted(const struct cell *c)
{
	return c->desc->flags & (BH_CELL_VIRTUAL_CONSOLE_PERMITTED |
				 BH_CELL_VIRTUAL_CONSOLE_ACTIVE);
}

static u32 rate(const struct cell *c)
{
	return c->desc->console_rate ? c->desc->console_rate :
	       BH_CONSOLE_RATE_DEFAULT;
}

void console_budget_init(struct cell *c)
{
	u32 r = rate(c);

	bh_budget_init(&c->console.budget, r,
		       r > CONSOLE_BURST ? r : CONSOLE_BURST, arch_now_us());
	c->console.unreported = 0;
	c->console.dropped = 0;
}

static void print_dropped(const struct cell *c, u64 lines, const char *when)
{
	printk("Cell \"%s\": %llu console line(s) dropped%s: over its budget "
	       "of %u characters per second\n", cell_name(c),
	       (unsigned long long)lines, when, rate(c));
}

/* Print @p text, a whole line of @p c, if its budget holds it (and the
 * note of what was dropped before it, if anything was); else drop it. */
static void emit(struct cell *c, const char *text)
{
	struct console_budget *b = &c->console;
	u64 cost = strlen(text) + 1, unreported;
	bool ok;

	spin_lock(&b->lock);
	unreported = b->unreported;
	ok = bh_budget_take(&b->budget, arch_now_us(),
			    cost + (unreported ? CONSOLE_NOTE_COST : 0));
	if (ok) {
		b->unreported = 0;
	} else {
		b->unreported++;
		b->dropped++;
	}
	spin_unlock(&b->lock);
	if (ok && unreported)
		print_dropped(c, unreported, "");
	if (ok)
		printk("[%s] %s\n", cell_name(c), text);
}

void console_cell_stopped(struct cell *c)
{
	struct console_budget *b = &c->console;
	u64 unreported;

	spin_lock(&b->lock);
	unreported = b->unreported;
	b->unreported = 0;
	spin_unlock(&b->lock);
	if (unreported)
		print_dropped(c, unreported, " before it stopped");
}

long console_putc(struct cell *c, struct bh_line *l, char ch)
{
	if (!permitted(c))
		return trace_error(-HC_EPERM);
	if (bh_line_put(l, ch) != BH_LINE_NONE) {
		emit(c, l->buf);
		bh_line_next(l);
	}
	return 0;
}
