/* SPDX-License-Identifier: BSD-2-Clause */
/* The demo's system config (cells/system.c), with the 7 CPUs its cells
 * here use. */
#define SYSTEM_NUM_CPUS 7
#define SYSTEM_NO_LINKS		/* none of the demo's */
#include "cells/system.c"
