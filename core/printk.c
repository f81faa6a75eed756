/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Hypervisor console output, formatted by the shared bh_vsnprintf(), and
 * the ring that keeps its last CONSOLE_RING_SIZE bytes for the managing
 * cell (HC_BH_CONSOLE_READ).
 */
#include <stdarg.h>

#include "hv.h"
#include "ring.h"
#include "spinlock.h"

/* What was printed, as printed (without the CR each LF gets on the
 * wire), in hypervisor memory only. */
static char ring_buf[CONSOLE_RING_SIZE];
static struct bh_ring ring = { ring_buf, CONSOLE_RING_SIZE, 0 };

static void console_write(const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			arch_console_putc('\r');
		arch_console_putc(*s);
		bh_ring_put(&ring, *s);
	}
}

/* Serialises whole messages between CPUs, fairly (a ticket lock): a
 * cell whose CPUs cause many messages cannot keep another CPU's message
 * waiting for long. */
static spinlock_t console_lock;

static void vprintk(const char *fmt, va_list ap)
{
	char buf[BH_REPORT_LINE];

	bh_vsnprintf(buf, sizeof(buf), fmt, ap);
	spin_lock(&console_lock);
	console_write(buf);
	spin_unlock(&console_lock);
}

/* For what is printed on the way to a stop (a hypervisor exception, a
 * panic): the lock if it can be had within a bounded time, else the
 * message is printed without it, so that a CPU that died holding it
 * cannot silence the message. */
static void vprintk_emergency(const char *fmt, va_list ap)
{
	char buf[BH_REPORT_LINE];
	unsigned long spin = 100000000;
	bool locked;

	bh_vsnprintf(buf, sizeof(buf), fmt, ap);
	while (!(locked = spin_trylock(&console_lock)) && --spin)
		asm volatile("pause");
	console_write(buf);
	if (locked)
		spin_unlock(&console_lock);
}

u64 console_ring_read(u64 *pos, char *dst, u64 size, u64 *end)
{
	u64 n;

	spin_lock(&console_lock);
	n = bh_ring_read(&ring, pos, dst, size);
	*end = ring.end;
	spin_unlock(&console_lock);
	return n;
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
}

void printk_emergency(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk_emergency(fmt, ap);
	va_end(ap);
}

void panic_stop(const char *fmt, ...)
{
	va_list ap;

	printk_emergency("FATAL: ");
	va_start(ap, fmt);
	vprintk_emergency(fmt, ap);
	va_end(ap);
	printk_emergency("stopping: powering off\n");
	arch_power_off();
	arch_halt();
}
