/* SPDX-License-Identifier: BSD-2-Clause */
/* Cell "pci-msix": owns QEMU's e1000e at 00:11.0, whose MSI-X table it
 * writes and reads (tests/qemu/cells/pci.c). */
#define PCI_NAME "pci-msix"
#define PCI_CPU 3
#define PCI_RAM 0x03d00000
#define PCI_OWNER 0x0088		/* 00:11.0 */
#define PCI_ID 0x808610d3		/* e1000e (82574L) */
#define PCI_ARGS "role=msix bdf=0x88"
#include "tests/qemu/cells/pci.c"
