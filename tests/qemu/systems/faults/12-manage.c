/* SPDX-License-Identifier: BSD-2-Clause */
/* Faulty cell "manage" on CPU 12 (tests/qemu/cells/fault.c). */
#define FAULT_INDEX 9
#define FAULT_KIND "manage"
#include "tests/qemu/cells/fault.c"
