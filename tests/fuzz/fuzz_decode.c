/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * libFuzzer target: the MMIO instruction decoder, x86_decode_mmio(), and
 * the register arithmetic around it. Input: one byte selecting 16-, 32-
 * or 64-bit code (modulo 3), then the instruction bytes, all of them
 * readable (the buffer ends where the input does, so ASan sees a read
 * past what the decoder was given).
 *
 * Properties. The result is 0, -1 or -2. A decoded instruction is 1 to
 * 15 bytes and no longer than what was given; it decodes the same from
 * exactly its own bytes, and one byte short is -2; its opcode (after
 * prefixes and REX) is one the decoder claims (88, 89, 8A, 8B, C6, C7,
 * A0-A3, 0F B6, 0F B7); widths are 1, 2, 4 or 8 with the register at
 * least as wide as the access, only reads widen (MOVZX); registers are
 * 0-15, AH-BH only without REX; an immediate is a write of its width
 * (64-bit: a sign-extended 32-bit one).
 * -2 only when fewer than 15 bytes were given, and padding the bytes to
 * 15 turns it into 0 or -1; -1 stays -1 when padded. The value a write
 * stores and the register a read leaves follow the x86 rules for the
 * widths. The same bytes go to the INVD length decoder,
 * x86_decode_invd(): a length it gives is 2 to 15, within what was
 * given, ends in 0F 08 after bytes that are all prefixes (no LOCK, REX
 * only last and only in 64-bit code), and the bytes after it do not
 * change it. Seeds: tests/fuzz/corpus/decode/ (tests/fuzz/mkseeds.c).
 */
#include "decode.h"
#include "fuzz_common.h"

static bool same(const struct x86_mmio_insn *a, const struct x86_mmio_insn *b)
{
	return a->len == b->len && a->size == b->size &&
	       a->reg_size == b->reg_size && a->reg == b->reg &&
	       a->high_byte == b->high_byte && a->write == b->write &&
	       a->has_imm == b->has_imm && a->imm == b->imm;
}

static u64 mask_of(unsigned int bytes)
{
	return bytes >= 8 ? ~0ULL : (1ULL << (8 * bytes)) - 1;
}

/* The opcode after legacy prefixes and (64-bit) one REX is one of the
 * moves the decoder claims to know. */
static bool known_opcode(const u8 *code, unsigned int len, unsigned int bits)
{
	unsigned int i = 0;

	while (i < len && (code[i] == 0x66 || code[i] == 0x67 ||
			   code[i] == 0x26 || code[i] == 0x2e ||
			   code[i] == 0x36 || code[i] == 0x3e ||
			   code[i] == 0x64 || code[i] == 0x65))
		i++;
	if (bits == 64 && i < len && (code[i] & 0xf0) == 0x40)
		i++;
	if (i >= len)
		return false;
	if (code[i] == 0x0f)
		return i + 1 < len && (code[i + 1] == 0xb6 || code[i + 1] == 0xb7);
	return code[i] == 0x88 || code[i] == 0x89 || code[i] == 0x8a ||
	       code[i] == 0x8b || code[i] == 0xc6 || code[i] == 0xc7 ||
	       (code[i] >= 0xa0 && code[i] <= 0xa3);
}

static bool width_ok(unsigned int w)
{
	return w == 1 || w == 2 || w == 4 || w == 8;
}

static void check_decoded(const struct x86_mmio_insn *in, const u8 *code,
			  unsigned int avail, unsigned int bits)
{
	struct x86_mmio_insn again;

	FUZZ_CHECK(in->len >= 1 && in->len <= X86_MAX_INSN_LEN &&
		   in->len <= avail, "length out of range");
	FUZZ_CHECK(known_opcode(code, in->len, bits),
		   "decoded an opcode the decoder does not claim");
	FUZZ_CHECK(width_ok(in->size) && width_ok(in->reg_size) &&
		   in->reg_size >= in->size, "widths");
	FUZZ_CHECK(!in->write || in->reg_size == in->size,
		   "a write with a widened register");
	FUZZ_CHECK(in->reg < 16, "register number");
	FUZZ_CHECK(!in->high_byte || (in->reg >= 4 && in->reg <= 7 &&
				      in->reg_size == 1 && !in->has_imm),
		   "high-byte register");
	FUZZ_CHECK(!in->has_imm || (in->write && in->reg == 0 &&
				    (in->imm & ~mask_of(in->size)) == 0),
		   "immediate wider than the access or not a write");
	FUZZ_CHECK(!in->has_imm || in->size < 8 ||
		   (s64)in->imm == (s32)in->imm,
		   "a 64-bit immediate is not a sign-extended 32-bit one");
	FUZZ_CHECK(x86_decode_mmio(code, in->len, bits, &again) == 0 &&
		   same(in, &again), "differs when given only its own bytes");
	FUZZ_CHECK(x86_decode_mmio(code, in->len - 1U, bits, &again) == -2,
		   "one byte short is not a short read");
}

static void check_values(const struct x86_mmio_insn *in)
{
	static const u64 regs[] = { 0, ~0ULL, 0x8877665544332211ULL };
	u64 m = mask_of(in->size);
	unsigned int i, j;

	for (i = 0; i < BH_ARRAY_SIZE(regs); i++) {
		u64 w = x86_mmio_write_value(in, regs[i]);
		u64 want = in->has_imm ? in->imm :
			   in->high_byte ? regs[i] >> 8 : regs[i];

		FUZZ_CHECK(w == (want & m), "value written");
		for (j = 0; j < BH_ARRAY_SIZE(regs); j++) {
			u64 old = regs[j], val = regs[i] ^ 0x5a5a5a5a5a5a5a5aULL;
			u64 got = x86_mmio_read_result(in, old, val);
			unsigned int shift = in->high_byte ? 8 : 0;
			u64 keep = in->reg_size == 4 ? 0 :
				   ~(mask_of(in->reg_size) << shift);

			FUZZ_CHECK((got & keep) == (old & keep),
				   "a read changed bits outside its register");
			FUZZ_CHECK(((got & ~keep) >> shift) == (val & m),
				   "a read left the wrong value");
		}
	}
}

static bool invd_prefix(u8 b)
{
	return b == 0x66 || b == 0x67 || b == 0x26 || b == 0x2e ||
	       b == 0x36 || b == 0x3e || b == 0x64 || b == 0x65 ||
	       b == 0xf2 || b == 0xf3;
}

static void check_invd(const u8 *code, unsigned int avail, unsigned int bits)
{
	int len = x86_decode_invd(code, avail, bits);
	int i;

	FUZZ_CHECK(len == -1 || (len >= 2 && len <= X86_MAX_INSN_LEN &&
				 (unsigned int)len <= avail), "INVD length");
	if (len < 0)
		return;
	FUZZ_CHECK(code[len - 2] == 0x0f && code[len - 1] == 0x08,
		   "INVD without 0F 08");
	for (i = 0; i < len - 2; i++)
		FUZZ_CHECK(invd_prefix(code[i]) ||
			   (i == len - 3 && bits == 64 &&
			    (code[i] & 0xf0) == 0x40), "INVD after a non-prefix");
	FUZZ_CHECK(x86_decode_invd(code, (unsigned int)len, bits) == len,
		   "INVD length depends on the bytes after it");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned int modes[] = { 16, 32, 64 };
	struct x86_mmio_insn in, padded_in;
	u8 padded[X86_MAX_INSN_LEN];
	unsigned int bits, avail;
	int rc, padded_rc;

	if (size < 1 || size > 64)
		return 0;
	bits = modes[data[0] % 3];
	avail = (unsigned int)size - 1;
	check_invd(data + 1, avail, bits);
	rc = x86_decode_mmio(data + 1, avail, bits, &in);
	FUZZ_CHECK(rc == 0 || rc == -1 || rc == -2, "result");
	memset(padded, 0, sizeof(padded));
	memcpy(padded, data + 1, avail < sizeof(padded) ? avail : sizeof(padded));
	padded_rc = x86_decode_mmio(padded, sizeof(padded), bits, &padded_in);
	if (rc == 0) {
		check_decoded(&in, data + 1, avail, bits);
		check_values(&in);
		FUZZ_CHECK(padded_rc == 0 && same(&in, &padded_in),
			   "bytes after the instruction changed it");
	} else if (rc == -2) {
		FUZZ_CHECK(avail < X86_MAX_INSN_LEN,
			   "short read with 15 bytes given");
		FUZZ_CHECK(padded_rc != -2, "short read with 15 bytes");
	} else {
		FUZZ_CHECK(padded_rc == -1, "a refusal that depends on bytes "
			   "it did not read");
	}
	return 0;
}
