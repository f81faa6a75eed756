/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The demo's Linux cell with its network card and disk, not managing
 * here, with the test images' initramfs; its init runs
 * tests/qemu/linux/disk.sh (bulkhead.test=disk) at each of its starts.
 * Used by the linux-disk boot test.
 */
#define LINUX_EXTRA_CMDLINE " bulkhead.test=disk"
#define LINUX_INITRD "build/tests/linux/initramfs.cpio.gz"
#include "cells/linux.c"
