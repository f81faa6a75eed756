/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * AMD SVM: what the hypervisor requires of each CPU and turning it on.
 * Only SVM and nested paging are required; NRIPS, decode assists,
 * flush-by-ASID and VMCB clean bits are not (QEMU's TCG lacks them).
 */
#include "hv.h"
#include "pages.h"
#include "percpu.h"
#include "platform.h"
#include "x86.h"

#define CPUID_EXT_FEATURES	0x80000001
#define CPUID_EXT_SVM		(1U << 2)
#define CPUID_SVM_FEATURES	0x8000000a
#define CPUID_SVM_NPT		(1U << 0)
#define VM_CR_SVMDIS		(1ULL << 4)

int svm_cpu_init(struct per_cpu *pc)
{
	u32 a, b, c, d, max_ext;

	cpuid(0x80000000, &max_ext, &b, &c, &d);
	if (max_ext >= CPUID_EXT_FEATURES)
		cpuid(CPUID_EXT_FEATURES, &a, &b, &c, &d);
	if (max_ext < CPUID_SVM_FEATURES || !(c & CPUID_EXT_SVM)) {
		printk("CPU %u: no AMD SVM (AMD-V): Bulkhead needs it\n",
		       pc->id);
		return trace_error(-1);
	}
	if (rdmsr(MSR_VM_CR) & VM_CR_SVMDIS) {
		printk("CPU %u: SVM is disabled by the firmware "
		       "(VM_CR.SVMDIS)\n", pc->id);
		return trace_error(-1);
	}
	cpuid(CPUID_SVM_FEATURES, &a, &b, &c, &d);
	if (!(d & CPUID_SVM_NPT)) {
		printk("CPU %u: SVM without nested paging (NPT): Bulkhead "
		       "needs it\n", pc->id);
		return trace_error(-1);
	}
	pc->arch.host_save = page_alloc();
	if (!pc->arch.host_save) {
		printk("CPU %u: out of memory for the SVM host save area\n",
		       pc->id);
		return trace_error(-1);
	}
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SVME);
	wrmsr(MSR_VM_HSAVE_PA, virt_to_phys(pc->arch.host_save));
	printk("CPU %u (APIC ID %u): SVM on, nested paging, %u ASIDs\n",
	       pc->id, pc->arch.apic_id, b);
	return 0;
}
