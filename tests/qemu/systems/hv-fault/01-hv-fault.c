/* SPDX-License-Identifier: BSD-2-Clause */
/* Faulty cell "hv-fault" on CPU 3 (tests/qemu/cells/fault.c). */
#define FAULT_INDEX 0
#define FAULT_KIND "hv-fault"
#include "tests/qemu/cells/fault.c"
