/* SPDX-License-Identifier: BSD-2-Clause */
/* Faulty cell "lvt" on CPU 7 (tests/qemu/cells/fault.c). */
#define FAULT_INDEX 4
#define FAULT_KIND "lvt"
#include "tests/qemu/cells/fault.c"
