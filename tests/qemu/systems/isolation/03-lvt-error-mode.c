/* SPDX-License-Identifier: BSD-2-Clause */
/* Faulty cell "lvt-error-mode" on CPU 4 (tests/qemu/cells/fault.c). */
#define FAULT_INDEX 1
#define FAULT_KIND "lvt-error-mode"
#include "tests/qemu/cells/fault.c"
