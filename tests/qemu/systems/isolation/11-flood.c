/* SPDX-License-Identifier: BSD-2-Clause */
/* Faulty cell "flood" on CPU 12 (tests/qemu/cells/fault.c). */
#define FAULT_INDEX 9
#define FAULT_KIND "flood"
#include "tests/qemu/cells/fault.c"
