// SPDX-License-Identifier: GPL-2.0
/*
 * Where hmip's tracepoints (core/trace.h) are defined; everything else
 * includes the header only.
 */
#define CREATE_TRACE_POINTS
#include "core/trace.h"
