#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# TCP through the MAP (make bench): iperf3 from a correspondent to a mobile
# node's RCoA, tunnelled by hmip to the LCoA, against the same transfer to
# an address the MAP routes into a static ip6tnl tunnel to the same LCoA.
# The mobile node is the stock kernel: one ip6ip6 tunnel (LCoA <-> MAP)
# carrying both addresses and the ACKs back. GSO and GRO as the kernel
# gives them. Rounds of two adjacent transfers in alternating order; the
# median of their ratios is the result:
#
#   hmip / ip6tnl, TCP throughput                           goal >= 1.0
#
#   cn c0 c::2 ---- c1 c::1  map (MAP 100::1)  a0 a1::1 ---- m0 a1::100 mn
#                                                     (LCoA; t0: RCoA 100::a,
#                                                      200::a)
#
# timeout: 1800
# exclusive: a benchmark

. "$(dirname "$(readlink -f "$0")")/../lib.sh"
. "$SELFTESTS/lib/bench_fill.sh"

require_cmd iperf3

CN=2001:db8:c::2
MAP=2001:db8:100::1
LCOA=2001:db8:a1::100
RCOA=2001:db8:100::a
TNL_DST=2001:db8:200::a
WINDOW=${BENCH_WINDOW:-4}
ROUNDS=${BENCH_ROUNDS:-10}

setup_ns cn map mn
ns_nodad "$cn" "$map" "$mn"
veth_link "$cn" c0 "$map" c1
veth_link "$map" a0 "$mn" m0
on "$map" sysctl -qw net.ipv6.conf.all.forwarding=1
on "$cn" ip -6 addr add $CN/64 dev c0
on "$cn" ip -6 route add default via 2001:db8:c::1
on "$map" ip -6 addr add 2001:db8:c::1/64 dev c1
on "$map" ip -6 addr add 2001:db8:a1::1/64 dev a0
on "$map" ip -6 addr add $MAP/128 dev a0
on "$mn" ip -6 addr add $LCOA/64 dev m0
on "$mn" ip -6 route add $MAP/128 via 2001:db8:a1::1
wait_for 10 on "$cn" ping -6 -c1 -W1 2001:db8:c::1
wait_for 10 on "$mn" ping -6 -c1 -W1 $MAP

# The mobile node's end of both tunnels: the MAP's outer addresses are
# the same for hmip and ip6tnl.
on "$mn" ip -6 tunnel add t0 mode ip6ip6 local $LCOA remote $MAP \
	encaplimit none
on "$mn" ip link set t0 up
on "$mn" ip -6 addr add $RCOA/128 dev t0
on "$mn" ip -6 addr add $TNL_DST/128 dev t0
on "$mn" ip -6 route add $CN/128 dev t0

# hmip: a routed MAP and the RCoA's binding (a BU from the LCoA).
on "$map" "$HMIP" map add $MAP dev a0 mode routed require-ipsec off \
	max-lifetime 262140
MHFLOOD_SECONDS= on "$mn" "$MHFLOOD" bu $LCOA $MAP $RCOA 1 refresh 1 \
	65535 >/dev/null
bindings_are_1()
{
	test "$(on "$map" "$HMIP" -j map show | jq '.[0].bindings')" = 1
}
check "bench: the binding exists" wait_for 10 bindings_are_1
# The kernel's ip6tnl to the same LCoA, for TNL_DST.
on "$map" ip -6 tunnel add tnl mode ip6ip6 local $MAP remote $LCOA \
	encaplimit none
on "$map" ip link set tnl up
on "$map" ip -6 route add $TNL_DST/128 dev tnl

check "bench: the correspondent reaches the RCoA" \
	on "$cn" ping -6 -c1 -W5 $RCOA
check "bench: the correspondent reaches the ip6tnl address" \
	on "$cn" ping -6 -c1 -W5 $TNL_DST

# throughput DST: bits a second of one iperf3 transfer to DST
throughput()
{
	local port=$((5201 + RANDOM % 1000)) srv out

	on "$mn" iperf3 -s -1 -B "$1" -p $port >/dev/null 2>&1 &
	srv=$!
	wait_for 10 on "$mn" sh -c "ss -Htln | grep -q ':$port '"
	out=$(on "$cn" iperf3 -6 -c "$1" -p $port -t "$WINDOW" -J 2>/dev/null)
	wait $srv 2>/dev/null
	jq '.end.sum_received.bits_per_second // 0 | floor' <<<"$out"
}

hmip_tp()
{
	throughput $RCOA
}

tnl_tp()
{
	throughput $TNL_DST
}

r=$(bench_alternate "TCP through ip6tnl (bit/s)" tnl_tp "through hmip" hmip_tp)
bench_goal "TCP throughput, hmip against ip6tnl" "$r" 1.0
check "bench: nothing was dropped for want of a binding" \
	test "$(counter "$map" map_encap_drop_no_binding)" = 0
finish
