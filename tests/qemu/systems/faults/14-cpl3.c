/* SPDX-License-Identifier: BSD-2-Clause */
/* Faulty cell "cpl3" on CPU 14 (tests/qemu/cells/fault.c). */
#define FAULT_INDEX 11
#define FAULT_KIND "cpl3"
#include "tests/qemu/cells/fault.c"
