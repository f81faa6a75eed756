/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ldr_enter_hypervisor(cr3, entry, handoff): switch to the hand-off page
 * tables and jump to the hypervisor. The code runs identity-mapped under
 * both the firmware's tables and ours, so the switch is seamless.
 * SysV ABI (efi_main's callees are SysV with Debian's GNU-EFI).
 */
	.text
	.globl ldr_enter_hypervisor
ldr_enter_hypervisor:
	cli
	mov	%rdi, %cr3
	mov	%rdx, %rdi
	xor	%ebp, %ebp
	jmp	*%rsi

	.section .note.GNU-stack,"",@progbits
