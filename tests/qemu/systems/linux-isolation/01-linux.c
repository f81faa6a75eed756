/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The demo's Linux cell with bulkhead.test=isolation on its command line:
 * its init probes physical addresses that are not the cell's, then forces
 * a kernel panic (inmates/linux/init), which reboot=t makes a triple
 * fault: the cell FAILED. Used by tests/qemu/boot_tests.py.
 */
#define LINUX_EXTRA_CMDLINE " reboot=t bulkhead.test=isolation"
#include "cells/linux.c"
