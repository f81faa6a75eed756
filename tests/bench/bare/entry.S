/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * make bench's bare harness (bare.c): the multiboot header and entry, and
 * the way out to the inmate, which expects the reset state a cell's first
 * CPU has: real mode at 0000:0000, interrupts off.
 */
#define MULTIBOOT_MAGIC	0x1badb002
#define MULTIBOOT_FLAGS	0x00000002	/* memory map wanted; ELF sections */

	.section .multiboot, "a"
	.balign 4
	.long	MULTIBOOT_MAGIC
	.long	MULTIBOOT_FLAGS
	.long	-(MULTIBOOT_MAGIC + MULTIBOOT_FLAGS)

	.text
	.code32
	.globl _start
_start:
	/* The loader left: EAX the magic, EBX its information, flat 32-bit
	 * protected mode, paging and interrupts off, no stack. */
	cli
	mov	$stack_top, %esp
	push	%ebx
	push	%eax
	call	bare_main
1:	hlt
	jmp	1b

/* void enter_inmate(void): flat 32-bit protected mode to real mode at
 * 0000:0000 through a 16-bit code segment whose base is real16 (set here:
 * the harness is linked above 64 KiB) and 16-bit data segments, so that
 * real mode starts with 64 KiB limits everywhere. */
	.globl enter_inmate
enter_inmate:
	cli
	mov	$real16, %eax
	mov	%ax, gdt16 + 8 + 2
	shr	$16, %eax
	mov	%al, gdt16 + 8 + 4
	mov	%ah, gdt16 + 8 + 7
	lgdt	gdt16_ptr
	mov	$0x10, %eax
	mov	%eax, %ds
	mov	%eax, %es
	mov	%eax, %fs
	mov	%eax, %gs
	mov	%eax, %ss
	ljmp	$0x08, $0

	.code16
real16:
	mov	%cr0, %eax
	and	$~1, %eax		/* PE off */
	mov	%eax, %cr0
	ljmp	$0, $0

	.data
	.balign 8
gdt16:
	.quad	0
	.quad	0x00009a000000ffff	/* 0x08: 16-bit code, base set above */
	.quad	0x000092000000ffff	/* 0x10: 16-bit data, base 0 */
gdt16_end:
gdt16_ptr:
	.word	gdt16_end - gdt16 - 1
	.long	gdt16

	.bss
	.balign 16
	.space	16384
stack_top:

	.section .note.GNU-stack,"",@progbits
