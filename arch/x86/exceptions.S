/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Entry stubs for all 256 vectors, 16 bytes apart: the exceptions 0-31
 * and the interrupts 32-255 (the host takes interrupts only while it
 * drains a stopped cell's APIC, see apic_cpu_quiesce()). Each pushes a
 * zero error code where the CPU pushes none, then its vector, and joins
 * the common path, which hands a struct exception_frame to
 * exception_handler(). If that returns (an interrupt acknowledged, a
 * fault with a fix-up), the common path resumes at the frame's RIP.
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
	.set vector, 32
	.rept 224
	STUB vector, 0
	.set vector, vector + 1
	.endr

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
	mov	%rsp, %rbx		/* saved above, restored below */
	and	$~0xf, %rsp
	call	exception_handler
	mov	%rbx, %rsp
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%r11
	pop	%r10
	pop	%r9
	pop	%r8
	pop	%rbp
	pop	%rdi
	pop	%rsi
	pop	%rdx
	pop	%rcx
	pop	%rbx
	pop	%rax
	add	$16, %rsp		/* vector, error code */
	iretq

	.section .note.GNU-stack,"",@progbits
