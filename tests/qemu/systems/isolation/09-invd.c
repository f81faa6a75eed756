/* SPDX-License-Identifier: BSD-2-Clause */
/* Faulty cell "invd" on CPU 10 (tests/qemu/cells/fault.c). */
#define FAULT_INDEX 7
#define FAULT_KIND "invd"
#include "tests/qemu/cells/fault.c"
