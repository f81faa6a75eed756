/* SPDX-License-Identifier: BSD-2-Clause */
/* The bare test system (tests/qemu/cells/system-bare.c), its MMCONFIG
 * window understated: buses 0-15 where the machine's MCFG says 0-255. */
#define SYSTEM_MMCONFIG_END_BUS 0x0f
#include "tests/qemu/cells/system-bare.c"
