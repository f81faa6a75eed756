/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * IOAPIC test inmate. Its cell owns the CMOS RTC's ports and IOAPIC pin 8
 * (ISA IRQ 8, the RTC). It reads the IOAPIC version through the mediated
 * registers, checks that a pin it does not own reads masked and ignores
 * its writes, routes pin 8 to itself and counts the RTC's periodic
 * interrupts, with the VM exits they cost. Then, with fault=route on its
 * command line, it routes pin 8 to another cell's CPU, which must stop
 * the cell. With level=1 instead, it then routes pin 8 level-triggered
 * and takes one RTC interrupt without an EOI, so that the pin's Remote
 * IRR stays set while another cell (tests/qemu/inmates/fault.c,
 * fault=eoi-forger) writes the IOAPIC's EOI register with the same
 * vector, for a pin of its own: the Remote IRR must stay set until this
 * cell's own EOI.
 */
#include "inmate.h"

#define RTC_INDEX	0x70
#define RTC_DATA	0x71
#define RTC_REG_A	0x0a
#define RTC_REG_B	0x0b
#define RTC_REG_C	0x0c
#define RTC_RATE_16HZ	0x2c	/* 32.768 kHz base, rate 12 */
#define RTC_PIE		0x40
#define RTC_PIN		8
#define FOREIGN_PIN	4	/* COM1's: not ours */
#define RTC_VECTOR	0x38
#define FOREIGN_APIC_ID	1
#define WANTED		32

static volatile u32 received;

static u8 rtc_read(u8 reg)
{
	outb(RTC_INDEX, reg);
	return inb(RTC_DATA);
}

static void rtc_write(u8 reg, u8 v)
{
	outb(RTC_INDEX, reg);
	outb(RTC_DATA, v);
}

#define REMOTE_IRR	(1U << 14)

static volatile u32 level_seen;

/* The level-triggered RTC interrupt: the RTC stops and lowers IRQ 8, but
 * no EOI: the pin's Remote IRR stays set. */
static void rtc_level_irq(struct irq_frame *f)
{
	(void)f;
	rtc_write(RTC_REG_B, rtc_read(RTC_REG_B) & ~RTC_PIE);
	(void)rtc_read(RTC_REG_C);
	level_seen = level_seen + 1;
}

static u32 remote_irr(void)
{
	return ioapic_pin_get(RTC_PIN) & REMOTE_IRR ? 1 : 0;
}

static void level(void)
{
	u64 deadline = pm_timer_read_ns() + 30000000000ULL;

	irq_set_handler(RTC_VECTOR, rtc_level_irq);
	ioapic_pin_set_vector(RTC_PIN, true, RTC_VECTOR);
	rtc_write(RTC_REG_B, rtc_read(RTC_REG_B) | RTC_PIE);
	(void)rtc_read(RTC_REG_C);
	irq_enable();
	while (!level_seen && pm_timer_read_ns() < deadline)
		asm volatile("hlt");
	irq_disable();
	printk("ioapic: level pin %u: %u interrupt(s), remote IRR %u\n",
	       RTC_PIN, level_seen, remote_irr());
	delay_us(1000000);	/* the forger's EOIs meanwhile */
	printk("ioapic: level pin %u: remote IRR %u after another cell's "
	       "EOIs of vector 0x%x\n", RTC_PIN, remote_irr(), RTC_VECTOR);
	ioapic_eoi(RTC_VECTOR);
	printk("ioapic: level pin %u: remote IRR %u after its own EOI\n",
	       RTC_PIN, remote_irr());
	apic_eoi();
}

static void rtc_irq(struct irq_frame *f)
{
	(void)f;
	(void)rtc_read(RTC_REG_C);	/* acknowledge: the RTC lowers IRQ 8 */
	received = received + 1;
	apic_eoi();
}

void inmate_main(void)
{
	u64 foreign_before, foreign_after, deadline;
	long cpu = stats_own_cpu(), before, exits;
	char fault[16] = "";
	u32 ver;

	irq_init();
	irq_set_handler(RTC_VECTOR, rtc_irq);
	apic_timer_init(0xff, false);	/* enables the APIC; timer unused */
	ver = ioapic_read(1);
	printk("ioapic: IOAPIC version 0x%x, %u pins\n", ver & 0xff,
	       ((ver >> 16) & 0xff) + 1);

	foreign_before = ioapic_pin_get(FOREIGN_PIN);
	ioapic_pin_set_vector(FOREIGN_PIN, false, 0x40);
	foreign_after = ioapic_pin_get(FOREIGN_PIN);
	printk("ioapic: foreign pin %u reads 0x%llx, after a write 0x%llx\n",
	       FOREIGN_PIN, (unsigned long long)foreign_before,
	       (unsigned long long)foreign_after);

	ioapic_pin_set_vector(RTC_PIN, false, RTC_VECTOR);
	printk("ioapic: pin %u routed: entry 0x%llx\n", RTC_PIN,
	       (unsigned long long)ioapic_pin_get(RTC_PIN));
	rtc_write(RTC_REG_A, RTC_RATE_16HZ);
	rtc_write(RTC_REG_B, rtc_read(RTC_REG_B) | RTC_PIE);
	(void)rtc_read(RTC_REG_C);
	before = stats_exits(cpu, CPU_STAT_VMEXITS_TOTAL);
	deadline = pm_timer_read_ns() + 30000000000ULL;
	irq_enable();
	while (received < WANTED && pm_timer_read_ns() < deadline)
		asm volatile("hlt");
	irq_disable();
	exits = stats_exits(cpu, CPU_STAT_VMEXITS_TOTAL) - before - 1;
	printk("ioapic: %u RTC interrupts through IOAPIC pin %u, %ld VM exits "
	       "while they came\n", received, RTC_PIN, exits);

	if (cmdline_int("level", 0))
		level();
	if (cmdline_str("fault", fault, sizeof(fault))) {
		printk("ioapic: routing pin %u to APIC ID %u, another cell's "
		       "CPU\n", RTC_PIN, FOREIGN_APIC_ID);
		ioapic_write(0x10 + 2 * RTC_PIN, 0x10000);
		ioapic_write(0x11 + 2 * RTC_PIN, FOREIGN_APIC_ID << 24);
		ioapic_write(0x10 + 2 * RTC_PIN, RTC_VECTOR);
		printk("ioapic: still running: the route was let through\n");
	}
	stop();
}
