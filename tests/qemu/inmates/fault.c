/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Faulty inmate for the containment tests: its command line says which
 * rule it breaks (fault=KIND). It announces the attempt, breaks the rule
 * and, if the hypervisor let it through, says so: the test looks for the
 * hypervisor's report and for the absence of that line.
 *
 * Kinds: memory (a read outside the cell's memory), port, msr,
 * apic-base (moving the APIC page through the APIC base MSR), lvt (an
 * unmasked ExtINT in LINT0, through the xAPIC page), triple (a triple
 * fault),
 * init, sipi, ipi (to another cell's CPU, APIC ID 1), manage (a
 * management hypercall), exception (a page fault the inmate library
 * reports itself), cpl3 (a hypercall from user mode: refused with
 * -EPERM, and the cell goes on).
 *
 * The isolation kinds (tests/qemu/cells/system-isolation.c): victim (no
 * fault: interrupts on, a tick every half second through the debug
 * console; any interrupt it gets is foreign and stops it), logical-self
 * and logical-all (self and all-including-self IPIs in logical
 * destination mode, x2APIC MSR and xAPIC page: must reach this CPU and
 * nothing else; logical-all then gives its CPU flat logical ID 1 and
 * sends the flat broadcast 0xff and 0x01 without a shorthand: each must
 * reach this CPU once and no other cell's), lvt-error-mode (INIT
 * delivery mode in the error LVT through the xAPIC page: dropped, as
 * the APIC does), lvt-timer-smi (SMI
 * delivery mode in the timer LVT through the x2APIC MSR), icr-reserved
 * (an x2APIC ICR value with a reserved bit), x2apic-hole (a read of
 * x2APIC MSR 0x801, which does not exist), db (a single-step trap,
 * which must pass through the hypervisor and reach the cell), invd, putc-forged (the console
 * flags forged in its comm region by a cell whose config does not
 * permit the console), flood (200,000 characters through the debug
 * console), stop-state (stopped with its APIC timer running, an
 * interrupt in service and one pending). hv-fault asks a test build of
 * the hypervisor (make TEST_HOOKS=1) to fault while handling its
 * hypercall, hv-nx to jump to the start-up page, which must no longer
 * be executable; tamper-reset asks one to flip a byte of its blob in the
 * image the hypervisor keeps, then resets itself (its reset register),
 * which must find the image part changed and leave the cell FAILED;
 * tamper-table the same, with the part's digest in the image's own part
 * table rewritten to match (the restart checks against the copy the
 * hypervisor kept).
 */
#include "inmate.h"
#include "bh_string.h"

#define FOREIGN_APIC_ID	1
#define XAPIC_BASE	0xfee00000UL
#define LOGICAL		(1U << 11)
#define SH_SELF		(1U << 18)
#define SH_ALL		(2U << 18)
#define OWN_VECTOR	0x50
#define TIMER_VECTOR	0x40
#define PENDING_VECTOR	0x41
#define FLOOD_CHARS	200000

static char kind[32];
static volatile long cpl3_result;

/* SYSCALL target: back at CPL 0 on the same stack, RAX holding what the
 * hypercall at CPL 3 returned. */
void cpl3_return(void);
asm(".text\n"
    "cpl3_return:\n\t"
    "mov %rax, cpl3_result(%rip)\n\t"
    "call cpl3_done\n\t"
    "1: hlt\n\t"
    "jmp 1b\n");

void cpl3_done(void);

void cpl3_done(void)
{
	unsigned int i;

	printk("%s: hypercall at CPL 3 returned %ld; back at CPL 0, the "
	       "cell goes on\n", kind, cpl3_result);
	for (i = 0; i < 3; i++) {
		delay_us(1000000);
		printk("%s: alive\n", kind);
	}
	for (;;)
		asm volatile("hlt");	/* idle, not stopped */
}

/* Drop to CPL 3 with SYSRET, issue a hypercall there, come back with
 * SYSCALL. */
static void cpl3_hypercall(void)
{
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
	wrmsr(MSR_STAR, 0x20ULL << 48 | 0x10ULL << 32);
	wrmsr(MSR_LSTAR, (u64)cpl3_return);
	wrmsr(MSR_SFMASK, 0x200);	/* IF off on the way back */
	asm volatile("lea 1f(%%rip), %%rcx\n\t"
		     "mov $0x2, %%r11\n\t"	/* RFLAGS: IF off */
		     "sysretq\n"
		     "1:\n\t"			/* CPL 3 */
		     "mov %0, %%eax\n\t"
		     "mov %1, %%edi\n\t"
		     "vmmcall\n\t"
		     "syscall"
		     : : "i"(HC_HYPERVISOR_GET_INFO), "i"(HC_INFO_NUM_CELLS)
		     : "rcx", "r11", "memory");
}

static void triple_fault(void)
{
	struct desc_ptr empty = { 0, 0 };

	asm volatile("lidt %0; int3" : : "m"(empty));
}

static volatile unsigned int own_ipis;

/* For the kinds the hypervisor makes harmless: said, then idle. */
static __attribute__((noreturn)) void idle(void)
{
	printk("%s: done, the cell goes on\n", kind);
	for (;;)
		asm volatile("hlt");
}

static void count_own_ipi(struct irq_frame *f)
{
	(void)f;
	own_ipis++;
	apic_eoi();
}

static void mmio_write(unsigned long addr, u32 v)
{
	*(volatile u32 *)addr = v;
}

static u32 mmio_read(unsigned long addr)
{
	return *(volatile u32 *)addr;
}

/* Wait up to 0.1 s for the count of own IPIs to reach @p n. */
static void wait_own_ipis(unsigned int n)
{
	unsigned int i;

	for (i = 0; i < 1000 && own_ipis < n; i++)
		delay_us(100);
}

/* A logical-mode IPI with a shorthand reaches this CPU and no other; so
 * do logically addressed ones the cell's logical IDs match. */
static __attribute__((noreturn)) void logical_ipi(bool xapic_page)
{
	unsigned int want = 1;

	irq_set_handler(OWN_VECTOR, count_own_ipi);
	apic_timer_init(0xff, false);	/* enables the APIC */
	irq_enable();
	if (xapic_page) {
		mmio_write(XAPIC_BASE + APIC_ICR_HI, 0xff000000);
		mmio_write(XAPIC_BASE + APIC_ICR, SH_ALL | LOGICAL | OWN_VECTOR);
		wait_own_ipis(1);
		/* Flat model (the DFR's reset value), logical ID bit 0. */
		mmio_write(XAPIC_BASE + APIC_LDR, 0x01000000);
		mmio_write(XAPIC_BASE + APIC_ICR, LOGICAL | OWN_VECTOR);	/* 0xff */
		wait_own_ipis(2);
		mmio_write(XAPIC_BASE + APIC_ICR_HI, 0x01000000);
		mmio_write(XAPIC_BASE + APIC_ICR, LOGICAL | OWN_VECTOR);
		want = 3;
	} else {
		wrmsr(X2APIC_MSR(APIC_ICR), (u64)3 << 32 | SH_SELF | LOGICAL |
		      OWN_VECTOR);
	}
	wait_own_ipis(want);
	printk("%s: %u own IPI(s) arrived\n", kind, own_ipis);
	idle();
}

/* What CPUID tells the cell of features it must not think it has: the
 * boot test checks the bits (tests/qemu/boot_tests.py, isolation). */
static void cpuid_report(void)
{
	u32 a, b, c, d, sa, sb, sc, sd, ec, ed;

	cpuid(1, &a, &b, &c, &d);
	cpuid(0x80000001, &a, &b, &ec, &ed);
	cpuid(0x8000000a, &sa, &sb, &sc, &sd);
	printk("victim: CPUID 1 ECX 0x%08x EDX 0x%08x, 0x80000001 ECX 0x%08x "
	       "EDX 0x%08x, 0x8000000a 0x%x 0x%x 0x%x 0x%x\n", c, d, ec, ed,
	       sa, sb, sc, sd);
}

static void victim(void)
{
	unsigned int tick;

	cpuid_report();
	apic_timer_init(0xff, false);	/* enables the APIC, timer unused */
	irq_enable();
	for (tick = 1;; tick++) {
		delay_us(500000);
		printk("victim: tick %u\n", tick);
	}
}

static volatile unsigned int debug_traps;

static void count_debug_trap(struct irq_frame *f)
{
	f->rflags &= ~0x100UL;	/* TF off */
	debug_traps++;
}

/* One single-step trap, handled by the cell itself: the hypervisor must
 * have seen it pass (an exception exit) and given it back. */
static __attribute__((noreturn)) void debug_trap(void)
{
	long cpu = stats_own_cpu(), before, after;

	irq_set_handler(1, count_debug_trap);
	before = stats_exits(cpu, CPU_STAT_VMEXITS_EXCEPTION);
	asm volatile("pushf\n\t"
		     "orq $0x100, (%%rsp)\n\t"
		     "popf\n\t"
		     "nop" : : : "memory", "cc");
	after = stats_exits(cpu, CPU_STAT_VMEXITS_EXCEPTION);
	printk("db: %u #DB handled by the cell, %ld exception exit(s) "
	       "meanwhile\n", debug_traps, after - before);
	idle();
}

static void invd(void)
{
	static volatile u64 canary;

	canary = 0x5a5a5a5a5a5a5a5aULL;
	asm volatile(".byte 0x2e\n\tinvd" : : : "memory");	/* a prefix too */
	printk("invd: after INVD, memory reads 0x%llx\n",
	       (unsigned long long)canary);
	idle();
}

static void putc_forged(void)
{
	comm_region->flags |= COMM_FLAG_DBG_PUTC_PERMITTED |
			      COMM_FLAG_DBG_PUTC_ACTIVE;
	printk("putc-forged: the hypervisor printed a forbidden line\n");
	(void)inb(0x80);	/* stops it: proof that it ran this far */
}

/* EOIs of the vector another cell's level-triggered pin uses, for a
 * masked pin of its own with that vector (pin 10, vector 0x38), every
 * 50 ms: they must reach no pin but its own. */
static void eoi_forger(void)
{
	unsigned int i;

	ioapic_write(0x10 + 2 * 10, 0x10000 | 0x8000 | 0x38);
	ioapic_write(0x11 + 2 * 10, cpu_id() << 24);
	printk("eoi-forger: pin 10 masked with vector 0x38, EOIs follow\n");
	for (i = 0;; i++) {
		ioapic_eoi(0x38);
		delay_us(50000);
		if (i == 100)
			printk("eoi-forger: 100 EOIs of vector 0x38 written\n");
	}
}

static void flood(void)
{
	unsigned int i;

	for (i = 0; i < FLOOD_CHARS; i++)
		hypercall1(HC_DEBUG_CONSOLE_PUTC, i % 100 == 99 ? '\n' : 'x');
	delay_us(2000000);	/* budget back for the report */
	printk("\nflood: %u characters sent\n", FLOOD_CHARS);
	idle();
}

/* Interrupt handler of stop-state: with 0x40 in service and 0x41
 * pending (same priority class: it waits), break a rule. */
static void stop_in_handler(struct irq_frame *f)
{
	(void)f;
	send_ipi(cpu_id(), PENDING_VECTOR);
	printk("stop-state: timer 0x40 in service, 0x41 pending; breaking "
	       "the rule\n");
	(void)inb(0x80);
}

static void stop_state(void)
{
	irq_set_handler(TIMER_VECTOR, stop_in_handler);
	apic_timer_init(TIMER_VECTOR, true);
	apic_timer_set(100000);
	irq_enable();
	for (;;)
		asm volatile("hlt");
}

void inmate_main(void)
{
	long n;

	if (!cmdline_str("fault", kind, sizeof(kind))) {
		printk("fault: no fault=KIND on the command line\n");
		stop();
	}
	irq_init();
	printk("%s: breaking the rule now\n", kind);
	/* flood=N: N lines at once first, more than the console budget
	 * holds, so that the cell stops with lines dropped and untold. */
	for (n = cmdline_int("flood", 0); n > 0; n--)
		printk("%s: a line to overrun the console budget, %ld to go\n",
		       kind, n);
	if (!strcmp(kind, "memory"))
		(void)*(volatile u32 *)0x40000000UL;
	else if (!strcmp(kind, "port"))
		(void)inb(0x80);
	else if (!strcmp(kind, "msr"))
		(void)rdmsr(MSR_VM_CR);
	else if (!strcmp(kind, "apic-base"))
		wrmsr(MSR_APIC_BASE,
		      (rdmsr(MSR_APIC_BASE) & 0xfffULL) | 0xfed00000ULL);
	else if (!strcmp(kind, "lvt"))
		*(volatile u32 *)0xfee00350UL = 0x700;
	else if (!strcmp(kind, "triple"))
		triple_fault();
	else if (!strcmp(kind, "init"))
		wrmsr(X2APIC_MSR(APIC_ICR), (u64)FOREIGN_APIC_ID << 32 |
		      APIC_ICR_INIT);
	else if (!strcmp(kind, "sipi"))
		wrmsr(X2APIC_MSR(APIC_ICR), (u64)FOREIGN_APIC_ID << 32 |
		      APIC_ICR_STARTUP);
	else if (!strcmp(kind, "ipi"))
		send_ipi(FOREIGN_APIC_ID, 0xf0);
	else if (!strcmp(kind, "manage"))
		hypercall1(HC_CELL_START, 0);
	else if (!strcmp(kind, "exception"))
		(void)*(volatile u32 *)0x100000000UL;	/* beyond its map */
	else if (!strcmp(kind, "cpl3"))
		cpl3_hypercall();
	else if (!strcmp(kind, "victim"))
		victim();
	else if (!strcmp(kind, "logical-self"))
		logical_ipi(false);
	else if (!strcmp(kind, "logical-all"))
		logical_ipi(true);
	else if (!strcmp(kind, "lvt-error-mode")) {
		mmio_write(XAPIC_BASE + APIC_LVT_ERROR, 0x5fe);
		printk("%s: LVT error reads 0x%x after writing 0x5fe\n", kind,
		       mmio_read(XAPIC_BASE + APIC_LVT_ERROR));
		idle();
	} else if (!strcmp(kind, "lvt-timer-smi"))
		wrmsr(X2APIC_MSR(APIC_LVT_TIMER), 0x230);
	else if (!strcmp(kind, "icr-reserved"))
		wrmsr(X2APIC_MSR(APIC_ICR), (u64)cpu_id() << 32 | 1U << 13 | OWN_VECTOR);
	else if (!strcmp(kind, "x2apic-hole"))
		(void)rdmsr(0x801);
	else if (!strcmp(kind, "db"))
		debug_trap();
	else if (!strcmp(kind, "hv-fault"))	/* make TEST_HOOKS=1 only */
		hypercall1(0x7e57, 0);
	else if (!strcmp(kind, "hv-nx"))	/* make TEST_HOOKS=1 only */
		hypercall1(0x7e57, 1);
	else if (!strcmp(kind, "eoi-forger"))
		eoi_forger();
	else if (!strcmp(kind, "tamper-reset") ||	/* TEST_HOOKS=1 only */
		 !strcmp(kind, "tamper-table")) {
		printk("%s: image tampered: %ld\n", kind,
		       hypercall1(0x7e58, !strcmp(kind, "tamper-table")));
		outb(0xcf9, 0x06);	/* its own reset: a restart */
	}
	else if (!strcmp(kind, "invd"))
		invd();
	else if (!strcmp(kind, "putc-forged"))
		putc_forged();
	else if (!strcmp(kind, "flood"))
		flood();
	else if (!strcmp(kind, "stop-state"))
		stop_state();
	else
		printk("%s: unknown fault kind\n", kind);
	printk("%s: still running: the hypervisor let it through\n", kind);
	stop();
}
