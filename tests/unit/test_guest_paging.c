/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Host unit test of the guest page-table walk (arch/x86/guest_paging.c).
 * Each case writes page tables by hand into a small simulated guest
 * memory, with entry formats taken from the AMD APM vol. 2 (5.3 to 5.5),
 * and checks the translation of chosen addresses, including entries that
 * are not present and tables the guest may not read.
 *
 * Output: one line per check, `ok <name>` or `FAIL <name>: <detail>`.
 */
#include <stdio.h>
#include <string.h>

#include "guest_paging.h"

#define MEM_BASE	0x100000ULL	/* guest-physical start of "memory" */
#define MEM_PAGES	16

static unsigned char mem[MEM_PAGES * 4096];
static int failures;

static bool read_mem(void *ctx, u64 gpa, void *buf, unsigned int len)
{
	(void)ctx;
	if (gpa < MEM_BASE || gpa + len > MEM_BASE + sizeof(mem))
		return false;
	memcpy(buf, mem + (gpa - MEM_BASE), len);
	return true;
}

/* Table page n of the simulated memory. */
static u64 page(unsigned int n)
{
	return MEM_BASE + 4096ULL * n;
}

static void set64(u64 gpa, u64 v)
{
	memcpy(mem + (gpa - MEM_BASE), &v, 8);
}

static void set32(u64 gpa, u32 v)
{
	memcpy(mem + (gpa - MEM_BASE), &v, 4);
}

static void expect(const char *name, const struct guest_paging *gp,
		   u64 gva, int want_ret, u64 want_gpa)
{
	u64 gpa = 0;
	int r = guest_virt_to_phys(gp, gva, read_mem, NULL, &gpa);

	if (r == want_ret && (r || gpa == want_gpa)) {
		printf("ok %s\n", name);
		return;
	}
	printf("FAIL %s: gva 0x%llx gave %d/0x%llx, expected %d/0x%llx\n",
	       name, (unsigned long long)gva, r, (unsigned long long)gpa,
	       want_ret, (unsigned long long)want_gpa);
	failures++;
}

#define CR0_PG	0x80000000ULL
#define CR0_PE	0x1ULL
#define CR4_PSE	0x10ULL
#define CR4_PAE	0x20ULL
#define CR4_LA57 0x1000ULL
#define EFER_LMA 0x400ULL
#define P	0x1ULL
#define RW	0x2ULL
#define PS	0x80ULL

static void test_no_paging(void)
{
	struct guest_paging gp = { .cr0 = CR0_PE };

	expect("none/identity", &gp, 0xfec00010, 0, 0xfec00010);
	expect("none/32-bit-wrap", &gp, 0x1fec00010ULL, 0, 0xfec00010);
}

static void test_long_mode(void)
{
	struct guest_paging gp = { CR0_PG | CR0_PE, page(0), CR4_PAE,
				   EFER_LMA };
	u64 gva4k = 0x00007f8012345678ULL;	/* PML4 255, PDPT 0, PD 145 */
	u64 pml4i = (gva4k >> 39) & 511, pdpti = (gva4k >> 30) & 511;
	u64 pdi = (gva4k >> 21) & 511, pti = (gva4k >> 12) & 511;

	memset(mem, 0, sizeof(mem));
	set64(page(0) + 8 * pml4i, page(1) | P | RW);
	set64(page(1) + 8 * pdpti, page(2) | P | RW);
	set64(page(2) + 8 * pdi, page(3) | P | RW);
	set64(page(3) + 8 * pti, 0x0000000abcdef000ULL | P);
	expect("4-level/4-KiB", &gp, gva4k, 0, 0xabcdef678ULL);
	/* A 2 MiB page in the next PD entry. */
	set64(page(2) + 8 * (pdi + 1), 0x40000000ULL | P | PS);
	expect("4-level/2-MiB", &gp, gva4k + 0x200000, 0,
	       0x40000000ULL + (gva4k & 0x1fffff));
	/* A 1 GiB page at PDPT entry 1. */
	set64(page(1) + 8 * (pdpti + 1), 0x0000004080000000ULL | P | PS);
	expect("4-level/1-GiB", &gp, gva4k + 0x40000000ULL, 0,
	       0x0000004080000000ULL + (gva4k & 0x3fffffff));
	/* Not present at each level. */
	expect("4-level/PML4E-absent", &gp, gva4k ^ (1ULL << 39), -1, 0);
	expect("4-level/PDPTE-absent", &gp, gva4k + 0x80000000ULL, -1, 0);
	expect("4-level/PDE-absent", &gp, gva4k + 0x400000, -1, 0);
	expect("4-level/PTE-absent", &gp, gva4k + 0x1000, -1, 0);
	/* A table outside what the guest may read. */
	set64(page(3) + 8 * (pti + 2), 0x1000 | P);
	set64(page(2) + 8 * (pdi + 3), 0x7000000ULL | P);
	expect("4-level/table-unreadable", &gp, gva4k + 0x600000, -2, 0);
}

static void test_five_level(void)
{
	/* A 57-bit address: PML5 index 0x1ff, then the same walk as above
	 * but one level deeper (Linux uses 5-level paging where the CPU has
	 * LA57, as QEMU's -cpu max does). */
	struct guest_paging gp = { CR0_PG | CR0_PE, page(0),
				   CR4_PAE | CR4_LA57, EFER_LMA };
	u64 gva = 0xff7f801234567000ULL | 0x89a;
	u64 i5 = (gva >> 48) & 511, i4 = (gva >> 39) & 511;
	u64 i3 = (gva >> 30) & 511, i2 = (gva >> 21) & 511;
	u64 i1 = (gva >> 12) & 511;

	memset(mem, 0, sizeof(mem));
	set64(page(0) + 8 * i5, page(1) | P | RW);
	set64(page(1) + 8 * i4, page(2) | P | RW);
	set64(page(2) + 8 * i3, page(3) | P | RW);
	set64(page(3) + 8 * i2, page(4) | P | RW);
	set64(page(4) + 8 * i1, 0x00000000fee00000ULL | P | RW);
	expect("5-level/4-KiB", &gp, gva, 0, 0xfee0089aULL);
	set64(page(2) + 8 * ((i3 + 1) & 511), 0x0000008040000000ULL | P | PS);
	expect("5-level/1-GiB", &gp, gva + 0x40000000ULL, 0,
	       0x0000008040000000ULL + ((gva + 0x40000000ULL) & 0x3fffffff));
	expect("5-level/PML5E-absent", &gp, gva ^ (1ULL << 48), -1, 0);
	/* The same tables without LA57: a 4-level walk from the PML5 page
	 * reads other entries. */
	gp.cr4 = CR4_PAE;
	expect("5-level/needs-LA57", &gp, gva, -1, 0);
}

static void test_pae(void)
{
	/* CR3 is 32-byte aligned in PAE mode: put the PDPT at +0x20. */
	struct guest_paging gp = { CR0_PG | CR0_PE, page(0) + 0x20, CR4_PAE,
				   0 };
	u32 gva = 0xc0312345;	/* PDPT 3, PD 1, PT 0x112 */

	memset(mem, 0, sizeof(mem));
	set64(page(0) + 0x20 + 8 * 3, page(1) | P);
	set64(page(1) + 8 * 1, page(2) | P | RW);
	set64(page(2) + 8 * 0x112, 0x0000001234567000ULL | P);
	expect("PAE/4-KiB", &gp, gva, 0, 0x1234567345ULL);
	set64(page(1) + 8 * 2, 0xfec00000ULL | P | PS);
	expect("PAE/2-MiB", &gp, 0xc0400010, 0, 0xfec00010);
	expect("PAE/PDPTE-absent", &gp, 0x00001000, -1, 0);
	/* Upper 32 bits of the address are ignored outside long mode. */
	expect("PAE/32-bit-address", &gp, 0xffffffff00000000ULL | gva, 0,
	       0x1234567345ULL);
}

static void test_32bit(void)
{
	struct guest_paging gp = { CR0_PG | CR0_PE, page(0), 0, 0 };
	u32 gva = 0x00c01abc;	/* PD 3, PT 1 */

	memset(mem, 0, sizeof(mem));
	set32(page(0) + 4 * 3, (u32)page(1) | P | RW);
	set32(page(1) + 4 * 1, 0xfee00000 | P | RW);
	expect("32-bit/4-KiB", &gp, gva, 0, 0xfee00abc);
	/* PS is ignored (a table pointer) without CR4.PSE... */
	set32(page(0) + 4 * 4, (u32)page(1) | P | PS);
	expect("32-bit/PS-without-PSE", &gp, 0x01001abc, 0, 0xfee00abc);
	/* ...and a 4 MiB page with it; PSE-36 bits 20:13 give 39:32. */
	gp.cr4 = CR4_PSE;
	set32(page(0) + 4 * 5, 0x80000000 | (0x12 << 13) | P | PS);
	expect("32-bit/4-MiB-PSE-36", &gp, 0x01412345, 0,
	       0x1280012345ULL);
	expect("32-bit/PDE-absent", &gp, 0x40000000, -1, 0);
	set32(page(0) + 4 * 6, 0x10000000 | P);
	expect("32-bit/table-unreadable", &gp, 0x01800000, -2, 0);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	test_no_paging();
	test_long_mode();
	test_five_level();
	test_pae();
	test_32bit();
	return failures ? 1 : 0;
}
