/* SPDX-License-Identifier: BSD-2-Clause */
/* Faulty cell "tamper-table" on CPU 6 (tests/qemu/cells/fault.c): it asks
 * a test build of the hypervisor to flip a byte of its blob in the image
 * and to rewrite that part's digest in the image's own part table to
 * match, then resets itself; the restart must still refuse the part. */
#define FAULT_INDEX 3
#define FAULT_KIND "tamper-table"
#include "tests/qemu/cells/fault.c"
