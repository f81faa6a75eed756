/* SPDX-License-Identifier: BSD-2-Clause */
/* Faulty cell "stop-state" on CPU 13 (tests/qemu/cells/fault.c). */
#define FAULT_INDEX 10
#define FAULT_KIND "stop-state"
#include "tests/qemu/cells/fault.c"
