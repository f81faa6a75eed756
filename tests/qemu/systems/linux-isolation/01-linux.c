/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The demo's Linux cell with bulkhead.test=isolation on its command line:
 * its init probes physical addresses that are not the cell's, then forces
 * a kernel panic (inmates/linux/init), which reboot=t makes a triple
 * fault: the cell FAILED. Its APICs start in x2APIC mode and its CPUID
 * names Jailhouse, not KVM: the stock kernel turns the x2APIC off again
 * (no interrupt remapping, no hypervisor it knows), going on in logical
 * flat mode. Used by tests/qemu/boot_tests.py.
 */
#define LINUX_EXTRA_FLAGS BH_CELL_START_X2APIC
/* Jailhouse's CPUID signature, which Debian's kernel does not know: it
 * turns the x2APIC off again. */
#define LINUX_CPUID 0
#define LINUX_EXTRA_CMDLINE " reboot=t bulkhead.test=isolation"
/* None of the demo's PCI functions (its network card and disk). */
#define LINUX_NUM_PCI 0
#define LINUX_PCI
#include "cells/linux.c"
