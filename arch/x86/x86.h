/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * x86 instructions only the hypervisor uses (the vocabulary it shares
 * with the loader, the inmates and the tools: <bulkhead/x86.h>).
 */
#ifndef BULKHEAD_ARCH_X86_H
#define BULKHEAD_ARCH_X86_H

#include <bulkhead/x86.h>

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

static inline u64 read_cr3(void)
{
	u64 v;

	asm volatile("mov %%cr3, %0" : "=r"(v));
	return v;
}

static inline void invlpg(u64 va)
{
	asm volatile("invlpg (%0)" : : "r"(va) : "memory");
}

#endif
