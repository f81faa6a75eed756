/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Running a cell's CPU under SVM: the cell's shared state (nested page
 * tables, I/O and MSR permission maps), each CPU's VMCB in Jailhouse's
 * real-mode start state, and the exit handlers. Only what isolation needs
 * is intercepted: CPUID (the hypervisor signature), I/O ports and MSRs the
 * cell does not own, VMMCALL, shutdown, the SVM instructions, INVD, and
 * the two exceptions a guest can make the CPU deliver forever (\#DB,
 * \#AC). External interrupts go straight to the guest.
 */
#include <stdarg.h>

#include <bulkhead/hypercall.h>

#include "apic.h"
#include "apic_filter.h"
#include "bh_string.h"
#include "bitmaps.h"
#include "cell.h"
#include "console.h"
#include "cpuid.h"
#include "decode.h"
#include "hv.h"
#include "ioapic.h"
#include "npt.h"
#include "pages.h"
#include "percpu.h"
#include "platform.h"
#include "vapic.h"
#include "vcpu.h"
#include "vmcb.h"
#include "x86.h"

#define IOPM_PAGES	3
#define MSRPM_PAGES	2
#define EFER_SCE	(1ULL << 0)
#define EFER_LME	(1ULL << 8)
#define EFER_LMA	(1ULL << 10)
#define EFER_NXE_BIT	(1ULL << 11)
#define EFER_SVME	(1ULL << 12)
#define EFER_FFXSR	(1ULL << 14)
#define MSR_MTRR_DEF_TYPE 0x2ff
#define MSR_MTRR_CAP	0xfe
#define MSR_PAT		0x277
#define MSR_PATCH_LEVEL	0x8b
#define IOIO_IN		(1ULL << 0)
#define IOIO_STR	(1ULL << 2)
#define IOIO_REP	(1ULL << 3)
#define IOIO_SZ16	(1ULL << 5)
#define IOIO_SZ32	(1ULL << 6)
#define EVENT_INJ_VALID		(1ULL << 31)
#define EVENT_INJ_ERROR_VALID	(1ULL << 11)
#define EVENT_INJ_EXCEPTION	(3ULL << 8)
#define SEG_ATTR_L	(1U << 9)	/* VMCB attribute format */
#define CR4_OSXSAVE	(1ULL << 18)
#define CR4_PKE		(1ULL << 22)
#define PM_TIMER_PORTS	4
#define X2APIC_MSR_FIRST 0x800
#define X2APIC_MSR_LAST	0x8ff
#define X2APIC_MSR_ICR	0x830
#define PARK_TICK_MS	20	/* a parked CPU looks at least this often */
#define EXC_DB		1
#define EXC_AC		17

/* ---- the cell's shared state ---------------------------------------- */

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

static const struct pt_alloc npt_pool = {
	pool_alloc, pool_to_phys, pool_to_virt, NULL,
};

/* MSRs whose state VMLOAD/VMSAVE switch with the guest: its own. TSC_AUX
 * (RDTSCP, RDPID) is not switched, but the CPU is the cell's and the
 * hypervisor does not read it. */
static const u32 guest_private_msrs[] = {
	0x174, 0x175, 0x176,		/* SYSENTER_CS/ESP/EIP */
	0xc0000081, 0xc0000082, 0xc0000083, 0xc0000084,	/* STAR.. SFMASK */
	0xc0000100, 0xc0000101, 0xc0000102,	/* FS/GS/KERNEL_GS base */
	0xc0000103,			/* TSC_AUX */
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

u64 *vcpu_reg(struct per_cpu *pc, unsigned int n)
{
#define GR(r) __builtin_offsetof(struct guest_regs, r)
	static const u8 offset[16] = {
		[1] = GR(rcx), [2] = GR(rdx), [3] = GR(rbx), [5] = GR(rbp),
		[6] = GR(rsi), [7] = GR(rdi), [8] = GR(r8), [9] = GR(r9),
		[10] = GR(r10), [11] = GR(r11), [12] = GR(r12),
		[13] = GR(r13), [14] = GR(r14), [15] = GR(r15),
	};
#undef GR

	/* RAX and RSP live in the VMCB (8-byte aligned there, see the
	 * asserts in vmcb.h), the rest in struct guest_regs. */
	if (n == 0 || n == 4)
		return (u64 *)((u8 *)pc->vmcb + (n ? VMCB_RSP : VMCB_RAX));
	return (u64 *)((u8 *)&pc->regs + offset[n & 15]);
}

u64 vcpu_gpa_to_hpa(const struct per_cpu *pc, u64 gpa, u64 *hpa)
{
	return npt_lookup(&npt_pool, pc->cell->arch.npt_root, gpa, hpa);
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
	if (ioapic_cell_init(c) || vapic_cell_init(c))
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
		err = npt_map(&npt_pool, a->npt_root, m[i].virt_start, hpa,
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

/* ---- a CPU of a cell ------------------------------------------------ */

static void seg_set(struct vmcb_seg *s, u16 sel, u64 base, u32 limit,
		    u16 attrib)
{
	*s = (struct vmcb_seg){ sel, attrib, limit, base };
}

/* Jailhouse's start state: real mode at the cell's reset address. */
static void vmcb_reset(struct vmcb *v, u64 reset)
{
	seg_set(&v->cs, (u16)((reset >> 4) & 0xf000), reset & ~0xffffULL,
		0xffff, 0x9b);
	v->rip = reset & 0xffff;
	seg_set(&v->ds, 0, 0, 0xffff, 0x93);
	v->es = v->ss = v->fs = v->gs = v->ds;
	seg_set(&v->gdtr, 0, 0, 0xffff, 0);
	v->idtr = v->gdtr;
	seg_set(&v->ldtr, 0, 0, 0xffff, 0x82);
	seg_set(&v->tr, 0, 0, 0xffff, 0x8b);
	v->cr0 = 0x60000010;	/* CD | NW | ET */
	v->cr3 = 0;
	v->cr4 = 0;
	v->efer = EFER_SVME;	/* required by VMRUN; the guest sees it set */
	v->rflags = 0x2;
	v->rsp = 0;
	v->rax = 0;
	v->dr6 = 0xffff0ff0;
	v->dr7 = 0x400;
	v->g_pat = 0x0007040600070406ULL;	/* reset value */
	v->cpl = 0;
}

static void vmcb_init(struct per_cpu *pc)
{
	struct vmcb *v = pc->vmcb;
	const struct arch_cell *a = &pc->cell->arch;

	memset(v, 0, sizeof(*v));
	v->intercept_misc1 = INTERCEPT1_NMI | INTERCEPT1_CPUID |
			     INTERCEPT1_INVD | INTERCEPT1_IOIO |
			     INTERCEPT1_MSR | INTERCEPT1_SHUTDOWN;
	/* A guest can make the CPU deliver #DB or #AC forever without an
	 * interrupt window (CVE-2015-8104, CVE-2015-5307): intercepted, each
	 * delivery passes through the hypervisor. */
	v->intercept_exceptions = 1U << EXC_DB | 1U << EXC_AC;
	v->intercept_misc2 = INTERCEPT2_VMRUN | INTERCEPT2_VMMCALL |
			     INTERCEPT2_VMLOAD | INTERCEPT2_VMSAVE |
			     INTERCEPT2_STGI | INTERCEPT2_CLGI |
			     INTERCEPT2_SKINIT;
	v->iopm_base_pa = virt_to_phys(a->iopm);
	v->msrpm_base_pa = virt_to_phys(a->msrpm);
	v->asid = a->asid;
	v->tlb_control = 1;	/* flush all: no FlushByAsid under TCG */
	v->np_enable = 1;
	v->n_cr3 = virt_to_phys(a->npt_root);
	vmcb_reset(v, pc->cell->desc->cpu_reset_address);
	memset(&pc->regs, 0, sizeof(pc->regs));
	vapic_power_on(pc);
}

/* ---- exits ---------------------------------------------------------- */

/* Each PAT entry must be a defined memory type: 0, 1, 4, 5, 6 or 7. */
static bool pat_valid(u64 pat)
{
	unsigned int i;

	for (i = 0; i < 8; i++) {
		u8 t = (u8)(pat >> (8 * i));

		if (t > 7 || t == 2 || t == 3)
			return false;
	}
	return true;
}

static __attribute__((noreturn)) void park(struct per_cpu *pc);
static __attribute__((noreturn)) void fail(struct per_cpu *pc,
					   const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void fail(struct per_cpu *pc, const char *fmt, ...)
{
	char reason[160];
	va_list ap;

	va_start(ap, fmt);
	bh_vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	/* Whatever the cell left in SVR, this APIC must send the NMIs that
	 * stop its siblings. */
	apic_cpu_quiesce();
	cell_cpu_failed(pc->cell, pc->cpu, pc->vmcb->rip, reason);
	park(pc);
}

void vcpu_hypervisor_fault(struct per_cpu *pc, unsigned int vector, u64 rip)
{
	/* No second chance: a fault on the way out powers off. */
	pc->handling_exit = false;
	fail(pc, "the hypervisor took exception %u at 0x%llx handling exit "
	     "0x%llx of this cell", vector, (unsigned long long)rip,
	     (unsigned long long)pc->vmcb->exitcode);
}

/* The CPU's answer, with what the cell does not have taken out. */
static void handle_cpuid(struct per_cpu *pc)
{
	struct vmcb *v = pc->vmcb;
	u32 leaf = (u32)v->rax, sub = (u32)pc->regs.rcx;
	struct cpuid_view view = {
		.tsc_deadline = apic_caps()->tsc_deadline,
		.osxsave = v->cr4 & CR4_OSXSAVE,
		.ospke = v->cr4 & CR4_PKE,
		.kvm = pc->cell->desc->flags & BH_CELL_CPUID_KVM,
	};
	struct cpuid_regs r;

	asm volatile("cpuid" : "=a"(r.a), "=b"(r.b), "=c"(r.c), "=d"(r.d)
		     : "a"(leaf), "c"(sub));
	cpuid_for_cell(leaf, sub, &r, &view);
	v->rax = r.a;
	pc->regs.rbx = r.b;
	pc->regs.rcx = r.c;
	pc->regs.rdx = r.d;
	v->rip += 2;
}

static void handle_vmmcall(struct per_cpu *pc)
{
	struct vmcb *v = pc->vmcb;
	bool long_mode = (v->efer & EFER_LMA) && (v->cs.attrib & SEG_ATTR_L);
	u64 code = v->rax, arg1 = pc->regs.rdi, arg2 = pc->regs.rsi;
	s64 ret;

	if (!long_mode) {
		code = (u32)code;
		arg1 = (u32)arg1;
		arg2 = (u32)arg2;
	}
	/* Refused, not fatal, below CPL 0: user code must not be able to
	 * kill its cell. A management hypercall stops the cell with RIP
	 * still at its VMMCALL. */
	if (v->cpl != 0)
		ret = trace_error(-HC_EPERM);
	else
		ret = hypercall(pc->cell, pc->cpu, v->rip, code, arg1, arg2);
	v->rip += 3;
	v->rax = (u64)ret;
}

/* Bring @p pc to the state after INIT and wait for a start-up IPI (or to
 * be stopped); then it starts in real mode at the vector's page. */
static void wait_for_sipi(struct per_cpu *pc)
{
	/* INIT resets the APIC but for its ID and base, as on hardware. */
	apic_cpu_quiesce();
	/* init_pending stays set while waiting: senders check it. */
	while (pc->sipi_vector < 0) {
		if (pc->pub->request != CPU_REQ_NONE)
			park(pc);
		cpu_relax();
	}
	pc->init_pending = false;
	vmcb_reset(pc->vmcb, (u64)pc->sipi_vector << 12);
	memset(&pc->regs, 0, sizeof(pc->regs));
	vapic_reset(pc);
	pc->sipi_vector = -1;
}

#define RESET_CPU	0x04	/* reset control: do the reset */

/* The cell's own reset register and PM1a control (its FADT names them;
 * config.h): reads give what a PC in ACPI mode shows (SCI_EN, 0), a
 * reset or S5 acts on the cell alone, any other write is dropped and
 * reported like an absent port's. @return true if @p port was one. */
static bool handle_power_io(struct per_cpu *pc, u16 port, unsigned int size,
			    bool in)
{
	struct vmcb *v = pc->vmcb;
	u32 val = (u32)v->rax & ((1ULL << (8 * size)) - 1);

	if (port == BH_CELL_RESET_PORT && size == 1) {
		if (in)
			v->rax &= ~0xffULL;
		else if (val & RESET_CPU)
			cell_power(pc->cell, pc->cpu, true);
		else
			cell_absent_access(pc->cell, "reset register (no reset "
					   "bit)", port, true);
		return true;
	}
	if (port == pc->cell->pm1_cnt_port && port && size == 2) {
		if (in)
			v->rax = (v->rax & ~0xffffULL) | PM1_SCI_EN;
		else if ((val & PM1_SLP_EN) &&
			 (val & PM1_SLP_TYP_MASK) >> PM1_SLP_TYP_SHIFT ==
			 BH_CELL_SLP_TYP_S5)
			cell_power(pc->cell, pc->cpu, false);
		else if (val & PM1_SLP_EN)
			cell_absent_access(pc->cell, "PM1a control (a sleep "
					   "state other than S5)", port, true);
		return true;
	}
	return false;
}

/* A port the cell does not own: its own reset and power-off ports act
 * on it; otherwise strict cells stop, absent-policy cells read all ones
 * and lose their writes. String I/O is not emulated. */
static void handle_io(struct per_cpu *pc)
{
	struct vmcb *v = pc->vmcb;
	u64 info = v->exitinfo1;
	u16 port = (u16)(info >> 16);
	bool in = info & IOIO_IN;
	unsigned int size = (info & IOIO_SZ32) ? 4 : (info & IOIO_SZ16) ? 2 : 1;

	if (!(info & (IOIO_STR | IOIO_REP)) &&
	    handle_power_io(pc, port, size, in)) {
		v->rip = v->exitinfo2;
		return;
	}
	if (!cell_absent_policy(pc->cell) || (info & (IOIO_STR | IOIO_REP)))
		fail(pc, "%s%s of I/O port 0x%x is not permitted",
		     info & IOIO_STR ? "string " : "", in ? "read" : "write",
		     port);
	if (in)
		v->rax = size == 4 ? 0xffffffffULL :
			 v->rax | ((1ULL << (8 * size)) - 1);
	cell_absent_access(pc->cell, "I/O port", port, !in);
	v->rip = v->exitinfo2;	/* the next instruction, even without NRIPS */
}

/* A general-protection fault for the guest, as for an MSR it lacks. */
static void inject_gp(struct vmcb *v)
{
	v->event_inj = EVENT_INJ_VALID | EVENT_INJ_ERROR_VALID |
		       EVENT_INJ_EXCEPTION | 13;
}

static void handle_msr(struct per_cpu *pc)
{
	struct vmcb *v = pc->vmcb;
	u32 msr = (u32)pc->regs.rcx;
	bool write = v->exitinfo1 & 1;
	u64 val = (pc->regs.rdx << 32) | (u32)v->rax;

	if (msr == MSR_EFER && write) {
		if (val & ~(EFER_SCE | EFER_LME | EFER_LMA | EFER_NXE_BIT |
			    EFER_SVME | EFER_FFXSR))
			fail(pc, "EFER write 0x%llx sets reserved bits",
			     (unsigned long long)val);
		v->efer = (val & ~EFER_LMA) | (v->efer & EFER_LMA) | EFER_SVME;
	} else if (msr == MSR_EFER) {
		val = v->efer;
	} else if (msr >= X2APIC_MSR_FIRST && msr <= X2APIC_MSR_LAST) {
		char why[160];

		if (vapic_msr(pc, msr, write, &val, why, sizeof(why)))
			fail(pc, "%s", why);
	} else if (msr == MSR_APIC_BASE && write) {
		char why[160];

		if (vapic_apic_base_write(pc, val, why, sizeof(why)))
			fail(pc, "%s", why);
	} else if (msr == MSR_APIC_BASE) {
		val = vapic_apic_base(pc);
	} else if (msr == MSR_MTRR_DEF_TYPE) {
		/* MTRRs are the host's; the guest's memory types come from
		 * its PAT. Keep what it writes so that it reads it back. */
		if (write)
			pc->mtrr_def_type = val;
		val = pc->mtrr_def_type;
	} else if (msr == MSR_MTRR_CAP && !write) {
		val = 0;	/* no variable or fixed ranges to program */
	} else if (msr == MSR_PAT) {
		/* The guest's own PAT, which nested paging applies. */
		if (write && !pat_valid(val))
			fail(pc, "PAT write 0x%llx has a reserved memory type",
			     (unsigned long long)val);
		if (write)
			v->g_pat = val;
		val = v->g_pat;
	} else if (msr == MSR_PATCH_LEVEL) {
		val = 0;	/* no microcode level to tell; writes ignored */
	} else if (cell_absent_policy(pc->cell)) {
		cell_absent_access(pc->cell, "MSR (#GP)", msr, write);
		inject_gp(v);
		return;
	} else {
		fail(pc, "%s of MSR 0x%x is not permitted",
		     write ? "write" : "read", msr);
	}
	v->rip += 2;
	if (!write) {
		v->rax = (u32)val;
		pc->regs.rdx = val >> 32;
	}
}

/* #DB or #AC: intercepted only so that each delivery passes through the
 * hypervisor (a guest can make the CPU deliver either forever with no
 * interrupt window); given back to the guest as it came. */
static void handle_exception(struct per_cpu *pc, unsigned int vector)
{
	/* #AC pushes an error code (0); #DB none. DR6 already tells the
	 * guest's handler what happened. */
	pc->vmcb->event_inj = EVENT_INJ_VALID | EVENT_INJ_EXCEPTION | vector |
			      (vector == EXC_AC ? EVENT_INJ_ERROR_VALID : 0);
}

/* INVD would drop dirty cache lines of memory the cell shares with the
 * hypervisor and other cells: it runs as WBINVD, which keeps them. */
static void handle_invd(struct per_cpu *pc)
{
	u8 code[X86_MAX_INSN_LEN];
	unsigned int got = vcpu_fetch_insn(pc, code);
	int len = x86_decode_invd(code, got, vcpu_code_bits(pc->vmcb));

	if (len < 0)
		fail(pc, "INVD exit, but no INVD at the guest's RIP");
	if (!pc->invd_reported) {
		pc->invd_reported = true;
		printk("Cell \"%s\": INVD on CPU %u executed as WBINVD (dirty "
		       "lines are written back, not dropped)\n",
		       cell_name(pc->cell), pc->cpu);
	}
	asm volatile("wbinvd" : : : "memory");
	pc->vmcb->rip += (unsigned int)len;
}

/* Which statistic an exit counts under (Jailhouse's numbering). */
static int stat_of(const struct per_cpu *pc)
{
	const struct vmcb *v = pc->vmcb;

	switch (v->exitcode) {
	case VMEXIT_CPUID:
		return CPU_STAT_VMEXITS_CPUID;
	case VMEXIT_VMMCALL:
		return CPU_STAT_VMEXITS_HYPERCALL;
	case VMEXIT_IOIO:
		return CPU_STAT_VMEXITS_PIO;
	case VMEXIT_NPF:
		if ((v->exitinfo2 & ~(BH_PAGE_SIZE - 1)) ==
		    (platform_acpi()->lapic_address & ~(BH_PAGE_SIZE - 1)))
			return CPU_STAT_VMEXITS_XAPIC;
		return CPU_STAT_VMEXITS_MMIO;
	case VMEXIT_MSR:
		if ((u32)pc->regs.rcx == X2APIC_MSR_ICR)
			return CPU_STAT_VMEXITS_MSR_X2APIC_ICR;
		if ((u32)pc->regs.rcx >= X2APIC_MSR_FIRST &&
		    (u32)pc->regs.rcx <= X2APIC_MSR_LAST)
			return CPU_STAT_VMEXITS_XAPIC;
		return CPU_STAT_VMEXITS_MSR_OTHER;
	case VMEXIT_NMI:
		return CPU_STAT_VMEXITS_MANAGEMENT;
	case VMEXIT_EXCEPTION(EXC_DB):
	case VMEXIT_EXCEPTION(EXC_AC):
		return CPU_STAT_VMEXITS_EXCEPTION;
	default:
		return trace_error(-1);
	}
}

static void handle_exit(struct per_cpu *pc)
{
	struct vmcb *v = pc->vmcb;
	int stat = stat_of(pc);

	pc->pub->stats[CPU_STAT_VMEXITS_TOTAL]++;
	if (stat >= 0)
		pc->pub->stats[stat]++;
	switch (v->exitcode) {
	case VMEXIT_NMI:
		/* The hypervisor's signal to this CPU; the NMI itself was
		 * taken by the host once GIF was set again. */
		break;	/* the run loop looks at the requests */
	case VMEXIT_CPUID:
		handle_cpuid(pc);
		break;
	case VMEXIT_VMMCALL:
		handle_vmmcall(pc);
		break;
	case VMEXIT_MSR:
		handle_msr(pc);
		break;
	case VMEXIT_IOIO:
		handle_io(pc);
		break;
	case VMEXIT_EXCEPTION(EXC_DB):
	case VMEXIT_EXCEPTION(EXC_AC):
		handle_exception(pc, (unsigned int)(v->exitcode -
						    VMEXIT_EXCEPTION(0)));
		break;
	case VMEXIT_INVD:
		handle_invd(pc);
		break;
	case VMEXIT_NPF: {
		char why[160];

		if (npf_handle(pc, why, sizeof(why)))
			fail(pc, "%s", why);
		break;
	}
	case VMEXIT_SHUTDOWN:
		fail(pc, "triple fault");
	case VMEXIT_INVALID:
		fail(pc, "the CPU refused the guest state (VMEXIT_INVALID)");
	default:
		fail(pc, "unexpected exit 0x%llx",
		     (unsigned long long)v->exitcode);
	}
}

/* Enter the cell in its start state and run it until a request. */
static __attribute__((noreturn)) void run(struct per_cpu *pc)
{
	/* Its cell stopped or failed before this CPU came in: it parks
	 * without entering, and is counted like the others. */
	if (__atomic_load_n(&pc->pub->request, __ATOMIC_SEQ_CST) !=
	    CPU_REQ_NONE)
		park(pc);
	vmcb_init(pc);
	apic_timer_div16();
	printk("CPU %u: entering cell \"%s\" at 0x%llx\n", pc->cpu,
	       cell_name(pc->cell),
	       (unsigned long long)pc->cell->desc->cpu_reset_address);
	for (;;) {
		/* Requests from other CPUs come as a flag plus an NMI. With
		 * GIF clear, an NMI after this look waits and hits the guest
		 * at once, so none is lost. */
		asm volatile("clgi" : : : "memory");
		if (pc->pub->request != CPU_REQ_NONE || pc->init_pending) {
			asm volatile("stgi" : : : "memory");
			if (pc->pub->request != CPU_REQ_NONE)
				park(pc);
			wait_for_sipi(pc);
			continue;
		}
		svm_vmrun(&pc->regs, virt_to_phys(pc->vmcb));
		pc->vmcb->tlb_control = 0;
		pc->handling_exit = true;
		handle_exit(pc);
		pc->handling_exit = false;
	}
}

/* Wait outside the cell until it is (re)built, then run it from the top
 * of this CPU's stack: nothing of the frames that led here is kept. */
static __attribute__((noreturn)) void wait_and_enter(struct per_cpu *pc)
{
	u32 tsc_khz, apic_khz;

	arch_timer_khz(&tsc_khz, &apic_khz);
	for (;;) {
		asm volatile("cli" : : : "memory");
		if (cell_cpu_may_enter(pc->cell, pc->cpu))
			break;
		/* The signal is an NMI, which ends the HLT; one that comes
		 * between the look and the HLT is lost, and the timer ends
		 * the HLT instead, in at most about PARK_TICK_MS. */
		apic_wake_timer(apic_khz / 16 * PARK_TICK_MS ?: 1000000);
		asm volatile("sti; hlt; cli" : : : "memory");
		apic_wake_timer_stop();
	}
	pc->init_pending = false;
	pc->sipi_vector = -1;
	pc->mtrr_def_type = 0;
	pc->invd_reported = false;
	asm volatile("mov %0, %%rsp; xor %%ebp, %%ebp; call *%2"
		     : : "r"(pc->stack_top), "D"(pc), "r"(run) : "memory");
	__builtin_unreachable();
}

/* Leave the cell: nothing of it stays in this CPU's APIC (read back
 * before the parked CPU uses its timer for itself). */
static void park(struct per_cpu *pc)
{
	pc->handling_exit = false;
	apic_cpu_quiesce();
	cell_cpu_parked(pc->cell, pc->cpu, apic_cpu_quiet());
	wait_and_enter(pc);
}

void vcpu_run_or_idle(struct per_cpu *pc)
{
	if (!pc->cell) {
		printk("CPU %u: no cell, idle\n", pc->cpu);
		arch_halt();
	}
#ifdef CONFIG_TEST_HOOKS
	/* Test builds only: a CPU other than its cell's first comes late to
	 * the cell's first run, so that a cell that fails at once meets a
	 * CPU that has not come in yet. */
	if (pc->cpu != pc->cell->first_cpu)
		pm_udelay(500000);
#endif
	wait_and_enter(pc);
}

void arch_cpu_request(unsigned int cpu, u32 req)
{
	struct per_cpu *t = per_cpu(cpu);

	if (req != CPU_REQ_NONE)
		__atomic_store_n(&t->pub->request, req, __ATOMIC_SEQ_CST);
	else
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
	/* In its cell an NMI makes it exit; parked, it ends its HLT. */
	if (t != this_cpu())
		apic_send(t->apic_id, APIC_ICR_NMI);
}
