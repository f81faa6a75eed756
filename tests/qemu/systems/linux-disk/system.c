/* SPDX-License-Identifier: BSD-2-Clause */
/* The management test system (tests/qemu/cells/system-manage.c). */
#include "tests/qemu/cells/system-manage.c"
