/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Cell "eoi-forger" on CPU 3 (tests/qemu/cells/fault.c): it owns IOAPIC
 * pin 10, masks it with vector 0x38, the vector of the ioapic cell's
 * level-triggered pin, and writes EOIs of 0x38 to the IOAPIC's EOI
 * register every 50 ms. They must clear the Remote IRR of its own pin
 * only.
 */
#define FAULT_INDEX 0
#define FAULT_KIND "eoi-forger"
#define FAULT_PINS (1U << 10)
#include "tests/qemu/cells/fault.c"
