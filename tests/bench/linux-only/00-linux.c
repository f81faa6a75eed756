/* SPDX-License-Identifier: BSD-2-Clause */
/* The demo's Linux cell (cells/linux.c) on CPUs 0 and 1, the system's
 * only cell (tests/bench/linux-only/system.c). */
#define LINUX_CPUS (1ULL << 0 | 1ULL << 1)
/* None of the demo's PCI functions (its network card and disk). */
#define LINUX_NUM_PCI 0
#define LINUX_PCI
#include "cells/linux.c"
