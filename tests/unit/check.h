/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The unit tests' shared harness: one line per check on stdout, `ok NAME`
 * or `FAIL NAME: detail` (tests/run.py reads them), a sanitizer abort
 * reported as the failure of the check that was running, and an exit
 * status of 1 if anything failed. Include it once, in the test's .c file.
 */
#ifndef BULKHEAD_TEST_CHECK_H
#define BULKHEAD_TEST_CHECK_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#if defined(__SANITIZE_ADDRESS__)
#define HAVE_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HAVE_ASAN 1
#endif
#endif
#ifdef HAVE_ASAN
#include <sanitizer/common_interface_defs.h>
#endif

/** Checks failed so far: main() returns failures ? 1 : 0. */
static int failures;

/* The check running, named in a FAIL line if a sanitizer aborts it. */
static const char *current_check = "startup";

#ifdef HAVE_ASAN
static void sanitizer_died(void)
{
	printf("FAIL %s: aborted by a sanitizer (report on stderr)\n",
	       current_check);
	fflush(stdout);
}
#endif

/* Make a UBSan finding fail the run instead of scrolling past. */
const char *__ubsan_default_options(void);
const char *__ubsan_default_options(void)
{
	return "halt_on_error=1:print_stacktrace=1";
}

static __attribute__((unused)) void sanitizers_init(void)
{
	/* Line-buffered: an abort must not swallow the results so far. */
	setvbuf(stdout, NULL, _IOLBF, 0);
#ifdef HAVE_ASAN
	__sanitizer_set_death_callback(sanitizer_died);
#endif
}

#define RUN(test)				\
	do {					\
		current_check = #test;		\
		test();				\
	} while (0)

static __attribute__((unused)) void check(const char *name, bool cond,
					  const char *detail)
{
	if (cond) {
		printf("ok %s\n", name);
	} else {
		printf("FAIL %s: %s\n", name, detail);
		failures++;
	}
}

static void checkf(const char *name, bool cond, const char *fmt, ...)
	__attribute__((format(printf, 3, 4), unused));

static void checkf(const char *name, bool cond, const char *fmt, ...)
{
	char detail[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	check(name, cond, detail);
}

#endif
