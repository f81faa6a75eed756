/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The demo system for test systems without the Linux cell
 * (tests/qemu/boot_tests.py): no cell manages.
 */
#define SYSTEM_MANAGER ""
#include "cells/system.c"
