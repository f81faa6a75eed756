/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Exception entry stubs for vectors 0-31. Each pushes a zero error code
 * where the CPU pushes none, then its vector, and joins the common path,
 * which hands a struct exception_frame to exception_handler().
 */
	.text

.macro STUB vec, has_error
	.balign 16
	.if \has_error == 0
	pushq	$0
	.endif
	pushq	$\vec
	jmp	exception_common
.endm

	.balign 16
	.globl exception_stubs
exception_stubs:
	STUB 0, 0
	STUB 1, 0
	/* NMI: the hypervisor's wake-up signal (see vcpu.c); the exit it
	 * caused says what to do, so the handler only returns. */
	.balign 16
	iretq
	STUB 3, 0
	STUB 4, 0
	STUB 5, 0
	STUB 6, 0
	STUB 7, 0
	STUB 8, 1
	STUB 9, 0
	STUB 10, 1
	STUB 11, 1
	STUB 12, 1
	STUB 13, 1
	STUB 14, 1
	STUB 15, 0
	STUB 16, 0
	STUB 17, 1
	STUB 18, 0
	STUB 19, 0
	STUB 20, 0
	STUB 21, 1
	STUB 22, 0
	STUB 23, 0
	STUB 24, 0
	STUB 25, 0
	STUB 26, 0
	STUB 27, 0
	STUB 28, 0
	STUB 29, 1
	STUB 30, 1
	STUB 31, 0

exception_common:
	push	%rax
	push	%rbx
	push	%rcx
	push	%rdx
	push	%rsi
	push	%rdi
	push	%rbp
	push	%r8
	push	%r9
	push	%r10
	push	%r11
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	mov	%rsp, %rdi
	and	$~0xf, %rsp
	call	exception_handler
1:	cli
	hlt
	jmp	1b

	.section .note.GNU-stack,"",@progbits
