/* SPDX-License-Identifier: BSD-2-Clause */
/* The bare test system (tests/qemu/cells/system-bare.c) describing another
 * machine: its MMCONFIG window understated (buses 0-15 where the machine's
 * MCFG says 0-255), the HPET and the FADT's ports unstated but for a GPE0
 * block at the wrong ports, so that only the boot can find what its cell
 * maps. */
#define SYSTEM_MMCONFIG_END_BUS 0x0f
#define SYSTEM_HPET 0
#define SYSTEM_FIRMWARE_PORTS { .gpe0 = { 0x6a0, 16 } }
#include "tests/qemu/cells/system-bare.c"
