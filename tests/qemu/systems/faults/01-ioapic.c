/* SPDX-License-Identifier: BSD-2-Clause */
/* IOAPIC test cell (tests/qemu/cells/ioapic.c): it routes pin 8 to
 * another cell's CPU at the end, which must stop it. */
#define IOAPIC_ARGS "fault=route"
#include "tests/qemu/cells/ioapic.c"
