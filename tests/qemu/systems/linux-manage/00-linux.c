/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The demo's Linux cell, the managing cell, on CPU 0 alone with the test
 * initramfs; its init runs tests/qemu/linux/manage.sh (bulkhead.test=manage).
 * Used by the linux-manage boot test with the voter cells on CPUs 1-6
 * (tests/qemu/boot_tests.py).
 */
#define LINUX_CPUS (1ULL << 0)
#define LINUX_EXTRA_CMDLINE " bulkhead.test=manage"
#define LINUX_INITRD "build/tests/linux/initramfs.cpio.gz"
/* None of the demo's PCI functions (its network card and disk). */
#define LINUX_NUM_PCI 0
#define LINUX_PCI
#include "cells/linux.c"
