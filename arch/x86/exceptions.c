/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * What the hypervisor does when its own CPU takes an exception or an
 * interrupt (entry stubs in exceptions.S).
 *
 * - An interrupt (vector 32 or more) arrives only while a stopped cell's
 *   APIC is drained (apic_cpu_quiesce()): it is acknowledged and dropped.
 * - A fault at an instruction listed in the fix-up table (.extable: a
 *   WRMSR of a value derived from a cell's, wrmsr_safe()) resumes at its
 *   fix-up, which reports the failure to the caller.
 * - Any other exception is a hypervisor bug. If it happened while the
 *   CPU handled an exit of its cell, that cell is stopped and reported
 *   and the other cells go on (best effort: a lock held at the time stays
 *   held); otherwise, at boot or outside any cell, the machine powers off.
 */
#include "apic.h"
#include "hv.h"
#include "percpu.h"
#include "vcpu.h"
#include "x86.h"

/** Registers as exception_common in exceptions.S leaves them. */
struct exception_frame {
	unsigned long long r15, r14, r13, r12, r11, r10, r9, r8;
	unsigned long long rbp, rdi, rsi, rdx, rcx, rbx, rax;
	unsigned long long vector, error;
	unsigned long long rip, cs, rflags, rsp, ss;
};

/** One fix-up: a fault at @c fault resumes at @c resume. */
struct extable_entry {
	u64 fault;
	u64 resume;
};

extern const struct extable_entry __extable_start[], __extable_end[];

void exception_handler(struct exception_frame *f);

static bool fixup(struct exception_frame *f)
{
	/* Linker symbols: count the entries by address. */
	u64 n = ((u64)__extable_end - (u64)__extable_start) /
		sizeof(struct extable_entry), i;

	for (i = 0; i < n; i++)
		if (__extable_start[i].fault == f->rip) {
			f->rip = __extable_start[i].resume;
			return true;
		}
	return false;
}

static void dump(const struct exception_frame *f)
{
	printk_emergency("hypervisor exception %llu, error 0x%llx at CS:RIP "
			 "0x%llx:0x%llx, RFLAGS 0x%llx, SS:RSP 0x%llx:0x%llx, "
			 "CR2 0x%llx\n", f->vector, f->error, f->cs, f->rip,
			 f->rflags, f->ss, f->rsp,
			 (unsigned long long)read_cr2());
	printk_emergency("RAX %016llx RBX %016llx RCX %016llx RDX %016llx\n"
			 "RSI %016llx RDI %016llx RBP %016llx R8  %016llx\n"
			 "R9  %016llx R10 %016llx R11 %016llx R12 %016llx\n"
			 "R13 %016llx R14 %016llx R15 %016llx\n",
			 f->rax, f->rbx, f->rcx, f->rdx, f->rsi, f->rdi,
			 f->rbp, f->r8, f->r9, f->r10, f->r11, f->r12, f->r13,
			 f->r14, f->r15);
}

void exception_handler(struct exception_frame *f)
{
	struct per_cpu *pc;

	if (f->vector >= 32) {
		/* Interrupts are on only after the APIC is set up. A true
		 * spurious interrupt is not in service and wants no EOI; a
		 * cell may use the spurious vector for a real one, which is
		 * in service. */
		bool real = f->vector != APIC_SPURIOUS_VECTOR ||
			    apic_in_service(APIC_SPURIOUS_VECTOR);

		pc = this_cpu();
		if (real && pc && pc->arch.outside &&
		    f->vector != APIC_WAKE_VECTOR) {
			pc->arch.stray_irqs++;
			pc->arch.stray_vector = (u8)f->vector;
		}
		if (real)
			apic_eoi();
		return;
	}
	if (fixup(f))
		return;
	dump(f);
	pc = this_cpu();
	if (pc && pc->arch.handling_exit)
		vcpu_hypervisor_fault(pc, (unsigned int)f->vector, f->rip);
	panic_stop("unexpected exception in the hypervisor\n");
}
