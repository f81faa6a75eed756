/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The demo's Linux cell, the managing cell, with the test images'
 * initramfs; its init runs tests/qemu/linux/demo-votes.sh
 * (bulkhead.test=demo-votes): every demo cell stopped and started again,
 * then a system shutdown, each voted on by the demos. Used by the
 * demo-votes boot test (tests/qemu/boot_tests.py).
 */
#define LINUX_EXTRA_CMDLINE " bulkhead.test=demo-votes"
#define LINUX_INITRD "build/tests/linux/initramfs.cpio.gz"
/* None of the demo's PCI functions (its network card and disk). */
#define LINUX_NUM_PCI 0
#define LINUX_PCI
#include "cells/linux.c"
