/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * xAPIC test inmate: uses its local APIC the way a PC operating system
 * does, through the APIC base MSR and the xAPIC page at 0xfee00000, which
 * the hypervisor emulates over the physical APIC (x2APIC or xAPIC). It
 * reads the base, ID and version (whichever of its CPUs arrives first
 * runs this; the other is started later), checks the logical destination
 * registers are its own, runs the timer through the page, starts its
 * second CPU with INIT and start-up IPIs through the xAPIC ICR (waiting
 * on the delivery-status bit, as Linux does) and takes an IPI from it.
 */
#include "inmate.h"

#define XAPIC_BASE	0xfee00000UL
#define TIMER_VECTOR	0x30
#define IPI_VECTOR	0x31
#define TICKS		50

extern void (*volatile ap_entry)(void);
extern u8 *volatile ap_stack;

static u8 ap_stack_mem[4096] __attribute__((aligned(16)));
static volatile u32 ticks, ipis, ap_running;

static u32 reg(unsigned int off)
{
	return *(volatile u32 *)(XAPIC_BASE + off);
}

static void set(unsigned int off, u32 v)
{
	*(volatile u32 *)(XAPIC_BASE + off) = v;
}

static void icr_send(u32 dest, u32 low)
{
	set(APIC_ICR_HI, dest << 24);
	set(APIC_ICR, low);
	while (reg(APIC_ICR) & APIC_ICR_BUSY)
		cpu_relax();
}

static void timer_irq(struct irq_frame *f)
{
	(void)f;
	/* Counted up to TICKS: one more may come between the return from
	 * the last one and the loop's CLI on a loaded host (seen once). */
	if (ticks < TICKS)
		ticks = ticks + 1;
	set(APIC_EOI, 0);
}

static void ipi_irq(struct irq_frame *f)
{
	(void)f;
	ipis = ipis + 1;
	set(APIC_EOI, 0);
}

static void second_cpu(void)
{
	u64 base = rdmsr(MSR_APIC_BASE);

	irq_init_cpu();
	printk("xapic: CPU with xAPIC ID %u started through the xAPIC ICR, "
	       "APIC base 0x%llx\n", reg(APIC_ID) >> 24,
	       (unsigned long long)base);
	ap_running = 1;
	icr_send(smp_cpu_ids[0], IPI_VECTOR);
	stop();
}

void inmate_main(void)
{
	u32 a, b, c, d, ver, before_ok;
	long cpu, xapic_exits = 0;
	u64 deadline;

	cpuid(1, &a, &b, &c, &d);
	printk("xapic: APIC base 0x%llx, xAPIC ID %u (CPUID %u)\n",
	       (unsigned long long)rdmsr(MSR_APIC_BASE), reg(APIC_ID) >> 24,
	       b >> 24);
	ver = reg(APIC_VER);
	printk("xapic: version 0x%x, %u LVTs\n", ver & 0xff,
	       ((ver >> 16) & 0xff) + 1);
	set(APIC_DFR, 0xffffffff);
	set(APIC_LDR, 1U << 24);
	printk("xapic: LDR 0x%x, DFR 0x%x\n", reg(APIC_LDR), reg(APIC_DFR));

	irq_init();
	irq_set_handler(TIMER_VECTOR, timer_irq);
	irq_set_handler(IPI_VECTOR, ipi_irq);
	set(APIC_SVR, APIC_SVR_ENABLE | 0xff);
	set(APIC_TDCR, APIC_TDCR_DIV16);
	set(APIC_LVT_TIMER, TIMER_VECTOR | APIC_LVT_PERIODIC);
	set(APIC_TMICT, comm_region->apic_khz / 16);	/* 1 ms */
	deadline = pm_timer_read_ns() + 10000000000ULL;
	/* Interrupts on only in the HLT (STI's shadow covers it), so that
	 * no tick after the last one counted can come before the stop. */
	for (;;) {
		irq_disable();
		if (ticks >= TICKS || pm_timer_read_ns() >= deadline)
			break;
		wait_for_interrupt();
	}
	set(APIC_TMICT, 0);
	set(APIC_LVT_TIMER, APIC_LVT_MASKED);
	printk("xapic: %u timer interrupts through the xAPIC page\n", ticks);
	irq_enable();

	before_ok = cpus_arrived;
	if (before_ok < 2) {
		printk("xapic: only %u CPU arrived\n", before_ok);
		stop();
	}
	ap_stack = ap_stack_mem + sizeof(ap_stack_mem);
	ap_entry = second_cpu;
	icr_send(smp_cpu_ids[1], APIC_ICR_INIT);
	icr_send(smp_cpu_ids[1], 0x0500);	/* INIT, de-assert */
	delay_us(10000);
	icr_send(smp_cpu_ids[1], APIC_ICR_STARTUP);	/* vector 0 */
	icr_send(smp_cpu_ids[1], APIC_ICR_STARTUP);
	deadline = pm_timer_read_ns() + 5000000000ULL;
	/* Checked with interrupts off, waited for in STI's shadow: an IPI
	 * between the check and a plain HLT would leave this CPU halted
	 * for good (no timer runs any more to wake it). */
	for (;;) {
		irq_disable();
		if (ipis || pm_timer_read_ns() >= deadline)
			break;
		wait_for_interrupt();
	}
	irq_enable();
	/* Both CPUs' counts: which one runs this is a matter of timing. */
	for (cpu = 0; cpu < BH_MAX_CPUS; cpu++)
		if (hypercall2(HC_CPU_GET_INFO, (unsigned long)cpu,
			       HC_CPU_INFO_STATE) >= 0)
			xapic_exits += stats_exits(cpu, CPU_STAT_VMEXITS_XAPIC);
	printk("xapic: %u IPI(s) from the second CPU (running %u); %ld xAPIC "
	       "exits\n", ipis, ap_running, xapic_exits);
	stop();
}
