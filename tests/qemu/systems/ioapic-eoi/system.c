/* SPDX-License-Identifier: BSD-2-Clause */
/* The bare test system (tests/qemu/cells/system-bare.c): two cells with
 * IOAPIC pins whose vectors are the same. */
#include "tests/qemu/cells/system-bare.c"
