/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * svm_vmrun(regs, vmcb_pa): run the guest until its next #VMEXIT.
 * The host keeps IF = 0. The caller clears GIF (clgi) before its last look
 * at the CPU's pending requests, so an NMI that arrives after that look
 * stays pending into the guest and makes it exit at once; GIF is set again
 * here after VMSAVE. VMLOAD/VMSAVE move the guest's FS, GS, TR, LDTR and syscall
 * MSRs, which VMRUN does not; the hypervisor uses none of them.
 */
	.text
	.globl svm_vmrun
svm_vmrun:
	push	%rbx
	push	%rbp
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	push	%rdi			/* regs */
	mov	%rsi, %rax		/* vmcb_pa */

	mov	0x00(%rdi), %rbx
	mov	0x08(%rdi), %rcx
	mov	0x10(%rdi), %rdx
	mov	0x18(%rdi), %rsi
	mov	0x28(%rdi), %rbp
	mov	0x30(%rdi), %r8
	mov	0x38(%rdi), %r9
	mov	0x40(%rdi), %r10
	mov	0x48(%rdi), %r11
	mov	0x50(%rdi), %r12
	mov	0x58(%rdi), %r13
	mov	0x60(%rdi), %r14
	mov	0x68(%rdi), %r15
	mov	0x20(%rdi), %rdi

	vmload	%rax
	vmrun	%rax
	vmsave	%rax
	stgi

	push	%rdi			/* guest rdi */
	mov	8(%rsp), %rdi		/* regs */
	mov	%rbx, 0x00(%rdi)
	mov	%rcx, 0x08(%rdi)
	mov	%rdx, 0x10(%rdi)
	mov	%rsi, 0x18(%rdi)
	mov	%rbp, 0x28(%rdi)
	mov	%r8, 0x30(%rdi)
	mov	%r9, 0x38(%rdi)
	mov	%r10, 0x40(%rdi)
	mov	%r11, 0x48(%rdi)
	mov	%r12, 0x50(%rdi)
	mov	%r13, 0x58(%rdi)
	mov	%r14, 0x60(%rdi)
	mov	%r15, 0x68(%rdi)
	pop	%rax
	mov	%rax, 0x20(%rdi)

	pop	%rdi
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%rbp
	pop	%rbx
	ret

	.section .note.GNU-stack,"",@progbits
