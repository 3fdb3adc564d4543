#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The mobile node's worker runs for events and timers it can act on, and
# only then (mn_worker_runs): not while the link is down past the refresh
# time and the binding's expiry (nothing can be sent without an LCoA),
# not for the previous registration, acknowledged, once a better MAP on
# the same link took over (it has nothing to send until the node moves).
# And the interfaces the role refuses: hmip's own tunnel devices
# (mobile-node.rst).
#
#   map (routed MAPs 100::1, 200::1) ---- ar (scapy RAs on d0) ---- mn (m0)
#                   f::1             f::2    a1::1               a1::/64
#
# timeout: 300
# shellcheck disable=SC2154 # setup_ns assigns the namespace variables
# shellcheck disable=SC2317 # functions run through check and wait_for

# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=selftests/lib/peer.sh
source "$SELFTESTS/lib/peer.sh"
# shellcheck source=selftests/lib/mn_net.sh
source "$SELFTESTS/lib/mn_net.sh"

# Registrations of 4 s (the shortest, refreshed after 3 s), longer where
# the machine is slower (HMIP_TIME_SCALE, as wait_for's deadlines): the
# previous registration must still be there when it is looked at.
LIFETIME=$((4 * HMIP_TIME_SCALE))
# Worker runs a quiet stretch of a few seconds may take: advertisements,
# address events, Binding Updates and their acknowledgments, the RCoA's
# address being polled for. A worker that spins takes thousands.
MAX_RUNS=60

mn_cell_setup $MAP1 $MAP2
on "$map" "$HMIP" map add $MAP1 dev u0 mode routed require-ipsec off
on "$map" "$HMIP" map add $MAP2 dev u0 mode routed require-ipsec off

peer_start "$ar"

# ra OPTION...: one advertisement on ar's d0, prefix a1::/64, the MAP
# options as ADDR,DIST,PREF,R,LIFETIME
ra() {
	peer ra-send --iface d0 --src fe80::1 --prefix 2001:db8:a1::/64 -- "$@"
}

runs() {
	counter "$mn" mn_worker_runs
}

# refused NS DEV: "mn add dev DEV" fails, saying why
refused() {
	local out

	out=$(on "$1" "$HMIP" mn add dev "$2" require-ipsec off 2>&1) && return 1
	log "$out"
	grep -q "hmip's own tunnel devices" <<<"$out"
}

# ------------------------------------------------ interfaces refused

check "mn add on a MAP's tunnel device (hmip0) is refused, with the reason" \
	refused "$map" hmip0
check "hmip mn add dev m0 (lifetime $LIFETIME s)" \
	on "$mn" "$HMIP" mn add dev m0 require-ipsec off lifetime $LIFETIME
check "mn add on a mobile node's tunnel device (hmipmn0) is refused" \
	refused "$mn" hmipmn0

# -------------------------------- a better MAP on the same link

ra "$MAP1,1,10,1,600"
check "registered with $MAP1" \
	wait_for 30 mn_true "cur.get('map') == '$MAP1' and cur.get('state') == 'registered'"
before=$(runs)
ra "$MAP1,1,10,1,600" "$MAP2,2,10,1,600"
check "rfc4140-9.1: the further MAP, advertised on the same link, is chosen" \
	wait_for 10 mn_true "cur.get('map') == '$MAP2'"
check "rfc4140-8: $MAP1's registration stays as the previous one, the LCoA unchanged" \
	mn_true "prev.get('map') == '$MAP1' and prev.get('lcoa') == m.get('lcoa')"
check "... until its binding lapses, past its refresh time" \
	wait_for 20 mn_true "not prev"
n=$(($(runs) - before))
check "the worker did not spin on the previous registration meanwhile ($n runs)" \
	test $n -le $MAX_RUNS
check "registered with $MAP2" \
	wait_for 30 mn_true "cur.get('map') == '$MAP2' and cur.get('state') == 'registered'"

# ------------------------------------------------------- link down

before=$(runs)
on "$mn" ip link set m0 down
check "link down: the LCoA goes with the link's addresses" \
	wait_for 10 mn_true "not m.get('lcoa')"
check "not refreshed, the binding lapses: registering again" \
	wait_for 20 mn_true "cur.get('state') == 'registering'"
# A stretch past expiry: nothing happens that the worker could act on.
nap 2
n=$(($(runs) - before))
check "the worker stays idle without an LCoA, past the refresh time and the expiry ($n runs)" \
	test $n -le $MAX_RUNS
on "$mn" ip link set m0 up
ra "$MAP1,1,10,1,600" "$MAP2,2,10,1,600"
check "link up: registered again with $MAP2" \
	wait_for 30 mn_true "cur.get('map') == '$MAP2' and cur.get('state') == 'registered' and cur.get('lcoa') == m.get('lcoa')"
finish
