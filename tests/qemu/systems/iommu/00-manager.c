/* SPDX-License-Identifier: BSD-2-Clause */
/* The managing cell (tests/qemu/cells/manager.c) with scenario=pci: 20
 * stop/start cycles of cell dma-attacker, each after its run, which the
 * attacker counts in the page the DMA test cells share. */
#define MANAGER_SOAK "0"
#define MANAGER_EXTRA " scenario=pci cell=dma-attacker cycles=20"
#define MANAGER_SHARED 0x03f00000
#include "tests/qemu/cells/manager.c"
