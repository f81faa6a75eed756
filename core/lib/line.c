/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Characters into lines (line.h).
 */
#include <bulkhead/hypercall.h>

#include "line.h"

enum bh_line_event bh_line_put(struct bh_line *l, char ch)
{
	if (ch == '\r' || ch == '\n') {
		/* The other half of a CRLF or LFCR pair: already ended. */
		if (l->last_end && l->last_end != ch) {
			l->last_end = 0;
			return BH_LINE_NONE;
		}
		l->last_end = ch;
		l->buf[l->len] = '\0';
		return BH_LINE_DONE;
	}
	l->last_end = 0;
	/* Nothing reaches a terminal but printable ASCII: no escape
	 * sequence, backspace or bell can rewrite what others printed. */
	ch = bh_console_char(ch);
	if (l->len == BH_LINE_LEN - 1) {
		l->buf[l->len] = '\0';
		l->next = ch;
		l->has_next = true;
		return BH_LINE_FULL;
	}
	l->buf[l->len++] = ch;
	return BH_LINE_NONE;
}

void bh_line_next(struct bh_line *l)
{
	l->len = 0;
	if (l->has_next)
		l->buf[l->len++] = l->next;
	l->has_next = false;
}
