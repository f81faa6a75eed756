/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * hello: shows what a cell finds: the hypervisor signature, its comm
 * region, the PM timer; then prints a tick every second so that anyone
 * can see it keeps running, and after ten seconds how many VM exits its
 * steady state (UART, PM timer, busy loop) cost: none is the goal. Over
 * its first two ticks it measures the TSC by the PM timer itself, a check
 * of the rate the hypervisor put in the comm region.
 */
#include "inmate.h"

/* A line through the debug-console hypercall alone; false if refused. */
static bool hc_puts(const char *s)
{
	for (; *s; s++)
		if (hypercall1(HC_DEBUG_CONSOLE_PUTC, (u8)*s))
			return false;
	return true;
}

/* The TSC and the PM timer (ns) at one moment: the tightest of eight
 * PM-timer reads between two TSC reads. */
static void stamp(u64 *tsc, u64 *ns)
{
	u64 best = ~0ULL;
	int i;

	for (i = 0; i < 8; i++) {
		u64 a = rdtsc(), p = pm_timer_read_ns(), b = rdtsc();

		if (b - a < best) {
			best = b - a;
			*tsc = a + (b - a) / 2;
			*ns = p;
		}
	}
}

void inmate_main(void)
{
	long cpu, at5 = 0, at10;
	u64 tsc0 = 0, ns0 = 0, tsc1, ns1;
	union {
		u32 reg[3];
		char text[13];
	} sig = { .text = { 0 } };
	unsigned int i;
	u32 a;

	cpuid(HC_CPUID_SIGNATURE, &a, &sig.reg[0], &sig.reg[1], &sig.reg[2]);
	printk("Hello from a Bulkhead cell\n");
	printk("hypervisor signature \"%s\" (max leaf 0x%x), comm region %.6s "
	       "revision %u\n", sig.text, a,
	       (const char *)comm_region->signature, comm_region->revision);
	printk("%u CPU(s), PM timer port 0x%x, console 0x%llx, PCI MMCONFIG "
	       "0x%llx\n", comm_region->num_cpus,
	       comm_region->pm_timer_address,
	       (unsigned long long)comm_region->console.address,
	       (unsigned long long)comm_region->pci_mmconfig_base);
	printk("TSC %u kHz, APIC timer %u kHz\n", comm_region->tsc_khz,
	       comm_region->apic_khz);
	printk("debug-console hypercall %s\n",
	       hc_puts("hello: this line went through the hypervisor\n") ?
	       "permitted" : "refused");
	cpu = stats_own_cpu();
	printk("running on logical CPU %ld; %ld cells; VM exits so far: %ld "
	       "(CPUID %ld, hypercall %ld, I/O %ld, MSR %ld)\n", cpu,
	       hypercall1(HC_HYPERVISOR_GET_INFO, HC_INFO_NUM_CELLS),
	       stats_exits(cpu, CPU_STAT_VMEXITS_TOTAL),
	       stats_exits(cpu, CPU_STAT_VMEXITS_CPUID),
	       stats_exits(cpu, CPU_STAT_VMEXITS_HYPERCALL),
	       stats_exits(cpu, CPU_STAT_VMEXITS_PIO),
	       stats_exits(cpu, CPU_STAT_VMEXITS_MSR_OTHER));
	stamp(&tsc0, &ns0);
	for (i = 1;; i++) {
		delay_us(1000000);
		printk("tick %u\n", i);
		if (i == 2) {
			stamp(&tsc1, &ns1);
			printk("TSC measured by the cell over %llu ms: %llu kHz\n",
			       (unsigned long long)((ns1 - ns0) / 1000000),
			       (unsigned long long)((tsc1 - tsc0) * 1000000 /
						    (ns1 - ns0)));
		}
		if (i == 5)
			at5 = stats_exits(cpu, CPU_STAT_VMEXITS_TOTAL);
		if (i == 10) {
			/* Less the exit of the query itself. */
			at10 = stats_exits(cpu, CPU_STAT_VMEXITS_TOTAL);
			printk("steady state: %ld VM exits in 5 s\n",
			       at10 - at5 - 1);
		}
	}
}
