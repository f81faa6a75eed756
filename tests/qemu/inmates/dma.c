/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * DMA test inmate (tests/qemu/systems/iommu). With role=attacker its cell
 * owns QEMU's edu device (1234:11e8) at bdf=N and drives its DMA engine:
 * a round trip through the device's buffer within its own DMA region
 * (must work), then writes of a pattern to victim=ADDR (the victim's
 * memory by host address), to hv=ADDR (the hypervisor's code, whose
 * digest the hypervisor checks at each restart), to its own DMA region by guest address (where
 * the write must land: addresses are the cell's), and to its own memory
 * outside the DMA region (must not land), then has the device raise MSIs
 * aimed at its CPU (each must arrive) and at the victim's CPU by physical
 * and by logical destination and at every CPU (each message refused:
 * none may arrive, the victim counts the vector, the attacker its own);
 * it does so in each of its runs
 * (the manager of tests/qemu/systems/iommu restarts it), counting them
 * in the page the cells share. With part=N its runs 1 to N end with a
 * parting transfer: a DMA whose end the device signals with an MSI aimed
 * at its own CPU, 100 ms after it is started, then a triple fault at
 * once, so that the interrupt comes while the cell is stopped; the
 * manager starts it again 500 ms after it failed (owner_fails=1), and
 * the next run prints the device's interrupt status as it finds it. With role=victim it fills a page of its
 * DMA region with a pattern, tells the attacker through the shared page
 * and checks the page once the attacker has finished runs=N runs.
 */
#include "inmate.h"

/* The page the cells share: [0] VICTIM_READY, [1] the attacker's runs
 * finished, [2] PCI_MAGIC once the victim cleared it (the manager's
 * scenario=pci protocol). */
#define SHARED		((volatile u32 *)0x200000UL)
#define VICTIM_READY	0x56494354U
#define PCI_MAGIC	0x50434921U

#define CFG_COMMAND	0x04
#define CFG_BAR0	0x10
#define CMD_MEM		0x0002
#define CMD_MASTER	0x0004

/* edu's DMA engine: source, destination, count, command; its buffer. */
#define EDU_DMA_SRC	0x80
#define EDU_DMA_DST	0x88
#define EDU_DMA_COUNT	0x90
#define EDU_DMA_CMD	0x98
#define EDU_CMD_RUN	0x1
#define EDU_CMD_TO_RAM	0x2
#define EDU_CMD_IRQ	0x4	/* an interrupt at the end (status 0x100) */
#define EDU_BUFFER	0x40000
#define EDU_INTR_RAISE	0x60
#define EDU_INTR_ACK	0x64
#define EDU_INTR_STATUS	0x24

#define CAP_MSI		0x05
#define MSI_VECTOR	0x41
#define MSI_ADDR_LOGICAL 0x4
#define MSI_RAISES	10

#define PAGE		4096
#define OWN_SRC		0x90000UL	/* in the DMA region */
#define OWN_BACK	0x91000UL
#define OWN_GUEST	0x80000UL	/* the victim's guest address, ours */
#define OUTSIDE		0x70000UL	/* RAM outside the DMA region */
#define VICTIM_PAGE	0x80000UL	/* the victim's, in its DMA region */

static volatile u8 *edu;
static volatile u32 msis;

static void msi_handler(struct irq_frame *f)
{
	(void)f;
	*(volatile u32 *)(edu + EDU_INTR_ACK) =
		*(volatile u32 *)(edu + EDU_INTR_STATUS);
	msis++;
	apic_eoi();
}

/* The MSI aimed at @p dest (address bits 19:2), raised MSI_RAISES
 * times. */
static void raise_foreign(u16 bdf, u8 msi, u32 dest)
{
	u32 i;

	pci_write16(bdf, (u16)(msi + 2), 0);
	pci_write32(bdf, (u16)(msi + 4), 0xfee00000U | dest);
	pci_write16(bdf, (u16)(msi + 2), 1);
	for (i = 0; i < MSI_RAISES; i++) {
		*(volatile u32 *)(edu + EDU_INTR_RAISE) = 1;
		delay_us(10000);
		*(volatile u32 *)(edu + EDU_INTR_ACK) = 1;
	}
}

/* MSI aimed at this CPU: raised MSI_RAISES times by the device, one at
 * a time, each must arrive; then aimed elsewhere (raise_foreign()). */
static void msi_test(u16 bdf, u32 run, u32 victim_apic)
{
	u8 msi = pci_find_cap(bdf, CAP_MSI);
	u32 i;

	if (!msi) {
		printk("dma: no MSI capability\n");
		return;
	}
	irq_init();
	irq_set_handler(MSI_VECTOR, msi_handler);
	irq_enable();
	pci_write32(bdf, (u16)(msi + 4), 0xfee00000U | cpu_id() << 12);
	pci_write32(bdf, (u16)(msi + 8), 0);
	pci_write16(bdf, (u16)(msi + 12), MSI_VECTOR);
	pci_write16(bdf, (u16)(msi + 2), 1);
	for (i = 1; i <= MSI_RAISES; i++) {
		u64 deadline = pm_timer_read_ns() + 1000000000ULL;

		*(volatile u32 *)(edu + EDU_INTR_RAISE) = 1;
		while (msis < i && pm_timer_read_ns() < deadline)
			delay_us(100);
	}
	printk("dma: run %u: %u MSIs raised, %u received on vector 0x%x\n",
	       run, MSI_RAISES, msis, MSI_VECTOR);
	/* Aimed at the victim's CPU, physical and logical (its bit in the
	 * flat model and in x2APIC cluster 0 alike), and at every CPU:
	 * each refused, none may arrive there. */
	raise_foreign(bdf, msi, victim_apic << 12);
	printk("dma: run %u: %u MSIs raised aimed at APIC ID %u\n", run,
	       MSI_RAISES, victim_apic);
	raise_foreign(bdf, msi, 1U << (victim_apic + 12) | MSI_ADDR_LOGICAL);
	printk("dma: run %u: %u MSIs raised to logical destination 0x%x\n",
	       run, MSI_RAISES, 1U << victim_apic);
	raise_foreign(bdf, msi, 0xffU << 12);
	printk("dma: run %u: %u MSIs raised to destination 0xff; %u "
	       "received here in all\n", run, MSI_RAISES, msis);
	/* Ten more refusals, each for its own reason (a reserved vector):
	 * the console is told of the first five only, eight in the run. */
	for (i = 0; i < 10; i++)
		pci_write16(bdf, (u16)(msi + 12), (u16)i);
	pci_write16(bdf, (u16)(msi + 2), 0);
	printk("dma: run %u: vectors 0-9 asked for\n", run);
}

static volatile u16 *command(u16 bdf)
{
	return pci_cfg(bdf, CFG_COMMAND);
}

static void edu_write(u32 reg, u64 v)
{
	*(volatile u64 *)(edu + reg) = v;
}

/* One transfer of @p len bytes; false if it never ended. */
static bool dma(u64 src, u64 dst, u32 len, bool to_ram)
{
	u64 deadline = pm_timer_read_ns() + 5000000000ULL;

	edu_write(EDU_DMA_SRC, src);
	edu_write(EDU_DMA_DST, dst);
	edu_write(EDU_DMA_COUNT, len);
	edu_write(EDU_DMA_CMD, EDU_CMD_RUN | (to_ram ? EDU_CMD_TO_RAM : 0));
	while (*(volatile u64 *)(edu + EDU_DMA_CMD) & EDU_CMD_RUN)
		if (pm_timer_read_ns() > deadline)
			return false;
	return true;
}

static void fill(u64 addr, u8 v)
{
	volatile u8 *p = (volatile u8 *)addr;
	u32 i;

	for (i = 0; i < PAGE; i++)
		p[i] = (u8)(v ^ i);
}

/* Bytes of the page at @p addr that match fill(@p v). */
static u32 matching(u64 addr, u8 v)
{
	const volatile u8 *p = (const volatile u8 *)addr;
	u32 i, n = 0;

	for (i = 0; i < PAGE; i++)
		n += p[i] == (u8)(v ^ i);
	return n;
}

/* The last act of a run with part=N: a transfer that ends with an MSI
 * to this CPU in 100 ms (edu's DMA timer, QEMU's virtual clock), then a
 * triple fault, which stops the cell long before. Whatever reaches a
 * CPU outside its cell is told by the hypervisor when the CPU enters
 * again. */
static void __attribute__((noreturn)) parting(u16 bdf)
{
	struct desc_ptr empty = { 0, 0 };
	u8 msi = pci_find_cap(bdf, CAP_MSI);

	pci_write32(bdf, (u16)(msi + 4), 0xfee00000U | cpu_id() << 12);
	pci_write32(bdf, (u16)(msi + 8), 0);
	pci_write16(bdf, (u16)(msi + 12), MSI_VECTOR);
	pci_write16(bdf, (u16)(msi + 2), 1);
	edu_write(EDU_DMA_SRC, OWN_SRC);
	edu_write(EDU_DMA_DST, EDU_BUFFER);
	edu_write(EDU_DMA_COUNT, PAGE);
	edu_write(EDU_DMA_CMD, EDU_CMD_RUN | EDU_CMD_IRQ);
	asm volatile("lidt %0; int3" : : "m"(empty));
	for (;;)
		asm volatile("hlt");
}

static void attacker(u16 bdf, u64 victim, u64 hv, u32 part)
{
	u32 status;
	u64 deadline = pm_timer_read_ns() + 60000000000ULL;
	bool ok;

	while (SHARED[0] != VICTIM_READY && pm_timer_read_ns() < deadline)
		delay_us(1000);
	edu = (volatile u8 *)(u64)(pci_read32(bdf, CFG_BAR0) & ~0xfU);
	*command(bdf) = CMD_MEM | CMD_MASTER;
	/* What the last run's parting transfer left (once decoding is on
	 * again): its end raised while the cell was stopped (0x100), and
	 * nothing took it. */
	status = *(volatile u32 *)(edu + EDU_INTR_STATUS);
	printk("dma: run %u: interrupt status on entry 0x%x, DMA %s\n",
	       SHARED[1] + 1, status,
	       *(volatile u64 *)(edu + EDU_DMA_CMD) & EDU_CMD_RUN ?
	       "running" : "idle");
	*(volatile u32 *)(edu + EDU_INTR_ACK) = status;
	printk("dma: bus mastering asked: command reads 0x%04x\n",
	       *command(bdf));

	fill(OWN_SRC, 0x3c);
	fill(OWN_BACK, 0);
	ok = dma(OWN_SRC, EDU_BUFFER, PAGE, false) &&
	     dma(EDU_BUFFER, OWN_BACK, PAGE, true);
	printk("dma: run %u: own DMA region round trip%s: %u of %u bytes match\n",
	       SHARED[1] + 1, ok ? "" : " (timed out)",
	       matching(OWN_BACK, 0x3c), PAGE);

	/* The device's buffer now holds the attack pattern. */
	fill(OWN_SRC, 0xe7);
	fill(OUTSIDE, 0x11);
	fill(OWN_GUEST, 0x22);
	ok = dma(OWN_SRC, EDU_BUFFER, PAGE, false) &&
	     dma(EDU_BUFFER, victim, PAGE, true) &&
	     (!hv || dma(EDU_BUFFER, hv, PAGE, true)) &&
	     dma(EDU_BUFFER, OWN_GUEST, PAGE, true) &&
	     dma(EDU_BUFFER, OUTSIDE, PAGE, true);
	printk("dma: attack writes%s: to its own 0x%lx %u of %u bytes "
	       "landed, outside its DMA region 0x%lx %u of %u bytes changed\n",
	       ok ? " done" : " timed out", OWN_GUEST,
	       matching(OWN_GUEST, 0xe7), PAGE, OUTSIDE,
	       PAGE - matching(OUTSIDE, 0x11), PAGE);
	/* Test builds (log_fault=1): the I/O page fault that write makes
	 * on silicon, logged by the hypervisor as the IOMMU would, since
	 * QEMU's log cannot be read as specified. */
	if (cmdline_int("log_fault", 0))
		printk("dma: run %u: fault logged: %ld\n", SHARED[1] + 1,
		       hypercall1(0x7e59, OUTSIDE));
	msi_test(bdf, SHARED[1] + 1, (u32)cmdline_int("victim_apic", 2));
	printk("dma: run %u finished%s\n", SHARED[1] + 1,
	       SHARED[1] < part ? ", parting transfer next" : "");
	SHARED[1] = SHARED[1] + 1;
	if (SHARED[1] <= part)
		parting(bdf);
}

static volatile u32 foreign;

static void foreign_handler(struct irq_frame *f)
{
	(void)f;
	foreign++;
	apic_eoi();
}

static void victim(u32 runs)
{
	u64 deadline = pm_timer_read_ns() + 300000000000ULL;

	irq_init();
	irq_set_handler(MSI_VECTOR, foreign_handler);
	irq_enable();
	fill(VICTIM_PAGE, 0x5a);
	SHARED[1] = 0;
	SHARED[2] = PCI_MAGIC;
	SHARED[0] = VICTIM_READY;
	while (SHARED[1] < runs && pm_timer_read_ns() < deadline)
		delay_us(1000);
	printk("dma-victim: after %u attacker run(s): its page %u of %u bytes "
	       "intact, %u interrupt(s) on vector 0x%x\n", SHARED[1],
	       matching(VICTIM_PAGE, 0x5a), PAGE, foreign, MSI_VECTOR);
}

void inmate_main(void)
{
	char role[16] = "";

	cmdline_str("role", role, sizeof(role));
	if (role[0] == 'a')
		attacker((u16)cmdline_int("bdf", 0),
			 (u64)cmdline_int("victim", 0),
			 (u64)cmdline_int("hv", 0),
			 (u32)cmdline_int("part", 0));
	else
		victim((u32)cmdline_int("runs", 1));
	printk("dma: done\n");
}
