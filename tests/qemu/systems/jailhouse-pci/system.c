/* SPDX-License-Identifier: BSD-2-Clause */
/* The bare test system (tests/qemu/cells/system-bare.c) with the 3 CPUs
 * the imported cell needs (it runs on CPU 2, as Jailhouse's pci-demo). */
#define SYSTEM_NUM_CPUS 3
#include "tests/qemu/cells/system-bare.c"
