/* SPDX-License-Identifier: BSD-2-Clause */
/* Cell "dma-attacker" of tests/qemu/systems/iommu. */
#include "tests/qemu/systems/iommu/01-attacker.c"
