/* SPDX-License-Identifier: BSD-2-Clause */
/* The management test system (tests/qemu/cells/system-manage.c): cell
 * "manager" restarts pci-owner, which owns QEMU's edu device at 00:10.0
 * (qemu-devices). */
#include "tests/qemu/cells/system-manage.c"
