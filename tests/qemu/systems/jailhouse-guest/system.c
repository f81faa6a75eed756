/* SPDX-License-Identifier: BSD-2-Clause */
/* The bare test system (tests/qemu/cells/system-bare.c). */
#include "tests/qemu/cells/system-bare.c"
