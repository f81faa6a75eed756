/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Starting the cell's other CPUs with INIT and a start-up IPI (the
 * hypervisor filters the ICR to the cell's own CPUs); bare, the machine's
 * other CPUs.
 */
#include "inmate.h"

#define AP_STACK_SIZE	4096

extern void (*volatile ap_entry)(void);
extern u8 *volatile ap_stack;

static u8 stack[AP_STACK_SIZE] __attribute__((aligned(16)));
static volatile u32 started;

static void (*volatile user_entry)(void);

static void ap_trampoline(void)
{
	void (*entry)(void) = user_entry;

	apic_cpu_init_bare();
	irq_init_cpu();
	started = started + 1;
	entry();
}

int smp_start_cpu(u32 apic_id, void (*entry)(void))
{
	u32 before = started;
	u64 deadline;

	/* One CPU at a time: they share the start stack. */
	user_entry = entry;
	ap_stack = stack + sizeof(stack);
	ap_entry = ap_trampoline;
	apic_send_icr(apic_id, APIC_ICR_INIT);
	delay_us(10000);
	/* Vector 0: the start-up page is guest 0. */
	apic_send_icr(apic_id, APIC_ICR_STARTUP);
	deadline = pm_timer_read_ns() + 1000000000ULL;
	while (started == before)
		if (pm_timer_read_ns() > deadline)
			return -1;
	return 0;
}
