/* SPDX-License-Identifier: BSD-2-Clause */
/* Cell "dma-attacker" of tests/qemu/systems/iommu, its one run ending
 * normally (no parting transfer): the policy stops it. */
#define ATTACKER_PART ""
#include "tests/qemu/systems/iommu/01-attacker.c"
