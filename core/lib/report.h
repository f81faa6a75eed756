/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Error reporting and string formatting shared by the host tools, the
 * loader and the hypervisor. Code that checks input (image reader, config
 * checker, ACPI parser) reports through a struct bh_report, so each
 * environment decides where a message goes (stderr, UEFI console and COM1,
 * hypervisor console) while the wording stays in one place.
 */
#ifndef BULKHEAD_REPORT_H
#define BULKHEAD_REPORT_H

#include <stdarg.h>
#include <bulkhead/types.h>

/** Longest message a report line carries; longer ones are cut. */
#define BH_REPORT_LINE 384

/** Where check failures go. */
struct bh_report {
	/** Receives one complete message, without a trailing newline. */
	void (*emit)(void *ctx, const char *msg);
	void *ctx;
	unsigned int errors;	/**< messages emitted so far */
};

/** Format a message and hand it to @p r->emit; counts it as an error. */
void bh_error(struct bh_report *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/**
 * A small vsnprintf: flags '0' and '-', field width, precision for %s,
 * length modifiers l/ll/z, and conversions d i u x X p s c %. Always NUL-terminates when
 * @p size > 0.
 * @return the length the full output would have had.
 */
int bh_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

/** snprintf on top of bh_vsnprintf(). */
int bh_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/** Lower-case hex of @p len bytes into @p out (2 * len + 1 bytes). */
void bh_hex(char *out, const u8 *data, size_t len);

#endif
