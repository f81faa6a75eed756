/* SPDX-License-Identifier: BSD-2-Clause */
/* The managing cell (tests/qemu/cells/manager.c) with scenario=pci and no
 * cycle: it waits for the first run of cell dma-attacker, then asks for
 * its state, at which the hypervisor reads the IOMMU's log. */
#define MANAGER_SOAK "0"
#define MANAGER_EXTRA " scenario=pci cell=dma-attacker cycles=0"
#define MANAGER_SHARED 0x03f00000
#include "tests/qemu/cells/manager.c"
