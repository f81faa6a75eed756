/* SPDX-License-Identifier: BSD-2-Clause */
/* Faulty cell "lvt-timer-smi" on CPU 6 (tests/qemu/cells/fault.c). */
#define FAULT_INDEX 3
#define FAULT_KIND "lvt-timer-smi"
#include "tests/qemu/cells/fault.c"
