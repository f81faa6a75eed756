/* SPDX-License-Identifier: BSD-2-Clause */
/* Faulty cell "triple" on CPU 8 (tests/qemu/cells/fault.c). */
#define FAULT_INDEX 5
#define FAULT_KIND "triple"
#include "tests/qemu/cells/fault.c"
