/* SPDX-License-Identifier: BSD-2-Clause */
/* Faulty cell "apic-base" on CPU 6 (tests/qemu/cells/fault.c). */
#define FAULT_INDEX 3
#define FAULT_KIND "apic-base"
#include "tests/qemu/cells/fault.c"
