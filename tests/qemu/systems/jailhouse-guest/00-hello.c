/* SPDX-License-Identifier: BSD-2-Clause */
/* The demo's hello cell (cells/hello.c). */
#include "cells/hello.c"
