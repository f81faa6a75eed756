/* SPDX-License-Identifier: BSD-2-Clause */
/* make bench's exits system (tests/bench.py): the demo system. */
#define SYSTEM_NUM_CPUS 7	/* the five cells here */
#include "cells/system.c"
