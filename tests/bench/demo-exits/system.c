/* SPDX-License-Identifier: BSD-2-Clause */
/* make bench's exits system (tests/bench.py): the demo system. */
#include "cells/system.c"
