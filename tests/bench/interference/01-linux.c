/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The demo's Linux cell on CPUs 1 and 2 with the test images' initramfs;
 * its init runs tests/qemu/linux/load.sh (bulkhead.test=load): a CPU and
 * memory load on both its CPUs.
 */
#define LINUX_CPUS (1ULL << 1 | 1ULL << 2)
#define LINUX_EXTRA_CMDLINE " bulkhead.test=load"
#define LINUX_INITRD "build/tests/linux/initramfs.cpio.gz"
/* None of the demo's PCI functions (its network card and disk). */
#define LINUX_NUM_PCI 0
#define LINUX_PCI
#include "cells/linux.c"
