# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# The mobile node's network of mn_handover and the demo, and the helpers
# that read the mobile node's state (mn_options too). Source after lib.sh
# and lib/peer.sh:
#
#   cn ---- map1 (100::1) ---- ar1 (a1::/64) ---+
#    |          \------------- ar2 (a2::/64) ---+-- air --- mn (m0)
#    +----- map2 (200::1) ---- ar3 (a3::/64) ---+   (one bridge per AR:
#                                                    the mn's port moves)
#
#   mn_net_setup [MAC]   the namespaces cn map1 map2 ar1 ar2 ar3 air mn
#                        (variables of those names), addresses and routes;
#                        the mobile node's m0 (with MAC, if given) in
#                        ar1's cell. hmip and radvd are the caller's.
#   mn_net_ha_setup      after mn_net_setup: a home agent's namespace ha
#                        (h0 2001:db8:e::1 to the cn, c3 e::2; the home
#                        link h1 with $HA, 2001:db8:1::1/64, fourth cell
#                        br4 of air); hmip is the caller's
#   mn_cell_setup MAP... the small network of mn_options and mn_lifecycle:
#                        map (u0 f::1, each MAP address on lo) -- ar (u0
#                        f::2; d0 a1::1 and fe80::1, which advertises)
#                        -- mn (m0); namespaces map ar mn
#   mn_json              "hmip -j mn show dev m0" on the mobile node
#   mn_get EXPR          EXPR evaluated with m (that object), cur and prev
#                        (its current and previous registrations, {} when
#                        none) and opts (the MAP options heard, by
#                        address), in the test's peer (lib/peer.sh)
#   mn_true EXPR         mn_get EXPR printed True
#   registered_with MAP PREFIX
#                        registered with MAP from an LCoA in PREFIX
#   mn_fmip KEY          the node's fast handover state's KEY (fbu, ncoa,
#                        arrival, fback_status, ...)
#   map1_binding_lcoa RCOA
#                        the LCoA of map1's binding of RCOA, or nothing

CN=2001:db8:c::2
HA=2001:db8:1::1
MAP1=2001:db8:100::1
MAP2=2001:db8:200::1

mn_net_setup() {
	local i ns p

	setup_ns cn map1 map2 ar1 ar2 ar3 air mn
	ns_nodad "$cn" "$map1" "$map2" "$ar1" "$ar2" "$ar3" "$mn"
	veth_link "$cn" c1 "$map1" c0
	veth_link "$cn" c2 "$map2" c0
	veth_link "$map1" u1 "$ar1" u0
	veth_link "$map1" u2 "$ar2" u0
	veth_link "$map2" u3 "$ar3" u0
	for i in 1 2 3; do
		ns=ar$i
		veth_link "${!ns}" d0 "$air" p$i
		on "$air" ip link add br$i type bridge
		on "$air" ip link set br$i up
		on "$air" ip link set p$i master br$i
	done
	veth_link "$mn" m0 "$air" pm
	on "$mn" ip link set m0 down
	[[ -n ${1:-} ]] && on "$mn" ip link set m0 address "$1"
	on "$air" ip link set pm master br1
	# A move is the link going down and up (a new association): the
	# kernel forgets the old link's addresses and routes and solicits a
	# router at once.
	on "$mn" sysctl -qw net.ipv6.conf.m0.router_solicitation_delay=0
	on "$mn" sysctl -qw net.ipv6.conf.m0.router_solicitation_interval=1
	on "$mn" ip link set m0 up

	for ns in "$cn" "$map1" "$map2" "$ar1" "$ar2" "$ar3"; do
		on "$ns" sysctl -qw net.ipv6.conf.all.forwarding=1
	done
	on "$cn" ip -6 addr add $CN/64 dev c1
	on "$cn" ip -6 addr add 2001:db8:d::2/64 dev c2
	for p in 100 a1 a2; do
		on "$cn" ip -6 route add 2001:db8:$p::/64 via 2001:db8:c::1
	done
	for p in 200 a3; do
		on "$cn" ip -6 route add 2001:db8:$p::/64 via 2001:db8:d::1
	done
	on "$map1" ip -6 addr add 2001:db8:c::1/64 dev c0
	on "$map1" ip -6 addr add $MAP1/64 dev c0
	on "$map1" ip -6 addr add 2001:db8:f1::1/64 dev u1
	on "$map1" ip -6 addr add 2001:db8:f2::1/64 dev u2
	on "$map1" ip -6 route add 2001:db8:a1::/64 via 2001:db8:f1::2
	on "$map1" ip -6 route add 2001:db8:a2::/64 via 2001:db8:f2::2
	on "$map1" ip -6 route add default via $CN
	on "$map2" ip -6 addr add 2001:db8:d::1/64 dev c0
	on "$map2" ip -6 addr add $MAP2/64 dev c0
	on "$map2" ip -6 addr add 2001:db8:f3::1/64 dev u3
	on "$map2" ip -6 route add 2001:db8:a3::/64 via 2001:db8:f3::2
	on "$map2" ip -6 route add default via 2001:db8:d::2
	for i in 1 2 3; do
		ns=ar$i
		on "${!ns}" ip -6 addr add 2001:db8:f$i::2/64 dev u0
		on "${!ns}" ip -6 addr add 2001:db8:a$i::1/64 dev d0
		on "${!ns}" ip -6 route add default via 2001:db8:f$i::1
	done
}

mn_net_ha_setup() {
	setup_ns ha
	ns_nodad "$ha"
	veth_link "$cn" c3 "$ha" h0
	veth_link "$ha" h1 "$air" p4
	on "$air" ip link add br4 type bridge
	on "$air" ip link set br4 up
	on "$air" ip link set p4 master br4
	on "$ha" sysctl -qw net.ipv6.conf.all.forwarding=1
	on "$ha" ip -6 addr add 2001:db8:e::1/64 dev h0
	on "$ha" ip -6 addr add $HA/64 dev h1
	on "$ha" ip -6 route add default via 2001:db8:e::2
	on "$cn" ip -6 addr add 2001:db8:e::2/64 dev c3
	on "$cn" ip -6 route add 2001:db8:1::/64 via 2001:db8:e::1
}

mn_cell_setup() {
	local a ns

	setup_ns map ar mn
	ns_nodad "$map" "$ar" "$mn"
	veth_link "$map" u0 "$ar" u0
	veth_link "$ar" d0 "$mn" m0
	for ns in "$map" "$ar"; do
		on "$ns" sysctl -qw net.ipv6.conf.all.forwarding=1
	done
	on "$map" ip -6 addr add 2001:db8:f::1/64 dev u0
	for a in "$@"; do
		on "$map" ip -6 addr add "$a"/64 dev lo
	done
	on "$map" ip -6 route add 2001:db8:a1::/64 via 2001:db8:f::2
	on "$ar" ip -6 addr add 2001:db8:f::2/64 dev u0
	on "$ar" ip -6 addr add 2001:db8:a1::1/64 dev d0
	on "$ar" ip -6 route add default via 2001:db8:f::1
	# The router's link-local address is what the advertisements come
	# from.
	on "$ar" ip -6 addr add fe80::1/64 dev d0
}

mn_json() {
	"$HMIP" -n "$mn" -j mn show dev m0
}

# Evaluated in the test's peer (lib/peer.sh): no Python start per call.
mn_get() {
	peer py '
m = json.loads(argv[0])[0]
regs = m.get("registrations", [])
cur = next((r for r in regs if r.get("current")), {})
prev = next((r for r in regs if not r.get("current")), {})
opts = {o["map"]: o for o in m.get("options", [])}
try:
    print(eval(argv[1]))
except Exception:
    pass' "$(mn_json 2>/dev/null)" "$1"
}

mn_true() {
	[[ $(mn_get "$1") == True ]]
}

registered_with() {
	mn_true "cur.get('state') == 'registered' and cur.get('map') == '$1' and m.get('lcoa', '').startswith('$2') and cur.get('lcoa') == m.get('lcoa')"
}

mn_fmip() {
	mn_get "m.get('fast_handover', {}).get('$1')"
}

map1_binding_lcoa() {
	on "$map1" "$HMIP" -j binding show rcoa "$1" 2>/dev/null |
		jq -r '.[0].lcoa // empty'
}
