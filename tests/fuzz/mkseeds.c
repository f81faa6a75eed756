/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Writes the fuzzers' seed corpora (tests/fuzz/corpus/, committed; `make
 * fuzz-seeds` regenerates them):
 *
 *   mkseeds DIR            image/, config/, decode/, guest_paging/,
 *                          pci_cfg/ and ivrs/
 *                          seeds under DIR
 *   mkseeds --config FILE SYSTEM.cell CELL.cell...
 *                          one config seed of real configs (the demo's),
 *                          each blob as large as the file it names
 *
 * Images are packed by the real writer from the campaign's fixture
 * (tests/unit/image_fixture.h); instructions are assembled by GNU as (the
 * asm blocks below), page tables written from the AMD APM's formats.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config_input.h"
#include "image_fixture.h"
#include "pci_fixture.h"
#include "ivrs_fixture.h"

static void die(const char *what, const char *name)
{
	fprintf(stderr, "mkseeds: %s %s: %s\n", what, name, strerror(errno));
	exit(1);
}

static void write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(data, 1, len, f) != len || fclose(f))
		die("cannot write", path);
}

static void write_seed(const char *dir, const char *sub, const char *name,
		       const void *data, size_t len)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", dir, sub);
	if (mkdir(path, 0755) && errno != EEXIST)
		die("cannot create", path);
	snprintf(path, sizeof(path), "%s/%s/%s", dir, sub, name);
	write_file(path, data, len);
}

/* ---- images and configs of the fixture ---- */

static void image_seeds(const char *dir)
{
	static const char *const names[] = { NULL, "1-cell.img", "2-cells.img",
					     "3-cells.img", "4-cells.img" };
	u32 n;

	for (n = 1; n <= FIX_CELLS; n++) {
		u8 *img;
		u64 len;

		if (fix_build(n, &img, &len)) {
			fprintf(stderr, "mkseeds: bh_image_build failed\n");
			exit(1);
		}
		write_seed(dir, "image", names[n], img, len);
		free(img);
	}
}

/* Two images each of whose refusals a mutation rarely finds: the last
 * blob's entry dropped from the table (re-sealed), and hypervisor memory
 * smaller than the hypervisor needs. */
static void image_edge_seeds(const char *dir)
{
	const void *blobs[BH_MAX_CELLS][BH_MAX_BLOBS];
	struct bh_hv_header hv = fix_hv_header();
	struct bh_system small = fix_system;
	struct bh_config_set set;
	u8 *img;
	u64 len;

	if (fix_build(FIX_CELLS, &img, &len))
		exit(1);
	((struct bh_image_header *)img)->num_parts--;
	fix_reseal(img, len);
	write_seed(dir, "image", "blob-missing.img", img, len);
	free(img);

	fix_set(&set, FIX_CELLS, blobs);
	small.hypervisor_memory.size = FIX_HV_MEMORY / 2;
	set.system = &small;
	if (bh_image_build(&set, blobs, hv.sealed.digest, &img, &len))
		exit(1);
	write_seed(dir, "image", "hv-memory-small.img", img, len);
	free(img);
}

/* A hypervisor.bin: its header and 512 bytes of code, sealed. */
static void hv_seed(const char *dir)
{
	struct bh_hv_header h = fix_hv_header();
	u8 bin[sizeof(h) + 512];
	u32 i;

	for (i = sizeof(h); i < sizeof(bin); i++)
		bin[i] = (u8)(i * 11);
	h.sealed.file_size = sizeof(bin);
	h.entry = FIX_HV_LINK + 0x100;
	memcpy(bin, &h, sizeof(h));
	bh_seal(bin, sizeof(bin));
	write_seed(dir, "image", "hypervisor.bin", bin, sizeof(bin));
}

static void config_seed(const char *dir, const char *name,
			const struct bh_config_set *set)
{
	static u8 buf[1 << 16];
	size_t len = cfg_write(buf, sizeof(buf), set);

	if (!len) {
		fprintf(stderr, "mkseeds: %s does not fit\n", name);
		exit(1);
	}
	write_seed(dir, "config", name, buf, len);
}

static void fixture_config_seeds(const char *dir)
{
	const void *blobs[BH_MAX_CELLS][BH_MAX_BLOBS];
	struct bh_config_set set;

	fix_set(&set, FIX_CELLS, blobs);
	config_seed(dir, "fixture-4-cells.cfg", &set);
	set.num_cells = 1;
	config_seed(dir, "fixture-1-cell.cfg", &set);
	/* beta twice: every pairwise rule has something to say */
	set.num_cells = 3;
	set.cells[2] = set.cells[1];
	config_seed(dir, "fixture-cell-twice.cfg", &set);
}

/* The fixture with gamma (cell 2) replaced by a cell of @p extra zero
 * bytes after its memory regions, its counts set by @p edit. */
static void gamma_variant(const char *dir, const char *name, u64 extra,
			  void (*edit)(struct bh_cell_desc *))
{
	const void *blobs[BH_MAX_CELLS][BH_MAX_BLOBS];
	static u8 cell[sizeof(fix_gamma) + 2 * sizeof(struct bh_linux) +
		       (BH_MAX_BLOBS + 1) * sizeof(struct bh_blob)];
	struct bh_config_set set;

	memset(cell, 0, sizeof(cell));
	memcpy(cell, &fix_gamma, sizeof(fix_gamma));
	edit((struct bh_cell_desc *)cell);
	fix_set(&set, FIX_CELLS, blobs);
	set.cells[2].desc = (const void *)cell;
	set.cells[2].size = sizeof(fix_gamma) + extra;
	config_seed(dir, name, &set);
}

static void nine_blobs(struct bh_cell_desc *d)
{
	d->num_blobs = BH_MAX_BLOBS + 1;
}

static void two_linux(struct bh_cell_desc *d)
{
	d->num_linux = 2;
}

static void name_unterminated(struct bh_cell_desc *d)
{
	memset(d->name, 'g', sizeof(d->name));
}

/* Structure refusals behind an exact size, which mutations rarely hit. */
static void config_edge_seeds(const char *dir)
{
	gamma_variant(dir, "cell-9-blobs.cfg",
		      (BH_MAX_BLOBS + 1) * sizeof(struct bh_blob), nine_blobs);
	gamma_variant(dir, "cell-2-linux.cfg", 2 * sizeof(struct bh_linux),
		      two_linux);
	gamma_variant(dir, "cell-name-unterminated.cfg", 0, name_unterminated);
}

/* ---- real configs: mkseeds --config ---- */

static u8 *read_file(const char *path, u64 *len)
{
	FILE *f = fopen(path, "rb");
	long n;
	u8 *buf;

	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET))
		die("cannot read", path);
	buf = malloc((size_t)n + 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n)
		die("cannot read", path);
	fclose(f);
	*len = (u64)n;
	return buf;
}

static int real_config_seed(const char *out, int argc, char **argv)
{
	static u8 buf[1 << 16];
	struct bh_config_set set;
	int i;

	memset(&set, 0, sizeof(set));
	set.system = (const void *)read_file(argv[0], &set.system_size);
	set.system_file = argv[0];
	for (i = 1; i < argc && set.num_cells < BH_MAX_CELLS; i++) {
		struct bh_cell_ref *c = &set.cells[set.num_cells++];
		const struct bh_blob *b;
		struct stat st;
		u32 k;

		c->desc = (const void *)read_file(argv[i], &c->size);
		c->file = argv[i];
		if (c->size < sizeof(*c->desc) ||
		    bh_cell_config_size(c->desc) != c->size ||
		    c->desc->num_blobs > BH_MAX_BLOBS) {
			fprintf(stderr, "mkseeds: %s is not a cell config\n",
				argv[i]);
			return 1;
		}
		b = bh_cell_blobs(c->desc);
		for (k = 0; k < c->desc->num_blobs; k++)
			if (!stat(b[k].file, &st))
				c->blob_size[k] = (u64)st.st_size;
	}
	i = (int)cfg_write(buf, sizeof(buf), &set);
	if (!i) {
		fprintf(stderr, "mkseeds: %s does not fit\n", out);
		return 1;
	}
	write_file(out, buf, (size_t)i);
	return 0;
}

/* ---- instructions, assembled by GNU as ---- */

/* Seed NAME: a mode byte (0: 16-bit, 1: 32-bit, 2: 64-bit code) and the
 * instruction TEXT assembled as BITS-bit code. */
#define INSN_SEED(name, mode, bits, text)				\
	extern const unsigned char name[], name##_end[];		\
	asm(".pushsection .rodata.seeds, \"a\"\n" #name ":\n"		\
	    ".byte " #mode "\n.code" #bits "\n\t" text "\n"		\
	    #name "_end:\n.code64\n.popsection")

INSN_SEED(st_eax, 2, 64, "movl %eax, (%rbx)");
INSN_SEED(ld_rax_disp8, 2, 64, "movq 8(%rbx), %rax");
INSN_SEED(st_r9_sib_disp32, 2, 64, "movq %r9, 0x12345678(%rax,%rbx,4)");
INSN_SEED(st_imm32, 2, 64, "movl $0x12345678, (%rax)");
INSN_SEED(st_imm_q, 2, 64, "movq $-1, 8(%rax)");
INSN_SEED(st_imm16, 2, 64, "movw $0x1234, (%rax)");
INSN_SEED(st_imm8, 2, 64, "movb $0x5a, (%rax)");
INSN_SEED(ld_rip_rel, 2, 64, "movl 0x100(%rip), %eax");
INSN_SEED(ld_moffs64, 2, 64, "movabs 0xfec00010, %eax");
INSN_SEED(st_moffs64_al, 2, 64, "movabs %al, 0xfee000b0");
INSN_SEED(movzbl, 2, 64, "movzbl (%rax), %ecx");
INSN_SEED(movzwq_r8, 2, 64, "movzwq (%rax), %r8");
INSN_SEED(st_fs, 2, 64, "movl %eax, %fs:(%rbx)");
INSN_SEED(ld_addr32, 2, 64, "addr32 movl (%eax), %ebx");
INSN_SEED(st_ah, 2, 64, "movb %ah, (%rsi)");
INSN_SEED(st_sil, 2, 64, "movb %sil, (%rdi)");
INSN_SEED(bad_add, 2, 64, "addl %eax, (%rbx)");
INSN_SEED(bad_rep_movsb, 2, 64, "rep movsb");
INSN_SEED(st32_eax, 1, 32, "movl %eax, (%ebx)");
INSN_SEED(ld32_moffs, 1, 32, "movl 0xfec00000, %eax");
INSN_SEED(st32_addr16, 1, 32, "addr16 movl %eax, (%bx)");
INSN_SEED(st32_imm_disp8, 1, 32, "movl $7, 0x40(%ebp)");
INSN_SEED(st16_ax, 0, 16, "movw %ax, (%bx)");
INSN_SEED(st16_eax_disp16, 0, 16, "movl %eax, 0x1234(%si)");
INSN_SEED(ld16_moffs, 0, 16, "movw 0x10, %ax");

struct insn_seed {
	const char *name;
	const unsigned char *start, *end;
};

#define SEED(n) { #n, n, n##_end }

static const struct insn_seed insn_seeds[] = {
	SEED(st_eax), SEED(ld_rax_disp8), SEED(st_r9_sib_disp32),
	SEED(st_imm32), SEED(st_imm_q), SEED(st_imm16), SEED(st_imm8),
	SEED(ld_rip_rel), SEED(ld_moffs64), SEED(st_moffs64_al),
	SEED(movzbl), SEED(movzwq_r8), SEED(st_fs), SEED(ld_addr32),
	SEED(st_ah), SEED(st_sil), SEED(bad_add), SEED(bad_rep_movsb),
	SEED(st32_eax), SEED(ld32_moffs), SEED(st32_addr16),
	SEED(st32_imm_disp8), SEED(st16_ax), SEED(st16_eax_disp16),
	SEED(ld16_moffs),
};

static void decode_seeds(const char *dir)
{
	u32 i;

	for (i = 0; i < BH_ARRAY_SIZE(insn_seeds); i++)
		write_seed(dir, "decode", insn_seeds[i].name,
			   insn_seeds[i].start,
			   (size_t)(insn_seeds[i].end - insn_seeds[i].start));
}

/* ---- PCI configuration space ---- */

/* The unit test's device (pci_fixture.h) as fuzz_pci_cfg.c reads it:
 * flags, its first 256 bytes and their masks, then accesses. */
static void pci_seed(const char *dir, const char *name, u8 flags,
		     const u8 (*acc)[7], size_t n)
{
	static struct dev d;
	static u8 buf[1 + 3 * 256 + 16 * 7];
	size_t len = 1 + 3 * 256;

	dev_init(&d);
	buf[0] = flags;
	memcpy(buf + 1, d.cfg, 256);
	memcpy(buf + 1 + 256, d.wmask, 256);
	memcpy(buf + 1 + 512, d.w1c, 256);
	memcpy(buf + len, acc, n * 7);
	write_seed(dir, "pci_cfg", name, buf, len + n * 7);
}

static void pci_seeds(const char *dir)
{
	/* write = 1, size 4 = 2 << 1: BAR0 sized and restored, MSI set up
	 * and enabled, decoding and bus mastering asked for. */
	static const u8 linux_like[][7] = {
		{ 0x05, 0x10, 0, 0xff, 0xff, 0xff, 0xff },
		{ 0x04, 0x10, 0, 0, 0, 0, 0 },
		{ 0x05, 0x10, 0, 0x00, 0x40, 0xbd, 0xfe },
		{ 0x05, 0x54, 0, 0x00, 0x10, 0xe0, 0xfe },
		{ 0x03, 0x5c, 0, 0x41, 0x00, 0, 0 },
		{ 0x03, 0x52, 0, 0x01, 0x00, 0, 0 },
		{ 0x03, 0x04, 0, 0x06, 0x00, 0, 0 },
		{ 0x04, 0x04, 0, 0, 0, 0, 0 },
	};
	/* Reads and writes of every size over the capabilities, one
	 * invalid (size 3) and one past the end. */
	static const u8 sweep[][7] = {
		{ 0x01, 0x44, 0, 0x03, 0x81, 0, 0 },
		{ 0x03, 0x78, 0, 0xff, 0xff, 0, 0 },
		{ 0x05, 0xb0, 0, 0xff, 0xff, 0xff, 0xff },
		{ 0x07, 0x04, 0, 0xff, 0xff, 0xff, 0xff },
		{ 0x05, 0xfe, 0x0f, 0, 0, 0, 0 },
		{ 0x02, 0x52, 0, 0, 0, 0, 0 },
		{ 0x00, 0x0e, 0, 0, 0, 0, 0 },
	};

	pci_seed(dir, "linux-like", 0, linux_like,
		 BH_ARRAY_SIZE(linux_like));
	pci_seed(dir, "linux-like-master", 1, linux_like,
		 BH_ARRAY_SIZE(linux_like));
	pci_seed(dir, "sweep", 0, sweep, BH_ARRAY_SIZE(sweep));
}

/* ---- page tables ---- */

#define CR0_PE		0x1ULL
#define CR0_PG		0x80000000ULL
#define CR4_PSE		0x10ULL
#define CR4_PAE		0x20ULL
#define CR4_LA57	0x1000ULL
#define EFER_LONG	0x500ULL	/* LME | LMA */
#define PTE_P		0x1ULL
#define PTE_RW		0x2ULL
#define PTE_PS		0x80ULL
#define PG_MEM		4096

/* One walk: registers, address, and guest memory from address 0 (the
 * tables of all levels share page 0 at different indices, which keeps
 * the seeds small). */
struct walk_seed {
	u64 cr0, cr3, cr4, efer, gva;
	u8 mem[PG_MEM];
	size_t mem_len;
};

static void entry(struct walk_seed *w, u64 at, u64 value, unsigned int len)
{
	memcpy(w->mem + at, &value, len);
	if (at + len > w->mem_len)
		w->mem_len = at + len;
}

static void walk_write(const char *dir, const char *name,
		       const struct walk_seed *w)
{
	u8 buf[40 + PG_MEM];

	memcpy(buf, &w->cr0, 8);
	memcpy(buf + 8, &w->cr3, 8);
	memcpy(buf + 16, &w->cr4, 8);
	memcpy(buf + 24, &w->efer, 8);
	memcpy(buf + 32, &w->gva, 8);
	memcpy(buf + 40, w->mem, w->mem_len);
	write_seed(dir, "guest_paging", name, buf, 40 + w->mem_len);
}

static struct walk_seed *walk(u64 cr0, u64 cr3, u64 cr4, u64 efer, u64 gva)
{
	static struct walk_seed w;

	memset(&w, 0, sizeof(w));
	w.cr0 = cr0;
	w.cr3 = cr3;
	w.cr4 = cr4;
	w.efer = efer;
	w.gva = gva;
	return &w;
}

/* Four- or five-level walk through indices 1, 2, 3 (and 4) of page 0,
 * ending in @p leaf at the level @p leaf_level. */
static void long_walk(const char *dir, const char *name, bool la57,
		      unsigned int leaf_level, u64 leaf, u64 gva_offset)
{
	unsigned int levels = la57 ? 5 : 4, level;
	u64 gva = gva_offset;
	struct walk_seed *w;

	for (level = levels; level >= 1; level--)
		gva |= (u64)(levels - level + 1) << (12 + 9 * (level - 1));
	w = walk(CR0_PG | CR0_PE, 0, CR4_PAE | (la57 ? CR4_LA57 : 0),
		 EFER_LONG, gva);
	for (level = levels; level > leaf_level; level--)
		entry(w, 8 * (levels - level + 1), PTE_P | PTE_RW, 8);
	entry(w, 8 * (levels - leaf_level + 1), leaf, 8);
	walk_write(dir, name, w);
}

static void paging_seeds(const char *dir)
{
	struct walk_seed *w;

	w = walk(CR0_PE, 0, 0, 0, 0x1fec00010ULL);
	walk_write(dir, "no-paging", w);
	w = walk(CR0_PE, 0, 0, EFER_LONG, 0x1fec00010ULL);
	walk_write(dir, "no-paging-long", w);

	/* 32-bit: PD at 0 (entry 1), PT at 0 (entry 2). */
	w = walk(CR0_PG | CR0_PE, 0, 0, 0, (1U << 22) | (2U << 12) | 0x123);
	entry(w, 4, PTE_P | PTE_RW, 4);
	entry(w, 8, 0x00345000 | PTE_P, 4);
	walk_write(dir, "32bit-4k", w);
	/* PS without CR4.PSE: still a page table. */
	w = walk(CR0_PG | CR0_PE, 0, 0, 0, (1U << 22) | (2U << 12) | 0x123);
	entry(w, 4, PTE_P | PTE_PS, 4);
	entry(w, 8, 0x00345000 | PTE_P, 4);
	walk_write(dir, "32bit-ps-without-pse", w);
	/* 4 MiB page with PSE-36 bits 39:32 = 0x12. */
	w = walk(CR0_PG | CR0_PE, 0, CR4_PSE, 0, (1U << 22) | 0x2abcde);
	entry(w, 4, 0x00c00000 | 0x12 << 13 | PTE_PS | PTE_P, 4);
	walk_write(dir, "32bit-pse36-4m", w);

	/* PAE: PDPT at 0x40 (entry 1), PD at 0 (entry 1), PT at 0 (2). */
	w = walk(CR0_PG | CR0_PE, 0x40, CR4_PAE, 0,
		 (1U << 30) | (1U << 21) | (2U << 12) | 0x456);
	entry(w, 0x48, PTE_P, 8);
	entry(w, 8, PTE_P | PTE_RW, 8);
	entry(w, 16, 0x123456000ULL | PTE_P, 8);
	walk_write(dir, "pae-4k", w);
	w = walk(CR0_PG | CR0_PE, 0x40, CR4_PAE, 0,
		 (1U << 30) | (1U << 21) | 0x1abcde);
	entry(w, 0x48, PTE_P, 8);
	entry(w, 8, 0x7fe00000ULL | PTE_PS | PTE_P, 8);
	walk_write(dir, "pae-2m", w);

	long_walk(dir, "4level-4k", false, 1, 0xfee00000ULL | PTE_P, 0xabc);
	long_walk(dir, "4level-2m", false, 2,
		  0x40000000ULL | PTE_PS | PTE_P, 0x12345);
	long_walk(dir, "4level-1g", false, 3,
		  0x80000000ULL | PTE_PS | PTE_P, 0x1234567);
	long_walk(dir, "4level-not-present", false, 1, 0xfee00000ULL, 0);
	long_walk(dir, "4level-table-unreadable", false, 2,
		  0x100000ULL | PTE_P, 0);
	long_walk(dir, "5level-4k", true, 1, 0xfec00000ULL | PTE_P, 0x10);

	/* An upper-half address: PML4 entry 256, 2 KiB into page 0. */
	w = walk(CR0_PG | CR0_PE, 0, CR4_PAE, EFER_LONG,
		 0xffff800000000000ULL | (1ULL << 30) | 0x1000 | 0x10);
	entry(w, 8 * 256, PTE_P | PTE_RW, 8);
	entry(w, 8, PTE_P, 8);
	entry(w, 0, PTE_P, 8);
	entry(w, 8 * 1, PTE_P, 8);
	walk_write(dir, "4level-upper-half", w);
}

/* ---- IVRS ---- */

/* QEMU's table, and one of every entry kind with an IVMD after it. */
static void ivrs_seeds(const char *dir)
{
	static u8 t[512];
	u8 ents[128], *e, *b;
	u32 len = ivf_qemu(t);

	write_seed(dir, "ivrs", "qemu", t, len);
	e = ivf_ivde4(ents, 0x01, 0);
	e = ivf_ivde4(e, 0x03, 0x0100);
	e = ivf_ivde4(e, 0x04, 0x01ff);
	e = ivf_ivde8(e, 0x43, 0x0300, 0, 0x00f0, 0);
	e = ivf_ivde4(e, 0x04, 0x03ff);
	e = ivf_ivde8(e, 0x42, 0x0400, 0, 0x00f1, 0);
	e = ivf_ivde8(e, 0x46, 0x0500, 0, 0, 0);
	e = ivf_ivde8(e, 0x48, 0, 1, 0x00a0, 1);
	e = ivf_ivde8(e, 0x48, 0, 0, 0x00a8, 2);
	memset(e, 0, 24);
	e[0] = 0xf0;
	e[1] = 0xa5;
	e[21] = 2;
	e += 24;
	b = ivf_ivhd(t + IVF_HDR, 0x40, 0, ents, e);
	memset(b, 0, 32);
	b[0] = 0x22;
	b[1] = 0x07;
	b[2] = 32;
	b[4] = 0x10;
	b[6] = 0x17;
	b[18] = 0x09;
	b[25] = 0x10;
	b += 32;
	ivf_header(t, (u32)(b - t));
	write_seed(dir, "ivrs", "every-entry", t, (size_t)(b - t));
}

int main(int argc, char **argv)
{
	if (argc >= 4 && !strcmp(argv[1], "--config"))
		return real_config_seed(argv[2], argc - 3, argv + 3);
	if (argc != 2) {
		fprintf(stderr, "usage: mkseeds DIR | mkseeds --config FILE "
			"SYSTEM.cell CELL.cell...\n");
		return 2;
	}
	if (mkdir(argv[1], 0755) && errno != EEXIST)
		die("cannot create", argv[1]);
	image_seeds(argv[1]);
	image_edge_seeds(argv[1]);
	hv_seed(argv[1]);
	fixture_config_seeds(argv[1]);
	config_edge_seeds(argv[1]);
	decode_seeds(argv[1]);
	paging_seeds(argv[1]);
	pci_seeds(argv[1]);
	ivrs_seeds(argv[1]);
	return 0;
}
