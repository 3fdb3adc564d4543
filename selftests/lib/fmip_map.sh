# SPDX-License-Identifier: GPL-2.0
#
# The network of the tests of the MAP as the anchor of fast handovers
# (fmip_map.sh, fmip_map_hi.sh), sourced after lib.sh and lib/peer.sh:
#
#   cn ---- map ========================= mn (scapy)
#   c::2  c::1 (MAP 100::1, routed)       m0: PCoA a1::100, NCoA a2::100
#              a0: a1::1, a2::1           (drops what is tunnelled)
#
# fmip_map_setup [ADDRESS...]: the namespaces cn, map and mn, these
# addresses (CN, MAP, PCOA, NCOA) and the ADDRESSes on mn's m0 too, and
# the scapy peer in mn.

CN=2001:db8:c::2
MAP=2001:db8:100::1
PCOA=2001:db8:a1::100
NCOA=2001:db8:a2::100

fmip_map_setup() {
	local a

	setup_ns cn map mn
	ns_nodad "$cn" "$map" "$mn"
	veth_link "$cn" c0 "$map" c1
	veth_link "$map" a0 "$mn" m0
	on "$map" sysctl -qw net.ipv6.conf.all.forwarding=1
	on "$cn" ip -6 addr add $CN/64 dev c0
	on "$cn" ip -6 route add default via 2001:db8:c::1
	on "$map" ip -6 addr add 2001:db8:c::1/64 dev c1
	on "$map" ip -6 addr add $MAP/128 dev a0
	on "$map" ip -6 addr add 2001:db8:a1::1/64 dev a0
	on "$map" ip -6 addr add 2001:db8:a2::1/64 dev a0
	for a in $PCOA $NCOA "$@"; do
		on "$mn" ip -6 addr add "$a/64" dev m0
	done
	on "$mn" ip -6 route add default via 2001:db8:a1::1
	# What the MAP sends stops at the capture and scapy: the node has
	# no tunnel and no hmip role, and its kernel's errors would only add
	# packets. Not Neighbour Discovery: the MAP solicits the NCoA from
	# its own address (the source of what it sends there), and the
	# node's kernel must answer.
	on "$mn" tc qdisc add dev m0 clsact
	on "$mn" tc filter add dev m0 ingress pref 1 protocol ipv6 u32 \
		match ip6 protocol 58 0xff action pass
	on "$mn" tc filter add dev m0 ingress pref 2 protocol ipv6 u32 \
		match ip6 src $MAP/128 action drop
	wait_for 10 on "$cn" ping -6 -c1 -W1 2001:db8:c::1
	wait_for 10 on "$mn" ping -6 -c1 -W1 2001:db8:a1::1

	peer_start "$mn"
}
