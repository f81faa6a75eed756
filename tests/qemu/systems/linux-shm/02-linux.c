/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The demo's Linux cell without PCI functions of its own, not managing,
 * with the test images' initramfs; its init runs tests/qemu/linux/shm.sh
 * (bulkhead.test=shm) at each of its starts. Peer 1 of link "talk".
 */
#define LINUX_NUM_PCI 0
#define LINUX_PCI
#define LINUX_EXTRA_CMDLINE " bulkhead.test=shm"
#define LINUX_INITRD "build/tests/linux/initramfs.cpio.gz"
#include "cells/linux.c"
