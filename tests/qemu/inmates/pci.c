/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * PCI test inmate (tests/qemu/systems/pci). With role=owner its cell owns
 * QEMU's edu device (1234:11e8) at bdf=N: it finds the function by both
 * configuration paths (ECAM and ports 0xcf8/0xcfc) and nothing else,
 * sizes BAR0 and moves it in configuration space (the device must stay
 * where the firmware put it), turns decoding on and drives the device's
 * registers, asks for bus mastering and MSI (refused without an IOMMU),
 * writes a read-only register and another function (dropped). Then it
 * waits for the prober's writes to its function (the counter in the page
 * both cells share) and checks the device is as it left it. Each of its
 * runs (the manager of tests/qemu/systems/pci restarts it 20 times)
 * begins by printing the function's state as the cell finds it, and
 * ends by leaving it otherwise (BAR0 moved in configuration space,
 * decoding and the MSI shadow on) and counting the run in the shared
 * page; with intx_pin=P it first has the device raise INTx interrupts,
 * which its config routes to its IOAPIC pin P (BH_PCI_INTX). With
 * role=prober its cell owns no function: it reads bdf=N as absent by
 * both paths and writes its command register (decoding off) again and
 * again, counting in the shared page. With role=msix its cell owns a
 * function with MSI-X (e1000e): it writes vectors of the table through
 * the BAR (dwords, a qword, a byte), reads them back and the pending
 * bits, and enables MSI-X (refused without an IOMMU).
 */
#include "inmate.h"

/* The page the cells share: [0] the prober's writes so far, [1] the
 * owner's runs finished, [2] PCI_MAGIC once the prober cleared it. */
#define SHARED		((volatile u32 *)0x200000UL)
#define PCI_MAGIC	0x50434921U
#define PROBER_WRITES	100

#define CFG_ID		0x00
#define CFG_COMMAND	0x04
#define CFG_BAR0	0x10
#define CMD_MEM		0x0002
#define CMD_MASTER	0x0004
#define CAP_MSI		0x05
#define CAP_MSIX	0x11

#define EDU_ID		0x00
#define EDU_LIVENESS	0x04
#define EDU_INTR_STATUS	0x24
#define EDU_INTR_RAISE	0x60
#define EDU_INTR_ACK	0x64

#define INTX_VECTOR	0x42
#define INTX_RAISES	3

static u64 ecam;

static volatile u8 *ecam_fn(u16 bdf, u16 reg)
{
	return (volatile u8 *)(ecam + ((u64)bdf << 12) + reg);
}

static u32 ecam_read32(u16 bdf, u16 reg)
{
	return *(volatile u32 *)ecam_fn(bdf, reg);
}

static void ecam_write32(u16 bdf, u16 reg, u32 v)
{
	*(volatile u32 *)ecam_fn(bdf, reg) = v;
}

static u16 ecam_read16(u16 bdf, u16 reg)
{
	return *(volatile u16 *)ecam_fn(bdf, reg);
}

static void ecam_write16(u16 bdf, u16 reg, u16 v)
{
	*(volatile u16 *)ecam_fn(bdf, reg) = v;
}

static u32 port_read32(u16 bdf, u16 reg)
{
	outl(0xcf8, 0x80000000U | (u32)bdf << 8 | (reg & 0xfc));
	return inl(0xcfc);
}

static void port_write16(u16 bdf, u16 reg, u16 v)
{
	outl(0xcf8, 0x80000000U | (u32)bdf << 8 | (reg & 0xfc));
	outw((u16)(0xcfc + (reg & 2)), v);
}

static u16 port_read16(u16 bdf, u16 reg)
{
	outl(0xcf8, 0x80000000U | (u32)bdf << 8 | (reg & 0xfc));
	return inw((u16)(0xcfc + (reg & 2)));
}

/* Every function of bus 0 that answers by one path; the last found. */
static unsigned int scan(bool ports, u16 *found, u32 *id)
{
	unsigned int n = 0;
	u16 bdf;

	for (bdf = 0; bdf < 256; bdf++) {
		u32 v = ports ? port_read32(bdf, CFG_ID) :
			ecam_read32(bdf, CFG_ID);

		if ((v & 0xffff) == 0xffff)
			continue;
		n++;
		*found = bdf;
		*id = v;
	}
	return n;
}

static void print_scan(const char *how, bool ports)
{
	u16 bdf = 0;
	u32 id = 0;
	unsigned int n = scan(ports, &bdf, &id);

	printk("pci: %s scan of bus 0: %u function(s), the last 00:%02x.%x "
	       "%04x:%04x\n", how, n, bdf >> 3, bdf & 7, id & 0xffff,
	       id >> 16);
}

static volatile u32 *intx_regs;
static volatile u32 intx_count;

static void intx_handler(struct irq_frame *f)
{
	(void)f;
	intx_regs[EDU_INTR_ACK / 4] = intx_regs[EDU_INTR_STATUS / 4];
	intx_count++;
	apic_eoi();
}

/* With intx_pin=P (its config routes the function's INTx line to its
 * IOAPIC pin P): INTX_RAISES interrupts raised by the device, one at a
 * time, with MSI off in the hardware (refused without an IOMMU), each
 * awaited for a second on the level-triggered pin. */
static void intx_test(u16 bdf, u32 bar)
{
	int pin = cmdline_int("intx_pin", -1);
	u32 i;

	if (pin < 0)
		return;
	intx_regs = (volatile u32 *)(u64)(bar & ~0xfU);
	intx_count = 0;
	irq_init();
	irq_set_handler(INTX_VECTOR, intx_handler);
	irq_enable();
	ioapic_pin_set_vector((unsigned int)pin, true, INTX_VECTOR);
	ecam_write16(bdf, CFG_COMMAND, CMD_MEM);	/* INTx disable clear */
	for (i = 1; i <= INTX_RAISES; i++) {
		u64 deadline = pm_timer_read_ns() + 1000000000ULL;

		intx_regs[EDU_INTR_RAISE / 4] = 1;
		while (intx_count < i && pm_timer_read_ns() < deadline)
			delay_us(100);
	}
	printk("pci: run %u: INTx on IOAPIC pin %d: %u of %u raised arrived, "
	       "command 0x%04x\n", SHARED[1] + 1, pin, intx_count,
	       INTX_RAISES, ecam_read16(bdf, CFG_COMMAND));
	ioapic_pin_mask((unsigned int)pin);
}

/* The end of a run: INTx tried, the function left as no run finds it,
 * the run counted. */
static void finish(u16 bdf, u32 bar)
{
	u8 msi = pci_find_cap(bdf, CAP_MSI);

	intx_test(bdf, bar);

	ecam_write16(bdf, CFG_COMMAND, CMD_MEM);
	ecam_write32(bdf, CFG_BAR0, bar + 0x10000000U);
	if (msi)
		ecam_write16(bdf, msi + 2, 1);
	SHARED[1] = SHARED[1] + 1;
	printk("pci: run %u finished\n", SHARED[1]);
}

static void owner(u16 bdf)
{
	u32 bar, size, id, live;
	volatile u32 *regs;
	u16 cmd;
	u8 msi;
	u64 deadline;

	bar = ecam_read32(bdf, CFG_BAR0);
	msi = pci_find_cap(bdf, CAP_MSI);
	printk("pci: at start: command 0x%04x, BAR0 0x%x, MSI control "
	       "0x%04x\n", ecam_read16(bdf, CFG_COMMAND), bar,
	       msi ? ecam_read16(bdf, msi + 2) : 0);
	if (SHARED[2] == PCI_MAGIC && SHARED[1]) {
		/* A restart: the checks were made in the first run. */
		finish(bdf, bar);
		return;
	}

	print_scan("ECAM", false);
	print_scan("port", true);

	ecam_write32(bdf, CFG_BAR0, 0xffffffffU);
	size = ecam_read32(bdf, CFG_BAR0);
	ecam_write32(bdf, CFG_BAR0, bar);
	printk("pci: BAR0 0x%x sizes as 0x%x, reads 0x%x restored\n", bar,
	       size, ecam_read32(bdf, CFG_BAR0));

	cmd = ecam_read16(bdf, CFG_COMMAND);
	ecam_write16(bdf, CFG_COMMAND, cmd | CMD_MEM);
	regs = (volatile u32 *)(u64)(bar & ~0xfU);
	id = regs[EDU_ID / 4];
	regs[EDU_LIVENESS / 4] = 0x12345678;
	live = regs[EDU_LIVENESS / 4];
	printk("pci: decoding on: edu ID 0x%08x, liveness 0x12345678 reads "
	       "back 0x%08x\n", id, live);

	/* Moved in configuration space: the device stays put. */
	ecam_write16(bdf, CFG_COMMAND, cmd);
	ecam_write32(bdf, CFG_BAR0, bar + 0x10000000U);
	ecam_write16(bdf, CFG_COMMAND, cmd | CMD_MEM);
	printk("pci: BAR0 written 0x%x: edu ID at 0x%x still 0x%08x\n",
	       ecam_read32(bdf, CFG_BAR0), bar, regs[EDU_ID / 4]);
	ecam_write32(bdf, CFG_BAR0, bar);

	port_write16(bdf, CFG_COMMAND, cmd | CMD_MEM | CMD_MASTER);
	printk("pci: bus mastering asked: command reads 0x%04x\n",
	       port_read16(bdf, CFG_COMMAND));

	ecam_write32(bdf, CFG_ID, 0);
	printk("pci: IDs written 0: read 0x%08x\n", ecam_read32(bdf, CFG_ID));

	if (msi) {
		ecam_write32(bdf, msi + 4, 0xfee00000U | cpu_id() << 12);
		ecam_write32(bdf, msi + 8, 0);
		ecam_write16(bdf, msi + 12, 0x41);
		ecam_write16(bdf, msi + 2, 1);
		printk("pci: MSI capability at 0x%x enabled: control reads "
		       "0x%04x\n", msi, ecam_read16(bdf, msi + 2));
	}

	/* Not its function: a write to the LPC bridge's command. */
	ecam_write16(0xf8, CFG_COMMAND, 0);
	port_write16(0xf8, CFG_COMMAND, 0);
	printk("pci: foreign 00:1f.0 reads 0x%08x by ECAM, 0x%08x by port\n",
	       ecam_read32(0xf8, CFG_ID), port_read32(0xf8, CFG_ID));

	deadline = pm_timer_read_ns() + 60000000000ULL;
	while ((SHARED[2] != PCI_MAGIC || SHARED[0] < PROBER_WRITES) &&
	       pm_timer_read_ns() < deadline)
		delay_us(1000);
	printk("pci: after %u writes by another cell: command 0x%04x, edu ID "
	       "0x%08x\n", SHARED[0], ecam_read16(bdf, CFG_COMMAND),
	       regs[EDU_ID / 4]);
	finish(bdf, bar);
}

static void prober(u16 bdf)
{
	u32 i;

	SHARED[2] = 0;
	SHARED[0] = 0;
	SHARED[1] = 0;
	SHARED[2] = PCI_MAGIC;
	printk("pci-probe: %02x:%02x.%x reads 0x%08x by ECAM, 0x%08x by port\n",
	       bdf >> 8, (bdf >> 3) & 0x1f, bdf & 7, ecam_read32(bdf, CFG_ID),
	       port_read32(bdf, CFG_ID));
	for (i = 1; i <= PROBER_WRITES; i++) {
		if (i & 1)
			ecam_write16(bdf, CFG_COMMAND, 0);
		else
			port_write16(bdf, CFG_COMMAND, 0);
		SHARED[0] = i;
		delay_us(1000);
	}
	printk("pci-probe: %u writes to %02x:%02x.%x's command register "
	       "done\n", PROBER_WRITES, bdf >> 8, (bdf >> 3) & 0x1f, bdf & 7);
}

static void msix(u16 bdf)
{
	u8 cap = pci_find_cap(bdf, CAP_MSIX);
	u32 table, pba, bar;
	volatile u32 *t;
	volatile u64 *pb;

	if (!cap) {
		printk("pci-msix: no MSI-X capability\n");
		return;
	}
	table = ecam_read32(bdf, cap + 4);
	pba = ecam_read32(bdf, cap + 8);
	bar = ecam_read32(bdf, CFG_BAR0 + 4 * (table & 7)) & ~0xfU;
	t = (volatile u32 *)(u64)(bar + (table & ~7U));
	pb = (volatile u64 *)(u64)((ecam_read32(bdf, CFG_BAR0 + 4 * (pba & 7)) &
				   ~0xfU) + (pba & ~7U));
	ecam_write16(bdf, CFG_COMMAND, CMD_MEM);
	printk("pci-msix: %u vectors, table in BAR%u at 0x%x, vector 0 "
	       "control %u\n", (ecam_read16(bdf, cap + 2) & 0x7ff) + 1,
	       table & 7, (u32)(u64)t, t[3]);
	t[0] = 0xfee00000U | cpu_id() << 12;
	t[1] = 0;
	t[2] = 0x45;
	t[3] = 0;
	*(volatile u64 *)&t[4] = 0xfee00000ULL | cpu_id() << 12;
	*(volatile u64 *)&t[6] = 0x46;
	*(volatile u8 *)&t[8] = 0x47;
	printk("pci-msix: vector 0 reads 0x%x 0x%x 0x%x %u, vector 1 0x%llx "
	       "0x%llx, vector 2 data 0x%x\n", t[0], t[1], t[2], t[3],
	       (unsigned long long)*(volatile u64 *)&t[4],
	       (unsigned long long)*(volatile u64 *)&t[6], t[10]);
	printk("pci-msix: pending bits 0x%llx\n", (unsigned long long)pb[0]);
	ecam_write16(bdf, cap + 2, 0x8000);
	printk("pci-msix: MSI-X enabled: control reads 0x%04x\n",
	       ecam_read16(bdf, cap + 2));
}

void inmate_main(void)
{
	char role[16] = "";
	u16 bdf = (u16)cmdline_int("bdf", 0);

	ecam = comm_region->pci_mmconfig_base;
	printk("pci: MMCONFIG at 0x%llx (comm region)\n",
	       (unsigned long long)ecam);
	if (!ecam)
		ecam = 0xb0000000;	/* q35's: the prober owns no function */
	cmdline_str("role", role, sizeof(role));
	if (role[0] == 'o')
		owner(bdf);
	else if (role[0] == 'm')
		msix(bdf);
	else
		prober(bdf);
	printk("pci: done\n");
}
