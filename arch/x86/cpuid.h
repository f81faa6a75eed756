/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * What a cell sees of CPUID: the CPU's own answer with every feature bit
 * that Bulkhead does not back taken out (Documentation/cells.md, "CPUID").
 * Pure: the caller executes CPUID and hands the answer in, so that the
 * host unit test (tests/unit/test_cpuid.c) can check every bit.
 */
#ifndef BULKHEAD_CPUID_H
#define BULKHEAD_CPUID_H

#include <bulkhead/types.h>

/** One CPUID answer. */
struct cpuid_regs {
	u32 a, b, c, d;
};

/** What the answer depends on beyond the CPU's own. */
struct cpuid_view {
	bool tsc_deadline;	/**< IA32_TSC_DEADLINE is the cell's (the
				     CPU has the timer, the MSR is passed
				     through) */
	bool osxsave;		/**< the guest's CR4.OSXSAVE */
	bool ospke;		/**< the guest's CR4.PKE */
	bool kvm;		/**< KVM's signature instead of Jailhouse's
				     (BH_CELL_CPUID_KVM) */
};

/**
 * Turn @p r, the CPU's answer to leaf @p leaf, subleaf @p sub, into the
 * cell's: Jailhouse's signature at 0x40000000 (KVM's where @p v says so,
 * no paravirtual feature either way) and nothing else in the
 * hypervisor range; in the feature leaves only the bits of features
 * that a cell has with nothing from the hypervisor (instruction-set
 * extensions, paging modes) or that the hypervisor provides (the APIC,
 * its TSC-deadline timer when @p v says so, the PAT, the MTRRs' empty
 * set, the hypervisor bit); the OS-enable bits from the guest's CR4;
 * leaves that describe only features the cell does not get (SVM,
 * performance monitoring, SGX, processor trace, resource monitoring,
 * SEV, ...) and every leaf not known to be harmless read as zero.
 */
void cpuid_for_cell(u32 leaf, u32 sub, struct cpuid_regs *r,
		    const struct cpuid_view *v);

#endif
