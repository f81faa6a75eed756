/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The inmate library: what a bare-metal cell program gets. It runs in
 * 64-bit mode on identity-mapped memory, on the first CPU of its cell.
 */
#ifndef BULKHEAD_INMATE_H
#define BULKHEAD_INMATE_H

#include <bulkhead/comm_region.h>
#include <bulkhead/hypercall.h>

/** x86 inmates find their comm region at 1 MiB. */
#define COMM_REGION_BASE 0x100000UL
#define comm_region ((volatile struct comm_region *)COMM_REGION_BASE)

/** The program's entry, called once on the cell's first CPU. */
void inmate_main(void);

/** Print on the cell's console: its UART (comm region console, 8250 on
 * I/O ports) and/or the debug-console hypercall, as the comm region
 * flags say. */
void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/** Nanoseconds from the ACPI PM timer (wraps after about 4.7 s of
 * 24-bit counter are handled; call at least once a second). */
u64 pm_timer_read_ns(void);
/** Busy-wait @p us microseconds on the PM timer. */
void delay_us(u64 us);

/** Stop this CPU for good. */
__attribute__((noreturn)) void stop(void);

static inline long hypercall1(unsigned long code, unsigned long arg1)
{
	long ret;

	asm volatile("vmmcall" : "=a"(ret) : "a"(code), "D"(arg1)
		     : "memory");
	return ret;
}

static inline void cpuid(u32 leaf, u32 *a, u32 *b, u32 *c, u32 *d)
{
	asm volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
		     : "a"(leaf), "c"(0));
}

static inline void outb(u16 port, u8 v)
{
	asm volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline u8 inb(u16 port)
{
	u8 v;

	asm volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline u32 inl(u16 port)
{
	u32 v;

	asm volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

#endif
