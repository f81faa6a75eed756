/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The hypervisor's first instructions and its file header. The loader
 * enters hv_entry in 64-bit mode on its own page tables with RDI pointing
 * to the hand-off structure (include/bulkhead/handoff.h).
 */
#include <bulkhead/image.h>

	.section .header, "a"
	.globl hv_header
hv_header:
	.ascii	BH_HV_MAGIC
	.long	BH_HV_VERSION
	.long	88			/* sizeof(struct bh_hv_header) */
	.quad	0			/* file_size: set by bhimage seal-hv */
	.fill	32, 1, 0		/* digest: set by bhimage seal-hv */
	.quad	__hv_start		/* link_address */
	.quad	hv_entry		/* entry */
	.quad	__hv_size		/* memory_size */
	.quad	0			/* reserved */

	.section .text.entry, "ax"
	.globl hv_entry
hv_entry:
	cli
	cld
	lea	boot_stack_top(%rip), %rsp
	xor	%ebp, %ebp
	call	hv_main
1:	cli
	hlt
	jmp	1b

	.section .bss
	.balign	4096
boot_stack:
	.skip	16384
	.globl boot_stack_top
boot_stack_top:

	.section .note.GNU-stack,"",@progbits
