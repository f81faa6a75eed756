/* SPDX-License-Identifier: BSD-2-Clause */
/* The demo's cell "apic-timer" (cells/apic-timer.c), as it is. */
#include "cells/apic-timer.c"
