/* SPDX-License-Identifier: BSD-2-Clause */
/* The demo's system config (cells/system.c). */
#include "cells/system.c"
