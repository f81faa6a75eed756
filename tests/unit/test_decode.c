/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Host unit test of the MMIO instruction decoder (arch/x86/decode.c).
 *
 * The instructions are assembled by GNU as in the asm block below, so the
 * lengths the decoder must find come from the assembler, not from this
 * file: each case is a label pair around one instruction. The expected
 * width, direction, register and immediate are written by hand from the
 * instruction text.
 *
 * Output: one line per check, `ok <name>` or `FAIL <name>: <detail>`.
 */
#include <stdio.h>
#include <string.h>

#include "decode.h"

static int failures;

static void check(const char *name, int cond, const char *detail)
{
	if (cond) {
		printf("ok %s\n", name);
	} else {
		printf("FAIL %s: %s\n", name, detail);
		failures++;
	}
}

/* One instruction between NAME and NAME_end, in BITS-bit code. */
#define INSN(name, bits, text)                                             \
	extern const unsigned char name[], name##_end[];                  \
	asm(".pushsection .rodata.insns, \"a\"\n"                          \
	    ".code" #bits "\n" #name ":\n\t" text "\n" #name "_end:\n"     \
	    ".code64\n.popsection")

INSN(mov_st_eax_rbx, 64, "movl %eax, (%rbx)");
INSN(mov_st_ecx_disp8, 64, "movl %ecx, 0x10(%rbx)");
INSN(mov_st_r9_sib_disp32, 64, "movq %r9, 0x12345678(%rax,%rbx,4)");
INSN(mov_st_dx_16, 64, "movw %dx, (%rdi)");
INSN(mov_st_ah, 64, "movb %ah, (%rsi)");
INSN(mov_st_sil, 64, "movb %sil, (%rdi)");
INSN(mov_ld_r12d, 64, "movl (%rax), %r12d");
INSN(mov_ld_rsp_base, 64, "movq 8(%rsp), %rax");
INSN(mov_ld_rip_rel, 64, "movl 0x100(%rip), %eax");
INSN(mov_ld_sib_index_only, 64, "movl 0x10(,%rbx,4), %edx");
INSN(mov_ld_moffs64, 64, "movabs 0xfec00010, %eax");
INSN(mov_st_moffs64, 64, "movabs %eax, 0xfee000b0");
INSN(mov_ld_moffs64_al, 64, "movabs 0xfec00010, %al");
INSN(mov_st_imm32, 64, "movl $0x12345678, (%rax)");
INSN(mov_st_imm_q, 64, "movq $-1, 8(%rax)");
INSN(mov_st_imm16, 64, "movw $0x1234, (%rax)");
INSN(mov_st_imm8, 64, "movb $0x5a, (%rax)");
INSN(mov_st_imm32_disp32, 64, "movl $0xfee00000, 0x300(%rdx)");
INSN(movzbl, 64, "movzbl (%rax), %ecx");
INSN(movzwq_r8, 64, "movzwq (%rax), %r8");
INSN(movzbw, 64, "movzbw (%rax), %ax");
INSN(mov_st_fs, 64, "movl %eax, %fs:(%rbx)");
INSN(mov_ld_addr32, 64, "addr32 movl (%eax), %ebx");
INSN(mov_ld_bh, 64, "movb 0x10(%rbp), %bh");
INSN(mov_st_r15_sib_noindex, 64, "movq %r15, (%r13,%r14,8)");
INSN(mov32_st_eax, 32, "movl %eax, (%ebx)");
INSN(mov32_ld_moffs, 32, "movl 0xfec00000, %eax");
INSN(mov32_st_ax, 32, "movw %ax, (%esi)");
INSN(mov32_st_addr16, 32, "addr16 movl %eax, (%bx)");
INSN(mov32_st_imm, 32, "movl $7, 0x40(%ebp)");
INSN(mov16_st_ax, 16, "movw %ax, (%bx)");
INSN(mov16_st_eax, 16, "movl %eax, 0x1234(%si)");
INSN(mov16_ld_moffs, 16, "movw 0x10, %ax");
INSN(bad_add, 64, "addl %eax, (%rbx)");
INSN(bad_reg_operand, 64, "movl %eax, %ebx");
INSN(bad_movsb, 64, "rep movsb");
INSN(bad_xchg, 64, "xchgl %eax, (%rbx)");
INSN(bad_movsx, 64, "movsbl (%rax), %eax");

struct good {
	const char *name;
	const unsigned char *start, *end;
	unsigned int bits, size, reg_size, reg;
	int write, high_byte, has_imm;
	unsigned long long imm;
};

#define G(n, bits, size, reg_size, reg, write, high, has_imm, imm) \
	{ #n, n, n##_end, bits, size, reg_size, reg, write, high, has_imm, imm }

static const struct good goods[] = {
	G(mov_st_eax_rbx, 64, 4, 4, 0, 1, 0, 0, 0),
	G(mov_st_ecx_disp8, 64, 4, 4, 1, 1, 0, 0, 0),
	G(mov_st_r9_sib_disp32, 64, 8, 8, 9, 1, 0, 0, 0),
	G(mov_st_dx_16, 64, 2, 2, 2, 1, 0, 0, 0),
	G(mov_st_ah, 64, 1, 1, 4, 1, 1, 0, 0),
	G(mov_st_sil, 64, 1, 1, 6, 1, 0, 0, 0),
	G(mov_ld_r12d, 64, 4, 4, 12, 0, 0, 0, 0),
	G(mov_ld_rsp_base, 64, 8, 8, 0, 0, 0, 0, 0),
	G(mov_ld_rip_rel, 64, 4, 4, 0, 0, 0, 0, 0),
	G(mov_ld_sib_index_only, 64, 4, 4, 2, 0, 0, 0, 0),
	G(mov_ld_moffs64, 64, 4, 4, 0, 0, 0, 0, 0),
	G(mov_st_moffs64, 64, 4, 4, 0, 1, 0, 0, 0),
	G(mov_ld_moffs64_al, 64, 1, 1, 0, 0, 0, 0, 0),
	G(mov_st_imm32, 64, 4, 4, 0, 1, 0, 1, 0x12345678),
	G(mov_st_imm_q, 64, 8, 8, 0, 1, 0, 1, 0xffffffffffffffffULL),
	G(mov_st_imm16, 64, 2, 2, 0, 1, 0, 1, 0x1234),
	G(mov_st_imm8, 64, 1, 1, 0, 1, 0, 1, 0x5a),
	G(mov_st_imm32_disp32, 64, 4, 4, 0, 1, 0, 1, 0xfee00000),
	G(movzbl, 64, 1, 4, 1, 0, 0, 0, 0),
	G(movzwq_r8, 64, 2, 8, 8, 0, 0, 0, 0),
	G(movzbw, 64, 1, 2, 0, 0, 0, 0, 0),
	G(mov_st_fs, 64, 4, 4, 0, 1, 0, 0, 0),
	G(mov_ld_addr32, 64, 4, 4, 3, 0, 0, 0, 0),
	G(mov_ld_bh, 64, 1, 1, 7, 0, 1, 0, 0),
	G(mov_st_r15_sib_noindex, 64, 8, 8, 15, 1, 0, 0, 0),
	G(mov32_st_eax, 32, 4, 4, 0, 1, 0, 0, 0),
	G(mov32_ld_moffs, 32, 4, 4, 0, 0, 0, 0, 0),
	G(mov32_st_ax, 32, 2, 2, 0, 1, 0, 0, 0),
	G(mov32_st_addr16, 32, 4, 4, 0, 1, 0, 0, 0),
	G(mov32_st_imm, 32, 4, 4, 0, 1, 0, 1, 7),
	G(mov16_st_ax, 16, 2, 2, 0, 1, 0, 0, 0),
	G(mov16_st_eax, 16, 4, 4, 0, 1, 0, 0, 0),
	G(mov16_ld_moffs, 16, 2, 2, 0, 0, 0, 0, 0),
};

struct bad {
	const char *name;
	const unsigned char *start, *end;
};

#define B(n) { #n, n, n##_end }

static const struct bad bads[] = {
	B(bad_add), B(bad_reg_operand), B(bad_movsb), B(bad_xchg),
	B(bad_movsx),
};

static void test_good(const struct good *g)
{
	unsigned int len = (unsigned int)(g->end - g->start);
	struct x86_mmio_insn in;
	char detail[256];
	unsigned char buf[32];
	int r;

	/* Trailing bytes must not be taken for part of the instruction. */
	memset(buf, 0x90, sizeof(buf));
	memcpy(buf, g->start, len);
	r = x86_decode_mmio(buf, sizeof(buf), g->bits, &in);
	snprintf(detail, sizeof(detail),
		 "ret %d len %u/%u size %u/%u reg_size %u/%u reg %u/%u write "
		 "%d/%d high %d/%d imm %d:%llx/%d:%llx", r, in.len, len,
		 in.size, g->size, in.reg_size, g->reg_size, in.reg, g->reg,
		 in.write, g->write, in.high_byte, g->high_byte, in.has_imm,
		 (unsigned long long)in.imm, g->has_imm, g->imm);
	check(g->name, r == 0 && in.len == len && in.size == g->size &&
	      in.reg_size == g->reg_size && in.write == g->write &&
	      in.high_byte == g->high_byte && in.has_imm == g->has_imm &&
	      (g->has_imm ? in.imm == g->imm : in.reg == g->reg), detail);
}

/* Every prefix of a good instruction is reported as cut short. */
static void test_truncated(const struct good *g)
{
	unsigned int len = (unsigned int)(g->end - g->start), n;
	struct x86_mmio_insn in;
	char name[96], detail[64];
	int bad = -1;

	for (n = 0; n < len && bad < 0; n++)
		if (x86_decode_mmio(g->start, n, g->bits, &in) != -2)
			bad = (int)n;
	snprintf(name, sizeof(name), "truncated/%s", g->name);
	snprintf(detail, sizeof(detail), "%d of %u bytes not reported short",
		 bad, len);
	check(name, bad < 0, detail);
}

static void test_bad(const struct bad *b)
{
	struct x86_mmio_insn in;
	unsigned char buf[32];
	char detail[32];
	int r;

	memset(buf, 0x90, sizeof(buf));
	memcpy(buf, b->start, (size_t)(b->end - b->start));
	r = x86_decode_mmio(buf, sizeof(buf), 64, &in);
	snprintf(detail, sizeof(detail), "returned %d", r);
	check(b->name, r == -1, detail);
}

static void test_prefix_storm(void)
{
	/* 15 operand-size prefixes leave no room for an instruction. */
	unsigned char buf[20];
	struct x86_mmio_insn in;

	memset(buf, 0x66, sizeof(buf));
	buf[15] = 0x89;
	buf[16] = 0x03;
	check("too_long", x86_decode_mmio(buf, sizeof(buf), 64, &in) == -1,
	      "15 prefixes accepted");
	/* MOV r/m, imm with a /1 reg field is not a MOV. */
	buf[0] = 0xc7;
	buf[1] = 0x08;
	check("c7_slash1", x86_decode_mmio(buf, 6, 64, &in) == -1,
	      "C7 /1 accepted");
}

static void test_values(void)
{
	struct x86_mmio_insn in = { 0 };

	in.size = in.reg_size = 4;
	check("read/32-bit-clears-upper-half",
	      x86_mmio_read_result(&in, ~0ULL, 0x12345678) == 0x12345678,
	      "upper half kept");
	in.size = in.reg_size = 2;
	check("read/16-bit-keeps-the-rest",
	      x86_mmio_read_result(&in, 0xaaaabbbbccccddddULL, 0xff1234) ==
	      0xaaaabbbbcccc1234ULL, "wrong merge");
	in.size = in.reg_size = 1;
	in.high_byte = true;
	check("read/high-byte",
	      x86_mmio_read_result(&in, 0x1122, 0x33) == 0x3322, "not AH");
	check("write/high-byte",
	      x86_mmio_write_value(&in, 0xabcd) == 0xab, "not AH");
	in.high_byte = false;
	check("read/low-byte", x86_mmio_read_result(&in, 0x1122, 0x33) ==
	      0x1133, "not AL");
	in.size = 1;
	in.reg_size = 4;
	check("read/movzx-byte-to-32",
	      x86_mmio_read_result(&in, ~0ULL, 0x1ab) == 0xab,
	      "not zero-extended");
	in.size = in.reg_size = 8;
	check("read/64-bit", x86_mmio_read_result(&in, 0, ~0ULL) == ~0ULL,
	      "cut");
	in.size = in.reg_size = 2;
	check("write/16-bit-from-register",
	      x86_mmio_write_value(&in, 0xffff1234) == 0x1234, "not cut");
	in.has_imm = true;
	in.imm = 0x5678;
	check("write/immediate", x86_mmio_write_value(&in, 0xffff) == 0x5678,
	      "register used");
}

/* INVD (0F 08) and its length after prefixes; encodings typed in from
 * the AMD APM vol. 3 opcode map. */
static void test_invd(void)
{
	static const struct {
		const char *name;
		u8 code[16];
		unsigned int avail, bits;
		int want;
	} cases[] = {
		{ "invd/plain", { 0x0f, 0x08 }, 2, 64, 2 },
		{ "invd/cs-prefix", { 0x2e, 0x0f, 0x08 }, 3, 64, 3 },
		{ "invd/66-f3-prefixes", { 0x66, 0xf3, 0x0f, 0x08 }, 4, 32, 4 },
		{ "invd/rex-64", { 0x48, 0x0f, 0x08 }, 3, 64, 3 },
		{ "invd/rex-not-in-32", { 0x48, 0x0f, 0x08 }, 3, 32, -1 },
		{ "invd/lock-is-not", { 0xf0, 0x0f, 0x08 }, 3, 64, -1 },
		{ "invd/wbinvd-is-not", { 0x0f, 0x09 }, 2, 64, -1 },
		{ "invd/truncated", { 0x2e, 0x0f, 0x08 }, 2, 64, -1 },
		{ "invd/15-byte-limit", { 0x2e, 0x2e, 0x2e, 0x2e, 0x2e, 0x2e,
		  0x2e, 0x2e, 0x2e, 0x2e, 0x2e, 0x2e, 0x2e, 0x2e, 0x0f, 0x08 },
		  16, 64, -1 },
	};
	unsigned int i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int got = x86_decode_invd(cases[i].code, cases[i].avail,
					  cases[i].bits);
		char detail[64];

		snprintf(detail, sizeof(detail), "length %d, want %d", got,
			 cases[i].want);
		check(cases[i].name, got == cases[i].want, detail);
	}
}

int main(void)
{
	unsigned int i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 0; i < sizeof(goods) / sizeof(goods[0]); i++) {
		test_good(&goods[i]);
		test_truncated(&goods[i]);
	}
	for (i = 0; i < sizeof(bads) / sizeof(bads[0]); i++)
		test_bad(&bads[i]);
	test_prefix_storm();
	test_values();
	test_invd();
	return failures ? 1 : 0;
}
