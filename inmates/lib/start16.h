/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The first steps of every inmate (header.S, header-32.S), from the
 * real-mode reset state at guest 0: the GDT at \ptr loaded, caches on,
 * protected mode, a far jump to \target through selector 0x08 (32-bit
 * code), and there the data selector 0x18 in every data segment.
 * For assembly files only.
 */
#ifndef BULKHEAD_INMATE_START16_H
#define BULKHEAD_INMATE_START16_H

#include <bulkhead/x86.h>

.macro enter_protected_mode ptr, target
	.code16
	cli
	xor	%ax, %ax
	mov	%ax, %ds
	lgdtl	\ptr
	mov	%cr0, %eax
	and	$~(CR0_CD | CR0_NW), %eax	/* caches on */
	or	$CR0_PE, %eax
	mov	%eax, %cr0
	ljmpl	$0x08, $\target

	.code32
\target:
	mov	$0x18, %eax
	mov	%eax, %ds
	mov	%eax, %es
	mov	%eax, %ss
	mov	%eax, %fs
	mov	%eax, %gs
.endm

#endif
