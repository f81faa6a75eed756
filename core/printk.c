/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Hypervisor console output, formatted by the shared bh_vsnprintf(), and
 * the ring that keeps its last CONSOLE_RING_SIZE bytes for the managing
 * cell (HC_BH_CONSOLE_READ).
 */
#include <stdarg.h>

#include "bh_string.h"
#include "hv.h"

/* What was printed, as printed (without the CR each LF gets on the wire):
 * byte n of the output is at ring[n % CONSOLE_RING_SIZE] while
 * n >= ring_end - CONSOLE_RING_SIZE. Hypervisor memory only. */
static char ring[CONSOLE_RING_SIZE];
static u64 ring_end;

static void console_write(const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			arch_console_putc('\r');
		arch_console_putc(*s);
		ring[ring_end++ % CONSOLE_RING_SIZE] = *s;
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
	u64 n, first;

	lock();
	first = ring_end > CONSOLE_RING_SIZE ? ring_end - CONSOLE_RING_SIZE : 0;
	if (*pos < first || *pos > ring_end)
		*pos = first;
	n = ring_end - *pos < size ? ring_end - *pos : size;
	for (u64 i = 0; i < n; i++)
		dst[i] = ring[(*pos + i) % CONSOLE_RING_SIZE];
	*pos += n;
	*end = ring_end;
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
