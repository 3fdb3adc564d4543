#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# RFC 4140 sections 3.1, 6.1 and 6.2, the MAP's data plane: packets for a
# bound RCoA are tunnelled to the LCoA, the mobile node's reverse tunnel is
# taken only from the LCoA bound to the inner source. The mobile node is
# the stock kernel (an ip6ip6 tunnel, the interop check) plus a scapy BU.
#
#   cn ---- map ============ ar ---- mn (d0/m0: LCoA, d1/m1: LCoA2)
#   c::2  c::1 a0 100::1  100::2
#              (MAP 100::1, proxy-ND; MAP 110::1, routed)
#   cn: 2001:db8:c::/64   MAP link: 2001:db8:100::/64
#   ar-mn: 2001:db8:a1::/64 and 2001:db8:a2::/64
#
# timeout: 1500

. "$(dirname "$(readlink -f "$0")")/lib.sh"
. "$SELFTESTS/lib/peer.sh"

CN=2001:db8:c::2
MAP=2001:db8:100::1
MAP_R=2001:db8:110::1
AR_UP=2001:db8:100::2
LCOA=2001:db8:a1::100
LCOA2=2001:db8:a2::100
RCOA=2001:db8:100::a
RCOA_R=2001:db8:110::a
XFER=$SELFTESTS/lib/xfer.py
# The debug kernel (KASAN, lockdep) is there to catch bugs, not to move
# volume: a quarter of the traffic, at a quarter of the handover's pace.
if [[ ${FLAVOUR:-} == debug ]]; then
	SCALE=4
else
	SCALE=1
fi
TMP=$(mktemp -d /tmp/hmip-dp.XXXXXX)
on_exit rm -rf "$TMP"

setup_ns cn map ar mn
ns_nodad "$cn" "$map" "$ar" "$mn"
veth_link "$cn" c0 "$map" c1
veth_link "$map" a0 "$ar" u0
veth_link "$ar" d0 "$mn" m0
veth_link "$ar" d1 "$mn" m1
for ns in "$map" "$ar"; do
	on "$ns" sysctl -qw net.ipv6.conf.all.forwarding=1
done
on "$cn" ip -6 addr add $CN/64 dev c0
on "$cn" ip -6 route add default via 2001:db8:c::1
on "$map" ip -6 addr add 2001:db8:c::1/64 dev c1
on "$map" ip -6 addr add $MAP/64 dev a0
on "$map" ip -6 addr add $MAP_R/128 dev a0
on "$map" ip -6 route add 2001:db8:a1::/64 via $AR_UP
on "$map" ip -6 route add 2001:db8:a2::/64 via $AR_UP
on "$ar" ip -6 addr add $AR_UP/64 dev u0
on "$ar" ip -6 addr add 2001:db8:a1::1/64 dev d0
on "$ar" ip -6 addr add 2001:db8:a2::1/64 dev d1
on "$ar" ip -6 route add default via $MAP
on "$mn" ip -6 addr add $LCOA/64 dev m0
on "$mn" ip -6 addr add $LCOA2/64 dev m1

# The mobile node's side, as stock Linux does it: a tunnel per MAP from
# the LCoA, the RCoA on it, the MAP reached over the access router.
on "$mn" ip -6 route add $MAP/128 via 2001:db8:a1::1 dev m0
on "$mn" ip -6 route add $MAP_R/128 via 2001:db8:a1::1 dev m0
on "$mn" ip -6 tunnel add t0 mode ip6ip6 local $LCOA remote $MAP
on "$mn" ip -6 tunnel add t1 mode ip6ip6 local $LCOA remote $MAP_R
on "$mn" ip link set t0 up
on "$mn" ip link set t1 up
on "$mn" ip -6 addr add $RCOA/128 dev t0
on "$mn" ip -6 addr add $RCOA_R/128 dev t1

on "$map" "$HMIP" config set err-ratelimit-ms 0
# Lifetimes far beyond the test's run: the debug kernel needs many minutes.
check "hmip map add (proxy-nd, the default)" \
	on "$map" "$HMIP" map add $MAP dev a0 require-ipsec off \
	max-lifetime 262140
check "hmip map add mode routed" \
	on "$map" "$HMIP" map add $MAP_R dev a0 mode routed require-ipsec off \
	max-lifetime 262140
check "the MAPs' tunnel devices exist and are up" \
	on "$map" sh -c 'ip link show hmip0 | grep -q UP && ip link show hmip1 | grep -q UP'
wait_for 10 on "$mn" ping -6 -c1 -W1 $MAP
wait_for 10 on "$cn" ping -6 -c1 -W1 $MAP
peer_start "$mn"

map_stat()
{
	counter "$map" "$1"
}

binding_field()
{
	on "$map" "$HMIP" -j binding show rcoa "$1" | jq -r ".[0].$2"
}

# register MAP RCOA LCOA IFACE SEQ: a BU from the mobile node, BA status 0
register()
{
	local out

	out=$(peer bu --iface "$4" --src "$3" --dst "$1" --hao "$2" --seq "$5" \
		--lifetime 65535 --expect 1 --wait 10)
	if [[ $(echo "$out" | count "r['kind'] == 'mh' and r.get('msg') == 'ba' and r['status'] == 0") == 1 ]]; then
		return 0
	fi
	echo "$out" | grep -v '"kind": "sent"' | head -n 5
	return 1
}

# The mobile node's traffic from its RCoAs goes into the tunnels.
on "$mn" ip -6 route add $CN/128 dev t0 src $RCOA
on "$mn" ip -6 route add $CN/128 dev t1 src $RCOA_R table 100
on "$mn" ip -6 rule add from $RCOA_R table 100
on "$mn" ip -6 route add $AR_UP/128 dev t0 src $RCOA

check "proxy-nd: registration accepted" register $MAP $RCOA $LCOA m0 1
check "routed: registration accepted" register $MAP_R $RCOA_R $LCOA m0 1

# ---------------------------------------------------------------- traffic

tcp_transfer()
{
	# tcp_transfer NAME RCOA SIZE_KB: CN sends SIZE_KB to the RCoA
	local name=$1 rcoa=$2 kb=$3 port=$((5000 + RANDOM % 1000))

	head -c $((kb * 1024)) /dev/urandom >"$TMP/src"
	rm -f "$TMP/dst"
	rm -f "$TMP/ready"
	on "$mn" "$PY" "$XFER" tcp-recv --addr "$rcoa" --port $port \
		--out "$TMP/dst" >"$TMP/ready" &
	local recv=$!
	wait_for 60 grep -q ready "$TMP/ready"
	check "$name: TCP transfer completes" \
		on "$cn" "$PY" "$XFER" tcp-send --addr "$rcoa" --port $port \
		--file "$TMP/src"
	wait $recv
	check_eq "$name: TCP bytes intact end to end" \
		"$(sha256sum <"$TMP/src")" "$(sha256sum <"$TMP/dst")"
}

udp_stream()
{
	# udp_stream NAME RCOA: N datagrams CN -> RCoA, none lost
	local name=$1 rcoa=$2 port=$((6000 + RANDOM % 1000)) n=$((1000 / SCALE))

	rm -f "$TMP/udp"
	on "$mn" "$PY" "$XFER" udp-recv --addr "$rcoa" --port $port \
		--count $n --timeout 30 >"$TMP/udp" &
	local recv=$!
	wait_for 60 grep -q ready "$TMP/udp"
	on "$cn" "$PY" "$XFER" udp-send --addr "$rcoa" --port $port \
		--count $n
	wait $recv
	check_eq "$name: UDP stream of $n datagrams, none lost" \
		$n "$(tail -n1 "$TMP/udp")" ||
		log_drops "$cn" "$map" "$ar" "$mn"
}

for mode in proxy-nd routed; do
	if [[ $mode == proxy-nd ]]; then r=$RCOA; else r=$RCOA_R; fi
	check "$mode: CN pings the RCoA" on "$cn" ping -6 -c3 -i0.3 -W5 $r
	check "$mode: MN pings CN from the RCoA" \
		on "$mn" ping -6 -c3 -i0.3 -W5 -I $r $CN
	udp_stream "$mode" $r
	tcp_transfer "$mode" $r $((1024 / SCALE))
done

check "binding counts the tunnelled packets (tx)" \
	test "$(binding_field $RCOA tx_packets)" -gt $((1000 / SCALE))
check "binding counts the reverse tunnel's packets (rx)" \
	test "$(binding_field $RCOA rx_packets)" -gt 3
check "hmip0 counts what it sent (ip -s link)" \
	test "$(on "$map" cat /sys/class/net/hmip0/statistics/tx_packets)" -gt $((1000 / SCALE))

# The wire, decoded by tshark: outer MAP -> LCoA, inner CN -> RCoA.
wire()
{
	# wire SRC: outer and inner addresses of the first echo request
	# whose outer source is SRC
	tshark -r "$TMP/wire.pcap" -Y "icmpv6.type == 128 && ipv6.src == $1" \
		-T fields -e ipv6.src -e ipv6.dst -E separator=' ' 2>/dev/null |
		head -n1
}

# A capture that missed the start of a ping (seen once on a loaded
# machine) is taken again; a wrong encapsulation never matches.
for _ in 1 2 3; do
	capture_start "$ar" d0 "$TMP/wire.pcap"
	on "$cn" ping -6 -c2 -i0.3 -W5 $RCOA >/dev/null
	on "$mn" ping -6 -c2 -i0.3 -W5 -I $RCOA $CN >/dev/null
	capture_stop "$TMP/wire.pcap"
	[[ -n $(wire $MAP) && -n $(wire $LCOA) ]] && break
done
check_eq "tshark: CN -> RCoA travels inside MAP -> LCoA" \
	"$MAP,$CN $LCOA,$RCOA" "$(wire $MAP)"
check_eq "tshark: RCoA -> CN travels inside LCoA -> MAP" \
	"$LCOA,$RCOA $MAP,$CN" "$(wire $LCOA)"
[[ -n $(wire $LCOA) ]] ||
	tshark -r "$TMP/wire.pcap" 2>/dev/null | head -n 20 | while IFS= read -r l; do log "$l"; done

# ------------------------------------------------------- proxy ND on the link

check "proxy-nd: a neighbour on the MAP's link reaches the RCoA" \
	on "$ar" ping -6 -c2 -i0.3 -W5 -I $AR_UP $RCOA
check_eq "proxy-nd: the RCoA resolves to the MAP's link-layer address" \
	"$(on "$map" cat /sys/class/net/a0/address)" \
	"$(on "$ar" ip -6 neigh show $RCOA dev u0 | grep -o 'lladdr [^ ]*' | cut -d' ' -f2)"
check "proxy-nd: answers counted" test "$(map_stat map_proxy_na)" -gt 0

# ------------------------------------------------------------ routed prefix

unreach()
{
	on "$cn" ping -6 -c1 -W5 2001:db8:110::b 2>&1 | grep -q "Address unreachable"
}
check "routed: an unbound RCoA is address unreachable" unreach
check "routed: ... counted" test "$(map_stat map_intercept_unreachable)" -gt 0

# --------------------------------------------------------- reverse tunnel

spoof()
{
	# spoof OUTER_SRC INNER_SRC IFACE: one reverse-tunnel packet
	peer tunnel --iface "$3" --src "$1" --dst $MAP --inner-src "$2" \
		--inner-dst $CN --wait 2 >/dev/null
}

echos()
{
	on "$cn" awk '$1 == "Icmp6InEchos" { print $2 }' /proc/net/snmp6
}

before=$(echos)
d0=$(map_stat map_decap_drop_no_binding)
spoof $LCOA 2001:db8:100::bad m0
check_eq "spoof: inner source an unbound RCoA: counted" \
	$((d0 + 1)) "$(map_stat map_decap_drop_no_binding)"
w0=$(map_stat map_decap_drop_wrong_lcoa)
spoof $LCOA2 $RCOA m1
check_eq "spoof: the RCoA from an LCoA it is not bound to: counted" \
	$((w0 + 1)) "$(map_stat map_decap_drop_wrong_lcoa)"
check_eq "spoof: nothing reached the CN" "$before" "$(echos)"

# An ip6ip6 tunnel of the MAP's own, to the MAP address, keeps working.
on "$ar" ip -6 tunnel add x0 mode ip6ip6 local $AR_UP remote $MAP
on "$map" ip -6 tunnel add x0 mode ip6ip6 local $MAP remote $AR_UP
on "$ar" ip link set x0 up
on "$map" ip link set x0 up
on "$ar" ip -6 addr add fd00:41::2/64 dev x0
on "$map" ip -6 addr add fd00:41::1/64 dev x0
check "an ip6tnl tunnel to the MAP address works alongside" \
	wait_for 20 on "$ar" ping -6 -c1 -W2 fd00:41::1

# ---------------------------------------------------- LCoA change under TCP

size=$((3 * 1024 * 1024 / SCALE))
head -c $size /dev/urandom >"$TMP/src"
rm -f "$TMP/dst" "$TMP/ready"
on "$mn" "$PY" "$XFER" tcp-recv --addr $RCOA --port 7001 \
	--out "$TMP/dst" >"$TMP/ready" &
recv=$!
wait_for 60 grep -q ready "$TMP/ready"
on "$cn" "$PY" "$XFER" tcp-send --addr $RCOA --port 7001 \
	--file "$TMP/src" --rate $((256 / SCALE)) &
send=$!
got_some() { test "$(stat -c %s "$TMP/dst" 2>/dev/null || echo 0)" -gt $((size / 12)); }
wait_for 120 got_some
moved_at=$(stat -c %s "$TMP/dst")
# The move: the tunnel now starts at LCoA2 on the second link, the first
# link goes down, and a BU tells the MAP.
on "$mn" ip -6 route replace $MAP/128 via 2001:db8:a2::1 dev m1
on "$mn" ip -6 tunnel change t0 local $LCOA2 remote $MAP
on "$mn" ip link set m0 down
check "handover: BU with the new LCoA accepted" register $MAP $RCOA $LCOA2 m1 2
check_eq "handover: the binding holds the new LCoA" \
	$LCOA2 "$(binding_field $RCOA lcoa)"
check "handover: the move came in the middle of the transfer" \
	test "$moved_at" -lt $size
wait $send
check_eq "handover: the TCP transfer completes" 0 $?
wait $recv
check_eq "handover: TCP bytes intact" \
	"$(sha256sum <"$TMP/src")" "$(sha256sum <"$TMP/dst")"

# ------------------------------------------------------ Packet Too Big

# The last link to the LCoA shrinks to 1400: the tunnel then carries 1360.
on "$ar" ip link set d1 mtu 1400
on "$mn" ip link set m1 mtu 1400
on "$cn" ip -6 route flush cache 2>/dev/null
capture_start "$cn" c0 "$TMP/ptb.pcap"
r0=$(map_stat map_icmp_relayed)
for _ in 1 2 3; do
	on "$cn" ping -6 -c1 -W3 -s 1400 $RCOA >/dev/null 2>&1
done
capture_stop "$TMP/ptb.pcap"
check_eq "PTB: the CN is told MTU 1360 (1400 less the tunnel)" 1360 \
	"$(tshark -r "$TMP/ptb.pcap" -Y "icmpv6.type == 2" -T fields \
		-e icmpv6.mtu 2>/dev/null | sort -u | head -n1)"
check "PTB: the access router's PTB was relayed to the source" \
	test "$(map_stat map_icmp_relayed)" -gt "$r0"
check "PTB: a large ping gets through after PMTU discovery" \
	on "$cn" ping -6 -c2 -W5 -s 1400 $RCOA
tcp_transfer "PTB" $RCOA $((512 / SCALE))

# ------------------------------------------- bindings go under traffic

on "$cn" ping -6 -f -W1 $RCOA >/dev/null 2>&1 &
flood=$!
seq=3
for _ in $(seq 5); do
	on "$map" "$HMIP" binding del rcoa $RCOA
	register $MAP $RCOA $LCOA2 m1 $seq
	seq=$((seq + 1))
done
kill $flood
wait $flood 2>/dev/null
on "$map" "$HMIP" binding del rcoa $RCOA 2>/dev/null
check "churn: bindings deleted and made again under a flood" \
	register $MAP $RCOA $LCOA2 m1 $seq
check "churn: traffic flows with the last binding" \
	on "$cn" ping -6 -c2 -W5 $RCOA
on "$map" "$HMIP" binding del rcoa $RCOA
check_fail "deleted: traffic stops being tunnelled at once" \
	on "$cn" ping -6 -c2 -W2 $RCOA
d0=$(map_stat map_decap_drop_no_binding)
on "$mn" ping -6 -c1 -W2 -I $RCOA $CN >/dev/null 2>&1
check_eq "deleted: the reverse tunnel is refused at once" \
	$((d0 + 1)) "$(map_stat map_decap_drop_no_binding)"

check "hmip map del takes the tunnel device along" \
	on "$map" sh -c "$HMIP map del $MAP && ! ip link show hmip0 2>/dev/null"
finish
