/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The CPUID a cell sees (cpuid.h). A feature bit stays only if the cell
 * really has the feature: instruction-set extensions and paging modes,
 * which run in guest mode with nothing from the hypervisor, and what the
 * hypervisor provides. What needs an MSR that the cell does not own (an
 * MSR it touches exits and stops it, or raises \#GP in an absent-policy
 * cell), a VMCB control Bulkhead does not set, or a machine-wide resource
 * (machine checks, performance counters, power management, SGX, trace,
 * cache and memory-bandwidth monitoring, SEV) is taken out. Bit numbers
 * are from the AMD APM vol. 3 appendix E and the Intel SDM vol. 2 CPUID
 * tables; the unit test lists each one by name.
 */
#include <bulkhead/hypercall.h>

#include "cpuid.h"

#define BIT(n)	(1U << (n))
#define ALL	0xffffffffU

/* Leaf 1 EDX: FPU VME DE PSE TSC MSR PAE (0-6), CX8 APIC (8, 9), SEP MTRR
 * PGE (11-13: MTRRCAP reads as no ranges), CMOV PAT PSE36 (15-17: the
 * PAT is the guest's), CLFSH (19), MMX FXSR SSE SSE2 (23-26), HTT (28).
 * Out: MCE MCA (7, 14: the banks are the machine's), PSN, DS, ACPI, SS,
 * TM, PBE. */
#define LEAF1_EDX (0x7fU | BIT(8) | BIT(9) | BIT(11) | BIT(12) | BIT(13) | \
		   BIT(15) | BIT(16) | BIT(17) | BIT(19) | BIT(23) | BIT(24) | \
		   BIT(25) | BIT(26) | BIT(28))
/* Leaf 1 ECX: SSE3 PCLMULQDQ (0, 1), MONITOR (3), SSSE3 (9), FMA CX16
 * (12, 13), PCID (17), SSE4.1 SSE4.2 x2APIC MOVBE POPCNT (19-23), AES
 * XSAVE (25, 26), AVX F16C RDRAND (28-30). Bits 24 (TSC-deadline), 27
 * (OSXSAVE) and 31 (hypervisor) are decided below. Out: DTES64, DS-CPL,
 * VMX, SMX, EIST, TM2, CNXT-ID, SDBG, xTPR, PDCM, DCA. */
#define LEAF1_ECX (BIT(0) | BIT(1) | BIT(3) | BIT(9) | BIT(12) | BIT(13) | \
		   BIT(17) | BIT(19) | BIT(20) | BIT(21) | BIT(22) | BIT(23) | \
		   BIT(25) | BIT(26) | BIT(28) | BIT(29) | BIT(30))
#define LEAF1_ECX_TSC_DEADLINE	BIT(24)
#define LEAF1_ECX_XSAVE		BIT(26)
#define LEAF1_ECX_OSXSAVE	BIT(27)
#define LEAF1_ECX_HYPERVISOR	BIT(31)
/* Leaf 6 EAX: ARAT (2), the APIC timer runs in deep C-states. Nothing
 * else of thermal and power management, whose MSRs are the machine's. */
#define LEAF6_EAX BIT(2)
/* Leaf 7.0 EBX: FSGSBASE (0), BMI1 HLE AVX2 FDP_EXCPTN_ONLY SMEP BMI2
 * ERMS INVPCID RTM (3-11), FPU CS/DS deprecated (13), AVX512F AVX512DQ
 * RDSEED ADX SMAP AVX512_IFMA (16-21), CLFLUSHOPT CLWB (23, 24),
 * AVX512PF AVX512ER AVX512CD SHA AVX512BW AVX512VL (26-31). Out:
 * TSC_ADJUST (MSR), SGX, RDT-M, MPX, RDT-A, PT. */
#define LEAF7_EBX (BIT(0) | 0xff8U | BIT(13) | 0x3f0000U | BIT(23) | \
		   BIT(24) | 0xfc000000U)
/* Leaf 7.0 ECX: PREFETCHWT1 AVX512_VBMI UMIP PKU (0-3; 4, OSPKE, below),
 * AVX512_VBMI2 (6), GFNI VAES VPCLMULQDQ AVX512_VNNI AVX512_BITALG
 * (8-12), AVX512_VPOPCNTDQ (14), LA57 (16), RDPID (22: TSC_AUX is the
 * guest's), CLDEMOTE (25), MOVDIRI MOVDIR64B (27, 28). Out: WAITPKG,
 * CET shadow stacks, TME, MPX's MAWAU, Key Locker, bus-lock detection,
 * ENQCMD, SGX-LC, PKS (all need MSRs). */
#define LEAF7_ECX (0xfU | BIT(6) | 0x1f00U | BIT(14) | BIT(16) | BIT(22) | \
		   BIT(25) | BIT(27) | BIT(28))
#define LEAF7_ECX_PKU	BIT(3)
#define LEAF7_ECX_OSPKE	BIT(4)
/* Leaf 7.0 EDX: AVX512_4VNNIW AVX512_4FMAPS FSRM (2-4),
 * AVX512_VP2INTERSECT (8), MD_CLEAR (10: VERW), SERIALIZE HYBRID (14,
 * 15), AVX512_FP16 (23). Out: SRBDS, TSX force-abort, TSXLDTRK, PCONFIG,
 * arch LBR, CET IBT, AMX, IBRS/IBPB, STIBP, L1D_FLUSH, ARCH_CAPABILITIES,
 * CORE_CAPABILITIES, SSBD (all need MSRs the cell does not own). */
#define LEAF7_EDX (0x1cU | BIT(8) | BIT(10) | BIT(14) | BIT(15) | BIT(23))
/* Leaf 7.1 EAX: AVX-VNNI AVX512_BF16 (4, 5), fast zero-length MOVSB,
 * short STOSB and CMPSB (10-12). */
#define LEAF7_1_EAX (BIT(4) | BIT(5) | BIT(10) | BIT(11) | BIT(12))
/* Leaf 0xd: the XCR0 components offered: x87 SSE AVX (0-2), opmask
 * ZMM_Hi256 Hi16_ZMM (5-7), PKRU (9). Out: MPX (3, 4), AMX (17, 18),
 * and every supervisor component (XSS: the IA32_XSS MSR is not the
 * cell's). Subleaf 1 EAX: XSAVEOPT XSAVEC XGETBV1 (0-2); out: XSAVES,
 * XFD. */
#define XCR0_OFFERED (0x7U | 0xe0U | BIT(9))
#define LEAFD_1_EAX 0x7U
/* 0x80000001 ECX: LahfSahf CmpLegacy (0, 1), AltMovCr8 ABM SSE4A
 * MisAlignSse 3DNowPrefetch (4-8), XOP (11), FMA4 (16), TBM
 * TopologyExtensions (21, 22), MONITORX (29). Out: SVM, ExtApicSpace
 * (not emulated), OSVW, IBS, SKINIT, WDT, LWP, TCE, NodeId, the
 * performance counter extensions, DataBreakpointExtension, PerfTsc,
 * AddrMaskExt. */
#define EXT1_ECX (BIT(0) | BIT(1) | 0x1f0U | BIT(11) | BIT(16) | BIT(21) | \
		  BIT(22) | BIT(29))
/* 0x80000001 EDX: AMD's copies of leaf 1 EDX (0-6, 8, 9, 12, 13, 15-17,
 * 23, 24), SYSCALL (11), NX (20), MmxExt (22), FFXSR (25: EFER.FFXSR is
 * allowed), Page1GB RDTSCP (26, 27), LM 3DNowExt 3DNow (29-31). Out: MCE,
 * MCA copies (7, 14). */
#define EXT1_EDX (0x7fU | BIT(8) | BIT(9) | BIT(11) | BIT(12) | BIT(13) | \
		  BIT(15) | BIT(16) | BIT(17) | BIT(20) | BIT(22) | BIT(23) | \
		  BIT(24) | BIT(25) | BIT(26) | BIT(27) | 0xe0000000U)
/* 0x80000007 EDX: TscInvariant (8). Out: power management, RAS. */
#define EXT7_EDX BIT(8)
/* 0x80000008 EBX: CLZERO (0), RstrFpErrPtrs (2), WBNOINVD (9),
 * INT_WBINVD (13), EferLmsleUnsupported (20), SsbdNotRequired (26).
 * Out: IRPERF, INVLPGB, RDPRU, MBE, MCOMMIT, IBPB, IBRS, STIBP and their
 * variants, SSBD, VIRT_SSBD, PSFD (MSRs or VMCB controls). EDX (INVLPGB
 * and RDPRU limits) reads as zero. */
#define EXT8_EBX (BIT(0) | BIT(2) | BIT(9) | BIT(13) | BIT(20) | BIT(26))
/* 0x80000021 EAX: NoNestedDataBp (0), LFenceAlwaysSerializing (2),
 * NullSelectClearsBase (6). */
#define EXT21_EAX (BIT(0) | BIT(2) | BIT(6))

/** A leaf the cell sees: which bits of each register it keeps. */
struct leaf {
	u32 leaf;
	u32 keep[4];	/**< EAX, EBX, ECX, EDX */
};

/* Leaves without subleaves, or whose subleaves all pass alike. A leaf
 * not here (and not 7 or 0xd) reads as zero. */
static const struct leaf leaves[] = {
	{ 0x0, { ALL, ALL, ALL, ALL } },	/* max leaf, vendor */
	{ 0x1, { ALL, ALL, LEAF1_ECX, LEAF1_EDX } },
	{ 0x2, { ALL, ALL, ALL, ALL } },	/* cache descriptors */
	{ 0x4, { ALL, ALL, ALL, ALL } },	/* cache parameters */
	{ 0x5, { ALL, ALL, ALL, ALL } },	/* MONITOR/MWAIT */
	{ 0x6, { LEAF6_EAX, 0, 0, 0 } },
	{ 0xb, { ALL, ALL, ALL, ALL } },	/* topology */
	{ 0x15, { ALL, ALL, ALL, ALL } },	/* TSC/crystal ratio */
	{ 0x16, { ALL, ALL, ALL, ALL } },	/* frequencies */
	{ 0x18, { ALL, ALL, ALL, ALL } },	/* TLB parameters */
	{ 0x1a, { ALL, ALL, ALL, ALL } },	/* hybrid core type */
	{ 0x1f, { ALL, ALL, ALL, ALL } },	/* topology v2 */
	{ 0x80000000, { ALL, ALL, ALL, ALL } },	/* max ext. leaf, vendor */
	{ 0x80000001, { ALL, ALL, EXT1_ECX, EXT1_EDX } },
	{ 0x80000002, { ALL, ALL, ALL, ALL } },	/* brand string */
	{ 0x80000003, { ALL, ALL, ALL, ALL } },
	{ 0x80000004, { ALL, ALL, ALL, ALL } },
	{ 0x80000005, { ALL, ALL, ALL, ALL } },	/* L1 cache and TLB */
	{ 0x80000006, { ALL, ALL, ALL, ALL } },	/* L2/L3 cache and TLB */
	{ 0x80000007, { 0, 0, 0, EXT7_EDX } },
	{ 0x80000008, { ALL, EXT8_EBX, ALL, 0 } },
	{ 0x80000019, { ALL, ALL, ALL, ALL } },	/* 1 GiB TLB */
	{ 0x8000001d, { ALL, ALL, ALL, ALL } },	/* cache topology */
	{ 0x8000001e, { ALL, ALL, ALL, ALL } },	/* extended APIC ID */
	{ 0x80000021, { EXT21_EAX, 0, 0, 0 } },
};

static void keep(struct cpuid_regs *r, u32 a, u32 b, u32 c, u32 d)
{
	r->a &= a;
	r->b &= b;
	r->c &= c;
	r->d &= d;
}

static void leaf7(u32 sub, struct cpuid_regs *r, const struct cpuid_view *v)
{
	if (sub == 0) {
		bool pku = r->c & LEAF7_ECX_PKU;

		/* Subleaf 1 is the last one with bits the cell may have. */
		if (r->a > 1)
			r->a = 1;
		keep(r, ALL, LEAF7_EBX, LEAF7_ECX, LEAF7_EDX);
		if (pku && v->ospke)
			r->c |= LEAF7_ECX_OSPKE;
	} else if (sub == 1) {
		keep(r, LEAF7_1_EAX, 0, 0, 0);
	} else {
		keep(r, 0, 0, 0, 0);
	}
}

static void leaf_d(u32 sub, struct cpuid_regs *r)
{
	if (sub == 0)		/* XCR0 bits, sizes, XCR0 bits 63:32 */
		keep(r, XCR0_OFFERED, ALL, ALL, 0);
	else if (sub == 1)	/* features, size, XSS bits */
		keep(r, LEAFD_1_EAX, ALL, 0, 0);
	else if (sub < 32 && (XCR0_OFFERED & BIT(sub)))
		keep(r, ALL, ALL, ALL, ALL);	/* an offered component */
	else
		keep(r, 0, 0, 0, 0);
}

void cpuid_for_cell(u32 leaf, u32 sub, struct cpuid_regs *r,
		    const struct cpuid_view *v)
{
	unsigned int i;

	if (leaf == HC_CPUID_SIGNATURE && v->kvm) {
		/* "KVMKVMKVM\0\0\0", and the one leaf after it (no
		 * feature: nothing paravirtual is offered). */
		*r = (struct cpuid_regs){ HC_CPUID_FEATURES, 0x4b4d564b,
					  0x564b4d56, 0x0000004d };
		return;
	}
	if (leaf == HC_CPUID_SIGNATURE) {
		/* "Jailhouse\0\0\0", and the one leaf after it. */
		*r = (struct cpuid_regs){ HC_CPUID_FEATURES, 0x6c69614a,
					  0x73756f68, 0x00000065 };
		return;
	}
	if (leaf == 7) {
		leaf7(sub, r, v);
		return;
	}
	if (leaf == 0xd) {
		leaf_d(sub, r);
		return;
	}
	for (i = 0; i < BH_ARRAY_SIZE(leaves); i++)
		if (leaves[i].leaf == leaf)
			break;
	if (i == BH_ARRAY_SIZE(leaves)) {
		keep(r, 0, 0, 0, 0);
		return;
	}
	if (leaf == 1) {
		bool deadline = r->c & LEAF1_ECX_TSC_DEADLINE;

		keep(r, ALL, ALL, LEAF1_ECX, LEAF1_EDX);
		if (deadline && v->tsc_deadline)
			r->c |= LEAF1_ECX_TSC_DEADLINE;
		if ((r->c & LEAF1_ECX_XSAVE) && v->osxsave)
			r->c |= LEAF1_ECX_OSXSAVE;
		r->c |= LEAF1_ECX_HYPERVISOR;
		return;
	}
	keep(r, leaves[i].keep[0], leaves[i].keep[1], leaves[i].keep[2],
	     leaves[i].keep[3]);
}
