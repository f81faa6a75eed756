/* SPDX-License-Identifier: BSD-2-Clause */
/* Cell "dma-victim": fills a page of its DMA region (host 0x03c80000)
 * with a pattern and checks it once the attacker has finished 21 runs
 * (tests/qemu/inmates/dma.c, tests/qemu/cells/pci.c). */
#define PCI_NAME "dma-victim"
#define PCI_CPU 2
#define PCI_RAM 0x03c00000
#define PCI_DMA
#define PCI_BLOB "build/tests/qemu/inmates/dma.bin"
#define PCI_ARGS "role=victim runs=21"
#include "tests/qemu/cells/pci.c"
