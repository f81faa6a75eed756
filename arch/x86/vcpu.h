/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * What the exit handlers outside vcpu.c need from it.
 */
#ifndef BULKHEAD_VCPU_H
#define BULKHEAD_VCPU_H

#include <bulkhead/types.h>

struct per_cpu;
struct vmcb;

/** The guest register with x86 number @p n (RAX 0 ... R15 15). */
u64 *vcpu_reg(struct per_cpu *pc, unsigned int n);

/**
 * Handle a nested page fault of @p pc's guest: an access to emulated
 * registers is decoded and emulated, and the guest steps over it.
 * @return 0, or -1 with the reason the cell must stop in @p why.
 */
int npf_handle(struct per_cpu *pc, char *why, unsigned int len);

/** The width of @p v's code segment: 16, 32 or 64 bits. */
unsigned int vcpu_code_bits(const struct vmcb *v);

/** Read up to X86_MAX_INSN_LEN bytes at the guest's CS:RIP through its
 * own page tables and the cell's nested ones into @p buf.
 * @return how many bytes could be read. */
unsigned int vcpu_fetch_insn(struct per_cpu *pc, u8 *buf);

/**
 * The hypervisor took exception @p vector at @p rip while handling an
 * exit of @p pc's cell: report it, stop that cell, park this CPU. The
 * other cells go on. Does not return.
 */
__attribute__((noreturn)) void vcpu_hypervisor_fault(struct per_cpu *pc,
						     unsigned int vector,
						     u64 rip);

#endif
