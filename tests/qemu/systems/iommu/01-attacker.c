/* SPDX-License-Identifier: BSD-2-Clause */
/* Cell "dma-attacker": owns QEMU's edu at 00:10.0 and aims its DMA engine
 * at its own DMA region, then at cell dma-victim's memory by host and by
 * guest address, at the hypervisor's code (its first page of text: the
 * hypervisor's memory starts at 0x02000000, cells/system.c), and at its own memory outside its DMA region
 * (tests/qemu/inmates/dma.c, tests/qemu/cells/pci.c). With log_fault=1
 * the test build logs the fault its write outside the region makes on
 * silicon (QEMU's log is not readable as specified); with part=20 (a
 * system that includes this file may define ATTACKER_PART otherwise)
 * its first 20 runs end with a transfer whose interrupt comes while it
 * is stopped. */
#define PCI_NAME "dma-attacker"
#define PCI_CPU 1
#define PCI_RAM 0x03800000
#define PCI_OWNER 0x0080		/* 00:10.0 */
#define PCI_DMA
#define PCI_BLOB "build/tests/qemu/inmates/dma.bin"
#ifndef ATTACKER_PART
#define ATTACKER_PART " part=20"
#endif
#define PCI_ARGS "role=attacker bdf=0x80 victim=0x03c80000 " \
		  "hv=0x02001000 log_fault=1" ATTACKER_PART
#include "tests/qemu/cells/pci.c"
