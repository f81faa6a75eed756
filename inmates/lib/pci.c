/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * PCI configuration space of the cell's own functions through ECAM, at
 * the MMCONFIG base the comm region gives (inmate.h).
 */
#include "inmate.h"

#define PCI_CAP_PTR		0x34
#define PCI_STATUS		0x06
#define PCI_STATUS_CAP_LIST	0x0010
#define PCI_CAP_MSI		0x05
#define MSI_CONTROL		2
#define MSI_CONTROL_ENABLE	0x0001
#define MSI_CONTROL_64BIT	0x0080

volatile void *pci_cfg(u16 bdf, u16 reg)
{
	u64 a = comm_region->pci_mmconfig_base + ((u64)bdf << 12) + reg;

	return (volatile void *)(unsigned long)a;
}

u32 pci_read32(u16 bdf, u16 reg)
{
	return *(volatile u32 *)pci_cfg(bdf, reg);
}

u16 pci_read16(u16 bdf, u16 reg)
{
	return *(volatile u16 *)pci_cfg(bdf, reg);
}

u8 pci_read8(u16 bdf, u16 reg)
{
	return *(volatile u8 *)pci_cfg(bdf, reg);
}

void pci_write32(u16 bdf, u16 reg, u32 v)
{
	*(volatile u32 *)pci_cfg(bdf, reg) = v;
}

void pci_write16(u16 bdf, u16 reg, u16 v)
{
	*(volatile u16 *)pci_cfg(bdf, reg) = v;
}

bool pci_find_device(u16 vendor, u16 device, u16 *bdf)
{
	unsigned int fn;

	if (!comm_region->pci_mmconfig_base)
		return false;
	for (fn = 0; fn < 256; fn++)
		if (pci_read32((u16)fn, 0) == ((u32)device << 16 | vendor)) {
			*bdf = (u16)fn;
			return true;
		}
	return false;
}

u8 pci_find_cap(u16 bdf, u8 id)
{
	u8 p;
	unsigned int n;

	if (!(pci_read16(bdf, PCI_STATUS) & PCI_STATUS_CAP_LIST))
		return 0;
	p = pci_read8(bdf, PCI_CAP_PTR) & 0xfc;
	/* At most 48 capabilities fit in 256 bytes: a loop ends there. */
	for (n = 0; p && n < 48; n++) {
		if (pci_read8(bdf, p) == id)
			return p;
		p = pci_read8(bdf, (u16)(p + 1)) & 0xfc;
	}
	return 0;
}

u8 pci_msi_enable(u16 bdf, u32 apic_id, u8 vector)
{
	u8 msi = pci_find_cap(bdf, PCI_CAP_MSI);
	u16 control, data;

	/* The address holds 8 bits of destination. */
	if (!msi || apic_id > 0xff)
		return 0;
	control = pci_read16(bdf, (u16)(msi + MSI_CONTROL));
	/* One vector, disabled while the message is written. */
	pci_write16(bdf, (u16)(msi + MSI_CONTROL), control & 0xff8e);
	pci_write32(bdf, (u16)(msi + 4), 0xfee00000U | apic_id << 12);
	if (control & MSI_CONTROL_64BIT) {
		pci_write32(bdf, (u16)(msi + 8), 0);
		data = (u16)(msi + 12);
	} else {
		data = (u16)(msi + 8);
	}
	pci_write16(bdf, data, vector);
	pci_write16(bdf, (u16)(msi + MSI_CONTROL),
		    (control & 0xff8e) | MSI_CONTROL_ENABLE);
	return msi;
}
