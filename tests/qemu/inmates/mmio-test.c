/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * mmio-test: the MMIO instruction decoder (arch/x86/decode.c) through the
 * test device (BH_CELL_TEST_DEVICE): each instruction form the decoder
 * handles accesses the device's bytes 0xff8-0xfff, which are the comm
 * page's bytes there; the result is checked through the comm page, which
 * is plain memory. One line per form, then a total. 64-bit code; the
 * 32-bit forms are mmio-test-32.c's.
 *
 * Then the hypervisor's cache of the last instruction page's translation
 * (arch/x86/npf.c): one linear page is mapped to one code page, then to
 * another with a different instruction at the same offset (the cell's
 * INVLPG, which the hypervisor does not see), then back; each time the
 * device must get what the instruction mapped there writes.
 */
#include "inmate.h"

#define DEV	(COMM_REGION_BASE + BH_TEST_DEVICE_OFFSET + 0xff8)
#define MIRROR	((volatile u64 *)(COMM_REGION_BASE + 0xff8))

/* For the RIP-relative forms the linker defines mmio_dev, DEV (Makefile). */

static unsigned int passed, total;

static void result(const char *form, bool ok, u64 got, u64 want)
{
	total++;
	passed += ok;
	printk("mmio-test: %s %s (got 0x%llx, want 0x%llx)\n", form,
	       ok ? "ok" : "FAILED", (unsigned long long)got,
	       (unsigned long long)want);
}

static void reads(void)
{
	u64 v = 0;

	*MIRROR = 0x1122334455667788ULL;
	asm volatile("movb (%1), %b0" : "+a"(v) : "r"(DEV) : "memory");
	result("8a read 8", (v & 0xff) == 0x88, v & 0xff, 0x88);
	v = 0;
	asm volatile("movw (%1), %w0" : "+r"(v) : "r"(DEV) : "memory");
	result("66 8b read 16", (v & 0xffff) == 0x7788, v & 0xffff, 0x7788);
	asm volatile("movl (%1), %k0" : "=r"(v) : "r"(DEV) : "memory");
	result("8b read 32 (zero-extends)", v == 0x55667788, v, 0x55667788);
	asm volatile("movq (%1), %0" : "=r"(v) : "r"(DEV) : "memory");
	result("48 8b read 64", v == 0x1122334455667788ULL, v,
	       0x1122334455667788ULL);
	asm volatile("movq (%1), %%r9; mov %%r9, %0" : "=r"(v) : "r"(DEV)
		     : "r9", "memory");
	result("4c 8b read 64 into r9", v == 0x1122334455667788ULL, v,
	       0x1122334455667788ULL);
	asm volatile("movzbl (%1), %k0" : "=r"(v) : "r"(DEV) : "memory");
	result("0f b6 movzx 8", v == 0x88, v, 0x88);
	asm volatile("movzwl (%1), %k0" : "=r"(v) : "r"(DEV) : "memory");
	result("0f b7 movzx 16", v == 0x7788, v, 0x7788);
	asm volatile("movl 4(%1), %k0" : "=r"(v) : "r"(DEV) : "memory");
	result("8b disp8", v == 0x11223344, v, 0x11223344);
	asm volatile("movl (%1,%2,4), %k0" : "=r"(v)
		     : "r"(DEV - 0x100), "r"(0x40UL) : "memory");
	result("8b sib", v == 0x55667788, v, 0x55667788);
	asm volatile("movl 0x1000(%1), %k0" : "=r"(v) : "r"(DEV - 0x1000)
		     : "memory");
	result("8b disp32", v == 0x55667788, v, 0x55667788);
	asm volatile("movl mmio_dev(%%rip), %k0" : "=r"(v) : : "memory");
	result("8b rip-relative", v == 0x55667788, v, 0x55667788);
	asm volatile("movl (%k1), %k0" : "=r"(v) : "r"(DEV) : "memory");
	result("67 8b 32-bit address", v == 0x55667788, v, 0x55667788);
	asm volatile("movabs 0x101ff8, %%eax" : "=a"(v) : : "memory");
	result("a1 moffs read 32", (u32)v == 0x55667788, (u32)v, 0x55667788);
	asm volatile("movabs 0x101ff8, %%rax" : "=a"(v) : : "memory");
	result("48 a1 moffs read 64", v == 0x1122334455667788ULL, v,
	       0x1122334455667788ULL);
	v = 0;
	asm volatile("movabs 0x101ff8, %%al" : "+a"(v) : : "memory");
	result("a0 moffs read 8", (v & 0xff) == 0x88, v & 0xff, 0x88);
}

static void writes(void)
{
	u64 v = 0xa1b2c3d4e5f60718ULL;

	*MIRROR = 0;
	asm volatile("movb %b0, (%1)" : : "q"(v), "r"(DEV) : "memory");
	result("88 write 8", *MIRROR == 0x18, *MIRROR, 0x18);
	*MIRROR = 0;
	asm volatile("movw %w0, (%1)" : : "r"(v), "r"(DEV) : "memory");
	result("66 89 write 16", *MIRROR == 0x0718, *MIRROR, 0x0718);
	*MIRROR = 0;
	asm volatile("movl %k0, (%1)" : : "r"(v), "r"(DEV) : "memory");
	result("89 write 32", *MIRROR == 0xe5f60718, *MIRROR, 0xe5f60718);
	*MIRROR = 0;
	asm volatile("movq %0, (%1)" : : "r"(v), "r"(DEV) : "memory");
	result("48 89 write 64", *MIRROR == v, *MIRROR, v);
	*MIRROR = 0;
	asm volatile("movb $0x5a, (%0)" : : "r"(DEV) : "memory");
	result("c6 write imm8", *MIRROR == 0x5a, *MIRROR, 0x5a);
	*MIRROR = 0;
	asm volatile("movw $0x1234, (%0)" : : "r"(DEV) : "memory");
	result("66 c7 write imm16", *MIRROR == 0x1234, *MIRROR, 0x1234);
	*MIRROR = 0;
	asm volatile("movl $0x89abcdef, (%0)" : : "r"(DEV) : "memory");
	result("c7 write imm32", *MIRROR == 0x89abcdef, *MIRROR, 0x89abcdef);
	*MIRROR = 0;
	asm volatile("movq $-2, (%0)" : : "r"(DEV) : "memory");
	result("48 c7 write imm32 sign-extended", *MIRROR == ~1ULL, *MIRROR,
	       ~1ULL);
	*MIRROR = 0;
	asm volatile("movl %k0, mmio_dev(%%rip)" : : "r"(v) : "memory");
	result("89 rip-relative write", *MIRROR == 0xe5f60718, *MIRROR,
	       0xe5f60718);
	*MIRROR = 0;
	asm volatile("movabs %%rax, 0x101ff8" : : "a"(v) : "memory");
	result("48 a3 moffs write 64", *MIRROR == v, *MIRROR, v);
	*MIRROR = 0;
	asm volatile("movl $0xfeedf00d, 4(%0)" : : "r"(DEV) : "memory");
	result("c7 disp8 write imm32", *MIRROR == 0xfeedf00d00000000ULL,
	       *MIRROR, 0xfeedf00d00000000ULL);
}

/* The linear page the code pages take turns at: 1 GiB, in the second
 * page directory of header.S's identity map (2 MiB pages), outside the
 * cell's memory, whose PDE this borrows. */
#define REMAP_LINEAR	0x40000000UL
#define PTE_FLAGS	0x7ULL		/* present, writable, user */
#define PTE_ADDR	0x000ffffffffff000ULL

static u8 code_a[4096] __attribute__((aligned(4096)));
static u8 code_b[4096] __attribute__((aligned(4096)));
static u64 remap_pt[512] __attribute__((aligned(4096)));

static u64 *table_of(u64 entry)
{
	return (u64 *)(unsigned long)(entry & PTE_ADDR);
}

/* Map REMAP_LINEAR to @p page and call what is there with RAX @p a, RCX
 * @p c, RDX the device's bytes: the write of RAX or RCX that the page
 * holds. */
static void call_remapped(const u8 *page, u64 a, u64 c)
{
	remap_pt[0] = (u64)(unsigned long)page | PTE_FLAGS;
	asm volatile("invlpg (%0)" : : "r"(REMAP_LINEAR) : "memory");
	asm volatile("call *%0" : : "r"(REMAP_LINEAR), "a"(a), "c"(c),
		     "d"(DEV) : "memory");
}

static void remapped(void)
{
	static const u8 write_rax[] = { 0x48, 0x89, 0x02, 0xc3 };
	static const u8 write_rcx[] = { 0x48, 0x89, 0x0a, 0xc3 };
	u64 cr3, *pdpt, *pde, saved;

	memcpy(code_a, write_rax, sizeof(write_rax));
	memcpy(code_b, write_rcx, sizeof(write_rcx));
	asm volatile("mov %%cr3, %0" : "=r"(cr3));
	pdpt = table_of(table_of(cr3)[0]);
	pde = &table_of(pdpt[1])[0];
	saved = *pde;
	*pde = (u64)(unsigned long)remap_pt | PTE_FLAGS;
	asm volatile("invlpg (%0)" : : "r"(REMAP_LINEAR) : "memory");

	*MIRROR = 0;
	call_remapped(code_a, 0x1111, 0x2222);
	result("remapped code page: RAX write", *MIRROR == 0x1111, *MIRROR,
	       0x1111);
	call_remapped(code_b, 0x1111, 0x2222);
	result("remapped to another page: RCX write", *MIRROR == 0x2222,
	       *MIRROR, 0x2222);
	call_remapped(code_a, 0x3333, 0x4444);
	result("remapped back: RAX write", *MIRROR == 0x3333, *MIRROR,
	       0x3333);

	*pde = saved;
	remap_pt[0] = 0;
	asm volatile("invlpg (%0)" : : "r"(REMAP_LINEAR) : "memory");
}

void inmate_main(void)
{
	printk("mmio-test: the MMIO decoder through the test device at "
	       "0x%lx\n", (unsigned long)DEV);
	reads();
	writes();
	remapped();
	printk("mmio-test: %u of %u forms passed\n", passed, total);
	/* Outside bytes 0xff8-0xfff: an MMIO error, which stops the cell. */
	printk("mmio-test: now a read at offset 0xff0\n");
	(void)*(volatile u32 *)(DEV - 8);
	printk("mmio-test: STILL RUNNING after the bad read\n");
	for (;;)
		asm volatile("hlt");
}
