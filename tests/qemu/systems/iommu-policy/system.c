/* SPDX-License-Identifier: BSD-2-Clause */
/* The DMA isolation test system (tests/qemu/systems/iommu) with the
 * policy that stops a cell for its devices' I/O page faults. */
#define SYSTEM_FLAGS BH_SYS_DMA_FAULT_STOPS
#include "tests/qemu/systems/iommu/system.c"
