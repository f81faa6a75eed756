/* SPDX-License-Identifier: BSD-2-Clause */
/* Faulty cell "port" on CPU 4 (tests/qemu/cells/fault.c). */
#define FAULT_INDEX 1
#define FAULT_KIND "port"
#include "tests/qemu/cells/fault.c"
