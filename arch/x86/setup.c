/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The hypervisor's own CPU tables on the boot CPU: GDT, IDT (all 256
 * vectors, handled in exceptions.c), and page tables that map the hypervisor image with per-section
 * permissions (code RX, read-only data R, the rest RW, nothing else
 * executable) and identity-map physical memory non-executable.
 */
#include "hv.h"
#include "npt.h"
#include "pages.h"
#include "platform.h"
#include "x86.h"


#define GDT_CS	0x08
#define GDT_DS	0x10


static const u64 gdt[] __attribute__((aligned(16))) = {
	0,
	/* Accessed bits preset: the table is read-only once our page
	 * tables are live, and the CPU must not need to write it. */
	0x00af9b000000ffffULL,	/* 64-bit code, DPL 0 */
	0x00cf93000000ffffULL,	/* data, DPL 0 */
};

u64 hv_cr3;
static struct idt_gate idt[256] __attribute__((aligned(16)));

extern const u8 exception_stubs[];

static void load_gdt(void)
{
	struct desc_ptr p = { sizeof(gdt) - 1, (u64)gdt };

	asm volatile("lgdt %0\n\t"
		     "pushq %1\n\t"
		     "leaq 1f(%%rip), %%rax\n\t"
		     "pushq %%rax\n\t"
		     "lretq\n"
		     "1:\n\t"
		     "mov %2, %%ds\n\t"
		     "mov %2, %%es\n\t"
		     "mov %2, %%ss\n\t"
		     "mov %2, %%fs\n\t"
		     "mov %2, %%gs"
		     : : "m"(p), "i"(GDT_CS), "r"(GDT_DS) : "rax", "memory");
}

static void load_idt(void)
{
	struct desc_ptr p = { sizeof(idt) - 1, (u64)idt };
	unsigned int v;

	for (v = 0; v < BH_ARRAY_SIZE(idt); v++)
		idt[v] = idt_interrupt_gate((u64)exception_stubs + 16 * v,
					    GDT_CS);
	asm volatile("lidt %0" : : "m"(p));
}

void x86_load_tables(void)
{
	load_gdt();
	load_idt();
}

/* The entry for @p virt at @p level (4 = PML4 ... 1 = PT), creating the
 * tables above it as needed. */
static u64 *pte_of(u64 *pml4, u64 virt, int level)
{
	u64 *table = pml4;
	int l;

	for (l = 4; l > level; l--) {
		u64 *e = &table[(virt >> (12 + 9 * (l - 1))) & 511];

		if (!(*e & PTE_P)) {
			u64 *next = page_alloc();

			if (!next)
				return NULL;
			*e = virt_to_phys(next) | PTE_P | PTE_RW;
		}
		/* Tables live in the pool, mapped at the hypervisor base. */
		table = (u64 *)((*e & PTE_ADDR_MASK) - virt_to_phys(__hv_start) +
				(u64)__hv_start);
	}
	return &table[(virt >> (12 + 9 * (level - 1))) & 511];
}

static u64 image_page_flags(u64 va)
{
	if (va < (u64)__text_start)
		return PTE_NX;			/* header */
	if (va < (u64)__rodata_start)
		return 0;			/* code */
	if (va < (u64)__data_start)
		return PTE_NX;			/* read-only data */
	return PTE_RW | PTE_NX;			/* data, bss, pool */
}

/* The hypervisor's page tables, which every CPU uses. */
static u64 *host_pml4;

static int build_page_tables(const struct bh_handoff *ho, u64 *cr3)
{
	u64 *pml4 = page_alloc(), *e, off, pa;

	if (!pml4)
		return trace_error(-1);
	host_pml4 = pml4;
	/* The first 2 MiB with 4 KiB pages: the start-up trampoline page
	 * must be executable until every CPU is up (then
	 * x86_trampoline_retire()), nothing else identity-mapped is. */
	for (pa = 0; pa < PAGE_SIZE_2M; pa += BH_PAGE_SIZE) {
		e = pte_of(pml4, pa, 1);
		if (!e)
			return trace_error(-1);
		*e = pa | PTE_P | PTE_RW |
		     (pa == ho->trampoline_phys ? 0 : PTE_NX);
	}
	for (pa = PAGE_SIZE_2M; pa < ho->identity_map_end; pa += PAGE_SIZE_2M) {
		e = pte_of(pml4, pa, 2);
		if (!e)
			return trace_error(-1);
		*e = pa | PTE_P | PTE_RW | PTE_PS | PTE_NX;
	}
	/* Every page of the hypervisor memory, pool included. The tables
	 * allocated while doing so come from the pool's start, which this
	 * loop maps like any other pool page. */
	for (off = 0; off < ho->hv_size; off += BH_PAGE_SIZE) {
		u64 va = (u64)__hv_start + off;	/* may end at 2^64: count offsets */

		e = pte_of(pml4, va, 1);
		if (!e)
			return trace_error(-1);
		*e = (ho->hv_phys + off) | PTE_P | image_page_flags(va);
	}
	*cr3 = virt_to_phys(pml4);
	/* Other CPUs load CR3 in 32-bit mode on their way to long mode. */
	if (*cr3 >> 32) {
		printk("page tables at 0x%llx: the hypervisor memory must lie "
		       "below 4 GiB\n", (unsigned long long)*cr3);
		return trace_error(-1);
	}
	return 0;
}

void x86_trampoline_retire(u64 pa)
{
	u64 *e = pte_of(host_pml4, pa, 1);

	if (e)
		*e = pa | PTE_P | PTE_RW | PTE_NX;
	invlpg(pa);
}

int arch_setup(const struct bh_handoff *ho)
{
	u64 cr3, used, total;

	x86_load_tables();
	pages_init(ho->hv_phys, ho->hv_size);
	if (build_page_tables(ho, &cr3)) {
		printk("out of hypervisor memory for page tables\n");
		return trace_error(-1);
	}
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_NXE);
	write_cr0(read_cr0() | CR0_WP);
	write_cr3(cr3);
	hv_cr3 = cr3;
	/* Prove the fix-up path on a WRMSR every CPU refuses: 0x803 is the
	 * read-only x2APIC version register, and before x2APIC is on it does
	 * not exist. Without it, a value the filters missed would power the
	 * machine off instead of stopping one cell. */
	if (wrmsr_safe(0x803, 0) == -1)
		printk("Exception fix-ups work: a refused WRMSR returned an "
		       "error\n");
	else
		printk("WARNING: a WRMSR to MSR 0x803 did not fault: exception "
		       "fix-ups are untested on this CPU\n");
	pages_usage(&used, &total);
	printk("Own GDT, IDT and page tables loaded (identity map to 0x%llx, "
	       "%llu of %llu pool pages used)\n",
	       (unsigned long long)ho->identity_map_end,
	       (unsigned long long)used, (unsigned long long)total);
	return 0;
}

void arch_halt(void)
{
	for (;;)
		asm volatile("cli; hlt");
}
