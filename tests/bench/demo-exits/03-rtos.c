/* SPDX-License-Identifier: BSD-2-Clause */
/* The demo's cell "rtos" (cells/rtos.c), as it is. */
#include "cells/rtos.c"
