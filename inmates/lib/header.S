/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Inmate start-up: from the real-mode reset state at guest address 0 to
 * 64-bit mode on identity-mapped page tables (the first 4 GiB with 2 MiB
 * pages, the last of them uncached for device registers such as the
 * IOAPIC at 0xfec00000), then inmate_main() on the first CPU to arrive.
 * Selectors follow Jailhouse's inmates: 0x08 32-bit code, 0x10 64-bit
 * code, 0x18 data; for code that drops to CPL 3 with SYSRET (STAR base
 * 0x20), 0x28 is user data and 0x30 user 64-bit code. All pages are
 * user-accessible: an inmate is one flat program.
 */
#include "start16.h"

#define MAX_CPUS	64

	.section .boot, "ax"
	.globl __reset_entry
__reset_entry:
	enter_protected_mode gdt_ptr, start32
	mov	$pml4, %eax
	mov	%eax, %cr3
	mov	%cr4, %eax
	or	$CR4_PAE, %eax
	mov	%eax, %cr4
	mov	$MSR_EFER, %ecx
	rdmsr
	or	$EFER_LME, %eax
	wrmsr
	mov	%cr0, %eax
	or	$(CR0_PG | CR0_PE), %eax
	mov	%eax, %cr0
	ljmp	$0x10, $start64

	.code64
start64:
	/* A CPU started by smp_start_cpu() goes to its entry. */
	mov	ap_entry(%rip), %rax
	test	%rax, %rax
	jz	1f
	mov	ap_stack(%rip), %rsp
	call	*%rax
	jmp	park
1:	/* Every CPU of the cell arrives here at cell start: each takes a
	 * slot, records its APIC ID there and only then counts itself as
	 * arrived, so that a counted CPU's ID is always readable. The first
	 * one runs C, the others wait for INIT/SIPI. */
	mov	$1, %eax
	lock xadd %eax, cpu_slots(%rip)
	mov	%eax, %esi
	mov	$1, %eax
	cpuid
	shr	$24, %ebx
	cmp	$MAX_CPUS, %esi
	jae	2f
	lea	smp_cpu_ids(%rip), %rdi
	mov	%ebx, (%rdi, %rsi, 4)
2:	lock incl cpus_arrived(%rip)
	test	%esi, %esi
	jnz	park
	lea	stack_top(%rip), %rsp
	lea	__bss_start(%rip), %rdi
	lea	__bss_end(%rip), %rcx
	sub	%rdi, %rcx
	xor	%eax, %eax
	rep stosb
	call	inmate_main
park:
	cli
	hlt
	jmp	park

	.section .rodata
	.balign 8
gdt:
	.quad	0
	.quad	0x00cf9a000000ffff		/* 0x08: 32-bit code */
	.quad	0x00af9a000000ffff		/* 0x10: 64-bit code */
	.quad	0x00cf92000000ffff		/* 0x18: data */
	.quad	0				/* 0x20: SYSRET base */
	.quad	0x00cff2000000ffff		/* 0x28: user data */
	.quad	0x00affa000000ffff		/* 0x30: user 64-bit code */
gdt_end:
gdt_ptr:
	.word	gdt_end - gdt - 1
	.long	gdt

	.data
	.balign 4096
pml4:
	.quad	pdpt + 0x7
	.fill	511, 8, 0
pdpt:
	.quad	pd + 0x7, pd + 0x1007, pd + 0x2007, pd + 0x3007
	.fill	508, 8, 0
pd:	/* 4 page directories, one per GiB */
	.set	n, 0
	.rept	1536
	.quad	(n << 21) | 0x87		/* present, writable, user, 2 MiB */
	.set	n, n + 1
	.endr
	.rept	512
	.quad	(n << 21) | 0x9f		/* the same, uncached (PCD, PWT) */
	.set	n, n + 1
	.endr
	.globl cpus_arrived, smp_cpu_ids, ap_entry, ap_stack
cpu_slots:
	.long	0
cpus_arrived:
	.long	0
	.balign 8
ap_entry:
	.quad	0
ap_stack:
	.quad	0
smp_cpu_ids:
	.fill	MAX_CPUS, 4, 0

	.section .note.GNU-stack,"",@progbits
