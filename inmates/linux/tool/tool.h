/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the parts of the bulkhead command share: exit codes
 * (Documentation/management.md) and how to fail.
 */
#ifndef BULKHEAD_TOOL_H
#define BULKHEAD_TOOL_H

#include <signal.h>
#include <stdio.h>

enum {
	EXIT_DONE = 0,
	EXIT_REFUSED = 1,	/* denied or blocked by a cell's vote */
	EXIT_USAGE = 2,
	EXIT_NO_CELL = 3,	/* no such cell (or link) */
	EXIT_NOT_PERMITTED = 4,
	EXIT_STATE = 5,		/* not stopped; another operation runs */
	EXIT_TIMED_OUT = 6,	/* done, but a silent cell was declared FAILED;
				   shm wait: nothing came */
	EXIT_FILE = 7,		/* cannot read; does not fit; not loadable */
	EXIT_INTERRUPTED = 8,	/* withdrawn, nothing changed */
	EXIT_FAILURE_HV = 9,	/* no driver, or the hypervisor failed */
};

extern const char *prog;
extern volatile sig_atomic_t interrupted;

/** Say "bulkhead: ..." on stderr. @return @p code. */
int fail(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/** The usage text, to @p f. */
void usage(FILE *f);

/** bulkhead shm ... (shm.c): @p argc words after "shm". */
int cmd_shm(int argc, char **argv);

#endif
