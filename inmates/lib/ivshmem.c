/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The ivshmem 2.0 function of a shared-memory link (inmate.h): found on
 * bus 0 by its IDs, its registers and MSI-X table placed where the cell
 * says, its memory where its vendor capability says.
 */
#include "inmate.h"

#define IVSHMEM_VENDOR		0x110a
#define IVSHMEM_DEVICE		0x4106
#define PCI_COMMAND		0x04
#define  PCI_COMMAND_MEMORY	0x0002
#define  PCI_COMMAND_MASTER	0x0004
#define PCI_BAR0		0x10
#define PCI_BAR1		0x14
#define PCI_CAP_VENDOR		0x09
#define PCI_CAP_MSIX		0x11
#define MSIX_CONTROL		2
#define  MSIX_ENABLE		0x8000
#define VNDR_STATE_SIZE		4
#define VNDR_RW_SIZE		8
#define VNDR_OUT_SIZE		0x10
#define VNDR_ADDRESS		0x18

#define REG_ID			0
#define REG_MAX_PEERS		1
#define REG_INT_CTRL		2
#define REG_DOORBELL		3
#define REG_STATE		4

static u64 read64(u16 bdf, u16 reg)
{
	return pci_read32(bdf, reg) | (u64)pci_read32(bdf, (u16)(reg + 4)) << 32;
}

bool ivshmem_open(struct ivshmem *d, unsigned int n, u64 bars)
{
	unsigned int fn, seen = 0;
	u8 vndr, msix;
	u64 base;

	if (!comm_region->pci_mmconfig_base)
		return false;
	for (fn = 0; fn < 256; fn++)
		if (pci_read32((u16)fn, 0) ==
		    ((u32)IVSHMEM_DEVICE << 16 | IVSHMEM_VENDOR) &&
		    seen++ == n)
			break;
	if (fn == 256)
		return false;
	d->bdf = (u16)fn;
	vndr = pci_find_cap(d->bdf, PCI_CAP_VENDOR);
	msix = pci_find_cap(d->bdf, PCI_CAP_MSIX);
	if (!vndr || !msix)
		return false;
	pci_write32(d->bdf, PCI_BAR0, (u32)bars);
	pci_write32(d->bdf, PCI_BAR1, (u32)bars + 0x1000);
	pci_write16(d->bdf, PCI_COMMAND, PCI_COMMAND_MEMORY |
		    PCI_COMMAND_MASTER);
	d->regs = (volatile u32 *)(unsigned long)bars;
	d->msix = (volatile u32 *)(unsigned long)(bars + 0x1000);
	d->vectors = (pci_read16(d->bdf, (u16)(msix + MSIX_CONTROL)) &
		      0x7ff) + 1;
	base = read64(d->bdf, (u16)(vndr + VNDR_ADDRESS));
	d->state = (const volatile u32 *)(unsigned long)base;
	base += pci_read32(d->bdf, (u16)(vndr + VNDR_STATE_SIZE));
	d->rw = (volatile u8 *)(unsigned long)base;
	d->rw_size = read64(d->bdf, (u16)(vndr + VNDR_RW_SIZE));
	d->out = d->rw + d->rw_size;
	d->out_size = read64(d->bdf, (u16)(vndr + VNDR_OUT_SIZE));
	d->id = d->regs[REG_ID];
	d->peers = d->regs[REG_MAX_PEERS];
	return true;
}

void ivshmem_set_vector(struct ivshmem *d, u32 v, u32 apic_id, u8 vector)
{
	volatile u32 *e = d->msix + v * 4;
	u8 msix = pci_find_cap(d->bdf, PCI_CAP_MSIX);

	e[3] = 1;			/* masked while it changes */
	e[0] = 0xfee00000U | apic_id << 12;
	e[1] = 0;
	e[2] = vector;
	e[3] = 0;
	pci_write16(d->bdf, (u16)(msix + MSIX_CONTROL), MSIX_ENABLE);
}

void ivshmem_irqs(struct ivshmem *d, bool on)
{
	d->regs[REG_INT_CTRL] = on;
}

void ivshmem_ring(struct ivshmem *d, u32 peer, u32 v)
{
	d->regs[REG_DOORBELL] = peer << 16 | v;
}

void ivshmem_set_state(struct ivshmem *d, u32 state)
{
	d->regs[REG_STATE] = state;
}

volatile void *ivshmem_output(const struct ivshmem *d, u32 peer)
{
	return d->out + peer * d->out_size;
}
