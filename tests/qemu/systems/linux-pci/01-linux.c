/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The demo's Linux cell owning QEMU's edu device at 00:10.0, with
 * bulkhead.test=pci: its init lists what the kernel found through the
 * host bridge of the cell's DSDT and reads the device
 * (tests/qemu/linux/pci.sh). Its INTx line, which q35 wires to GSI 20,
 * is routed to the cell's IOAPIC pin 20 (BH_PCI_INTX): the DSDT's _PRT
 * tells the kernel.
 */
#define LINUX_EXTRA_CMDLINE " bulkhead.test=pci"
#define LINUX_INITRD "build/tests/linux/initramfs.cpio.gz"
#define LINUX_EXTRA_PINS (1U << 20)
#define LINUX_NUM_PCI 1
#define LINUX_PCI {							\
		.type = BH_PCI_TYPE_DEVICE,				\
		.bdf = 0x0080,			/* 00:10.0 */		\
		.flags = BH_PCI_INTX,					\
		.intx_pin = 20,						\
		.vendor_id = 0x1234,		/* QEMU's edu */	\
		.device_id = 0x11e8,					\
	}
#include "cells/linux.c"
