/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * tiny: the smallest cell payload. It starts in real mode at guest address
 * 0 (Jailhouse's start state), reads its console's I/O port from the comm
 * region at guest 0x100000 (console.address, offset 24), prints one line
 * and halts. Every CPU of a cell starts here at once, so only the first
 * to claim the flag below prints; the others halt. The boot path packs and verifies it; the hypervisor-core work
 * runs it. The full inmate library replaces it there.
 */
	.code16
	.text
	.globl _start
_start:
	cli
	lock btsw $0, %cs:printer
	jc	3f
	xor	%ax, %ax
	mov	%ax, %ss
	mov	$0x7000, %sp
	mov	$0xffff, %ax		/* 0xffff:0x0010 = 0x100000 */
	mov	%ax, %fs
	mov	%fs:(0x10 + 24), %bx	/* comm_region.console.address */
	mov	%cs, %ax
	mov	%ax, %ds
	mov	$msg, %si
1:	lodsb
	test	%al, %al
	jz	3f
	lea	5(%bx), %dx		/* line status: wait for THR empty */
2:	mov	%al, %cl
	in	%dx, %al
	test	$0x20, %al
	mov	%cl, %al
	jz	2b
	mov	%bx, %dx
	out	%al, %dx
	jmp	1b
3:	hlt
	jmp	3b

printer:
	.word	0
msg:
	.asciz	"tiny: hello from a Bulkhead cell\r\n"

	.section .note.GNU-stack,"",@progbits
