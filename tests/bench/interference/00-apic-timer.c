/* SPDX-License-Identifier: BSD-2-Clause */
/* The latency system's apic-timer cell (tests/bench/latency), as it is. */
#include "tests/bench/latency/00-apic-timer.c"
