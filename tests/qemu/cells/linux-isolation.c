/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The demo's Linux cell with bulkhead.test=isolation on its command line:
 * its init probes physical addresses that are not the cell's, then forces
 * a kernel panic (inmates/linux/init). Used by tests/qemu/boot_tests.py.
 */
#define LINUX_EXTRA_CMDLINE " bulkhead.test=isolation"
#include "../../../cells/linux.c"
