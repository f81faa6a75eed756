/* SPDX-License-Identifier: BSD-2-Clause */
/* Faulty cell "init" on CPU 9 (tests/qemu/cells/fault.c). */
#define FAULT_INDEX 6
#define FAULT_KIND "init"
#include "tests/qemu/cells/fault.c"
