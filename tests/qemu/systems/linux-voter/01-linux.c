/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The demo's Linux cell, not managing here, with the test images'
 * initramfs; its init runs tests/qemu/linux/locked-voter.sh
 * (bulkhead.test=locked-voter): bulkhead lock, then unlock once its
 * driver has denied a stop. Used by the linux-voter boot test.
 */
#define LINUX_EXTRA_CMDLINE " bulkhead.test=locked-voter"
#define LINUX_INITRD "build/tests/linux/initramfs.cpio.gz"
/* None of the demo's PCI functions (its network card and disk). */
#define LINUX_NUM_PCI 0
#define LINUX_PCI
#include "cells/linux.c"
