/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Local APIC access for the hypervisor itself.
 */
#include "apic.h"
#include "apic_filter.h"
#include "x86.h"

#define CPUID1_ECX_TSC_DEADLINE	(1U << 24)
#define APIC_VER_EOI_SUPPRESS	(1U << 24)


static bool x2apic;
static volatile u32 *xapic;
static unsigned int max_lvt;
static struct apic_caps caps;

u32 apic_read(unsigned int reg)
{
	return x2apic ? (u32)rdmsr(X2APIC_MSR(reg)) : xapic[reg / 4];
}

void apic_write(unsigned int reg, u32 v)
{
	if (x2apic)
		wrmsr(X2APIC_MSR(reg), v);
	else
		xapic[reg / 4] = v;
}

static u32 cpuid1_ecx(void)
{
	u32 a, b, c, d;

	cpuid(1, &a, &b, &c, &d);
	return c;
}

int apic_write_guest(unsigned int reg, u32 v)
{
	if (x2apic)
		return wrmsr_safe(X2APIC_MSR(reg), v);
	xapic[reg / 4] = v;
	return 0;
}

static const unsigned int lvts[] = {
	APIC_LVT_TIMER, APIC_LVT_LINT0, APIC_LVT_LINT1, APIC_LVT_ERROR,
	APIC_LVT_PERF, APIC_LVT_THERMAL, APIC_LVT_CMCI,
};

/* Every LVT this APIC has: masked. */
static void mask_lvts(void)
{
	unsigned int i;

	for (i = 0; i < BH_ARRAY_SIZE(lvts); i++)
		if (apic_lvt_present(lvts[i]))
			apic_write(lvts[i], APIC_LVT_MASKED);
}

void apic_cpu_init(void)
{
	u64 base = rdmsr(MSR_APIC_BASE);

	/* x2APIC wherever the CPU has it: its MSR interface lets cells own
	 * their timer and EOI while the ICR stays under control. Switching
	 * from xAPIC to x2APIC is allowed directly (EN stays set). */
	if (!(base & APIC_BASE_EXTD) && (cpuid1_ecx() & CPUID1_ECX_X2APIC)) {
		base |= APIC_BASE_EN | APIC_BASE_EXTD;
		wrmsr(MSR_APIC_BASE, base);
	}
	x2apic = base & APIC_BASE_EXTD;
	xapic = (volatile u32 *)(base & APIC_BASE_ADDR);
	max_lvt = (apic_read(APIC_VER) >> 16) & 0xff;
	caps.tsc_deadline = cpuid1_ecx() & CPUID1_ECX_TSC_DEADLINE;
	caps.eoi_suppression = apic_read(APIC_VER) & APIC_VER_EOI_SUPPRESS;
	/* Every LVT masked, as after reset: the firmware's virtual-wire
	 * LINT0 (ExtINT) or LINT1 (NMI) must not reach a cell. */
	apic_write(APIC_TMICT, 0);
	mask_lvts();
	/* Software-enabled: a CPU waiting outside its cell takes its own
	 * timer (apic_wake_timer()) and drops what else arrives. */
	apic_write(APIC_SVR, APIC_SVR_ENABLE | APIC_SPURIOUS_VECTOR);
}

bool apic_lvt_present(unsigned int reg)
{
	return apic_lvt_exists(reg, max_lvt);
}

unsigned int apic_max_lvt(void)
{
	return max_lvt;
}

const struct apic_caps *apic_caps(void)
{
	return &caps;
}

/* Bits set in the 256-bit register starting at @p reg (ISR, IRR). */
static bool any_bit(unsigned int reg)
{
	unsigned int i;

	for (i = 0; i < 8; i++)
		if (apic_read(reg + 0x10 * i))
			return true;
	return false;
}

void apic_cpu_quiesce(void)
{
	unsigned int round;

	/* Enabled, so that the hypervisor can still send and take its
	 * IPIs whatever the cell left in SVR. */
	apic_write(APIC_SVR, APIC_SVR_ENABLE | APIC_SPURIOUS_VECTOR);
	apic_write(APIC_TMICT, 0);
	/* The cell's own TSC-deadline timer (its MSR is passed through):
	 * disarmed, whatever mode the LVT is in. */
	if (caps.tsc_deadline)
		wrmsr(MSR_TSC_DEADLINE, 0);
	mask_lvts();
	apic_write(APIC_TPR, 0);
	apic_write(APIC_TDCR, APIC_TDCR_DIV16);
	/* What is in service was never acknowledged: acknowledge it; what
	 * is pending is taken with interrupts briefly on and acknowledged
	 * by the host's interrupt stubs (exceptions.S). Cells cannot use
	 * vectors below 32, so none of it lands on an exception stub. */
	for (round = 0; round < 256 && (any_bit(APIC_ISR) ||
					 any_bit(APIC_IRR)); round++) {
		if (any_bit(APIC_ISR))
			apic_write(APIC_EOI, 0);
		else
			asm volatile("sti; nop; nop; cli" : : : "memory");
	}
}

bool apic_cpu_quiet(void)
{
	unsigned int i;

	for (i = 0; i < BH_ARRAY_SIZE(lvts); i++)
		if (apic_lvt_present(lvts[i]) &&
		    !(apic_read(lvts[i]) & APIC_LVT_MASKED))
			return false;
	if (caps.tsc_deadline && rdmsr(MSR_TSC_DEADLINE))
		return false;
	return !apic_read(APIC_TMICT) && !apic_read(APIC_TMCCT) &&
	       !any_bit(APIC_ISR) && !any_bit(APIC_IRR);
}

void apic_eoi(void)
{
	apic_write(APIC_EOI, 0);
}

bool apic_in_service(u8 vector)
{
	return apic_read(APIC_ISR + 0x10 * (vector / 32)) &
	       (1U << (vector % 32));
}

bool apic_x2apic(void)
{
	return x2apic;
}

u32 apic_id(void)
{
	return x2apic ? apic_read(APIC_ID) : apic_read(APIC_ID) >> 24;
}

void apic_send(u32 dest, u32 icr)
{
	if (x2apic) {
		wrmsr(X2APIC_MSR(APIC_ICR), (u64)dest << 32 | icr);
		return;
	}
	apic_write(APIC_ICR_HI, dest << 24);
	apic_write(APIC_ICR, icr);
	while (apic_read(APIC_ICR) & APIC_ICR_BUSY)
		cpu_relax();
}

void apic_timer_div16(void)
{
	apic_write(APIC_LVT_TIMER, APIC_LVT_MASKED);
	apic_write(APIC_TMICT, 0);
	apic_write(APIC_TDCR, APIC_TDCR_DIV16);
}

void apic_wake_timer(u32 count)
{
	apic_write(APIC_TDCR, APIC_TDCR_DIV16);
	apic_write(APIC_LVT_TIMER, APIC_WAKE_VECTOR);	/* one-shot */
	apic_write(APIC_TMICT, count);
}

void apic_wake_timer_stop(void)
{
	unsigned int round;

	apic_write(APIC_LVT_TIMER, APIC_LVT_MASKED);
	apic_write(APIC_TMICT, 0);
	/* A tick that came meanwhile, or an IPI the cell sent this CPU
	 * while it waited, is taken and acknowledged here, never in the
	 * cell. */
	for (round = 0; round < 256 && any_bit(APIC_IRR); round++)
		asm volatile("sti; nop; nop; cli" : : : "memory");
}

void apic_timer_count_start(void)
{
	apic_timer_div16();
	apic_write(APIC_TMICT, 0xffffffff);
}

u32 apic_timer_count_left(void)
{
	return apic_read(APIC_TMCCT);
}

void apic_timer_count_stop(void)
{
	apic_write(APIC_TMICT, 0);
}
