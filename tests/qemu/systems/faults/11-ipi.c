/* SPDX-License-Identifier: BSD-2-Clause */
/* Faulty cell "ipi" on CPU 11 (tests/qemu/cells/fault.c). */
#define FAULT_INDEX 8
#define FAULT_KIND "ipi"
#include "tests/qemu/cells/fault.c"
