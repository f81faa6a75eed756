/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * What the libFuzzer targets in tests/fuzz/ share: a property check that
 * aborts (libFuzzer saves the input and fails the run) and a report sink
 * that checks every message the shared code emits.
 */
#ifndef BULKHEAD_FUZZ_COMMON_H
#define BULKHEAD_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

/** Abort with a message unless @p cond holds. */
#define FUZZ_CHECK(cond, what)						\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "%s:%d: property failed: %s\n",	\
				__FILE__, __LINE__, what);		\
			abort();					\
		}							\
	} while (0)

/* Every message: non-empty, within the report line, terminated. */
static inline void fuzz_emit(void *ctx, const char *msg)
{
	size_t n = strnlen(msg, BH_REPORT_LINE);

	(void)ctx;
	FUZZ_CHECK(n > 0 && n < BH_REPORT_LINE, "a message is empty or "
		   "longer than a report line");
}

/** A report whose errors count starts at 0. */
static inline struct bh_report fuzz_report(void)
{
	struct bh_report r = { fuzz_emit, NULL, 0 };

	return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
