/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The hypervisor console on an 8250-compatible UART reached through I/O
 * ports (struct bh_console with BH_CON_TYPE_8250 and BH_CON_ACCESS_PIO).
 */
#include "hv.h"
#include "x86.h"

#define UART_THR 0
#define UART_IER 1
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define LSR_THRE 0x20
#define LCR_DLAB 0x80
#define LCR_8N1 0x03
#define DEFAULT_PORT 0x3f8

static u16 uart_port;

void arch_console_init(const struct bh_console *con)
{
	/* Without a (verified) config, fall back to COM1 so that the reason
	 * for stopping is still seen. */
	if (con && (con->type != BH_CON_TYPE_8250 ||
		    con->flags & BH_CON_ACCESS_MMIO)) {
		uart_port = 0;
		return;
	}
	uart_port = con ? (u16)con->address : DEFAULT_PORT;
	outb(uart_port + UART_IER, 0);
	if (con && con->divider) {
		outb(uart_port + UART_LCR, LCR_DLAB);
		outb(uart_port + 0, (u8)con->divider);
		outb(uart_port + 1, (u8)(con->divider >> 8));
	}
	outb(uart_port + UART_LCR, LCR_8N1);
	outb(uart_port + UART_FCR, 0x07);
	outb(uart_port + UART_MCR, 0x03);
}

void arch_console_putc(char c)
{
	unsigned int spin = 1000000;

	if (!uart_port)
		return;
	while (!(inb(uart_port + UART_LSR) & LSR_THRE) && --spin)
		cpu_relax();
	outb(uart_port + UART_THR, (u8)c);
}
