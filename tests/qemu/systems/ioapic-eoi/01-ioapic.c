/* SPDX-License-Identifier: BSD-2-Clause */
/* IOAPIC test cell (tests/qemu/cells/ioapic.c) with level=1: it routes
 * pin 8 level-triggered to vector 0x38 and takes one interrupt without an
 * EOI, while cell eoi-forger writes the IOAPIC's EOI register with vector
 * 0x38 for a pin of its own. */
#define IOAPIC_ARGS "level=1"
#include "tests/qemu/cells/ioapic.c"
