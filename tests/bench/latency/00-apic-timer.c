/* SPDX-License-Identifier: BSD-2-Clause */
/* The demo's cell "apic-timer" (cells/apic-timer.c) keeping every tick's
 * latency (histogram=1), in windows of 2000 ticks, as the bare harness
 * runs it (tests/bench.py, section latency). */
#define APIC_TIMER_CMDLINE "vote=approve histogram=1 window=2000"
#include "cells/apic-timer.c"
