/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The demo's Linux cell with a Jailhouse-guest kernel instead of Debian's
 * (tests/qemu/jailhouse-guest/kernel.config, built from linux-source-6.1
 * by the Makefile): it detects Jailhouse, boots through the
 * SETUP_JAILHOUSE setup_data and, its APICs starting in x2APIC mode,
 * keeps that mode. Its init (bulkhead.test=idle-exits) reads the cell's
 * VM exits by reason while it idles, through the Bulkhead driver
 * built for that kernel. Used by tests/qemu/boot_tests.py
 * (jailhouse-guest).
 */
#define LINUX_INITRD "build/tests/linux/jailhouse-guest/initramfs.cpio.gz"
#define LINUX_EXTRA_CMDLINE " bulkhead.test=idle-exits"
#define LINUX_KERNEL "build/linux/jailhouse-guest/bzImage"
#define LINUX_EXTRA_FLAGS BH_CELL_START_X2APIC
#define LINUX_CPUID 0	/* Jailhouse's signature: that is what it looks for */
/* None of the demo's PCI functions (its network card and disk). */
#define LINUX_NUM_PCI 0
#define LINUX_PCI
#include "cells/linux.c"
