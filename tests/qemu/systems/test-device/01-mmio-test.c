/* SPDX-License-Identifier: BSD-2-Clause */
/* Cell "mmio-test": the 64-bit MMIO decoder test inmate
 * (tests/qemu/inmates/mmio-test.c) on CPU 2. */
#define MMIO_NAME "mmio-test"
#define MMIO_CPU 2
#define MMIO_RAM 0x03900000
#define MMIO_BLOB "build/tests/qemu/inmates/mmio-test.bin"
#include "tests/qemu/cells/mmio-test.c"
