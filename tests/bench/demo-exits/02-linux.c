/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The demo's Linux cell with the test images' initramfs; its init runs
 * tests/qemu/linux/bench-exits.sh (bulkhead.test=bench-exits), which
 * prints every cell's VM exits by reason twice, 10 s apart, for make
 * bench (tests/bench.py).
 */
#define LINUX_EXTRA_CMDLINE " bulkhead.test=bench-exits"
#define LINUX_INITRD "build/tests/linux/initramfs.cpio.gz"
/* None of the demo's PCI functions (its network card and disk). */
#define LINUX_NUM_PCI 0
#define LINUX_PCI
#include "cells/linux.c"
