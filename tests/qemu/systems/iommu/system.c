/* SPDX-License-Identifier: BSD-2-Clause */
/* The DMA isolation test system (tests/qemu/systems/iommu/test.py): QEMU
 * with its AMD IOMMU translating (qemu-devices), cell manager on CPU 0
 * restarting cell dma-attacker (CPU 1), which owns QEMU's edu device at
 * 00:10.0, and cell dma-victim (CPU 2). */
#define SYSTEM_NUM_CPUS 3
#define SYSTEM_MANAGER "manager"
#define SYSTEM_NO_LINKS		/* none of the demo's */
#include "cells/system.c"
