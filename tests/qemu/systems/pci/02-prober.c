/* SPDX-License-Identifier: BSD-2-Clause */
/* Cell "pci-prober": owns no PCI function and writes the edu device's
 * command register (tests/qemu/cells/pci.c). */
#define PCI_NAME "pci-prober"
#define PCI_CPU 2
#define PCI_RAM 0x03900000
#define PCI_ARGS "role=prober bdf=0x80"
#include "tests/qemu/cells/pci.c"
