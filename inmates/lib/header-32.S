/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Start-up of a 32-bit inmate: from the real-mode reset state at guest
 * address 0 to flat 32-bit protected mode without paging (guest-physical
 * addresses are linear addresses), then inmate_main() on the first CPU to
 * arrive; the others halt. Selectors as in the 64-bit start-up
 * (header.S) and Jailhouse's 32-bit inmates: 0x08 32-bit code, 0x18 data.
 * For programs that use the console (printk.c) and their command line;
 * the rest of the library is 64-bit.
 */
#include "start16.h"

	.section .boot, "ax"
	.globl __reset_entry
__reset_entry:
	enter_protected_mode gdt32_ptr, start32
	mov	$1, %eax
	lock xadd %eax, cpu_slot
	test	%eax, %eax
	jnz	park
	mov	$stack_top, %esp
	mov	$__bss_start, %edi
	mov	$__bss_end, %ecx
	sub	%edi, %ecx
	xor	%eax, %eax
	rep stosb
	call	inmate_main
park:
	cli
	hlt
	jmp	park

	.section .rodata
	.balign 8
	.globl gdt32
gdt32:
	.quad	0
	.quad	0x00cf9a000000ffff		/* 0x08: 32-bit code */
	.quad	0				/* 0x10: (64-bit code) */
	.quad	0x00cf92000000ffff		/* 0x18: data */
gdt32_end:
gdt32_ptr:
	.word	gdt32_end - gdt32 - 1
	.long	gdt32

	.data
cpu_slot:
	.long	0

	.section .note.GNU-stack,"",@progbits
