#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# "make fuzz": selftests/fuzz.sh with HMIP_FUZZ_N inputs (default a
# million) and a time limit for that many on the debug kernel (140 to 740
# inputs a second there, under emulation). Not executable, so that the
# suite leaves it out (run_tests.sh runs the executable tests); T=fuzz_long
# runs it.
#
# exclusive: it floods
# timeout: 14400

HMIP_FUZZ_N=${HMIP_FUZZ_N:-1000000} \
	exec bash "$(dirname "$(readlink -f "$0")")/fuzz.sh"
