/* SPDX-License-Identifier: BSD-2-Clause */
/* The managing cell (tests/qemu/cells/manager.c) with scenario=pci: 20
 * stop/start cycles of cell pci-owner, each after its run, which the
 * owner counts in the page the PCI test cells share. */
#define MANAGER_SOAK "0"
#define MANAGER_EXTRA " scenario=pci"
#define MANAGER_SHARED 0x03f00000
#include "tests/qemu/cells/manager.c"
