/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * A simulated PCI function for the tests of core/lib/pci_cfg.c (the unit
 * test, the fuzz target and its seeds): configuration space with per-byte
 * writable and write-one-to-clear masks, as a function's registers have,
 * and one well-formed device to start from (dev_init()).
 */
#ifndef BULKHEAD_PCI_FIXTURE_H
#define BULKHEAD_PCI_FIXTURE_H

#include <string.h>

#include "pci_cfg.h"

struct dev {
	u8 cfg[PCI_CFG_SIZE];
	u8 wmask[PCI_CFG_SIZE];	/* bits a write changes */
	u8 w1c[PCI_CFG_SIZE];	/* bits a written 1 clears */
	unsigned int writes;
};

static inline u32 dev_read(void *ctx, u16 reg, unsigned int size)
{
	const struct dev *d = ctx;
	u32 v = 0;
	unsigned int i;

	for (i = 0; i < size; i++)
		v |= (u32)d->cfg[reg + i] << (i * 8);
	return v;
}

static inline void dev_write(void *ctx, u16 reg, unsigned int size, u32 value)
{
	struct dev *d = ctx;
	unsigned int i;

	d->writes++;
	for (i = 0; i < size; i++) {
		u8 b = (u8)(value >> (i * 8));
		u8 *c = &d->cfg[reg + i];

		*c = (u8)((*c & ~d->wmask[reg + i]) | (b & d->wmask[reg + i]));
		*c &= (u8)~(b & d->w1c[reg + i]);
	}
}

static inline void put(struct dev *d, u16 reg, unsigned int size, u32 v, u32 wmask,
		u32 w1c)
{
	unsigned int i;

	for (i = 0; i < size; i++) {
		d->cfg[reg + i] = (u8)(v >> (i * 8));
		d->wmask[reg + i] = (u8)(wmask >> (i * 8));
		d->w1c[reg + i] = (u8)(w1c >> (i * 8));
	}
}

static inline u32 hw_get(const struct dev *d, u16 reg, unsigned int size)
{
	return dev_read((void *)d, reg, size);
}

/*
 * 8086:10d3 with: BAR0 32-bit memory 16 KiB at 0xfebd4000, BAR1 I/O 32
 * bytes at 0xc040, BAR2/3 64-bit prefetchable memory 16 KiB at
 * 0x8_0000_0000, BAR4 and BAR5 not implemented; a ROM BAR; capabilities
 * PM at 0x40, MSI (64-bit, maskable) at 0x50, PCIe v2 with FLR at 0x70,
 * MSI-X (8 vectors, table at BAR2 + 0, PBA at BAR2 + 0x800) at 0xb0.
 */
static inline void dev_init(struct dev *d)
{
	memset(d, 0, sizeof(*d));
	put(d, 0x00, 2, 0x8086, 0, 0);
	put(d, 0x02, 2, 0x10d3, 0, 0);
	put(d, 0x04, 2, 0x0000, 0x07ff, 0);
	put(d, 0x06, 2, 0x2010, 0, 0xf900);	/* cap list, master abort */
	put(d, 0x08, 4, 0x02000000, 0, 0);
	put(d, 0x0c, 1, 0x00, 0xff, 0);
	put(d, 0x0d, 1, 0x00, 0xff, 0);
	put(d, 0x0e, 1, 0x00, 0, 0);
	put(d, 0x10, 4, 0xfebd4000, 0xffffc000, 0);
	put(d, 0x14, 4, 0x0000c041, 0x0000ffe0, 0);
	put(d, 0x18, 4, 0x0000000c, 0xffffc000, 0);
	put(d, 0x1c, 4, 0x00000008, 0xffffffff, 0);
	put(d, 0x30, 4, 0xfeb80000, 0xfffc0001, 0);
	put(d, 0x34, 1, 0x40, 0, 0);
	put(d, 0x3c, 1, 0x0b, 0xff, 0);
	put(d, 0x3d, 1, 0x01, 0, 0);
	/* PM: PMCSR power state, PME_En, data select writable, PME status
	 * write-one-to-clear, no-soft-reset read-only. */
	put(d, 0x40, 2, 0x5001, 0, 0);
	put(d, 0x42, 2, 0x0003, 0, 0);
	put(d, 0x44, 2, 0x0008, 0x1f03, 0x8000);
	/* MSI: 64-bit, maskable, 4 vectors capable. */
	put(d, 0x50, 2, 0x7005, 0, 0);
	put(d, 0x52, 2, 0x0184, 0x0071, 0);
	put(d, 0x54, 4, 0, 0xfffffffc, 0);
	put(d, 0x58, 4, 0, 0xffffffff, 0);
	put(d, 0x5c, 2, 0, 0xffff, 0);
	put(d, 0x60, 4, 0, 0x0000000f, 0);
	put(d, 0x64, 4, 0, 0, 0);
	/* PCIe v2 endpoint, FLR capable. */
	put(d, 0x70, 2, 0xb010, 0, 0);
	put(d, 0x72, 2, 0x0002, 0, 0);
	put(d, 0x74, 4, PCI_EXP_DEVCAP_FLR, 0, 0);
	put(d, 0x78, 2, 0x2810, 0xffff, 0);
	put(d, 0x7a, 2, 0x0005, 0, 0x000f);
	put(d, 0x80, 2, 0x0000, 0x0fff, 0);
	put(d, 0x82, 2, 0xc011, 0, 0xc000);
	put(d, 0x98, 2, 0x0000, 0xffff, 0);
	/* MSI-X: 8 vectors. */
	put(d, 0xb0, 2, 0x0011, 0, 0);
	put(d, 0xb2, 2, 0x0007, 0xc000, 0);
	put(d, 0xb4, 4, 0x00000002, 0, 0);
	put(d, 0xb8, 4, 0x00000802, 0, 0);
	/* Vendor registers, read-only to the cell. */
	put(d, 0xc0, 4, 0x12345678, 0xffffffff, 0);
}

#endif
