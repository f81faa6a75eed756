/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * mmio-test-32: the MMIO instruction decoder (arch/x86/decode.c) through
 * the test device (BH_CELL_TEST_DEVICE) from 32-bit protected mode
 * (inmates/lib/header-32.S, no paging): each 32-bit instruction form the
 * decoder handles, including absolute disp32 and moffs addresses and a
 * 16-bit address (0x67, through a data segment based at the device page),
 * reads or writes the device's bytes 0xff8-0xfff, which are the comm
 * page's bytes there; the result is checked through the comm page. One
 * line per form, then a total. The 64-bit forms are mmio-test.c's.
 */
#include "inmate.h"

#define DEV	(COMM_REGION_BASE + BH_TEST_DEVICE_OFFSET + 0xff8)
#define MIRROR	((volatile u32 *)(COMM_REGION_BASE + 0xff8))
#define DEV_SEL	0x20	/* a data segment based at the device page */

static unsigned int passed, total;

static void result(const char *form, bool ok, u32 got, u32 want)
{
	total++;
	passed += ok;
	printk("mmio-test-32: %s %s (got 0x%x, want 0x%x)\n", form,
	       ok ? "ok" : "FAILED", got, want);
}

static void set_mirror(u32 lo, u32 hi)
{
	MIRROR[0] = lo;
	MIRROR[1] = hi;
}

/* The boot GDT plus DEV_SEL: base 0x101000, 64 KiB, read/write. */
static void load_dev_segment(void)
{
	static const u64 gdt[] __attribute__((aligned(8))) = {
		0, 0x00cf9a000000ffffULL, 0, 0x00cf92000000ffffULL,
		0x004092101000ffffULL,
	};
	static const struct {
		u16 limit;
		u32 base;
	} __attribute__((packed)) ptr = { sizeof(gdt) - 1, (u32)gdt };

	asm volatile("lgdt %0; mov %1, %%fs" : : "m"(ptr), "r"(DEV_SEL)
		     : "memory");
}

static void reads(void)
{
	u32 v = 0;

	set_mirror(0x55667788, 0x11223344);
	asm volatile("movb (%1), %b0" : "+a"(v) : "r"(DEV) : "memory");
	result("8a read 8", (v & 0xff) == 0x88, v & 0xff, 0x88);
	v = 0;
	asm volatile("movw (%1), %w0" : "+r"(v) : "r"(DEV) : "memory");
	result("66 8b read 16", (v & 0xffff) == 0x7788, v & 0xffff, 0x7788);
	asm volatile("movl (%1), %0" : "=r"(v) : "r"(DEV) : "memory");
	result("8b read 32", v == 0x55667788, v, 0x55667788);
	asm volatile("movzbl (%1), %0" : "=r"(v) : "r"(DEV) : "memory");
	result("0f b6 movzx 8", v == 0x88, v, 0x88);
	asm volatile("movzwl (%1), %0" : "=r"(v) : "r"(DEV) : "memory");
	result("0f b7 movzx 16", v == 0x7788, v, 0x7788);
	asm volatile("movl 4(%1), %0" : "=r"(v) : "r"(DEV) : "memory");
	result("8b disp8", v == 0x11223344, v, 0x11223344);
	asm volatile("movl (%1,%2,4), %0" : "=r"(v)
		     : "r"(DEV - 0x100), "r"(0x40) : "memory");
	result("8b sib", v == 0x55667788, v, 0x55667788);
	asm volatile("movl 0x1000(%1), %0" : "=r"(v) : "r"(DEV - 0x1000)
		     : "memory");
	result("8b disp32", v == 0x55667788, v, 0x55667788);
	asm volatile("movl 0x101ff8, %%ecx; mov %%ecx, %0" : "=r"(v)
		     : : "ecx", "memory");
	result("8b absolute disp32", v == 0x55667788, v, 0x55667788);
	asm volatile("movl 0x101ff8, %%eax" : "=a"(v) : : "memory");
	result("a1 moffs read 32", v == 0x55667788, v, 0x55667788);
	v = 0;
	asm volatile("movb 0x101ff8, %%al" : "+a"(v) : : "memory");
	result("a0 moffs read 8", (v & 0xff) == 0x88, v & 0xff, 0x88);
	v = 0;
	asm volatile("movw 0x101ffc, %%ax" : "+a"(v) : : "memory");
	result("66 a1 moffs read 16", (v & 0xffff) == 0x3344, v & 0xffff,
	       0x3344);
	asm volatile("movl %%fs:(%%bx), %0" : "=r"(v) : "b"(0xff8)
		     : "memory");
	result("67 8b 16-bit address", v == 0x55667788, v, 0x55667788);
}

static void writes(void)
{
	u32 v = 0xe5f60718;

	set_mirror(0, 0);
	asm volatile("movb %b0, (%1)" : : "q"(v), "r"(DEV) : "memory");
	result("88 write 8", MIRROR[0] == 0x18, MIRROR[0], 0x18);
	set_mirror(0, 0);
	asm volatile("movw %w0, (%1)" : : "r"(v), "r"(DEV) : "memory");
	result("66 89 write 16", MIRROR[0] == 0x0718, MIRROR[0], 0x0718);
	set_mirror(0, 0);
	asm volatile("movl %0, (%1)" : : "r"(v), "r"(DEV) : "memory");
	result("89 write 32", MIRROR[0] == v, MIRROR[0], v);
	set_mirror(0, 0);
	asm volatile("movb $0x5a, (%0)" : : "r"(DEV) : "memory");
	result("c6 write imm8", MIRROR[0] == 0x5a, MIRROR[0], 0x5a);
	set_mirror(0, 0);
	asm volatile("movw $0x1234, (%0)" : : "r"(DEV) : "memory");
	result("66 c7 write imm16", MIRROR[0] == 0x1234, MIRROR[0], 0x1234);
	set_mirror(0, 0);
	asm volatile("movl $0x89abcdef, (%0)" : : "r"(DEV) : "memory");
	result("c7 write imm32", MIRROR[0] == 0x89abcdef, MIRROR[0],
	       0x89abcdef);
	set_mirror(0, 0);
	asm volatile("movl $0xfeedf00d, 4(%0)" : : "r"(DEV) : "memory");
	result("c7 disp8 write imm32", MIRROR[1] == 0xfeedf00d &&
	       MIRROR[0] == 0, MIRROR[1], 0xfeedf00d);
	set_mirror(0, 0);
	asm volatile("movl %0, 0x101ff8" : : "c"(v) : "memory");
	result("89 absolute disp32 write", MIRROR[0] == v, MIRROR[0], v);
	set_mirror(0, 0);
	asm volatile("movl %0, 0x101ff8" : : "a"(v) : "memory");
	result("a3 moffs write 32", MIRROR[0] == v, MIRROR[0], v);
	set_mirror(0, 0);
	asm volatile("movb %b0, 0x101ff8" : : "a"(v) : "memory");
	result("a2 moffs write 8", MIRROR[0] == 0x18, MIRROR[0], 0x18);
	set_mirror(0, 0);
	asm volatile("movl %0, %%fs:(%%bx)" : : "r"(v), "b"(0xff8)
		     : "memory");
	result("67 89 16-bit address write", MIRROR[0] == v, MIRROR[0], v);
}

void inmate_main(void)
{
	printk("mmio-test-32: the MMIO decoder from 32-bit code through the "
	       "test device at 0x%lx\n", (unsigned long)DEV);
	load_dev_segment();
	reads();
	writes();
	printk("mmio-test-32: %u of %u forms passed\n", passed, total);
	/* Outside bytes 0xff8-0xfff: an MMIO error, which stops the cell. */
	printk("mmio-test-32: now a read at offset 0xff0\n");
	(void)*(volatile u32 *)(DEV - 8);
	printk("mmio-test-32: STILL RUNNING after the bad read\n");
	for (;;)
		asm volatile("hlt");
}
