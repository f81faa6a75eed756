/* SPDX-License-Identifier: BSD-2-Clause */
/* Faulty cell "putc-forged" on CPU 11 (tests/qemu/cells/fault.c). */
#define FAULT_INDEX 8
#define FAULT_KIND "putc-forged"
#define FAULT_CONSOLE 0
#include "tests/qemu/cells/fault.c"
