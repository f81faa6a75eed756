/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Decoder for the x86 instructions a guest uses to access MMIO: without
 * decode assists (QEMU's TCG has none), a nested page fault gives only the
 * guest-physical address, so the hypervisor reads the faulting instruction
 * and works out its length, width, direction and register or immediate.
 * Pure logic, tested on the host against GNU as encodings.
 *
 * Supported: MOV r/m,r and r,r/m (88, 89, 8A, 8B), MOV r/m,imm (C6 /0,
 * C7 /0), MOV between AL/eAX and a memory offset (A0-A3), MOVZX (0F B6,
 * 0F B7); prefixes 66, 67, segment overrides and REX. Anything else
 * (string instructions, LOCK, REP, read-modify-write) is refused.
 */
#ifndef BULKHEAD_DECODE_H
#define BULKHEAD_DECODE_H

#include <bulkhead/types.h>

#define X86_MAX_INSN_LEN 15

/** A decoded MMIO access. */
struct x86_mmio_insn {
	u8 len;		/**< instruction length in bytes */
	u8 size;	/**< bytes accessed in memory: 1, 2, 4 or 8 */
	u8 reg_size;	/**< register width written by a read (MOVZX: wider) */
	u8 reg;		/**< x86 register number 0-15 (RAX 0 ... R15 15) */
	bool high_byte;	/**< reg - 4 is AH, CH, DH or BH */
	bool write;	/**< memory is written */
	bool has_imm;	/**< a write of imm, not of reg */
	u64 imm;	/**< the immediate, as wide as the access */
};

/**
 * Decode the instruction at @p code (@p avail bytes readable) executed in
 * a @p code_bits (16, 32 or 64) bit code segment.
 * @return 0, -1 for an instruction that is not an MMIO move this decoder
 * knows, -2 if @p avail ends before the instruction does.
 */
int x86_decode_mmio(const u8 *code, unsigned int avail,
		    unsigned int code_bits, struct x86_mmio_insn *out);

/** The value a write of @p insn stores, given the register it names
 * holding @p reg_value (ignored for an immediate). */
u64 x86_mmio_write_value(const struct x86_mmio_insn *insn, u64 reg_value);

/** The register named by @p insn after a read that returned @p value,
 * given its old contents @p old (x86 rules: a 32-bit write clears the
 * upper half, 8- and 16-bit writes keep the rest). */
u64 x86_mmio_read_result(const struct x86_mmio_insn *insn, u64 old,
			 u64 value);

/**
 * Length of the INVD instruction (0F 08, after any legacy prefixes and, in
 * 64-bit code, a REX prefix) at @p code, @p avail bytes readable, in a
 * @p code_bits bit code segment: the hypervisor steps over an INVD it
 * intercepted without next-RIP support.
 * @return the length, or -1 if @p code is not INVD.
 */
int x86_decode_invd(const u8 *code, unsigned int avail, unsigned int code_bits);

#endif
