/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The x86 half of a cell: what all its CPUs share (nested page tables,
 * I/O and MSR permission maps, ASID, its IOAPIC views), built once at
 * boot (arch_cell_init()); the arch's part of stopping and resetting it
 * (its interrupt sources); and starting the cells' CPUs once the cells
 * are built. The per-CPU side (VMCB, exits, the park loop) is vcpu.c's.
 */
#include "apic.h"
#include "apic_filter.h"
#include "bh_string.h"
#include "bitmaps.h"
#include "cell.h"
#include "hv.h"
#include "iommu.h"
#include "ioapic.h"
#include "msi.h"
#include "npt.h"
#include "pages.h"
#include "platform.h"
#include "shmem.h"
#include "vapic.h"
#include "x86.h"

#define IOPM_PAGES	3
#define MSRPM_PAGES	2
#define PM_TIMER_PORTS	4

/* ---- built at boot -------------------------------------------------- */

static void *pool_alloc(void *ctx)
{
	(void)ctx;
	return page_alloc();
}

static u64 pool_to_phys(void *ctx, const void *p)
{
	(void)ctx;
	return virt_to_phys(p);
}

static void *pool_to_virt(void *ctx, u64 phys)
{
	(void)ctx;
	return phys_to_virt(phys);
}

const struct pt_alloc hv_pt_pool = {
	pool_alloc, pool_to_phys, pool_to_virt, NULL,
};

/* MSRs whose state VMLOAD/VMSAVE switch with the guest: its own. TSC_AUX
 * (RDTSCP, RDPID) is not switched, but the CPU is the cell's and the
 * hypervisor does not read it. */
static const u32 guest_private_msrs[] = {
	MSR_SYSENTER_CS, MSR_SYSENTER_ESP, MSR_SYSENTER_EIP,
	MSR_STAR, MSR_LSTAR, MSR_CSTAR, MSR_SFMASK,
	MSR_FS_BASE, MSR_GS_BASE, MSR_KERNEL_GS_BASE,
	MSR_TSC_AUX,
};

/*
 * Every MSR exits unless listed here. With an x2APIC host, a cell owns
 * the x2APIC MSRs that are its CPU's alone (timer, EOI, TPR, and reading
 * its state: no exit in its steady state, apic_msr_passthrough()); the
 * rest exits and is filtered or emulated (arch/x86/vapic.c). With an
 * xAPIC host every x2APIC MSR exits and is emulated. The APIC base is
 * emulated. Where the CPU has the TSC-deadline timer, its MSR is the
 * cell's too (CPUID shows the timer only then, cpuid.c).
 */
static void msrpm_init(u8 *msrpm)
{
	unsigned int i;
	u32 msr;

	memset(msrpm, 0xff, MSRPM_SIZE);
	for (i = 0; i < BH_ARRAY_SIZE(guest_private_msrs); i++)
		msrpm_set(msrpm, guest_private_msrs[i], false, false);
	/* The TSC-deadline timer is the cell's CPU's own: it fires the LVT
	 * timer, whose vector and mode the APIC filter decides. */
	if (apic_caps()->tsc_deadline)
		msrpm_set(msrpm, MSR_TSC_DEADLINE, false, false);
	if (!apic_x2apic())
		return;
	for (msr = X2APIC_MSR_FIRST; msr <= X2APIC_MSR_LAST; msr++)
		msrpm_set(msrpm, msr,
			  !apic_msr_passthrough(msr, false, apic_max_lvt()),
			  !apic_msr_passthrough(msr, true, apic_max_lvt()));
}

static unsigned int npt_flags(u64 mem_flags)
{
	unsigned int f = 0;

	if (mem_flags & BH_MEM_READ)
		f |= NPT_READ;
	if (mem_flags & BH_MEM_WRITE)
		f |= NPT_WRITE;
	if (mem_flags & BH_MEM_EXECUTE)
		f |= NPT_EXEC;
	if (!(mem_flags & (BH_MEM_NO_HUGEPAGES | BH_MEM_COMM_REGION)))
		f |= NPT_HUGE;
	return f;
}

u64 cell_gpa_to_hpa(const struct cell *c, u64 gpa, u64 *hpa)
{
	return npt_lookup(&hv_pt_pool, c->arch.npt_root, gpa, hpa);
}

int arch_cell_init(struct cell *c)
{
	const struct bh_memory *m = bh_cell_mem_regions(c->desc);
	const struct bh_pio *p = bh_cell_pio(c->desc);
	struct arch_cell *a = &c->arch;
	u32 i;

	a->asid = c->id + 1;	/* ASID 0 is the host's */
	a->npt_root = page_alloc();
	a->iopm = pages_alloc_contiguous(IOPM_PAGES);
	a->msrpm = pages_alloc_contiguous(MSRPM_PAGES);
	if (!a->npt_root || !a->iopm || !a->msrpm)
		goto nomem;
	memset(a->iopm, 0xff, IOPM_PAGES * BH_PAGE_SIZE);
	msrpm_init(a->msrpm);
	for (i = 0; i < c->desc->num_pio_regions; i++)
		iopm_allow(a->iopm, p[i].base, p[i].length);
	/* Every cell may read the PM timer (as in Jailhouse). */
	iopm_allow(a->iopm, platform_acpi()->pm_timer_port, PM_TIMER_PORTS);
	if (ioapic_cell_init(c) || vapic_cell_init(c) || iommu_cell_init(c))
		return trace_error(-1);
	for (i = 0; i < c->desc->num_memory_regions; i++) {
		u64 hpa = m[i].flags & BH_MEM_COMM_REGION ?
			  virt_to_phys(c->comm) : m[i].phys_start;
		int err;

		if (mmio_overlaps(c, m[i].virt_start, m[i].size)) {
			printk("cell \"%s\": memory region %u at guest 0x%llx "
			       "overlaps its emulated IOAPIC or local APIC\n",
			       cell_name(c), i,
			       (unsigned long long)m[i].virt_start);
			return trace_error(-1);
		}
		err = npt_map(&hv_pt_pool, a->npt_root, m[i].virt_start, hpa,
			      m[i].size, npt_flags(m[i].flags));

		if (err == -1)
			goto nomem;
		if (err) {
			printk("cell \"%s\": memory region %u cannot be mapped "
			       "at guest 0x%llx\n", cell_name(c), i,
			       (unsigned long long)m[i].virt_start);
			return trace_error(-1);
		}
	}
	return 0;
nomem:
	printk("cell \"%s\": out of hypervisor memory for its page tables\n",
	       cell_name(c));
	return trace_error(-1);
}

int arch_cell_map_device(struct cell *c, u64 start, u64 size)
{
	if (mmio_overlaps(c, start, size))
		return -1;
	return npt_map(&hv_pt_pool, c->arch.npt_root, start, start, size,
		       NPT_READ | NPT_WRITE | NPT_UNCACHED | NPT_HUGE) ? -1 : 0;
}

int arch_cell_map_shared(struct cell *c, u64 gpa, u64 hpa, u64 size,
			 bool writable)
{
	if (mmio_overlaps(c, gpa, size))
		return -1;
	return npt_map(&hv_pt_pool, c->arch.npt_root, gpa, hpa, size,
		       NPT_READ | (writable ? NPT_WRITE : 0) | NPT_HUGE) ?
	       -1 : 0;
}

void arch_cell_allow_ports(struct cell *c, u16 base, u16 len)
{
	iopm_allow(c->arch.iopm, base, len);
}

/* ---- stopping and resetting ------------------------------------------ */

void arch_cell_irqs_mask(const struct cell *c)
{
	ioapic_cell_stop(c);
}

bool arch_cell_irqs_masked(const struct cell *c)
{
	return ioapic_cell_masked(c);
}

void arch_cell_reset(struct cell *c)
{
	ioapic_cell_reset(c);
}

/* ---- its CPUs ------------------------------------------------------- */

static volatile bool cells_go;

struct per_cpu *cell_cpu_by_apic_id(const struct cell *c, u32 apic_id)
{
	struct per_cpu *pc;

	for_each_cell_cpu(pc, c)
		if (pc->arch.apic_id == apic_id)
			return pc;
	return NULL;
}

bool cell_is_apic(void *ctx, u32 apic_id)
{
	return cell_cpu_by_apic_id(ctx, apic_id) != NULL;
}

unsigned int cell_logical_apics(void *ctx, u32 dest, u32 *first)
{
	const struct cell *c = ctx;
	const struct per_cpu *t;
	unsigned int n = 0;

	for_each_cell_cpu(t, c) {
		if (!vapic_logical_match(t, dest, false))
			continue;
		if (!n++)
			*first = t->arch.apic_id;
	}
	return n;
}

int arch_cell_msi(struct cell *c, u16 bdf, u32 index, u64 addr, u32 data,
		  unsigned int vectors, u64 *hw_addr, u32 *hw_data, char *why,
		  unsigned int len)
{
	struct msi_msg m;

	if (msi_decide(addr, data, vectors, cell_is_apic, cell_logical_apics,
		       c, &m, why, len)) {
		iommu_msi_remap(bdf, index, vectors, NULL);
		return -1;
	}
	if (iommu_msi_remap(bdf, index, vectors, &m)) {
		bh_snprintf(why, len, "its vectors %u-%u lie beyond the "
			    "interrupt remapping table", index,
			    index + vectors - 1);
		return -1;
	}
	*hw_addr = m.address;
	*hw_data = m.data;
	return 0;
}

int arch_cell_msi_cpu(struct cell *c, u64 addr, u32 data, u32 *cpu,
		      u8 *vector, char *why, unsigned int len)
{
	struct msi_msg m;
	struct per_cpu *pc;

	if (msi_decide(addr, data, 1, cell_is_apic, cell_logical_apics, c,
		       &m, why, len))
		return -1;
	pc = cell_cpu_by_apic_id(c, (u32)(m.address >> MSI_ADDR_DEST_SHIFT) &
				 0xff);
	if (!pc) {	/* msi_decide() chose one of the cell's: not here */
		bh_snprintf(why, len, "no CPU of the cell has its APIC ID");
		return -1;
	}
	*cpu = pc->id;
	*vector = (u8)(m.data & MSI_DATA_VECTOR);
	return 0;
}

void arch_cells_prepare(void)
{
	unsigned int cpu;

	/* Allocate here, on one CPU: the page pool takes no locks. */
	for (cpu = 0; cpu < BH_MAX_CPUS; cpu++) {
		struct per_cpu *pc = per_cpu(cpu);

		pc->arch.sipi_vector = -1;
		if (!pc->cell)
			continue;
		pc->arch.vmcb = page_alloc();
		if (!pc->arch.vmcb)
			panic_stop("out of hypervisor memory for VMCBs\n");
	}
}

void cpu_wait_for_cells(struct per_cpu *pc)
{
	while (!cells_go)
		cpu_relax();
	/* What it may have cached of the start-up page it came through,
	 * executable then, is gone (x86_trampoline_retire()). */
	write_cr3(read_cr3());
	vcpu_run_or_idle(pc);
}

void arch_cpu_run(void)
{
	/* Every cell's start is asked for by now (control_start_all()):
	 * each cell's first CPU finds the request as it comes, with no
	 * wake-up to miss, and its others wait for the rebuild's. */
	__atomic_store_n(&cells_go, true, __ATOMIC_SEQ_CST);
	vcpu_run_or_idle(this_cpu());
}
