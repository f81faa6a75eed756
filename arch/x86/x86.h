/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * x86 instructions and registers the hypervisor uses.
 */
#ifndef BULKHEAD_X86_H
#define BULKHEAD_X86_H

#include <bulkhead/types.h>

#define MSR_EFER	0xc0000080
#define EFER_NXE	(1ULL << 11)
#define CR0_WP		(1ULL << 16)

static inline void outb(u16 port, u8 v)
{
	asm volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline void outw(u16 port, u16 v)
{
	asm volatile("outw %0, %1" : : "a"(v), "Nd"(port));
}

static inline u8 inb(u16 port)
{
	u8 v;

	asm volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline u16 inw(u16 port)
{
	u16 v;

	asm volatile("inw %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline u64 rdmsr(u32 msr)
{
	u32 lo, hi;

	asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return (u64)hi << 32 | lo;
}

static inline void wrmsr(u32 msr, u64 v)
{
	asm volatile("wrmsr" : : "c"(msr), "a"((u32)v), "d"((u32)(v >> 32)));
}

/**
 * WRMSR that cannot fault the hypervisor: if the CPU refuses the value
 * (\#GP), the exception handler resumes after the instruction through the
 * fix-up table (.extable, see exceptions.c) and -1 is returned.
 */
static inline int wrmsr_safe(u32 msr, u64 v)
{
	int err = -1;

	asm volatile("1: wrmsr\n\t"
		     "xor %0, %0\n"
		     "2:\n\t"
		     ".pushsection .extable, \"a\"\n\t"
		     ".balign 8\n\t"
		     ".quad 1b, 2b\n\t"
		     ".popsection"
		     : "+r"(err)
		     : "c"(msr), "a"((u32)v), "d"((u32)(v >> 32))
		     : "memory");
	return err;
}

static inline u64 read_cr0(void)
{
	u64 v;

	asm volatile("mov %%cr0, %0" : "=r"(v));
	return v;
}

static inline void write_cr0(u64 v)
{
	asm volatile("mov %0, %%cr0" : : "r"(v) : "memory");
}

static inline u64 read_cr2(void)
{
	u64 v;

	asm volatile("mov %%cr2, %0" : "=r"(v));
	return v;
}

static inline void write_cr3(u64 v)
{
	asm volatile("mov %0, %%cr3" : : "r"(v) : "memory");
}

static inline void cpu_relax(void)
{
	asm volatile("pause" : : : "memory");
}

#endif
