/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The x86 vocabulary, defined once for the hypervisor, the loader, the
 * inmate library and the host tools: control-register, EFER and
 * page-table bits, the MSRs more than one of them names, the local APIC's
 * register map (xAPIC offsets; the x2APIC MSR of each is
 * X2APIC_MSR(offset)), and the instructions every one of them needs
 * (CPUID, RDTSC, RDMSR/WRMSR, port I/O). Numbers from the AMD64
 * Architecture Programmer's Manual, vol. 2 (system programming) and
 * vol. 3 (CPUID). The constants are usable from assembly too.
 */
#ifndef BULKHEAD_X86_H
#define BULKHEAD_X86_H

#ifdef __ASSEMBLER__
#define X86_BIT(n)	(1 << (n))
#else
#define X86_BIT(n)	(1ULL << (n))
#endif

/** @name Control registers */
/**@{*/
#define CR0_PE		X86_BIT(0)
#define CR0_ET		X86_BIT(4)
#define CR0_WP		X86_BIT(16)
#define CR0_NW		X86_BIT(29)
#define CR0_CD		X86_BIT(30)
#define CR0_PG		X86_BIT(31)
#define CR4_PSE		X86_BIT(4)
#define CR4_PAE		X86_BIT(5)
#define CR4_LA57	X86_BIT(12)
#define CR4_OSXSAVE	X86_BIT(18)
#define CR4_PKE		X86_BIT(22)
/**@}*/

/** @name MSRs */
/**@{*/
#define MSR_APIC_BASE	0x1b		/**< IA32_APIC_BASE */
#define APIC_BASE_BSP	X86_BIT(8)	/**< APIC base MSR: the boot CPU */
#define APIC_BASE_EXTD	X86_BIT(10)	/**< APIC base MSR: x2APIC mode */
#define APIC_BASE_EN	X86_BIT(11)	/**< APIC base MSR: enabled */
#define APIC_BASE_ADDR	0xfffff000ULL	/**< the xAPIC page (below 4 GiB) */
#define MSR_PATCH_LEVEL	0x8b
#define MSR_SYSENTER_CS	0x174
#define MSR_SYSENTER_ESP 0x175
#define MSR_SYSENTER_EIP 0x176
#define MSR_MTRR_CAP	0xfe
#define MSR_PAT		0x277
#define MSR_MTRR_DEF_TYPE 0x2ff
#define MSR_TSC_DEADLINE 0x6e0		/**< IA32_TSC_DEADLINE */
#define MSR_EFER	0xc0000080
#define MSR_STAR	0xc0000081
#define MSR_LSTAR	0xc0000082
#define MSR_CSTAR	0xc0000083
#define MSR_SFMASK	0xc0000084
#define MSR_FS_BASE	0xc0000100
#define MSR_GS_BASE	0xc0000101
#define MSR_KERNEL_GS_BASE 0xc0000102
#define MSR_TSC_AUX	0xc0000103
#define MSR_VM_CR	0xc0010114
#define MSR_VM_HSAVE_PA	0xc0010117
/**@}*/

/** @name CPUID leaf 1, ECX */
/**@{*/
#define CPUID1_ECX_X2APIC	X86_BIT(21)
#define CPUID1_ECX_HYPERVISOR	X86_BIT(31)	/**< running under one */
/**@}*/

/** @name EFER */
/**@{*/
#define EFER_SCE	X86_BIT(0)
#define EFER_LME	X86_BIT(8)
#define EFER_LMA	X86_BIT(10)
#define EFER_NXE	X86_BIT(11)
#define EFER_SVME	X86_BIT(12)
#define EFER_FFXSR	X86_BIT(14)
/**@}*/

/** @name Page tables (the long-mode and nested-paging format) */
/**@{*/
#define PAGE_SIZE_2M	0x200000	/**< (the 4 KiB page: BH_PAGE_SIZE) */
#define PTE_P		X86_BIT(0)
#define PTE_RW		X86_BIT(1)
#define PTE_US		X86_BIT(2)
#define PTE_PWT		X86_BIT(3)	/**< write-through */
#define PTE_PCD		X86_BIT(4)	/**< cache disabled */
#define PTE_PS		X86_BIT(7)	/**< a large page (2 MiB, 1 GiB) */
#define PTE_NX		X86_BIT(63)
#define PTE_ADDR_MASK	0x000ffffffffff000
/**@}*/

/** @name The local APIC's registers (xAPIC MMIO offsets) */
/**@{*/
#define APIC_ID		0x020
#define APIC_VER	0x030
#define APIC_TPR	0x080
#define APIC_APR	0x090
#define APIC_PPR	0x0a0
#define APIC_EOI	0x0b0
#define APIC_RRD	0x0c0
#define APIC_LDR	0x0d0
#define APIC_DFR	0x0e0
#define APIC_SVR	0x0f0
#define APIC_ISR	0x100	/**< 8 registers, 0x10 apart */
#define APIC_TMR	0x180
#define APIC_IRR	0x200
#define APIC_ESR	0x280
#define APIC_LVT_CMCI	0x2f0
#define APIC_ICR	0x300
#define APIC_ICR_HI	0x310
#define APIC_LVT_TIMER	0x320
#define APIC_LVT_THERMAL 0x330
#define APIC_LVT_PERF	0x340
#define APIC_LVT_LINT0	0x350
#define APIC_LVT_LINT1	0x360
#define APIC_LVT_ERROR	0x370
#define APIC_TMICT	0x380	/**< timer initial count */
#define APIC_TMCCT	0x390	/**< timer current count */
#define APIC_TDCR	0x3e0	/**< timer divide configuration */
#define APIC_SELF_IPI	0x3f0	/**< x2APIC only */
/** The x2APIC MSR of the register at xAPIC offset @p reg. */
#define X2APIC_MSR(reg)	(0x800 + ((reg) >> 4))
#define X2APIC_MSR_FIRST 0x800
#define X2APIC_MSR_LAST	0x8ff
#define APIC_ICR_NMI	0x00004400	/**< ICR: NMI, level assert */
#define APIC_ICR_INIT	0x00004500	/**< ICR: INIT, level assert */
#define APIC_ICR_STARTUP 0x00004600	/**< ICR: start-up, | page number */
#define APIC_ICR_BUSY	0x1000	/**< ICR: delivery pending (xAPIC) */
#define APIC_SVR_ENABLE	0x100
#define APIC_LVT_MASKED	0x10000
#define APIC_LVT_PERIODIC 0x20000
#define APIC_TDCR_DIV16	0x3
/**@}*/

#ifndef __ASSEMBLER__
#include <bulkhead/types.h>

/** The operand of LGDT and LIDT in 64-bit mode. */
struct desc_ptr {
	u16 limit;
	u64 base;
} BH_PACKED;

/** A gate of the 64-bit IDT. */
struct idt_gate {
	u16 offset_lo;
	u16 selector;
	u8 ist;
	u8 type;
	u16 offset_mid;
	u32 offset_hi;
	u32 reserved;
} BH_PACKED;

/** An interrupt gate (present, DPL 0) to @p handler in code segment
 * @p cs. */
static inline struct idt_gate idt_interrupt_gate(u64 handler, u16 cs)
{
	return (struct idt_gate){
		.offset_lo = (u16)handler,
		.selector = cs,
		.type = 0x8e,
		.offset_mid = (u16)(handler >> 16),
		.offset_hi = (u32)(handler >> 32),
	};
}

/** CPUID leaf @p leaf, sub-leaf @p sub. */
static inline void cpuid_count(u32 leaf, u32 sub, u32 *a, u32 *b, u32 *c,
			       u32 *d)
{
	asm volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
		     : "a"(leaf), "c"(sub));
}

/** CPUID leaf @p leaf, sub-leaf 0. */
static inline void cpuid(u32 leaf, u32 *a, u32 *b, u32 *c, u32 *d)
{
	cpuid_count(leaf, 0, a, b, c, d);
}

static inline u64 rdtsc(void)
{
	u32 lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (u64)hi << 32 | lo;
}

static inline u64 rdmsr(u32 msr)
{
	u32 lo, hi;

	asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return (u64)hi << 32 | lo;
}

static inline void wrmsr(u32 msr, u64 v)
{
	asm volatile("wrmsr" : : "c"(msr), "a"((u32)v), "d"((u32)(v >> 32))
		     : "memory");
}

static inline void outb(u16 port, u8 v)
{
	asm volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline void outw(u16 port, u16 v)
{
	asm volatile("outw %0, %1" : : "a"(v), "Nd"(port));
}

static inline u8 inb(u16 port)
{
	u8 v;

	asm volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline u16 inw(u16 port)
{
	u16 v;

	asm volatile("inw %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void outl(u16 port, u32 v)
{
	asm volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}

static inline u32 inl(u16 port)
{
	u32 v;

	asm volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void cpu_relax(void)
{
	asm volatile("pause" : : : "memory");
}
#endif /* !__ASSEMBLER__ */

#endif
