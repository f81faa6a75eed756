/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Characters into lines, for the cells' debug console (core/console.c):
 * CR LF, LF CR, LF and CR each end one line, so that a cell's CRLF
 * (Jailhouse's inmates send it) gives no empty line; a line longer than
 * BH_LINE_LEN - 1 characters is split, nothing is lost. A tab becomes a
 * space and any other byte that is not printable ASCII (controls, DEL,
 * bytes >= 0x80) a '?', so that a cell's line cannot move the cursor,
 * erase or recolour what the terminal shows. Pure code, unit-
 * tested on the host (tests/unit/test_line.c).
 */
#ifndef BULKHEAD_LINE_H
#define BULKHEAD_LINE_H

#include <bulkhead/types.h>

#define BH_LINE_LEN 160	/**< buffer, NUL included */

/** A line being assembled. */
struct bh_line {
	char buf[BH_LINE_LEN];
	unsigned int len;
	char last_end;	/**< the line end just seen (CR or LF), or 0 */
	char next;	/**< after a full piece: the character that follows */
	bool has_next;
};

/** What bh_line_put() did with a character. */
enum bh_line_event {
	BH_LINE_NONE,	/**< kept (or the second half of a line end) */
	BH_LINE_DONE,	/**< buf holds a whole line (NUL-terminated) */
	BH_LINE_FULL,	/**< buf holds a full piece of a long line; the
			     character starts the next piece */
};

/**
 * Add @p ch to @p l. On BH_LINE_DONE or BH_LINE_FULL the caller prints
 * l->buf and then calls bh_line_next().
 */
enum bh_line_event bh_line_put(struct bh_line *l, char ch);

/** After a line was printed: start the next (with the character that
 * filled the last piece, if any). */
void bh_line_next(struct bh_line *l);

#endif
