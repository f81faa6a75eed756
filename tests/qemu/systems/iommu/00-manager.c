/* SPDX-License-Identifier: BSD-2-Clause */
/* The managing cell (tests/qemu/cells/manager.c) with scenario=pci: 20
 * starts of cell dma-attacker, each 500 ms after its run ended with a
 * triple fault (its parting transfer, tests/qemu/inmates/dma.c), which
 * the attacker counts in the page the DMA test cells share; after its
 * first failure, a test build's hypercall sends its parked CPU 1 an
 * interrupt, which the hypervisor must tell. */
#define MANAGER_SOAK "0"
#define MANAGER_EXTRA " scenario=pci cell=dma-attacker cycles=20 " \
		      "owner_fails=1 stray_cpu=1"
#define MANAGER_SHARED 0x03f00000
#include "tests/qemu/cells/manager.c"
