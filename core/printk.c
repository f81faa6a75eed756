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

/* Serialises whole messages between CPUs. Bounded, so that a CPU that
 * dies holding it cannot silence a later panic message for good. */
static volatile int console_lock;

static void lock(void)
{
	unsigned long spin = 100000000;

	while (__atomic_exchange_n(&console_lock, 1, __ATOMIC_ACQUIRE) &&
	       --spin)
		asm volatile("pause");
}

static void unlock(void)
{
	__atomic_store_n(&console_lock, 0, __ATOMIC_RELEASE);
}

static void vprintk(const char *fmt, va_list ap)
{
	char buf[BH_REPORT_LINE];

	bh_vsnprintf(buf, sizeof(buf), fmt, ap);
	lock();
	console_write(buf);
	unlock();
}

u64 console_ring_read(u64 *pos, char *dst, u64 size, u64 *end)
{
	u64 n;

	lock();
	n = bh_ring_read(&ring, pos, dst, size);
	*end = ring.end;
	unlock();
	return n;
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

	printk("FATAL: ");
	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
	printk("stopping: powering off\n");
	arch_power_off();
	arch_halt();
}
