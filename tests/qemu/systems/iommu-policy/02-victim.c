/* SPDX-License-Identifier: BSD-2-Clause */
/* Cell "dma-victim" of tests/qemu/systems/iommu, checking its page after
 * the attacker's one run. */
#define PCI_NAME "dma-victim"
#define PCI_CPU 2
#define PCI_RAM 0x03c00000
#define PCI_DMA
#define PCI_BLOB "build/tests/qemu/inmates/dma.bin"
#define PCI_ARGS "role=victim runs=1"
#include "tests/qemu/cells/pci.c"
