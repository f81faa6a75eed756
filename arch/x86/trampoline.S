/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Start-up code for the other CPUs. arch/x86/smp.c copies it to the page
 * below 1 MiB that the loader reserved, fills the parameter block at its
 * end and sends INIT-SIPI-SIPI. A CPU arrives in real mode at offset 0 with
 * CS = page >> 4, switches to protected mode, enables PAE, long mode and
 * paging on the hypervisor's page tables (which map this page executable),
 * and jumps to the hypervisor's ap_entry on the stack given in the block.
 * Everything is addressed relative to the page, found from CS.
 */
#include <bulkhead/x86.h>

#define OFF(sym) ((sym) - trampoline_start)

	.section .rodata
	.balign 16
	.globl trampoline_start
trampoline_start:
	.code16
	cli
	cld
	xor	%ebx, %ebx
	mov	%cs, %bx
	shl	$4, %ebx			/* physical base of this page */
	mov	%cs, %ax
	mov	%ax, %ds
	lgdtl	OFF(tr_gdtr)
	mov	%cr0, %eax
	or	$CR0_PE, %eax
	mov	%eax, %cr0
	ljmpl	*OFF(tr_far32)

	.code32
tr_start32:
	mov	$0x10, %ax
	mov	%ax, %ds
	mov	%ax, %es
	mov	%ax, %ss
	mov	%cr4, %eax
	or	$CR4_PAE, %eax
	mov	%eax, %cr4
	mov	OFF(tr_cr3)(%ebx), %eax
	mov	%eax, %cr3
	mov	$MSR_EFER, %ecx
	rdmsr
	or	$(EFER_LME | EFER_NXE), %eax
	wrmsr
	mov	$(CR0_PG | CR0_WP | CR0_ET | CR0_PE), %eax
	mov	%eax, %cr0
	ljmp	*OFF(tr_far64)(%ebx)

	.code64
tr_start64:
	mov	%ebx, %ebx			/* zero-extend the base */
	mov	OFF(tr_stack)(%rbx), %rsp
	mov	OFF(tr_cpu)(%rbx), %rdi
	xor	%ebp, %ebp
	jmp	*OFF(tr_entry)(%rbx)

	.balign 8
tr_gdt:
	.quad	0
	.quad	0x00cf9a000000ffff		/* 0x08: 32-bit code */
	.quad	0x00cf92000000ffff		/* 0x10: data */
	.quad	0x00af9a000000ffff		/* 0x18: 64-bit code */
tr_gdt_end:
	/* Parameter block, filled by smp.c (physical addresses unless said). */
tr_gdtr:
	.word	tr_gdt_end - tr_gdt - 1
	.long	OFF(tr_gdt)			/* + base */
tr_far32:
	.long	OFF(tr_start32)			/* + base */
	.word	0x08
tr_far64:
	.long	OFF(tr_start64)			/* + base */
	.word	0x18
	.balign 8
tr_cr3:
	.quad	0
tr_stack:
	.quad	0				/* virtual */
tr_entry:
	.quad	0				/* virtual */
tr_cpu:
	.quad	0
trampoline_end:

	/* Where things are in the copy: struct trampoline_layout in smp.c. */
	.balign 8
	.globl trampoline_layout
trampoline_layout:
	.quad	trampoline_end - trampoline_start
	.quad	OFF(tr_gdtr) + 2
	.quad	OFF(tr_far32)
	.quad	OFF(tr_far64)
	.quad	OFF(tr_cr3)
	.quad	OFF(tr_stack)
	.quad	OFF(tr_entry)
	.quad	OFF(tr_cpu)

	.section .note.GNU-stack,"",@progbits
