/* SPDX-License-Identifier: BSD-2-Clause */
/* The demo's cell "hello" (cells/hello.c), as it is. */
#include "cells/hello.c"
