/* SPDX-License-Identifier: BSD-2-Clause */
/* Faulty cell "x2apic-hole" on CPU 8 (tests/qemu/cells/fault.c). */
#define FAULT_INDEX 5
#define FAULT_KIND "x2apic-hole"
#include "tests/qemu/cells/fault.c"
