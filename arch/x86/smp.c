/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Starting the other CPUs: INIT-SIPI-SIPI through the trampoline page the
 * loader reserved below 1 MiB, one CPU at a time, each on its own stack;
 * each then waits for the cells to be built (arch/x86/cell.c), then for
 * its cell's start (core/control.c).
 */
#include "apic.h"
#include "cell.h"
#include "bh_string.h"
#include "hv.h"
#include "pages.h"
#include "percpu.h"
#include "platform.h"
#include "x86.h"

#define AP_START_TIMEOUT_US 200000	/* per CPU; TCG is slow */

/** Offsets into the trampoline's code (trampoline.S). */
struct trampoline_layout {
	u64 size;
	u64 gdt_base;	/* u32 fields that need the page's address added */
	u64 far32;
	u64 far64;
	u64 cr3;	/* u64 parameters */
	u64 stack;
	u64 entry;
	u64 cpu;
};

extern const u8 trampoline_start[];
extern u8 boot_stack_top[];	/* entry.S */
extern const struct trampoline_layout trampoline_layout;


struct per_cpu *this_cpu(void)
{
	u32 id = apic_id();
	unsigned int cpu;

	for (cpu = 0; cpu < BH_MAX_CPUS; cpu++) {
		struct per_cpu *pc = per_cpu(cpu);

		if (pc->arch.online && pc->arch.apic_id == id)
			return pc;
	}
	return NULL;
}

/* A field of the trampoline copy at @p page. */
#define TR_FIELD(page, field, type) \
	((type *)((page) + trampoline_layout.field))

void ap_entry(u64 cpu);

/** Where each started CPU lands, in 64-bit mode on its own stack. */
void ap_entry(u64 cpu)
{
	struct per_cpu *pc = per_cpu((unsigned int)cpu);

	x86_load_tables();
	apic_cpu_init();
	if (apic_id() != pc->arch.apic_id || svm_cpu_init(pc)) {
		pc->arch.bringup_failed = true;
		arch_halt();
	}
	pc->arch.online = true;
	cpu_wait_for_cells(pc);
}

/* The start-up page, retired once every CPU is up. */
static u64 trampoline_pa;

static int alloc_stack(struct per_cpu *pc)
{
	u8 *base = pages_alloc_contiguous(CPU_STACK_PAGES);

	if (!base)
		return trace_error(-1);
	pc->arch.stack_top = base + CPU_STACK_PAGES * 4096;
	return 0;
}

static void trampoline_install(u8 *page)
{
	u32 base = (u32)(u64)page;

	memcpy(page, trampoline_start, trampoline_layout.size);
	*TR_FIELD(page, gdt_base, u32) += base;
	*TR_FIELD(page, far32, u32) += base;
	*TR_FIELD(page, far64, u32) += base;
	*TR_FIELD(page, cr3, u64) = hv_cr3;
	*TR_FIELD(page, entry, u64) = (u64)ap_entry;
}

static int start_cpu(u8 *page, struct per_cpu *pc)
{
	u32 waited;

	*TR_FIELD(page, stack, u64) = (u64)pc->arch.stack_top;
	*TR_FIELD(page, cpu, u64) = pc->id;
	asm volatile("mfence" : : : "memory");
	apic_send(pc->arch.apic_id, APIC_ICR_INIT);
	pm_udelay(10000);
	apic_send(pc->arch.apic_id, APIC_ICR_STARTUP | (u32)((u64)page >> 12));
	pm_udelay(200);
	apic_send(pc->arch.apic_id, APIC_ICR_STARTUP | (u32)((u64)page >> 12));
	for (waited = 0; waited < AP_START_TIMEOUT_US; waited += 100) {
		if (pc->arch.online || pc->arch.bringup_failed)
			break;
		pm_udelay(100);
	}
	if (pc->arch.bringup_failed)
		return trace_error(-1);	/* the CPU said why */
	if (!pc->arch.online) {
		printk("CPU %u (APIC ID %u) did not start within %u ms\n",
		       pc->id, pc->arch.apic_id, AP_START_TIMEOUT_US / 1000);
		return trace_error(-1);
	}
	return 0;
}

int arch_cpus_start(const struct bh_handoff *ho)
{
	const struct acpi_info *acpi = platform_acpi();
	u8 *page = (u8 *)ho->trampoline_phys;
	unsigned int cpu, started = 1;
	struct per_cpu *boot;
	int bsp = -1;
	u32 self;

	apic_cpu_init();
	self = apic_id();

	if (trampoline_layout.size > BH_TRAMPOLINE_SIZE ||
	    ho->trampoline_phys >= 0x100000 || ho->trampoline_phys & 0xfff) {
		printk("no usable start-up page (0x%llx)\n",
		       (unsigned long long)ho->trampoline_phys);
		return trace_error(-1);
	}
	for (cpu = 0; cpu < acpi->num_cpus; cpu++) {
		per_cpu(cpu)->arch.apic_id = acpi->cpus[cpu].apic_id;
		if (acpi->cpus[cpu].apic_id == self)
			bsp = (int)cpu;
	}
	if (bsp < 0) {
		printk("the boot CPU (APIC ID %u) is not in the MADT\n", self);
		return trace_error(-1);
	}
	/* Its cell runs from the top of the boot stack, as the others from
	 * the top of theirs. */
	boot = per_cpu((unsigned int)bsp);
	boot->arch.stack_top = boot_stack_top;
	if (svm_cpu_init(boot))
		return trace_error(-1);
	boot->arch.online = true;
	trampoline_install(page);
	for (cpu = 0; cpu < acpi->num_cpus; cpu++) {
		if ((int)cpu == bsp)
			continue;
		if (alloc_stack(per_cpu(cpu))) {
			printk("out of hypervisor memory for CPU stacks\n");
			return trace_error(-1);
		}
		if (start_cpu(page, per_cpu(cpu)))
			return trace_error(-1);
		started++;
	}
	x86_trampoline_retire(ho->trampoline_phys);
	trampoline_pa = ho->trampoline_phys;
	printk("All %u CPUs up in the hypervisor (boot CPU %d, %s); start-up "
	       "page 0x%llx no longer executable\n", started, bsp,
	       apic_x2apic() ? "x2APIC" : "xAPIC",
	       (unsigned long long)ho->trampoline_phys);
	return 0;
}

#ifdef CONFIG_TEST_HOOKS
void arch_test_exec_trampoline(void)
{
	/* Must fault: an instruction fetch from a page that is not
	 * executable (#PF, error 0x11). */
	((void (*)(void))trampoline_pa)();
}
#endif
