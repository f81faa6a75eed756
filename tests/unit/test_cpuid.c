/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Host unit test of the CPUID a cell sees (arch/x86/cpuid.c). It lists
 * every bit of every feature register a cell gets, by name, with what
 * the cell sees of it: K the CPU's own bit (a feature the cell has with
 * nothing from the hypervisor, or one the hypervisor backs), 0 always
 * clear (a feature the cell does not get, or a reserved bit), V decided
 * by the hypervisor (the CPU's bit and what the cell was given), 1 always
 * set. The names and dispositions are typed in from the AMD APM vol. 3
 * appendix E and the Intel SDM vol. 2 CPUID tables, never computed by
 * the code under test. For each register the test feeds all ones and all
 * zeros and checks the exact result, then the view-dependent bits both
 * ways, the leaves that read as zero, the signature leaf and the XSAVE
 * and leaf-7 subleaves. The listing is printed as comments (#).
 */
#include <stdio.h>
#include <string.h>

#include "cpuid.h"

#include "check.h"

enum { EAX, EBX, ECX, EDX };

/** One feature register: its 32 bits, bit 0 first, as "D name". */
struct reg_spec {
	u32 leaf, sub;
	int reg;
	const char *bits[32];
};

/* Reserved bits are "0 -". */
#define R "0 -"

static const struct reg_spec specs[] = {
	{ 1, 0, EDX, {
		"K FPU", "K VME", "K DE", "K PSE", "K TSC", "K MSR", "K PAE",
		"0 MCE (machine checks are the machine's)", "K CX8", "K APIC",
		R, "K SEP", "K MTRR (MTRRCAP: no ranges)", "K PGE",
		"0 MCA (the banks are the machine's)", "K CMOV", "K PAT",
		"K PSE36", "0 PSN", "K CLFSH", R, "0 DS (debug store MSRs)",
		"0 ACPI (thermal MSRs)", "K MMX", "K FXSR", "K SSE", "K SSE2",
		"0 SS", "K HTT", "0 TM", R, "0 PBE" } },
	{ 1, 0, ECX, {
		"K SSE3", "K PCLMULQDQ", "0 DTES64", "K MONITOR",
		"0 DS-CPL", "0 VMX", "0 SMX", "0 EIST (MSRs)", "0 TM2",
		"K SSSE3", "0 CNXT-ID", "0 SDBG (MSR)", "K FMA", "K CX16",
		"0 xTPR (MSR)", "0 PDCM (perf capabilities MSR)", R,
		"K PCID", "0 DCA", "K SSE4.1", "K SSE4.2", "K x2APIC",
		"K MOVBE", "K POPCNT",
		"V TSC-deadline (if the CPU has it: MSR 0x6e0 passed through)",
		"K AES", "K XSAVE", "V OSXSAVE (the guest's CR4.OSXSAVE)",
		"K AVX", "K F16C", "K RDRAND", "1 hypervisor present" } },
	{ 6, 0, EAX, {
		"0 digital thermal sensor", "0 Turbo Boost", "K ARAT",
		R, "0 PLN", "0 ECMD", "0 PTM", "0 HWP", "0 HWP notification",
		"0 HWP activity window", "0 HWP EPP", "0 HWP package request",
		R, "0 HDC", "0 Turbo Boost Max 3.0", "0 HWP capabilities",
		"0 HWP PECI override", "0 flexible HWP",
		"0 fast HWP request MSR", "0 HW feedback",
		"0 ignoring idle HWP request", R, R, "0 thread director",
		"0 THERM_INTERRUPT bit 25", R, R, R, R, R, R, R } },
	{ 6, 0, ECX, {
		"0 APERF/MPERF (MSRs)", R, R, "0 energy performance bias",
		R, R, R, R, "0 thread director classes", R, R, R, R, R, R, R,
		R, R, R, R, R, R, R, R, R, R, R, R, R, R, R, R } },
	{ 7, 0, EBX, {
		"K FSGSBASE", "0 TSC_ADJUST (MSR)", "0 SGX", "K BMI1", "K HLE",
		"K AVX2", "K FDP_EXCPTN_ONLY", "K SMEP", "K BMI2", "K ERMS",
		"K INVPCID", "K RTM", "0 RDT-M", "K FPU CS/DS deprecated",
		"0 MPX", "0 RDT-A", "K AVX512F", "K AVX512DQ", "K RDSEED",
		"K ADX", "K SMAP", "K AVX512_IFMA", R, "K CLFLUSHOPT",
		"K CLWB", "0 Intel PT", "K AVX512PF", "K AVX512ER",
		"K AVX512CD", "K SHA", "K AVX512BW", "K AVX512VL" } },
	{ 7, 0, ECX, {
		"K PREFETCHWT1", "K AVX512_VBMI", "K UMIP", "K PKU",
		"V OSPKE (the guest's CR4.PKE)", "0 WAITPKG (MSR)",
		"K AVX512_VBMI2", "0 CET shadow stack (MSRs)", "K GFNI",
		"K VAES", "K VPCLMULQDQ", "K AVX512_VNNI", "K AVX512_BITALG",
		"0 TME (MSRs)", "K AVX512_VPOPCNTDQ", R, "K LA57",
		"0 MAWAU (MPX)", "0 MAWAU (MPX)", "0 MAWAU (MPX)",
		"0 MAWAU (MPX)", "0 MAWAU (MPX)", "K RDPID (TSC_AUX is the "
		"guest's)", "0 Key Locker", "0 bus-lock detection (MSR)",
		"K CLDEMOTE", R, "K MOVDIRI", "K MOVDIR64B",
		"0 ENQCMD (PASID MSR)", "0 SGX launch control", "0 PKS (MSR)" } },
	{ 7, 0, EDX, {
		R, "0 SGX-KEYS", "K AVX512_4VNNIW", "K AVX512_4FMAPS",
		"K FSRM", "0 UINTR", R, R, "K AVX512_VP2INTERSECT",
		"0 SRBDS_CTRL (MSR)", "K MD_CLEAR (VERW)", "0 RTM_ALWAYS_ABORT",
		R, "0 TSX_FORCE_ABORT (MSR)", "K SERIALIZE", "K HYBRID",
		"0 TSXLDTRK", R, "0 PCONFIG", "0 arch LBR (MSRs)",
		"0 CET IBT (MSRs)", R, "0 AMX-BF16", "K AVX512_FP16",
		"0 AMX-TILE", "0 AMX-INT8", "0 IBRS/IBPB (MSRs)",
		"0 STIBP (MSR)", "0 L1D_FLUSH (MSR)",
		"0 ARCH_CAPABILITIES (MSR)", "0 CORE_CAPABILITIES (MSR)",
		"0 SSBD (MSR)" } },
	{ 7, 1, EAX, {
		"0 SHA512", "0 SM3", "0 SM4", "0 RAO-INT", "K AVX-VNNI",
		"K AVX512_BF16", "0 LASS", "0 CMPCCXADD",
		"0 arch perfmon ext.", R, "K fast zero-length MOVSB",
		"K fast short STOSB", "K fast short CMPSB/SCASB", R, R, R, R,
		"0 FRED", "0 LKGS", "0 WRMSRNS", R, "0 AMX-FP16",
		"0 HRESET (MSR)", "0 AVX-IFMA", R, R, "0 LAM", "0 MSRLIST",
		R, R, R, R } },
	{ 0xd, 0, EAX, {
		"K x87 state", "K SSE state", "K AVX state",
		"0 MPX BNDREGS", "0 MPX BNDCSR", "K AVX-512 opmask",
		"K AVX-512 ZMM_Hi256", "K AVX-512 Hi16_ZMM",
		"0 PT (supervisor)", "K PKRU", "0 PASID (supervisor)",
		"0 CET user (supervisor)", "0 CET supervisor", "0 HDC",
		"0 UINTR", "0 LBR", "0 HWP", "0 AMX TILECFG",
		"0 AMX TILEDATA", R, R, R, R, R, R, R, R, R, R, R, R, R } },
	{ 0xd, 1, EAX, {
		"K XSAVEOPT", "K XSAVEC", "K XGETBV with ECX 1",
		"0 XSAVES (IA32_XSS MSR)", "0 XFD (MSR)", R, R, R, R, R, R,
		R, R, R, R, R, R, R, R, R, R, R, R, R, R, R, R, R, R, R, R,
		R } },
	{ 0x80000001, 0, ECX, {
		"K LahfSahf", "K CmpLegacy", "0 SVM (no nested guests)",
		"0 ExtApicSpace (not emulated)", "K AltMovCr8", "K ABM",
		"K SSE4A", "K MisAlignSse", "K 3DNowPrefetch", "0 OSVW (MSRs)",
		"0 IBS (MSRs)", "K XOP", "0 SKINIT", "0 WDT", R,
		"0 LWP (MSR)", "K FMA4", "0 TCE (EFER.TCE refused)", R,
		"0 NodeId (MSR)", R, "K TBM", "K TopologyExtensions",
		"0 PerfCtrExtCore (MSRs)", "0 PerfCtrExtNB (MSRs)", R,
		"0 DataBreakpointExtension (MSRs)", "0 PerfTsc (MSR)",
		"0 PerfCtrExtLLC (MSRs)", "K MONITORX",
		"0 AddrMaskExt (MSRs)", R } },
	{ 0x80000001, 0, EDX, {
		"K FPU", "K VME", "K DE", "K PSE", "K TSC", "K MSR", "K PAE",
		"0 MCE", "K CX8", "K APIC", R, "K SYSCALL", "K MTRR", "K PGE",
		"0 MCA", "K CMOV", "K PAT", "K PSE36", R, R, "K NX", R,
		"K MmxExt", "K MMX", "K FXSR", "K FFXSR", "K Page1GB",
		"K RDTSCP", R, "K LM", "K 3DNowExt", "K 3DNow" } },
	{ 0x80000007, 0, EDX, {
		"0 TS", "0 FID", "0 VID", "0 TTP", "0 TM", R, "0 100MHzSteps",
		"0 HwPstate", "K TscInvariant", "0 CPB", "0 EffFreqRO",
		"0 ProcFeedbackInterface", "0 ProcPowerReporting",
		"0 ConnectedStandby", "0 RAPL", R, R, R, R, R, R, R, R, R, R,
		R, R, R, R, R, R, R } },
	{ 0x80000008, 0, EBX, {
		"K CLZERO", "0 InstRetCntMsr (MSR)", "K RstrFpErrPtrs",
		"0 INVLPGB", "0 RDPRU", R, "0 MBE", R, "0 MCOMMIT",
		"K WBNOINVD", R, R, "0 IBPB (MSR)", "K INT_WBINVD",
		"0 IBRS (MSR)", "0 STIBP (MSR)", "0 IbrsAlwaysOn",
		"0 StibpAlwaysOn", "0 IbrsPreferred", "0 IbrsSameMode",
		"K EferLmsleUnsupported", "0 INVLPGB nested", R, "0 PPIN",
		"0 SSBD (MSR)", "0 VIRT_SSBD", "K SsbdNotRequired", "0 CPPC",
		"0 PSFD", "0 BTC_NO", "0 IBPB_RET", R } },
	{ 0x80000021, 0, EAX, {
		"K NoNestedDataBp", R, "K LFenceAlwaysSerializing",
		"0 SmmPgCfgLock", R, R, "K NullSelectClearsBase",
		"0 UpperAddressIgnore (EFER)", "0 AutomaticIBRS (EFER)",
		"0 NoSmmCtlMSR", R, R, R, "0 PrefetchCtlMsr", R, R, R,
		"0 CpuidUserDis", R, R, R, R, R, R, R, R, R, R, R, R, R, R } },
};

/* Registers passed whole (the CPU's answer): leaf, subleaf, register. */
static const struct { u32 leaf, sub; int reg; } whole[] = {
	{ 0, 0, EAX }, { 0, 0, EBX }, { 0, 0, ECX }, { 0, 0, EDX },
	{ 1, 0, EAX }, { 1, 0, EBX }, { 2, 0, EAX }, { 4, 1, EAX },
	{ 4, 2, EBX }, { 5, 0, ECX }, { 0xb, 1, EDX }, { 0xd, 0, EBX },
	{ 0xd, 0, ECX }, { 0xd, 1, EBX }, { 0xd, 2, EAX }, { 0xd, 9, EAX },
	{ 0x15, 0, EBX }, { 0x16, 0, EAX }, { 0x1f, 1, EDX },
	{ 0x80000000, 0, EAX }, { 0x80000002, 0, EAX },
	{ 0x80000005, 0, ECX }, { 0x80000006, 0, ECX },
	{ 0x80000008, 0, EAX }, { 0x80000008, 0, ECX },
	{ 0x8000001e, 0, EAX },
};

/* Leaves (subleaf 0 unless said) that read as zero, whatever the CPU. */
static const struct { u32 leaf, sub; const char *what; } zero[] = {
	{ 3, 0, "processor serial number" },
	{ 7, 2, "leaf 7 beyond subleaf 1" },
	{ 0xa, 0, "architectural performance monitoring" },
	{ 0xd, 3, "MPX BNDREGS state" },
	{ 0xd, 8, "PT state (supervisor)" },
	{ 0xd, 17, "AMX TILECFG state" },
	{ 0xd, 40, "no such component" },
	{ 0xf, 0, "resource monitoring" },
	{ 0x10, 0, "resource allocation" },
	{ 0x12, 0, "SGX" },
	{ 0x14, 0, "processor trace" },
	{ 0x19, 0, "Key Locker" },
	{ 0x1d, 0, "AMX tiles" },
	{ 0x23, 0, "architectural perfmon extensions" },
	{ 0x40000001, 0, "Jailhouse's features: none" },
	{ 0x40000002, 0, "the rest of the hypervisor range" },
	{ 0x4fffffff, 0, "the end of the hypervisor range" },
	{ 0x8000000a, 0, "SVM" },
	{ 0x8000001b, 0, "IBS" },
	{ 0x8000001f, 0, "SEV" },
	{ 0x80000020, 0, "platform QoS" },
	{ 0x80000022, 0, "performance monitoring v2" },
	{ 0xc0000000, 0, "Centaur range" },
};

static const struct cpuid_view none, all = { true, true, true, false },
	kvm = { false, false, false, true };

static u32 *reg_of(struct cpuid_regs *r, int reg)
{
	return reg == EAX ? &r->a : reg == EBX ? &r->b :
	       reg == ECX ? &r->c : &r->d;
}

static struct cpuid_regs ask(u32 leaf, u32 sub, u32 fill,
			     const struct cpuid_view *v)
{
	struct cpuid_regs r = { fill, fill, fill, fill };

	cpuid_for_cell(leaf, sub, &r, v);
	return r;
}

/* Every bit of @p s as listed, with the CPU's bits all set or all clear
 * and the view all given or none. */
static void check_spec(const struct reg_spec *s)
{
	static const char *const regs[] = { "EAX", "EBX", "ECX", "EDX" };
	u32 keep = 0, one = 0, view = 0;
	char name[64];
	int i;

	for (i = 0; i < 32; i++) {
		char d = s->bits[i][0];

		if (s->bits[i][2] != '-')
			printf("# CPUID 0x%x.%u %s bit %2d %c %s\n", s->leaf,
			       s->sub, regs[s->reg], i, d, s->bits[i] + 2);
		if (d == 'K')
			keep |= 1U << i;
		else if (d == '1')
			one |= 1U << i;
		else if (d == 'V')
			view |= 1U << i;
	}
	snprintf(name, sizeof(name), "leaf_%x.%u_%s", s->leaf, s->sub,
		 regs[s->reg]);
	{
		struct cpuid_regs a = ask(s->leaf, s->sub, ~0U, &none);
		struct cpuid_regs b = ask(s->leaf, s->sub, ~0U, &all);
		struct cpuid_regs z = ask(s->leaf, s->sub, 0, &all);
		u32 got_a = *reg_of(&a, s->reg), got_b = *reg_of(&b, s->reg);
		u32 got_z = *reg_of(&z, s->reg);

		checkf(name, got_a == (keep | one) &&
		      got_b == (keep | one | view) && got_z == one,
		      "all ones without view 0x%08x (want 0x%08x), with view "
		      "0x%08x (want 0x%08x), all zeros 0x%08x (want 0x%08x)",
		      got_a, keep | one, got_b, keep | one | view, got_z, one);
	}
}

static void test_whole(void)
{
	unsigned int i;
	bool ok = true;

	for (i = 0; i < BH_ARRAY_SIZE(whole); i++) {
		struct cpuid_regs r = ask(whole[i].leaf, whole[i].sub,
					  0x5a5a5a5a, &none);

		if (*reg_of(&r, whole[i].reg) != 0x5a5a5a5a) {
			ok = false;
			printf("# leaf 0x%x.%u reg %d: 0x%08x\n", whole[i].leaf,
			       whole[i].sub, whole[i].reg,
			       *reg_of(&r, whole[i].reg));
		}
	}
	checkf("registers_passed_whole", ok, "see the lines above");
}

static void test_zero(void)
{
	unsigned int i;

	for (i = 0; i < BH_ARRAY_SIZE(zero); i++) {
		struct cpuid_regs r = ask(zero[i].leaf, zero[i].sub, ~0U, &all);
		char name[48];

		snprintf(name, sizeof(name), "zero_leaf_%x.%u", zero[i].leaf,
			 zero[i].sub);
		printf("# CPUID 0x%x.%u reads as zero: %s\n", zero[i].leaf,
		       zero[i].sub, zero[i].what);
		checkf(name, !r.a && !r.b && !r.c && !r.d,
		      "%s: %08x %08x %08x %08x", zero[i].what, r.a, r.b, r.c,
		      r.d);
	}
}

static void test_special(void)
{
	struct cpuid_regs r = ask(0x40000000, 0, 0x12345678, &none);

	checkf("signature_jailhouse",
	      r.a == 0x40000001 && !memcmp(&r.b, "Jail", 4) &&
	      !memcmp(&r.c, "hous", 4) && !memcmp(&r.d, "e\0\0\0", 4),
	      "%08x %08x %08x %08x", r.a, r.b, r.c, r.d);

	r = ask(0x40000000, 0, 0x12345678, &kvm);
	checkf("signature_kvm",
	      r.a == 0x40000001 && !memcmp(&r.b, "KVMK", 4) &&
	      !memcmp(&r.c, "VMKV", 4) && !memcmp(&r.d, "M\0\0\0", 4),
	      "%08x %08x %08x %08x", r.a, r.b, r.c, r.d);
	/* KVM's feature leaf: no paravirtual feature (EAX), no hint (EDX). */
	r = ask(0x40000001, 0, ~0U, &kvm);
	checkf("kvm_features_none", !r.a && !r.b && !r.c && !r.d,
	       "%08x %08x %08x %08x", r.a, r.b, r.c, r.d);

	r = ask(7, 0, ~0U, &none);
	checkf("leaf7_max_subleaf_1", r.a == 1, "EAX 0x%x", r.a);
	r = (struct cpuid_regs){ 0, 0, 0, 0 };
	cpuid_for_cell(7, 0, &r, &all);
	checkf("leaf7_max_subleaf_kept_lower", r.a == 0, "EAX 0x%x", r.a);

	/* A view bit without the CPU's feature stays clear. */
	r = (struct cpuid_regs){ 0, 0, ~(1U << 24 | 1U << 26), 0 };
	cpuid_for_cell(1, 0, &r, &all);
	checkf("tsc_deadline_needs_cpu", !(r.c & 1U << 24),
	      "ECX 0x%08x", r.c);
	checkf("osxsave_needs_xsave", !(r.c & 1U << 27), "ECX 0x%08x", r.c);
	r = (struct cpuid_regs){ 0, 0, ~(1U << 3), 0 };
	cpuid_for_cell(7, 0, &r, &all);
	checkf("ospke_needs_pku", !(r.c & 1U << 4), "ECX 0x%08x", r.c);
}

int main(void)
{
	unsigned int i;

	sanitizers_init();
	for (i = 0; i < BH_ARRAY_SIZE(specs); i++) {
		current_check = "check_spec";
		check_spec(&specs[i]);
	}
	RUN(test_whole);
	RUN(test_zero);
	RUN(test_special);
	return failures ? 1 : 0;
}
