/* SPDX-License-Identifier: BSD-2-Clause */
/* Faulty cell "db" on CPU 9 (tests/qemu/cells/fault.c). */
#define FAULT_INDEX 6
#define FAULT_KIND "db"
#include "tests/qemu/cells/fault.c"
