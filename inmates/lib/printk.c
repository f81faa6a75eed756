/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Inmate console: the cell's 8250 UART on I/O ports and/or the hypervisor's
 * debug console through the putc hypercall, chosen from the comm region as
 * Jailhouse's inmates do. Formatting is the shared bh_vsnprintf().
 */
#include <stdarg.h>

#include "inmate.h"
#include "report.h"

#define UART_LSR	5
#define LSR_THRE	0x20

static bool uart_ready(u16 base)
{
	return inb(base + UART_LSR) & LSR_THRE;
}

static void uart_putc(u16 base, char c)
{
	while (!uart_ready(base))
		cpu_relax();
	outb(base, (u8)c);
}

static void console_putc(char c)
{
	u32 flags = comm_region->flags;
	u16 uart = 0;

	if (comm_region->console.type == BH_CON_TYPE_8250 &&
	    !(comm_region->console.flags & BH_CON_ACCESS_MMIO))
		uart = (u16)comm_region->console.address;
	if (uart) {
		if (c == '\n')
			uart_putc(uart, '\r');
		uart_putc(uart, c);
	}
	if ((flags & COMM_FLAG_DBG_PUTC_ACTIVE) ||
	    (!uart && (flags & COMM_FLAG_DBG_PUTC_PERMITTED)))
		hypercall1(HC_DEBUG_CONSOLE_PUTC, (u8)c);
}

void printk(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	char *p;

	va_start(ap, fmt);
	bh_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	for (p = buf; *p; p++)
		console_putc(*p);
}

void stop(void)
{
	for (;;)
		asm volatile("cli; hlt");
}
