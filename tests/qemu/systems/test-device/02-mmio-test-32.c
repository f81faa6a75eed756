/* SPDX-License-Identifier: BSD-2-Clause */
/* Cell "mmio-test-32": the 32-bit MMIO decoder test inmate
 * (tests/qemu/inmates/mmio-test-32.c) on CPU 3. */
#define MMIO_NAME "mmio-test-32"
#define MMIO_CPU 3
#define MMIO_RAM 0x03a00000
#define MMIO_BLOB "build/tests/qemu/inmates/mmio-test-32.bin"
#include "tests/qemu/cells/mmio-test.c"
