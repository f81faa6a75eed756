/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Hypervisor console output, formatted by the shared bh_vsnprintf().
 */
#include <stdarg.h>

#include "hv.h"

static void console_write(const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			arch_console_putc('\r');
		arch_console_putc(*s);
	}
}

static void vprintk(const char *fmt, va_list ap)
{
	char buf[BH_REPORT_LINE];

	bh_vsnprintf(buf, sizeof(buf), fmt, ap);
	console_write(buf);
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
}

void panic_stop(const char *fmt, ...)
{
	va_list ap;

	console_write("FATAL: ");
	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
	console_write("stopping: powering off\n");
	arch_power_off();
	arch_halt();
}
