/* SPDX-License-Identifier: BSD-2-Clause */
/* Cell "pci-owner": owns QEMU's edu device at 00:10.0
 * (tests/qemu/cells/pci.c). */
#define PCI_NAME "pci-owner"
#define PCI_CPU 1
#define PCI_RAM 0x03800000
#define PCI_OWNER 0x0080		/* 00:10.0 */
/* q35 routes slot 16's INTA to PIRQE, GSI 20 (its ACPI _PRT). */
#define PCI_INTX_PIN 20
#define PCI_ARGS "role=owner bdf=0x80 intx_pin=20"
#include "tests/qemu/cells/pci.c"
