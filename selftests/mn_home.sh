#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# RFC 4140 section 6.1 and RFC 6275 section 11 on the mobile node: after
# its MAP accepted the RCoA, hmip's mobile node registers its home
# address with a real hmip home agent through the RCoA; the home
# address's traffic goes through both tunnels (home agent inside, MAP
# outside) and survives moves; a move inside the MAP domain sends the home
# agent nothing, a move into another domain one home Binding Update; in
# plain Mobile IPv6 mode (RFC 4140 section 3) the LCoA is registered and
# every move costs a home Binding Update, as on a link where no MAP is
# advertised; back on the home link it deregisters and uses the link
# directly (RFC 6275 section 11.5.4). One TCP connection from the
# correspondent to the home address, opened before the first move, carries
# data after each move and back home (RFC 4140 section 6.1, RFC 6275
# section 11: sockets on the home address survive moves).
#
#   ha (2001:db8:1::1, home link h1) -- cn ---- map1 (100::1) -- ar1, ar2
#                                        +----- map2 (200::1) -- ar3
#   ar1 (a1::/64), ar2 (a2::/64), ar3 (a3::/64), ha's h1 (home link,
#   1::/64) -- air -- mn (m0)
#   home address 2001:db8:1::100/64; CN 2001:db8:c::2
#
# timeout: 900

. "$(dirname "$(readlink -f "$0")")/lib.sh"
. "$SELFTESTS/lib/ar.sh"
. "$SELFTESTS/lib/peer.sh"
. "$SELFTESTS/lib/mn_net.sh"

require_cmd radvd tshark tcpdump jq

XFER=$SELFTESTS/lib/xfer.py
HOA=2001:db8:1::100
TMP=$(mktemp -d /tmp/hmip-mnhome.XXXXXX)
on_exit rm -rf "$TMP"

mn_net_setup
mn_net_ha_setup
# Only mn_get's Python: no scapy.
peer_start "$mn" --lazy

# map1 grants less than the node asks (7200 s) and the home agent would
# grant (7200 s): the home binding must not outlive the MAP's. Long
# lifetimes: no refresh may fall inside a move, however slow the kernel
# (the debug kernel takes over 600 s for this test).
on "$map1" "$HMIP" map add $MAP1 dev c0 mode routed require-ipsec off \
	max-lifetime 2400
on "$map2" "$HMIP" map add $MAP2 dev c0 mode routed require-ipsec off \
	max-lifetime 3600
on "$ha" "$HMIP" ha add $HA dev h1 require-ipsec off max-lifetime 7200
on "$ar1" "$HMIP" ar add dev d0 map $MAP1 dist 2 valid-lifetime 600
on "$ar2" "$HMIP" ar add dev d0 map $MAP1 dist 2 valid-lifetime 600
on "$ar3" "$HMIP" ar add dev d0 map $MAP2 dist 1 valid-lifetime 600
radvd_start "$ar1" d0 2001:db8:a1::/64
radvd_start "$ar2" d0 2001:db8:a2::/64
radvd_start "$ar3" d0 2001:db8:a3::/64

# home FIELD: a field of the mobile node's home registration
home()
{
	mn_json 2>/dev/null | jq -r ".[0].home_registration.$1 // empty"
}

# home_is STATE: the home registration is in STATE
home_is()
{
	[[ $(home state) == "$1" ]]
}

# home_registered COA: the home agent accepted the binding to COA
home_registered()
{
	[[ $(home state) == registered && $(home coa) == "$1" ]]
}

# home_registered_in PREFIX: the home agent accepted the binding to the
# LCoA, in PREFIX
home_registered_in()
{
	local lcoa

	lcoa=$(mn_get "m['lcoa']")
	[[ $lcoa == "$1"* ]] && home_registered "$lcoa"
}

# ha_binding FIELD: a field of the home address's binding at the home agent
ha_binding()
{
	on "$ha" "$HMIP" -j binding show rcoa $HOA 2>/dev/null |
		jq -r ".[0].$1 // empty"
}

move_to()
{
	on "$mn" ip link set m0 down
	on "$air" ip link set pm nomaster
	on "$air" ip link set pm master br$1
	on "$mn" ip link set m0 up
}

# udp_start PORT COUNT: the CN sends COUNT datagrams at 50/s to the home
# address; udp_end: how many arrived, into $got (not in a subshell: it
# waits for the two)
udp_start()
{
	on "$mn" "$PY" "$XFER" udp-recv --addr $HOA --port "$1" --count "$2" \
		--timeout 40 >"$TMP/udp.out" &
	urecv=$!
	wait_for 30 grep -q ready "$TMP/udp.out"
	on "$cn" "$PY" "$XFER" udp-send --addr $HOA --port "$1" --count "$2" \
		--rate 50 &
	usend=$!
}

udp_end()
{
	wait $usend
	wait $urecv
	got=$(tail -n1 "$TMP/udp.out")
}

# tcp_open PORT: the CN connects to the home address, one connection for
# the whole test (not under check: the two ends must be this shell's
# children); tcp_step N: the CN sends block N on it, and every block sent
# so far arrived, in order; tcp_close: the CN closes it, both ends finish
# without an error and the bytes are those sent
tcp_open()
{
	mkfifo "$TMP/tcp.ctl"
	: >"$TMP/tcp.want"
	ip netns exec "$mn" "$PY" "$XFER" tcp-recv --addr $HOA --port "$1" \
		--timeout 900 --out "$TMP/tcp.got" >"$TMP/tcp.recv" 2>&1 &
	trecv=$!
	wait_for 30 grep -q ready "$TMP/tcp.recv" || return 1
	ip netns exec "$cn" "$PY" "$XFER" tcp-feed --addr $HOA --port "$1" \
		--ctl "$TMP/tcp.ctl" --timeout 900 >"$TMP/tcp.feed" 2>&1 &
	tfeed=$!
	wait_for 30 grep -q connected "$TMP/tcp.feed"
}

# tcp_ctl LINE: LINE to the CN's end; not blocked for good if it is gone
tcp_ctl()
{
	timeout 30 bash -c 'echo "$1" >"$2"' _ "$1" "$TMP/tcp.ctl"
}

tcp_step()
{
	seq -f "block $1 line %g" 2000 >"$TMP/tcp.$1"
	cat "$TMP/tcp.$1" >>"$TMP/tcp.want"
	tcp_ctl "$TMP/tcp.$1" &&
		wait_for 60 cmp -s "$TMP/tcp.want" "$TMP/tcp.got"
}

tcp_close()
{
	tcp_ctl end
	# Both ends finish once the CN's FIN is through; a broken connection
	# must not hold the test until their timeouts.
	wait_for 30 eval '! kill -0 $tfeed 2>/dev/null && ! kill -0 $trecv 2>/dev/null' ||
		kill $tfeed $trecv 2>/dev/null
	wait $tfeed && wait $trecv && cmp "$TMP/tcp.want" "$TMP/tcp.got"
}

capture_start "$mn" m0 "$TMP/m0.pcap" ip6
capture_start "$ha" h0 "$TMP/h0.pcap" ip6
check "hmip mn add dev m0 ... home $HOA/64 ha $HA" \
	on "$mn" "$HMIP" mn add dev m0 require-ipsec off lifetime 7200 \
	home $HOA/64 ha $HA
check "rfc4140-6.1: registered with map1 from an LCoA of ar1's link" \
	wait_for 90 registered_with $MAP1 2001:db8:a1:
RCOA=$(mn_get "cur['rcoa']")
LCOA=$(mn_get "m['lcoa']")
check "rfc4140-6.1: then the home agent binds the home address to the RCoA" \
	wait_for 60 home_registered "$RCOA"
capture_stop "$TMP/m0.pcap"
capture_stop "$TMP/h0.pcap"
log "$(on "$mn" "$HMIP" mn show dev m0)"
check_eq "hmip mn show -j: the home address, the home agent, mode hmip" \
	"$HOA/64 $HA hmip" \
	"$(mn_json | jq -r '.[0] | "\(.home) \(.ha) \(.mode)"')"
check "the home address is on the home tunnel device" \
	grep -q $HOA <<<"$(on "$mn" ip -6 addr show dev "$(home tunnel)")"
check_eq "rfc6275-10.3.1: the home agent's binding: care-of address the RCoA" \
	"$RCOA" "$(ha_binding lcoa)"
check_eq "rfc4140-6.1: tshark on the home agent's link: the home BU comes from the RCoA, H and A set, HAO = home address" \
	"$RCOA $HA 1 1 $HOA" \
	"$(tshark -r "$TMP/h0.pcap" -Y 'mip6.mhtype == 5' -T fields \
		-e ipv6.src -e ipv6.dst -e mip6.bu.h_flag -e mip6.bu.a_flag \
		-e ipv6.opt.mipv6.home_address -E separator=' ' 2>/dev/null |
		head -n1 | sed 's/True/1/g; s/False/0/g')"
check_eq "rfc4140-6.1: tshark on the visited link: the home BU travels inside the MAP tunnel (LCoA -> MAP, RCoA -> HA)" \
	"$LCOA,$RCOA $MAP1,$HA" \
	"$(tshark -r "$TMP/m0.pcap" -Y 'mip6.mhtype == 5 && mip6.bu.h_flag == 1' \
		-T fields -e ipv6.src -e ipv6.dst -E separator=' ' 2>/dev/null |
		head -n1)"
bu_lifetime=$(tshark -r "$TMP/h0.pcap" -Y 'mip6.mhtype == 5' -T fields \
	-e mip6.bu.lifetime 2>/dev/null | head -n1)
map_lifetime=$(mn_get "cur['lifetime']")
log "home BU lifetime field $bu_lifetime, MAP binding $map_lifetime s, home binding $(home lifetime) s"
check_eq "map1 granted 2400 s" 2400 "$map_lifetime"
check "rfc4140-6.1: the home BU asks for no longer than the MAP binding's lifetime" \
	test "$bu_lifetime" -gt 0 -a $((bu_lifetime * 4)) -le "$map_lifetime"
check "rfc4140-6.1: the home binding is no longer than the MAP binding" \
	test "$(home lifetime)" -gt 0 -a "$(home lifetime)" -le "$map_lifetime"

check "rfc6275-11.3.1: the CN reaches the home address" \
	on "$cn" ping -6 -c2 -i0.3 -W5 $HOA
check "rfc6275-11.3.1: the mobile node reaches the CN from the home address" \
	on "$mn" ping -6 -c2 -i0.3 -W5 -I $HOA $CN
home_dev=$(home tunnel)
check "the home tunnel device carried both ways" \
	test "$(on "$mn" cat /sys/class/net/"$home_dev"/statistics/tx_packets)" -gt 0 \
	-a "$(on "$mn" cat /sys/class/net/"$home_dev"/statistics/rx_packets)" -gt 0
check "... inside the MAP tunnel" \
	test "$(on "$mn" cat /sys/class/net/hmipmn0/statistics/tx_packets)" -gt 0
tcp_open 7100
check "rfc6275-11: a TCP connection from the CN to the home address, opened before the moves, carries data" \
	tcp_step 1

# ------------------------------------------------- intra-domain move

ha_bus=$(counter "$ha" mh_rx_bu)
home_bus=$(counter "$mn" mn_home_bu_tx)
udp_start 7101 600
nap 2
move_to 2
check "rfc4140-6.1: a move to ar2: registered with map1 again, same RCoA" \
	wait_for 60 registered_with $MAP1 2001:db8:a2:
check_eq "the RCoA did not change" "$RCOA" "$(mn_get "cur['rcoa']")"
udp_end
log "UDP to the home address across an intra-domain move: $((600 - got)) of 600 lost at 50/s; handover $(mn_get "m['handover_ms']") ms"
check "rfc4140-6.1: the UDP flow to the home address goes on after the move" \
	test "$got" -gt 300
check_eq "rfc4140-1: zero home BUs for an intra-domain move (home agent's count)" \
	"$ha_bus" "$(counter "$ha" mh_rx_bu)"
check_eq "... and none sent" "$home_bus" "$(counter "$mn" mn_home_bu_tx)"
check_eq "the home registration stays with the RCoA" "registered $RCOA" \
	"$(home state) $(home coa)"
check "rfc4140-6.1, rfc6275-11: the TCP connection to the home address carries data after an intra-domain move, in order" \
	tcp_step 2

# ------------------------------------------------- inter-domain move

move_to 3
check "rfc4140-6.1: a move to ar3: registered with map2" \
	wait_for 60 registered_with $MAP2 2001:db8:a3:
RCOA2=$(mn_get "cur['rcoa']")
check "rfc4140-6.1: a new RCoA: the home agent binds the home address to it" \
	wait_for 60 home_registered "$RCOA2"
check_eq "... with one home BU" $((ha_bus + 1)) "$(counter "$ha" mh_rx_bu)"
check_eq "rfc6275-10.3.1: the home agent's binding follows" "$RCOA2" \
	"$(ha_binding lcoa)"
check "the CN reaches the home address in map2's domain" \
	on "$cn" ping -6 -c2 -i0.3 -W5 $HOA
check "rfc4140-6.1, rfc6275-11: the same TCP connection carries data after an inter-domain move, in order" \
	tcp_step 3

# --------------------------------------------- plain Mobile IPv6 mode

check "hmip mn change dev m0 mode mipv6" \
	on "$mn" "$HMIP" mn change dev m0 mode mipv6
LCOA=$(mn_get "m['lcoa']")
check "rfc4140-3: mode mipv6: the LCoA is registered with the home agent" \
	wait_for 60 home_registered "$LCOA"
check_eq "... MAP options ignored: no MAP registration" False \
	"$(mn_get "bool(cur)")"
check "the CN reaches the home address in mode mipv6" \
	on "$cn" ping -6 -c2 -i0.3 -W5 $HOA
ha_bus=$(counter "$ha" mh_rx_bu)
udp_start 7102 600
nap 2
move_to 1
check "rfc6275-11.7.1: mode mipv6: after a move the new LCoA is registered with the home agent" \
	wait_for 60 home_registered_in 2001:db8:a1:
udp_end
log "UDP to the home address across a plain MIPv6 move: $((600 - got)) of 600 lost at 50/s"
check "the UDP flow to the home address goes on after the move" \
	test "$got" -gt 300
# One registration; on Debian's kernel the new LCoA is optimistic (RFC
# 4429) and the acknowledgement can wait for its DAD, past the node's
# 1 s retransmission.
bus=$(($(counter "$ha" mh_rx_bu) - ha_bus))
log "mode mipv6: the move cost $bus home Binding Update(s)"
check "rfc4140-3: mode mipv6: the move cost one home registration (a BU, and at most one retransmission)" \
	test "$bus" -ge 1 -a "$bus" -le 2

# ------------------------------------------------ no MAP advertised

check "hmip mn change dev m0 mode hmip" \
	on "$mn" "$HMIP" mn change dev m0 mode hmip
check "mode hmip again: registered with map1" \
	wait_for 60 registered_with $MAP1 2001:db8:a1:
check "... and the home agent binds the home address to the RCoA again" \
	wait_for 60 home_registered "$RCOA"
on "$ar3" "$HMIP" ar del dev d0 map $MAP2
move_to 3
check "rfc6275-11.7.1: on a link without a MAP the LCoA is registered with the home agent" \
	wait_for 60 home_registered_in 2001:db8:a3:
check "the CN reaches the home address without a MAP" \
	on "$cn" ping -6 -c2 -i0.3 -W5 $HOA

# ------------------------------------------------------- return home

# The home agent's link advertises the home prefix (radvd, nothing else).
radvd_start "$ha" h1 2001:db8:1::/64
dereg=$(counter "$ha" ha_bu_deregistered)
capture_start "$ha" h1 "$TMP/h1.pcap" ip6
move_to 4
check "rfc6275-11.5.4: back on the home link: deregistered, at home" \
	wait_for 60 home_is home
capture_stop "$TMP/h1.pcap"
check_eq "rfc6275-10.3.2: the home agent deregistered the binding" \
	$((dereg + 1)) "$(counter "$ha" ha_bu_deregistered)"
check_eq "rfc6275-11.5.4: tshark on the home link: the deregistration comes from the home address, H and A set, lifetime 0, no HAO" \
	"$HOA;$HA;1;1;0;" \
	"$(tshark -r "$TMP/h1.pcap" -Y 'mip6.mhtype == 5 && mip6.bu.h_flag == 1' \
		-T fields -e ipv6.src -e ipv6.dst -e mip6.bu.h_flag \
		-e mip6.bu.a_flag -e mip6.bu.lifetime \
		-e ipv6.opt.mipv6.home_address -E 'separator=;' 2>/dev/null |
		head -n1 |
		sed 's/True/1/g; s/False/0/g')"
check "rfc6275-11.5.4: the home address is on the interface at home" \
	grep -q $HOA <<<"$(on "$mn" ip -6 addr show dev m0)"
tx=$(on "$mn" cat /sys/class/net/"$home_dev"/statistics/tx_packets)
check "rfc6275-11.5.4: the CN reaches the home address on the home link" \
	on "$cn" ping -6 -c2 -i0.3 -W5 $HOA
check_eq "... directly, not through the home tunnel" "$tx" \
	"$(on "$mn" cat /sys/class/net/"$home_dev"/statistics/tx_packets)"
check "rfc6275-11.5.4, rfc6275-11: the same TCP connection carries data back home, in order" \
	tcp_step 4
tcp_close
check_eq "rfc6275-11: ... and closes cleanly: every byte of the four blocks arrived once, in order" \
	0 $?

finish
