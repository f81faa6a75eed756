/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pci-demo: a cell driving a PCI function of its own with MSI and no DMA,
 * QEMU's edu device (1234:11e8). It finds the function through ECAM (only
 * its own functions answer there), maps nothing itself (the hypervisor
 * mapped BAR 0 at the address the firmware gave it), aims the function's
 * MSI at its own CPU and then, once a second, has the device compute a
 * factorial and signal the result with an MSI. It prints the first
 * results and, at the tenth, how many VM exits its steady state cost
 * (device registers, MSIs and their EOIs: none is the goal). It starts
 * from scratch at each start of the cell: the hypervisor resets the
 * function in between.
 */
#include "inmate.h"

#define EDU_VENDOR		0x1234
#define EDU_DEVICE		0x11e8
#define EDU_ID			0x00
#define EDU_FACTORIAL		0x08
#define EDU_STATUS		0x20
#define  EDU_STATUS_COMPUTING	0x01
#define  EDU_STATUS_IRQ_FACT	0x80	/* an interrupt when one is done */
#define EDU_INTR_STATUS		0x24
#define EDU_INTR_ACK		0x64
#define  EDU_INTR_FACT		0x01

#define PCI_COMMAND		0x04
#define  PCI_COMMAND_MEMORY	0x0002
#define  PCI_COMMAND_MASTER	0x0004	/* MSIs are writes of the device */
#define  PCI_COMMAND_INTX_OFF	0x0400	/* MSI only: no INTx line wanted */
#define PCI_BAR0		0x10

#define MSI_VECTOR		0x40
#define LARGEST			12	/* 13! does not fit edu's 32 bits */
#define SHOWN			3

static volatile u32 *edu;
static volatile u32 msis;

static void msi_handler(struct irq_frame *f)
{
	(void)f;
	edu[EDU_INTR_ACK / 4] = edu[EDU_INTR_STATUS / 4];
	msis = msis + 1;
	apic_eoi();
}

static u32 factorial(u32 n)
{
	u32 r = 1;

	while (n > 1)
		r *= n--;
	return r;
}

/* Have the device compute @p n! and wait (a second at most) for its MSI.
 * @return whether the MSI came and the result is right. */
static bool compute(u32 n, u32 *result)
{
	u32 before = msis;
	u64 deadline = pm_timer_read_ns() + 1000000000ULL;

	edu[EDU_STATUS / 4] = EDU_STATUS_IRQ_FACT;
	edu[EDU_FACTORIAL / 4] = n;
	while (msis == before && pm_timer_read_ns() < deadline)
		cpu_relax();
	*result = edu[EDU_FACTORIAL / 4];
	return msis != before && *result == factorial(n);
}

void inmate_main(void)
{
	u32 i, result, right = 0;
	long cpu, at5 = 0;
	u16 bdf;
	u8 msi;

	if (!pci_find_device(EDU_VENDOR, EDU_DEVICE, &bdf)) {
		printk("pci-demo: no edu device (%04x:%04x) among this cell's "
		       "PCI functions\n", EDU_VENDOR, EDU_DEVICE);
		stop();
	}
	edu = (volatile u32 *)(unsigned long)(pci_read32(bdf, PCI_BAR0) &
					      ~0xfU);
	irq_init();
	irq_set_handler(MSI_VECTOR, msi_handler);
	pci_write16(bdf, PCI_COMMAND, PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER |
		    PCI_COMMAND_INTX_OFF);
	msi = pci_msi_enable(bdf, cpu_id(), MSI_VECTOR);
	printk("pci-demo: edu %02x:%02x.%x, ID 0x%08x, BAR0 0x%llx, MSI "
	       "(capability 0x%x) aimed at APIC ID %u, vector 0x%x; command "
	       "0x%04x\n", bdf >> 8, (bdf >> 3) & 0x1f, bdf & 7,
	       edu[EDU_ID / 4], (unsigned long long)(unsigned long)edu, msi,
	       cpu_id(), MSI_VECTOR, pci_read16(bdf, PCI_COMMAND));
	irq_enable();
	cpu = stats_own_cpu();
	for (i = 1;; i++) {
		u32 n = (i - 1) % LARGEST + 1;
		bool ok = compute(n, &result);

		right += ok;
		if (i <= SHOWN || !ok)
			printk("pci-demo: %u! = %u, computed by the device; MSI "
			       "%u %s\n", n, result, msis,
			       ok ? "received" : "MISSING or result wrong");
		if (i == 5)
			at5 = stats_exits(cpu, CPU_STAT_VMEXITS_TOTAL);
		if (i == 10)
			/* Less the exit of the query itself. */
			printk("pci-demo: %u of %u results right, %u MSIs; "
			       "steady state: %ld VM exits over the last 5\n",
			       right, i, msis,
			       stats_exits(cpu, CPU_STAT_VMEXITS_TOTAL) - at5 -
			       1);
		delay_us(1000000);
	}
}
