/* SPDX-License-Identifier: BSD-2-Clause */
/* Faulty cell "port" on CPU 4 (tests/qemu/cells/fault.c). */
#define FAULT_INDEX 1
#define FAULT_KIND "port"
/* 100 lines of some 70 characters before it faults: more than the
 * console's burst of 4096 (tests/qemu/systems/faults/test.py). */
#define FAULT_ARGS " flood=100"
#include "tests/qemu/cells/fault.c"
