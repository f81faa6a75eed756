/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The SVM virtual machine control block (AMD APM vol. 2, appendix B): the
 * fields Bulkhead uses, at their architectural offsets.
 */
#ifndef BULKHEAD_VMCB_H
#define BULKHEAD_VMCB_H

#include <bulkhead/types.h>

/** A segment register in the save area. */
struct vmcb_seg {
	u16 selector;
	u16 attrib;
	u32 limit;
	u64 base;
} BH_PACKED;

/** Control area (0x000) and state save area (0x400). */
struct vmcb {
	u32 intercept_cr;		/* 0x000 */
	u32 intercept_dr;		/* 0x004 */
	u32 intercept_exceptions;	/* 0x008 */
	u32 intercept_misc1;		/* 0x00c */
	u32 intercept_misc2;		/* 0x010 */
	u32 intercept_misc3;		/* 0x014 */
	u8 res_018[0x03c - 0x018];
	u16 pause_filter_thresh;	/* 0x03c */
	u16 pause_filter_count;		/* 0x03e */
	u64 iopm_base_pa;		/* 0x040 */
	u64 msrpm_base_pa;		/* 0x048 */
	u64 tsc_offset;			/* 0x050 */
	u32 asid;			/* 0x058 */
	u8 tlb_control;			/* 0x05c */
	u8 res_05d[3];
	u64 int_ctl;			/* 0x060 */
	u64 int_shadow;			/* 0x068 */
	u64 exitcode;			/* 0x070 */
	u64 exitinfo1;			/* 0x078 */
	u64 exitinfo2;			/* 0x080 */
	u64 exitintinfo;		/* 0x088 */
	u64 np_enable;			/* 0x090 */
	u64 avic_apic_bar;		/* 0x098 */
	u64 ghcb_pa;			/* 0x0a0 */
	u64 event_inj;			/* 0x0a8 */
	u64 n_cr3;			/* 0x0b0 */
	u64 lbr_virt;			/* 0x0b8 */
	u32 clean_bits;			/* 0x0c0 */
	u32 res_0c4;
	u64 next_rip;			/* 0x0c8: 0 without NRIPS */
	u8 res_0d0[0x400 - 0x0d0];

	struct vmcb_seg es, cs, ss, ds, fs, gs;	/* 0x400 */
	struct vmcb_seg gdtr, ldtr, idtr, tr;	/* 0x460 */
	u8 res_4a0[0x4cb - 0x4a0];
	u8 cpl;				/* 0x4cb */
	u32 res_4cc;
	u64 efer;			/* 0x4d0 */
	u8 res_4d8[0x548 - 0x4d8];
	u64 cr4;			/* 0x548 */
	u64 cr3;			/* 0x550 */
	u64 cr0;			/* 0x558 */
	u64 dr7;			/* 0x560 */
	u64 dr6;			/* 0x568 */
	u64 rflags;			/* 0x570 */
	u64 rip;			/* 0x578 */
	u8 res_580[0x5d8 - 0x580];
	u64 rsp;			/* 0x5d8 */
	u8 res_5e0[0x5f8 - 0x5e0];
	u64 rax;			/* 0x5f8 */
	u64 star, lstar, cstar, sfmask;	/* 0x600 */
	u64 kernel_gs_base;		/* 0x620 */
	u64 sysenter_cs, sysenter_esp, sysenter_eip;	/* 0x628 */
	u64 cr2;			/* 0x640 */
	u8 res_648[0x668 - 0x648];
	u64 g_pat;			/* 0x668 */
	u8 res_670[0x1000 - 0x670];
} BH_PACKED;

BH_STATIC_ASSERT(sizeof(struct vmcb) == 0x1000, "VMCB is one page");
BH_STATIC_ASSERT(__builtin_offsetof(struct vmcb, n_cr3) == 0xb0, "n_cr3");
BH_STATIC_ASSERT(__builtin_offsetof(struct vmcb, es) == 0x400, "save area");
BH_STATIC_ASSERT(__builtin_offsetof(struct vmcb, tr) == 0x490, "tr");
BH_STATIC_ASSERT(__builtin_offsetof(struct vmcb, efer) == 0x4d0, "efer");
BH_STATIC_ASSERT(__builtin_offsetof(struct vmcb, rip) == 0x578, "rip");
BH_STATIC_ASSERT(__builtin_offsetof(struct vmcb, rax) == 0x5f8, "rax");
BH_STATIC_ASSERT(__builtin_offsetof(struct vmcb, rsp) == 0x5d8, "rsp");

/** Offsets of the guest's RAX and RSP, for code that addresses
 * registers by number. */
#define VMCB_RAX 0x5f8
#define VMCB_RSP 0x5d8
BH_STATIC_ASSERT(__builtin_offsetof(struct vmcb, g_pat) == 0x668, "g_pat");

/** @name Intercept bits */
/**@{*/
/** Segment attributes, in the VMCB's packed format. */
#define VMCB_SEG_ATTR_L		(1U << 9)	/**< 64-bit code */
#define VMCB_SEG_ATTR_DB	(1U << 10)	/**< 32-bit code or stack */

#define INTERCEPT1_NMI		(1U << 1)
#define INTERCEPT1_CPUID	(1U << 18)
#define INTERCEPT1_INVD		(1U << 22)
#define INTERCEPT1_IOIO		(1U << 27)
#define INTERCEPT1_MSR		(1U << 28)
#define INTERCEPT1_SHUTDOWN	(1U << 31)
#define INTERCEPT2_VMRUN	(1U << 0)
#define INTERCEPT2_VMMCALL	(1U << 1)
#define INTERCEPT2_VMLOAD	(1U << 2)
#define INTERCEPT2_VMSAVE	(1U << 3)
#define INTERCEPT2_STGI		(1U << 4)
#define INTERCEPT2_CLGI		(1U << 5)
#define INTERCEPT2_SKINIT	(1U << 6)
/**@}*/

/** @name Exit codes */
/**@{*/
#define VMEXIT_EXCEPTION(v)	(0x40 + (v))
#define VMEXIT_NMI		0x61
#define VMEXIT_CPUID		0x72
#define VMEXIT_INVD		0x76
#define VMEXIT_IOIO		0x7b
#define VMEXIT_MSR		0x7c
#define VMEXIT_SHUTDOWN		0x7f
#define VMEXIT_VMMCALL		0x81
#define VMEXIT_NPF		0x400
#define VMEXIT_INVALID		((u64)-1)
/**@}*/

/** Guest registers that the VMCB does not hold (RAX and RSP it does). */
struct guest_regs {
	u64 rbx, rcx, rdx, rsi, rdi, rbp;
	u64 r8, r9, r10, r11, r12, r13, r14, r15;
};

/** Enter the guest of @p vmcb_pa; returns at its next VM exit with GIF set
 * (arch/x86/svm_run.S). Call with GIF clear. */
void svm_vmrun(struct guest_regs *regs, u64 vmcb_pa);

#endif
