#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Two kernels, really apart: the network side of selftests/pair, in one
# QEMU guest; the mobile node (pair/two_guests_node.sh) runs in another, with its
# own kernel and its own hmip.ko. Two virtual wires (QEMU socket netdevs)
# join the guests: eth0 is ar1's cell, eth1 ar2's. scripts/vm/pair boots
# both; the halves meet through files in a share both see (sync_post,
# sync_wait). This half proves what the network sees: the MAP binds the
# RCoA the node registered to its LCoA in each cell, and the correspondent
# reaches the node through the MAP before and after the move.
#
#   cn ---- map (routed MAP 2001:db8:100::1) ---- ar1 (a1::/64) == eth0 ==
#                                            \--- ar2 (a2::/64) == eth1 ==
#
# timeout: 600

. "$(dirname "$(readlink -f "$0")")/../lib.sh"
. "$SELFTESTS/lib/ar.sh"

require_cmd radvd

MAP=2001:db8:100::1
CN=2001:db8:c::2
XFER=$SELFTESTS/lib/xfer.py

setup_ns cn map ar1 ar2
ns_nodad "$cn" "$map" "$ar1" "$ar2"
veth_link "$cn" c0 "$map" c0
veth_link "$map" u1 "$ar1" u0
veth_link "$map" u2 "$ar2" u0
# The wires to the other guest: each access router's downlink.
for i in 1 2; do
	ns=ar$i
	ip link set "eth$((i - 1))" netns "${!ns}" || fail "eth$((i - 1)) into ar$i"
	on "${!ns}" ip link set "eth$((i - 1))" name d0
	on "${!ns}" ip link set d0 up
done
for ns in "$map" "$ar1" "$ar2"; do
	on "$ns" sysctl -qw net.ipv6.conf.all.forwarding=1
done
on "$cn" ip -6 addr add $CN/64 dev c0
on "$cn" ip -6 route add default via 2001:db8:c::1
on "$map" ip -6 addr add 2001:db8:c::1/64 dev c0
on "$map" ip -6 addr add $MAP/64 dev c0
for i in 1 2; do
	ns=ar$i
	on "$map" ip -6 addr add 2001:db8:f$i::1/64 dev u$i
	on "$map" ip -6 route add 2001:db8:a$i::/64 via 2001:db8:f$i::2
	on "${!ns}" ip -6 addr add 2001:db8:f$i::2/64 dev u0
	on "${!ns}" ip -6 addr add 2001:db8:a$i::1/64 dev d0
	on "${!ns}" ip -6 route add default via 2001:db8:f$i::1
done

check "hmip map add (routed)" on "$map" "$HMIP" map add $MAP dev c0 \
	mode routed require-ipsec off
for i in 1 2; do
	ns=ar$i
	check "hmip ar add on ar$i" \
		on "${!ns}" "$HMIP" ar add dev d0 map $MAP dist 1
	radvd_start "${!ns}" d0 2001:db8:a$i::/64
done
sync_post anchor-ready

binding_lcoa() {
	on "$map" "$HMIP" -j binding show rcoa "$1" 2>/dev/null |
		jq -r '.[0].lcoa // empty'
}

lcoa_in() {
	[[ $(binding_lcoa "$1") == "$2"* ]]
}

# The node registers from ar1's cell.
check "the mobile node's guest registered" sync_wait registered 300
RCOA=$(sync_read registered)
log "RCoA from the other guest: $RCOA"
check "rfc4140-6.2: the MAP binds the RCoA to an LCoA of ar1's cell" \
	wait_for 30 lcoa_in "$RCOA" 2001:db8:a1:
check "rfc4140-6.1: the correspondent reaches the RCoA across the wire" \
	on "$cn" ping -6 -c3 -i0.3 -W5 "$RCOA"
sync_post reached

# The node moves to ar2's cell: one BU to the MAP, the RCoA stays.
check "the mobile node's guest moved" sync_wait moved 300
check "rfc4140-6.1: the MAP follows the node to an LCoA of ar2's cell" \
	wait_for 30 lcoa_in "$RCOA" 2001:db8:a2:
check "the correspondent still reaches the RCoA after the move" \
	on "$cn" ping -6 -c3 -i0.3 -W5 "$RCOA"
on "$cn" "$PY" "$XFER" udp-send --addr "$RCOA" --port 7100 --count 200 \
	--rate 100 >/dev/null
check "the other guest got the UDP stream" sync_wait udp-done 60
check "... every datagram of it" test "$(sync_read udp-done)" = 200
sync_post done
finish
