/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Entry stubs for all 256 vectors: each pushes a dummy error code where
 * the CPU pushes none, then its vector, and joins irq_common, which saves
 * the caller-saved registers (and RBX, which it uses to keep the frame)
 * and calls irq_dispatch(frame). Stubs are 16
 * bytes apart so that irq.c can compute their addresses.
 */
	.text
	.balign 16
	.globl irq_stubs
irq_stubs:
	.set	vec, 0
	.rept	256
	.balign 16
	/* Exceptions with an error code: 8, 10-14, 17, 21, 29, 30. */
	.if vec == 8 || (vec >= 10 && vec <= 14) || vec == 17 || vec == 21 || vec == 29 || vec == 30
	.else
	pushq	$0
	.endif
	pushq	$vec
	jmp	irq_common
	.set	vec, vec + 1
	.endr

irq_common:
	push	%rbx
	push	%rax
	push	%rcx
	push	%rdx
	push	%rsi
	push	%rdi
	push	%r8
	push	%r9
	push	%r10
	push	%r11
	mov	%rsp, %rdi
	/* Interrupted code may have had any alignment: realign for C. */
	mov	%rsp, %rbx
	and	$~0xf, %rsp
	call	irq_dispatch
	mov	%rbx, %rsp
	pop	%r11
	pop	%r10
	pop	%r9
	pop	%r8
	pop	%rdi
	pop	%rsi
	pop	%rdx
	pop	%rcx
	pop	%rax
	pop	%rbx
	add	$16, %rsp		/* vector and error code */
	iretq

	.section .note.GNU-stack,"",@progbits
