/* SPDX-License-Identifier: BSD-2-Clause */
/* The DMA isolation test system (tests/qemu/systems/iommu/test.py): QEMU
 * with its AMD IOMMU translating (qemu-devices), cell dma-attacker owning
 * QEMU's edu device at 00:10.0 and cell dma-victim on CPUs 1 and 2; CPU 0
 * runs no cell. */
#define SYSTEM_NUM_CPUS 3
#define SYSTEM_MANAGER ""	/* no cell manages */
#include "cells/system.c"
