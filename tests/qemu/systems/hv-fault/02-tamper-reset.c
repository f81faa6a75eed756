/* SPDX-License-Identifier: BSD-2-Clause */
/* Test cell (tests/qemu/cells/fault.c) on CPU 4: it has a test build of
 * the hypervisor flip a byte of its blob in the kept image, then resets
 * itself; the restart must refuse the changed part. */
#define FAULT_INDEX 1
#define FAULT_KIND "tamper-reset"
#include "tests/qemu/cells/fault.c"
