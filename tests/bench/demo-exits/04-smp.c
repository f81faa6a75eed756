/* SPDX-License-Identifier: BSD-2-Clause */
/* The demo's cell "smp" (cells/smp.c), as it is. */
#include "cells/smp.c"
