/* SPDX-License-Identifier: BSD-2-Clause */
/* Faulty cell "hv-nx" on CPU 5 (tests/qemu/cells/fault.c): it asks a
 * test build of the hypervisor to jump to the start-up page, which every
 * CPU came up through and which must no longer be executable. */
#define FAULT_INDEX 2
#define FAULT_KIND "hv-nx"
#include "tests/qemu/cells/fault.c"
