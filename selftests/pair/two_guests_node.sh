#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Two kernels, really apart: the mobile node of selftests/pair, alone in
# its QEMU guest with its own kernel and hmip.ko; the MAP and the access
# routers are in the other guest (pair/two_guests_network.sh). eth0 leads to ar1's
# cell, eth1 to ar2's; "air" bridges the node's m0 to one of them, and a
# move is the link going down, the port moving, the link coming up.
#
#   mn (m0) --- air: br1 = eth0 (ar1's cell) | br2 = eth1 (ar2's cell)
#
# timeout: 600

. "$(dirname "$(readlink -f "$0")")/../lib.sh"
. "$SELFTESTS/lib/peer.sh"

MAP=2001:db8:100::1
XFER=$SELFTESTS/lib/xfer.py
TMP=$(mktemp -d /tmp/hmip-pair.XXXXXX)
on_exit rm -rf "$TMP"

setup_ns mn air
ns_nodad "$mn"
for i in 1 2; do
	ip link set "eth$((i - 1))" netns "$air" || fail "eth$((i - 1)) into air"
	on "$air" ip link add br$i type bridge
	on "$air" ip link set br$i up
	on "$air" ip link set "eth$((i - 1))" master br$i
	on "$air" ip link set "eth$((i - 1))" up
done
veth_link "$mn" m0 "$air" pm
on "$mn" ip link set m0 down
on "$air" ip link set pm master br1
on "$mn" sysctl -qw net.ipv6.conf.m0.router_solicitation_delay=0
on "$mn" sysctl -qw net.ipv6.conf.m0.router_solicitation_interval=1
on "$mn" ip link set m0 up
peer_start "$mn" --lazy

mn_json() {
	on "$mn" "$HMIP" -j mn show dev m0
}

# registered PREFIX: registered with the MAP from an LCoA in PREFIX
registered() {
	[[ $(peer py '
m = json.loads(argv[0])[0]
cur = next((r for r in m.get("registrations", []) if r.get("current")), {})
print(cur.get("state") == "registered" and cur.get("map") == argv[1] and
      m.get("lcoa", "").startswith(argv[2]) and cur.get("lcoa") == m["lcoa"])' \
		"$(mn_json 2>/dev/null)" $MAP "$1") == True ]]
}

rcoa() {
	mn_json | jq -r '.[0].registrations[] | select(.current) | .rcoa'
}

check "the network's guest is ready" sync_wait anchor-ready 300
monitor_start "$mn" "$TMP/monitor"
check "hmip mn add dev m0" \
	on "$mn" "$HMIP" mn add dev m0 require-ipsec off lifetime 120
check "rfc4140-6.1: registered with the MAP in the other guest from ar1's cell" \
	wait_for 120 registered 2001:db8:a1:
RCOA=$(rcoa)
sync_post registered "$RCOA"
check "the network reached the RCoA" sync_wait reached 120

# The move: link down, the port to ar2's cell, link up.
on "$mn" ip link set m0 down
on "$air" ip link set pm nomaster
on "$air" ip link set pm master br2
on "$mn" ip link set m0 up
check "rfc4140-6.1: after the move, registered again from ar2's cell" \
	wait_for 120 registered 2001:db8:a2:
check_eq "the RCoA is the same" "$RCOA" "$(rcoa)"
on "$mn" "$PY" "$XFER" udp-recv --addr "$RCOA" --port 7100 --count 200 \
	--timeout 60 >"$TMP/udp.out" &
recv=$!
wait_for 60 grep -q ready "$TMP/udp.out"
sync_post moved
wait $recv
sync_post udp-done "$(tail -n1 "$TMP/udp.out")"
check "the network is done" sync_wait done 120
check "hmip monitor printed mn-registered" grep -q '^mn-registered' "$TMP/monitor"
check "hmip monitor printed mn-moved" grep -q '^mn-moved' "$TMP/monitor"
finish
