/* SPDX-License-Identifier: BSD-2-Clause */
/* The bare test system (tests/qemu/cells/system-bare.c) on a machine
 * with QEMU's edu device at 00:10.0 and 00:13.0 (qemu-devices). */
#include "tests/qemu/cells/system-bare.c"
