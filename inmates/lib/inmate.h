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

/** @name SMP (inmates/lib/smp.c) */
/**@{*/
/** APIC IDs of the cell's CPUs in the order they arrived at cell start;
 * smp_cpu_ids[0] runs inmate_main(). */
extern u32 smp_cpu_ids[];
/** How many CPUs arrived at cell start. */
extern volatile u32 cpus_arrived;
/** This CPU's APIC ID, from the x2APIC ID MSR. */
u32 cpu_id(void);
/** Start the CPU with APIC ID @p apic_id at @p entry on its own stack
 * with INIT and a start-up IPI, as a BIOS would; waits until it runs.
 * @return 0, or -1 if it did not start within a second. */
int smp_start_cpu(u32 apic_id, void (*entry)(void));
/** Send fixed interrupt @p vector to the CPU with APIC ID @p apic_id. */
void send_ipi(u32 apic_id, u8 vector);
/**@}*/

/** Stop this CPU for good. */
__attribute__((noreturn)) void stop(void);

static inline long hypercall1(unsigned long code, unsigned long arg1)
{
	long ret;

	asm volatile("vmmcall" : "=a"(ret) : "a"(code), "D"(arg1)
		     : "memory");
	return ret;
}

static inline u64 rdmsr(u32 msr)
{
	u32 lo, hi;

	asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return (u64)hi << 32 | lo;
}

static inline void wrmsr(u32 msr, u64 v)
{
	asm volatile("wrmsr" : : "c"(msr), "a"((u32)v), "d"((u32)(v >> 32))
		     : "memory");
}

static inline long hypercall2(unsigned long code, unsigned long arg1,
			      unsigned long arg2)
{
	long ret;

	asm volatile("vmmcall" : "=a"(ret) : "a"(code), "D"(arg1), "S"(arg2)
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
