/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Decoder for guest MMIO instructions (see decode.h).
 */
#include "decode.h"

#define REX_W	0x8
#define REX_R	0x4

struct cursor {
	const u8 *code;
	unsigned int avail, pos;
	bool short_read;
};

static u8 next(struct cursor *c)
{
	if (c->pos >= c->avail || c->pos >= X86_MAX_INSN_LEN) {
		c->short_read = c->pos < X86_MAX_INSN_LEN;
		c->pos++;
		return 0;
	}
	return c->code[c->pos++];
}

static void skip(struct cursor *c, unsigned int n)
{
	while (n--)
		next(c);
}

static u64 read_le(struct cursor *c, unsigned int n)
{
	u64 v = 0;
	unsigned int i;

	for (i = 0; i < n; i++)
		v |= (u64)next(c) << (8 * i);
	return v;
}

/* Skip ModRM's addressing bytes (SIB, displacement); false for a register
 * operand, which cannot be MMIO. */
static bool skip_modrm(struct cursor *c, u8 modrm, unsigned int addr_bits)
{
	unsigned int mod = modrm >> 6, rm = modrm & 7;

	if (mod == 3)
		return false;
	if (addr_bits == 16) {
		if (mod == 0 && rm == 6)
			skip(c, 2);
		else if (mod == 1)
			skip(c, 1);
		else if (mod == 2)
			skip(c, 2);
		return true;
	}
	if (rm == 4) {
		u8 sib = next(c);

		if (mod == 0 && (sib & 7) == 5)
			skip(c, 4);
	} else if (mod == 0 && rm == 5) {
		skip(c, 4);	/* disp32, RIP-relative in 64-bit mode */
	}
	if (mod == 1)
		skip(c, 1);
	else if (mod == 2)
		skip(c, 4);
	return true;
}

static u64 sign_extend(u64 v, unsigned int from_bytes)
{
	unsigned int shift = 64 - 8 * from_bytes;

	return (u64)((s64)(v << shift) >> shift);
}

int x86_decode_mmio(const u8 *code, unsigned int avail,
		    unsigned int code_bits, struct x86_mmio_insn *out)
{
	struct cursor c = { code, avail, 0, false };
	bool opsize_prefix = false, addrsize_prefix = false;
	unsigned int op_size, addr_bits;
	u8 rex = 0, op;
	bool uses_modrm = true;

	*out = (struct x86_mmio_insn){ 0 };
	for (;;) {
		op = next(&c);
		if (op == 0x66)
			opsize_prefix = true;
		else if (op == 0x67)
			addrsize_prefix = true;
		else if (op == 0x26 || op == 0x2e || op == 0x36 || op == 0x3e ||
			 op == 0x64 || op == 0x65)
			continue;	/* segment: NPF gives the address */
		else
			break;
	}
	if (code_bits == 64 && (op & 0xf0) == 0x40) {
		rex = op;
		op = next(&c);
	}
	if (code_bits == 16)
		op_size = opsize_prefix ? 4 : 2;
	else
		op_size = opsize_prefix ? 2 : 4;
	if (rex & REX_W)
		op_size = 8;
	if (code_bits == 64)
		addr_bits = addrsize_prefix ? 32 : 64;
	else if (code_bits == 32)
		addr_bits = addrsize_prefix ? 16 : 32;
	else
		addr_bits = addrsize_prefix ? 32 : 16;

	switch (op) {
	case 0x88:	/* MOV r/m8, r8 */
	case 0x8a:	/* MOV r8, r/m8 */
		out->size = 1;
		out->write = op == 0x88;
		break;
	case 0x89:	/* MOV r/m, r */
	case 0x8b:	/* MOV r, r/m */
		out->size = (u8)op_size;
		out->write = op == 0x89;
		break;
	case 0xc6:	/* MOV r/m8, imm8 */
	case 0xc7:	/* MOV r/m, imm16/32 */
		out->size = op == 0xc6 ? 1 : (u8)op_size;
		out->write = true;
		out->has_imm = true;
		break;
	case 0xa0:	/* MOV AL, moffs8 */
	case 0xa1:	/* MOV eAX, moffs */
	case 0xa2:	/* MOV moffs8, AL */
	case 0xa3:	/* MOV moffs, eAX */
		out->size = op & 1 ? (u8)op_size : 1;
		out->write = op >= 0xa2;
		out->reg = 0;
		uses_modrm = false;
		skip(&c, addr_bits / 8);
		break;
	case 0x0f:
		op = next(&c);
		if (op != 0xb6 && op != 0xb7)	/* MOVZX r, r/m8 or r/m16 */
			return c.short_read ? -2 : -1;
		out->size = op == 0xb6 ? 1 : 2;
		out->reg_size = (u8)op_size;
		break;
	default:
		return c.short_read ? -2 : -1;
	}
	if (uses_modrm) {
		u8 modrm = next(&c);

		out->reg = (u8)(((modrm >> 3) & 7) | (rex & REX_R ? 8 : 0));
		if (out->has_imm && ((modrm >> 3) & 7))
			return c.short_read ? -2 : -1;	/* C6/C7 /1-/7 */
		if (!skip_modrm(&c, modrm, addr_bits))
			return c.short_read ? -2 : -1;
	}
	if (out->has_imm) {
		out->reg = 0;
		out->imm = read_le(&c, out->size > 4 ? 4 : out->size);
		if (out->size == 8)
			out->imm = sign_extend(out->imm, 4);
	}
	if (!out->reg_size)
		out->reg_size = out->size;
	/* Without REX, byte registers 4-7 are AH, CH, DH, BH. */
	if (out->reg_size == 1 && !out->has_imm && !rex && out->reg >= 4)
		out->high_byte = true;
	if (c.short_read)
		return -2;
	if (c.pos > X86_MAX_INSN_LEN)
		return -1;
	out->len = (u8)c.pos;
	return 0;
}

u64 x86_mmio_write_value(const struct x86_mmio_insn *insn, u64 reg_value)
{
	u64 v = insn->has_imm ? insn->imm : reg_value;

	if (insn->high_byte)
		v >>= 8;
	return insn->size == 8 ? v : v & ((1ULL << (8 * insn->size)) - 1);
}

u64 x86_mmio_read_result(const struct x86_mmio_insn *insn, u64 old,
			 u64 value)
{
	if (insn->size < 8)
		value &= (1ULL << (8 * insn->size)) - 1;
	switch (insn->reg_size) {
	case 1:
		if (insn->high_byte)
			return (old & ~0xff00ULL) | value << 8;
		return (old & ~0xffULL) | value;
	case 2:
		return (old & ~0xffffULL) | value;
	case 4:
		return (u32)value;
	default:
		return value;
	}
}

/* Operand and address size, segment, LOCK and REP prefixes. */
static bool is_legacy_prefix(u8 b)
{
	return b == 0x66 || b == 0x67 || b == 0x26 || b == 0x2e ||
	       b == 0x36 || b == 0x3e || b == 0x64 || b == 0x65 ||
	       b == 0xf0 || b == 0xf2 || b == 0xf3;
}

int x86_decode_invd(const u8 *code, unsigned int avail, unsigned int code_bits)
{
	unsigned int i = 0;

	if (avail > X86_MAX_INSN_LEN)
		avail = X86_MAX_INSN_LEN;
	while (i < avail && is_legacy_prefix(code[i]) && code[i] != 0xf0)
		i++;
	if (code_bits == 64 && i < avail && (code[i] & 0xf0) == 0x40)
		i++;
	if (i + 2 > avail || code[i] != 0x0f || code[i + 1] != 0x08)
		return -1;
	return (int)i + 2;
}
