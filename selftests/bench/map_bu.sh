#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# MAP registration benchmark (make bench), lib/bench_bu.sh's measurements
# for the MAP: local Binding Updates (A and M set) from an LCoA.
#
#   BU -> BA rate of the MAP / ICMPv6 echo -> reply rate     goal >= 0.8
#   BU -> BA rate with 1M bindings / with 1 binding          goal >= 0.95
#   memory per binding with 1M bindings                      goal <= 256 B
#
# timeout: 1800
# exclusive: a benchmark

. "$(dirname "$(readlink -f "$0")")/../lib.sh"
. "$SELFTESTS/lib/bench_fill.sh"
. "$SELFTESTS/lib/bench_bu.sh"

BENCH_ROLE=map
ANCHOR=2001:db8:100::1
ANCHOR_PREFIX=2001:db8:100::/64
HAO=2001:db8:100::a
BASE=2001:db8:100::1:0
FLOOD=bu

bench_bu_run 0.8
finish
