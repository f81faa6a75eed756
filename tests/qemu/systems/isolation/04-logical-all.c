/* SPDX-License-Identifier: BSD-2-Clause */
/* Faulty cell "logical-all" on CPU 5 (tests/qemu/cells/fault.c). */
#define FAULT_INDEX 2
#define FAULT_KIND "logical-all"
#include "tests/qemu/cells/fault.c"
