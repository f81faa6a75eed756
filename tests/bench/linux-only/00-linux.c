/* SPDX-License-Identifier: BSD-2-Clause */
/* The demo's Linux cell (cells/linux.c) on CPUs 0 and 1, the system's
 * only cell (tests/bench/linux-only/system.c). */
#define LINUX_CPUS (1ULL << 0 | 1ULL << 1)
#include "cells/linux.c"
