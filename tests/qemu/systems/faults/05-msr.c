/* SPDX-License-Identifier: BSD-2-Clause */
/* Faulty cell "msr" on CPU 5 (tests/qemu/cells/fault.c). */
#define FAULT_INDEX 2
#define FAULT_KIND "msr"
#include "tests/qemu/cells/fault.c"
