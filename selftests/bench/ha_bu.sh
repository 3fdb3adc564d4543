#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Home agent registration benchmark (make bench, issue "home agent"),
# lib/bench_bu.sh's measurements for the home agent: home registrations
# (A and H set, RFC 6275 section 9.5.1) from a care-of address, for home
# addresses of the home agent's own prefix. DAD is off in the
# namespaces (as for the MAP's benchmark): what is measured is the
# registration, not the second a DAD probe waits.
#
#   BU -> BA rate of the home agent / ICMPv6 echo -> reply   goal >= 0.5
#   BU -> BA rate with 1M bindings / with 1 binding          goal >= 0.95
#   memory per binding with 1M bindings                      goal <= 256 B
#
# timeout: 1800
# exclusive: a benchmark

. "$(dirname "$(readlink -f "$0")")/../lib.sh"
. "$SELFTESTS/lib/bench_fill.sh"
. "$SELFTESTS/lib/bench_bu.sh"

BENCH_ROLE=ha
ANCHOR=2001:db8:1::1
ANCHOR_PREFIX=2001:db8:1::/64
HAO=2001:db8:1::a
BASE=2001:db8:1::1:0
FLOOD=hbu

bench_bu_run 0.5
finish
