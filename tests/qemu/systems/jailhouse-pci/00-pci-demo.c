/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Cell "pci-demo": a Jailhouse x86 cell config written like Jailhouse's
 * configs/x86/pci-demo.c but for QEMU's edu at 00:10.0 (its BAR as a
 * region at Jailhouse's address), as bhimage import-jailhouse makes it.
 * test.py writes the Jailhouse config and imports it, unedited, before it
 * builds this system.
 */
#include "build/tests/import/jailhouse-pci.c"
