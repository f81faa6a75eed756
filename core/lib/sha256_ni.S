/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * SHA-256 blocks with the x86 SHA extensions (SHA256RNDS2, SHA256MSG1,
 * SHA256MSG2; SSSE3 PSHUFB and PALIGNR, SSE4.1 PBLENDW), for the builds
 * that may use the vector registers: the loader (UEFI has SSE on and the
 * registers are its own) and the host tools. The hypervisor does not: the
 * vector registers it runs with are a cell's. core/lib/sha256.c decides
 * when this is called (sha256.h, sha256_use_instructions()).
 *
 * void sha256_ni_blocks(u32 state[8], const u8 *data, u64 blocks,
 *                       const u32 k[64]);   (System V AMD64 ABI)
 *
 * The instructions keep the eight working variables in two registers,
 * A B E F and C D G H, from the most significant dword down; each
 * SHA256RNDS2 does two rounds from the message-plus-constant dwords in
 * the low half of %xmm0 and leaves the new A B E F in its destination,
 * whose old value (now C D G H) the other register takes the role of.
 *
 * Registers: %xmm1 A B E F, %xmm2 C D G H, %xmm3-%xmm6 four message
 * dwords each (the last 16 schedule words, rotating), %xmm7 scratch,
 * %xmm8 the byte order mask, %xmm9/%xmm10 the state at the block's start.
 * %xmm6-%xmm10 are saved on entry and restored on return: the loader
 * runs under UEFI, whose calling convention (Microsoft x64) has callers
 * keep values in %xmm6-%xmm15 across calls.
 */
	.text

/* Four rounds: \msg + K[\koff / 4 ...] into %xmm0, two SHA256RNDS2. */
.macro rounds4 msg, koff
	movdqu	\koff(%rcx), %xmm0
	paddd	\msg, %xmm0
	sha256rnds2 %xmm0, %xmm1, %xmm2
	pshufd	$0x0e, %xmm0, %xmm0
	sha256rnds2 %xmm0, %xmm2, %xmm1
.endm

/* The next four schedule words W[t..t+3] into \w0, which holds
 * W[t-16..t-13], from \w1 = W[t-12..], \w2 = W[t-8..], \w3 = W[t-4..]:
 * W[t] = s1(W[t-2]) + W[t-7] + s0(W[t-15]) + W[t-16]. */
.macro schedule w0, w1, w2, w3
	sha256msg1 \w1, \w0
	movdqa	\w3, %xmm7
	palignr	$4, \w2, %xmm7
	paddd	%xmm7, \w0
	sha256msg2 \w3, \w0
.endm

/* Four message dwords, big-endian, from \off(%rsi) into \w. */
.macro load w, off
	movdqu	\off(%rsi), \w
	pshufb	%xmm8, \w
.endm

	.globl	sha256_ni_blocks
	.type	sha256_ni_blocks, @function
sha256_ni_blocks:
	sub	$80, %rsp
	movdqu	%xmm6, (%rsp)
	movdqu	%xmm7, 16(%rsp)
	movdqu	%xmm8, 32(%rsp)
	movdqu	%xmm9, 48(%rsp)
	movdqu	%xmm10, 64(%rsp)
	test	%rdx, %rdx
	jz	2f
	/* PSHUFB mask swapping the bytes of each dword, without data. */
	movabs	$0x0405060700010203, %rax
	movq	%rax, %xmm8
	movabs	$0x0c0d0e0f08090a0b, %rax
	movq	%rax, %xmm7
	punpcklqdq %xmm7, %xmm8
	/* state[] is A..D, E..H (dword 0 lowest): make A B E F, C D G H. */
	movdqu	(%rdi), %xmm1		/* D C B A */
	movdqu	16(%rdi), %xmm2		/* H G F E */
	pshufd	$0xb1, %xmm1, %xmm1	/* C D A B */
	pshufd	$0x1b, %xmm2, %xmm2	/* E F G H */
	movdqa	%xmm1, %xmm7
	palignr	$8, %xmm2, %xmm1	/* A B E F */
	pblendw	$0xf0, %xmm7, %xmm2	/* C D G H */
1:
	movdqa	%xmm1, %xmm9
	movdqa	%xmm2, %xmm10
	load	%xmm3, 0
	load	%xmm4, 16
	load	%xmm5, 32
	load	%xmm6, 48
	rounds4 %xmm3, 0
	rounds4 %xmm4, 16
	rounds4 %xmm5, 32
	rounds4 %xmm6, 48
	schedule %xmm3, %xmm4, %xmm5, %xmm6
	rounds4 %xmm3, 64
	schedule %xmm4, %xmm5, %xmm6, %xmm3
	rounds4 %xmm4, 80
	schedule %xmm5, %xmm6, %xmm3, %xmm4
	rounds4 %xmm5, 96
	schedule %xmm6, %xmm3, %xmm4, %xmm5
	rounds4 %xmm6, 112
	schedule %xmm3, %xmm4, %xmm5, %xmm6
	rounds4 %xmm3, 128
	schedule %xmm4, %xmm5, %xmm6, %xmm3
	rounds4 %xmm4, 144
	schedule %xmm5, %xmm6, %xmm3, %xmm4
	rounds4 %xmm5, 160
	schedule %xmm6, %xmm3, %xmm4, %xmm5
	rounds4 %xmm6, 176
	schedule %xmm3, %xmm4, %xmm5, %xmm6
	rounds4 %xmm3, 192
	schedule %xmm4, %xmm5, %xmm6, %xmm3
	rounds4 %xmm4, 208
	schedule %xmm5, %xmm6, %xmm3, %xmm4
	rounds4 %xmm5, 224
	schedule %xmm6, %xmm3, %xmm4, %xmm5
	rounds4 %xmm6, 240
	paddd	%xmm9, %xmm1
	paddd	%xmm10, %xmm2
	add	$64, %rsi
	dec	%rdx
	jnz	1b
	/* Back to A..D, E..H. */
	pshufd	$0x1b, %xmm1, %xmm1	/* F E B A */
	pshufd	$0xb1, %xmm2, %xmm2	/* D C H G */
	movdqa	%xmm1, %xmm7
	pblendw	$0xf0, %xmm2, %xmm1	/* D C B A */
	palignr	$8, %xmm7, %xmm2	/* H G F E */
	movdqu	%xmm1, (%rdi)
	movdqu	%xmm2, 16(%rdi)
2:
	movdqu	(%rsp), %xmm6
	movdqu	16(%rsp), %xmm7
	movdqu	32(%rsp), %xmm8
	movdqu	48(%rsp), %xmm9
	movdqu	64(%rsp), %xmm10
	add	$80, %rsp
	ret
	.size	sha256_ni_blocks, . - sha256_ni_blocks

	.section .note.GNU-stack, "", @progbits
