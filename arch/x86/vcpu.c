/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Running a cell's CPU under SVM: its VMCB in Jailhouse's real-mode
 * start state, the exit handlers and the park loop (the state its cell's
 * CPUs share is arch/x86/cell.c's). Only what isolation needs
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
#include "cell.h"
#include "cpuid.h"
#include "decode.h"
#include "hv.h"
#include "pages.h"
#include "percpu.h"
#include "platform.h"
#include "vapic.h"
#include "vcpu.h"
#include "vmcb.h"
#include "x86.h"

#define IOIO_IN		(1ULL << 0)
#define IOIO_STR	(1ULL << 2)
#define IOIO_REP	(1ULL << 3)
#define IOIO_SZ16	(1ULL << 5)
#define IOIO_SZ32	(1ULL << 6)
#define EVENT_INJ_VALID		(1ULL << 31)
#define EVENT_INJ_ERROR_VALID	(1ULL << 11)
#define EVENT_INJ_EXCEPTION	(3ULL << 8)
#define PARK_TICK_MS	20	/* a parked CPU looks at least this often */
#define EXC_DB		1
#define EXC_AC		17

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
		return (u64 *)((u8 *)pc->arch.vmcb + (n ? VMCB_RSP : VMCB_RAX));
	return (u64 *)((u8 *)&pc->arch.regs + offset[n & 15]);
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
	struct vmcb *v = pc->arch.vmcb;
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
	memset(&pc->arch.regs, 0, sizeof(pc->arch.regs));
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
	cell_cpu_failed(pc, pc->arch.vmcb->rip, reason);
	park(pc);
}

void vcpu_hypervisor_fault(struct per_cpu *pc, unsigned int vector, u64 rip)
{
	/* No second chance: a fault on the way out powers off. */
	pc->arch.handling_exit = false;
	fail(pc, "the hypervisor took exception %u at 0x%llx handling exit "
	     "0x%llx of this cell", vector, (unsigned long long)rip,
	     (unsigned long long)pc->arch.vmcb->exitcode);
}

/* The CPU's answer, with what the cell does not have taken out. */
static void handle_cpuid(struct per_cpu *pc)
{
	struct vmcb *v = pc->arch.vmcb;
	u32 leaf = (u32)v->rax, sub = (u32)pc->arch.regs.rcx;
	struct cpuid_view view = {
		.tsc_deadline = apic_caps()->tsc_deadline,
		.osxsave = v->cr4 & CR4_OSXSAVE,
		.ospke = v->cr4 & CR4_PKE,
		.kvm = pc->cell->desc->flags & BH_CELL_CPUID_KVM,
	};
	struct cpuid_regs r;

	cpuid_count(leaf, sub, &r.a, &r.b, &r.c, &r.d);
	cpuid_for_cell(leaf, sub, &r, &view);
	v->rax = r.a;
	pc->arch.regs.rbx = r.b;
	pc->arch.regs.rcx = r.c;
	pc->arch.regs.rdx = r.d;
	v->rip += 2;
}

static void handle_vmmcall(struct per_cpu *pc)
{
	struct vmcb *v = pc->arch.vmcb;
	bool long_mode = (v->efer & EFER_LMA) && (v->cs.attrib & VMCB_SEG_ATTR_L);
	u64 code = v->rax, arg1 = pc->arch.regs.rdi, arg2 = pc->arch.regs.rsi;
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
		ret = hypercall(pc, v->rip, code, arg1, arg2);
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
	while (pc->arch.sipi_vector < 0) {
		if (pc->request != CPU_REQ_NONE)
			park(pc);
		cpu_relax();
	}
	pc->arch.init_pending = false;
	vmcb_reset(pc->arch.vmcb, (u64)pc->arch.sipi_vector << 12);
	memset(&pc->arch.regs, 0, sizeof(pc->arch.regs));
	vapic_reset(pc);
	pc->arch.sipi_vector = -1;
}

#define RESET_CPU	0x04	/* reset control: do the reset */

/* The cell's own reset register and PM1a control (its FADT names them;
 * config.h): reads give what a PC in ACPI mode shows (SCI_EN, 0), a
 * reset or S5 acts on the cell alone, any other write is dropped and
 * reported like an absent port's. @return true if @p port was one. */
static bool handle_power_io(struct per_cpu *pc, u16 port, unsigned int size,
			    bool in)
{
	struct vmcb *v = pc->arch.vmcb;
	u32 val = (u32)v->rax & ((1ULL << (8 * size)) - 1);

	if (port == BH_CELL_RESET_PORT && size == 1) {
		if (in)
			v->rax &= ~0xffULL;
		else if (val & RESET_CPU)
			cell_power(pc, true);
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
			cell_power(pc, false);
		else if (val & PM1_SLP_EN)
			cell_absent_access(pc->cell, "PM1a control (a sleep "
					   "state other than S5)", port, true);
		return true;
	}
	return false;
}

/* A port the cell does not own: its own reset and power-off ports act
 * on it, the PCI configuration ports show its functions (core/pci.c);
 * otherwise strict cells stop, absent-policy cells read all ones
 * and lose their writes. String I/O is not emulated. */
static void handle_io(struct per_cpu *pc)
{
	struct vmcb *v = pc->arch.vmcb;
	u64 info = v->exitinfo1;
	u16 port = (u16)(info >> 16);
	bool in = info & IOIO_IN;
	unsigned int size = (info & IOIO_SZ32) ? 4 : (info & IOIO_SZ16) ? 2 : 1;

	if (!(info & (IOIO_STR | IOIO_REP)) &&
	    handle_power_io(pc, port, size, in)) {
		v->rip = v->exitinfo2;
		return;
	}
	/* The PCI configuration ports: every cell has its own view of
	 * them (its functions), never fatal. */
	if (!(info & (IOIO_STR | IOIO_REP)) && port >= PCI_CONFIG_PORTS &&
	    port < PCI_CONFIG_PORTS + PCI_CONFIG_PORTS_LEN) {
		u32 val = (u32)v->rax;

		pci_port_access(pc->cell, port, size, in, &val);
		if (in)
			v->rax = size == 4 ? val : (v->rax &
				 ~((1ULL << (8 * size)) - 1)) |
				 (val & ((1U << (8 * size)) - 1));
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
	struct vmcb *v = pc->arch.vmcb;
	u32 msr = (u32)pc->arch.regs.rcx;
	bool write = v->exitinfo1 & 1;
	u64 val = (pc->arch.regs.rdx << 32) | (u32)v->rax;

	if (msr == MSR_EFER && write) {
		if (val & ~(EFER_SCE | EFER_LME | EFER_LMA | EFER_NXE |
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
			pc->arch.mtrr_def_type = val;
		val = pc->arch.mtrr_def_type;
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
		pc->arch.regs.rdx = val >> 32;
	}
}

/* #DB or #AC: intercepted only so that each delivery passes through the
 * hypervisor (a guest can make the CPU deliver either forever with no
 * interrupt window); given back to the guest as it came. */
static void handle_exception(struct per_cpu *pc, unsigned int vector)
{
	/* #AC pushes an error code (0); #DB none. DR6 already tells the
	 * guest's handler what happened. */
	pc->arch.vmcb->event_inj = EVENT_INJ_VALID | EVENT_INJ_EXCEPTION | vector |
			      (vector == EXC_AC ? EVENT_INJ_ERROR_VALID : 0);
}

/* INVD would drop dirty cache lines of memory the cell shares with the
 * hypervisor and other cells: it runs as WBINVD, which keeps them. */
static void handle_invd(struct per_cpu *pc)
{
	u8 code[X86_MAX_INSN_LEN];
	unsigned int got = vcpu_fetch_insn(pc, code);
	int len = x86_decode_invd(code, got, vcpu_code_bits(pc->arch.vmcb));

	if (len < 0)
		fail(pc, "INVD exit, but no INVD at the guest's RIP");
	if (!pc->arch.invd_reported) {
		pc->arch.invd_reported = true;
		printk("Cell \"%s\": INVD on CPU %u executed as WBINVD (dirty "
		       "lines are written back, not dropped)\n",
		       cell_name(pc->cell), pc->id);
	}
	asm volatile("wbinvd" : : : "memory");
	pc->arch.vmcb->rip += (unsigned int)len;
}

/* Which statistic an exit counts under (Jailhouse's numbering). */
static int stat_of(const struct per_cpu *pc)
{
	const struct vmcb *v = pc->arch.vmcb;

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
		if ((u32)pc->arch.regs.rcx == X2APIC_MSR(APIC_ICR))
			return CPU_STAT_VMEXITS_MSR_X2APIC_ICR;
		if ((u32)pc->arch.regs.rcx >= X2APIC_MSR_FIRST &&
		    (u32)pc->arch.regs.rcx <= X2APIC_MSR_LAST)
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
	struct vmcb *v = pc->arch.vmcb;
	int stat = stat_of(pc);

	pc->stats[CPU_STAT_VMEXITS_TOTAL]++;
	if (stat >= 0)
		pc->stats[stat]++;
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
	if (__atomic_load_n(&pc->request, __ATOMIC_SEQ_CST) !=
	    CPU_REQ_NONE)
		park(pc);
	vmcb_init(pc);
	apic_timer_div16();
	if (!pc->cell->quiet)
		printk("CPU %u: entering cell \"%s\" at 0x%llx\n", pc->id,
		       cell_name(pc->cell),
		       (unsigned long long)pc->cell->desc->cpu_reset_address);
	for (;;) {
		/* Requests from other CPUs come as a flag plus an NMI. With
		 * GIF clear, an NMI after this look waits and hits the guest
		 * at once, so none is lost. */
		asm volatile("clgi" : : : "memory");
		if (pc->request != CPU_REQ_NONE || pc->arch.init_pending) {
			asm volatile("stgi" : : : "memory");
			if (pc->request != CPU_REQ_NONE)
				park(pc);
			wait_for_sipi(pc);
			continue;
		}
		svm_vmrun(&pc->arch.regs, virt_to_phys(pc->arch.vmcb));
		pc->arch.vmcb->tlb_control = 0;
		pc->arch.handling_exit = true;
		handle_exit(pc);
		pc->arch.handling_exit = false;
	}
}

/* Wait outside the cell until it is (re)built, then run it from the top
 * of this CPU's stack: nothing of the frames that led here is kept. */
static __attribute__((noreturn)) void wait_and_enter(struct per_cpu *pc)
{
	u32 tsc_khz, apic_khz;

	arch_timer_khz(&tsc_khz, &apic_khz);
	pc->arch.outside = true;
	for (;;) {
		asm volatile("cli" : : : "memory");
		if (cell_cpu_may_enter(pc))
			break;
		/* The signal is an NMI, which ends the HLT; one that comes
		 * between the look and the HLT is lost, and the timer ends
		 * the HLT instead, in at most about PARK_TICK_MS. */
		apic_wake_timer(apic_khz / 16 * PARK_TICK_MS ?: 1000000);
		asm volatile("sti; hlt; cli" : : : "memory");
		apic_wake_timer_stop();
	}
	pc->arch.outside = false;
	if (pc->arch.stray_irqs) {
		printk("CPU %u: %u interrupt(s) reached it outside its cell "
		       "(the last on vector 0x%x), dropped\n", pc->id,
		       pc->arch.stray_irqs, pc->arch.stray_vector);
		pc->arch.stray_irqs = 0;
	}
	pc->arch.init_pending = false;
	pc->arch.sipi_vector = -1;
	pc->arch.mtrr_def_type = 0;
	pc->arch.invd_reported = false;
	asm volatile("mov %0, %%rsp; xor %%ebp, %%ebp; call *%2"
		     : : "r"(pc->arch.stack_top), "D"(pc), "r"(run) : "memory");
	__builtin_unreachable();
}

/* Leave the cell: nothing of it stays in this CPU's APIC (read back
 * before the parked CPU uses its timer for itself). */
static void park(struct per_cpu *pc)
{
	pc->arch.handling_exit = false;
	apic_cpu_quiesce();
	cell_cpu_parked(pc, apic_cpu_quiet());
	wait_and_enter(pc);
}

void vcpu_run_or_idle(struct per_cpu *pc)
{
	if (!pc->cell) {
		printk("CPU %u: no cell, idle\n", pc->id);
		arch_halt();
	}
#ifdef CONFIG_TEST_HOOKS
	/* Test builds only: a CPU other than its cell's first comes late to
	 * the cell's first run, so that a cell that fails at once meets a
	 * CPU that has not come in yet. */
	if (pc->id != pc->cell->first_cpu)
		pm_udelay(500000);
#endif
	wait_and_enter(pc);
}

struct per_cpu *arch_cell_cpu(const struct cell *c, u64 guest_id)
{
	return guest_id > 0xffffffffULL ? NULL :
	       cell_cpu_by_apic_id(c, (u32)guest_id);
}

void arch_cpu_interrupt(struct per_cpu *pc, u8 vector)
{
	/* What this CPU wrote before (a message) is visible to the
	 * target when it takes the interrupt. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	apic_send(pc->arch.apic_id, icr_fixed(vector));
}

void arch_cpu_kick(struct per_cpu *pc)
{
	/* An x2APIC ICR write is not serializing. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	/* In its cell an NMI makes it exit; parked, it ends its HLT. */
	if (pc != this_cpu())
		apic_send(pc->arch.apic_id, APIC_ICR_NMI);
}
