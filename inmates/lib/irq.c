/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Interrupts and exceptions: one IDT for all CPUs of the cell, handlers
 * per vector, and exception reporting. An exception is reported on the
 * cell's console with vector, error code, RIP and CR2; the cell then
 * marks itself FAILED in its comm region (as Jailhouse's inmates do) and
 * the CPU stops.
 */
#include "inmate.h"

#define NUM_VECTORS	256
#define CS64		0x10


extern const u8 irq_stubs[];

static struct idt_gate idt[NUM_VECTORS] __attribute__((aligned(16)));
static irq_handler_t handlers[NUM_VECTORS];
static volatile bool idt_ready;

static const char *const exception_names[32] = {
	"divide error", "debug", "NMI", "breakpoint", "overflow",
	"bound range", "invalid opcode", "device not available",
	"double fault", "coprocessor overrun", "invalid TSS",
	"segment not present", "stack fault", "general protection",
	"page fault", "reserved", "x87 error", "alignment check",
	"machine check", "SIMD error", "virtualization", "control protection",
};

void irq_dispatch(struct irq_frame *f);

void irq_dispatch(struct irq_frame *f)
{
	if (handlers[f->vector]) {
		handlers[f->vector](f);
		return;
	}
	if (f->vector < 32) {
		u64 cr2;

		asm volatile("mov %%cr2, %0" : "=r"(cr2));
		printk("EXCEPTION %llu (%s), error 0x%llx at RIP 0x%llx, "
		       "RSP 0x%llx, CR2 0x%llx on APIC ID %u\n",
		       (unsigned long long)f->vector,
		       exception_names[f->vector] ?: "reserved",
		       (unsigned long long)f->error,
		       (unsigned long long)f->rip, (unsigned long long)f->rsp,
		       (unsigned long long)cr2, cpu_id());
	} else {
		printk("unexpected interrupt, vector %llu, at RIP 0x%llx on "
		       "APIC ID %u\n", (unsigned long long)f->vector,
		       (unsigned long long)f->rip, cpu_id());
	}
	comm_region->cell_state = CELL_FAILED;
	stop();
}

static void idt_load(void)
{
	struct desc_ptr p = { sizeof(idt) - 1, (u64)idt };

	asm volatile("lidt %0" : : "m"(p));
}

void irq_init(void)
{
	unsigned int v;

	for (v = 0; v < NUM_VECTORS; v++)
		idt[v] = idt_interrupt_gate((u64)irq_stubs + 16 * v, CS64);
	idt_load();
	idt_ready = true;
}

void irq_init_cpu(void)
{
	if (idt_ready)
		idt_load();
}

void irq_set_handler(unsigned int vector, irq_handler_t handler)
{
	if (vector < NUM_VECTORS)
		handlers[vector] = handler;
}
