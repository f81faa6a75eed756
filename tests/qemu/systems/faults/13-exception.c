/* SPDX-License-Identifier: BSD-2-Clause */
/* Faulty cell "exception" on CPU 13 (tests/qemu/cells/fault.c). */
#define FAULT_INDEX 10
#define FAULT_KIND "exception"
#include "tests/qemu/cells/fault.c"
