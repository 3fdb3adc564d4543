#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The MAP's encapsulation in detail (RFC 2473 as RFC 4140 section 6.2 uses
# it) and its neighbour discovery for bound RCoAs: what the tunnelled packet
# carries from the inner one (traffic class, hop limit, Tunnel
# Encapsulation Limit), the ICMPv6 errors the MAP sends or relays from the
# path to the LCoA, the rate limit on them, and the proxy's answer to a
# Duplicate Address Detection probe. scapy sends as a correspondent and as
# a neighbour on the MAP's link; tshark decodes the tunnelled packets.
#
#   cn ---- map ============ ar ---- mn (m0: LCoA, drops what is tunnelled)
#   c::2  c::1 a0 100::1  100::2 d0 a1::1
#              (MAP 100::1, proxy-ND; MAP 110::1, routed)
#
# timeout: 600

. "$(dirname "$(readlink -f "$0")")/lib.sh"
. "$SELFTESTS/lib/peer.sh"

require_cmd tshark tcpdump tc

CN=2001:db8:c::2
MAP=2001:db8:100::1
MAP_R=2001:db8:110::1
AR_UP=2001:db8:100::2
LCOA=2001:db8:a1::100
RCOA=2001:db8:100::a
RCOA_R=2001:db8:110::a
TMP=$(mktemp -d /tmp/hmip-encap.XXXXXX)
on_exit rm -rf "$TMP"

setup_ns cn map ar mn
ns_nodad "$cn" "$map" "$ar" "$mn"
veth_link "$cn" c0 "$map" c1
veth_link "$map" a0 "$ar" u0
veth_link "$ar" d0 "$mn" m0
for ns in "$map" "$ar"; do
	on "$ns" sysctl -qw net.ipv6.conf.all.forwarding=1
	# The kernel's own limit on ICMPv6 errors would hide the ones this
	# test counts; hmip's limit is tested on its own below.
	on "$ns" sysctl -qw net.ipv6.icmp.ratelimit=0
done
on "$cn" ip -6 addr add $CN/64 dev c0
on "$cn" ip -6 route add default via 2001:db8:c::1
on "$map" ip -6 addr add 2001:db8:c::1/64 dev c1
on "$map" ip -6 addr add $MAP/64 dev a0
on "$map" ip -6 addr add $MAP_R/128 dev a0
on "$map" ip -6 route add 2001:db8:a1::/64 via $AR_UP
on "$ar" ip -6 addr add $AR_UP/64 dev u0
on "$ar" ip -6 addr add 2001:db8:a1::1/64 dev d0
on "$ar" ip -6 route add default via $MAP
on "$mn" ip -6 addr add $LCOA/64 dev m0
on "$mn" ip -6 route add default via 2001:db8:a1::1
# The mobile node takes what the MAP tunnels off the wire (the capture
# sees it first): with no tunnel of its own its kernel would answer with
# errors that the MAP relays, and those are what this test looks for. Its
# Binding Acknowledgements reach scapy, which listens ahead of tc too.
on "$mn" tc qdisc add dev m0 clsact
for a in $MAP $MAP_R; do
	on "$mn" tc filter add dev m0 ingress protocol ipv6 u32 \
		match ip6 src $a/128 action drop
done

on "$map" "$HMIP" config set err-ratelimit-ms 0
check "hmip map add (proxy-nd)" \
	on "$map" "$HMIP" map add $MAP dev a0 require-ipsec off \
	max-lifetime 262140
check "hmip map add mode routed" \
	on "$map" "$HMIP" map add $MAP_R dev a0 mode routed require-ipsec off \
	max-lifetime 262140
# The node's filter drops the MAP's echo replies: its path is checked a
# hop at a time.
wait_for 10 on "$mn" ping -6 -c1 -W1 2001:db8:a1::1
wait_for 10 on "$ar" ping -6 -c1 -W1 $MAP
wait_for 10 on "$cn" ping -6 -c1 -W1 $MAP

# One scapy peer sends from every namespace (peer_in): scapy is imported
# once.
peer_start "$mn"

map_stat()
{
	counter "$map" "$1"
}

# register MAP RCOA: a BU from the LCoA, BA status 0
register()
{
	peer bu --iface m0 --src $LCOA --dst "$1" \
		--hao "$2" --seq 1 --lifetime 65535 --expect 1 --wait 10 |
		count "r['kind'] == 'mh' and r.get('msg') == 'ba' and r['status'] == 0" |
		grep -qx 1
}

# cn_udp ARGS...: UDP from the correspondent, its ICMPv6 answers on stdout
cn_udp()
{
	peer_in "$cn" udp --iface c0 --src $CN "$@"
}

# one_icmp 'EXPR' < answers: exactly one answer, and it satisfies EXPR
one_icmp()
{
	local out

	out=$(cat)
	[[ $(echo "$out" | count "r['kind'] == 'icmp'") == 1 &&
		$(echo "$out" | count "r['kind'] == 'icmp' and ($1)") == 1 ]] &&
		return 0
	echo "$out"
	return 1
}

check "proxy-nd: registration accepted" register $MAP $RCOA
check "routed: registration accepted" register $MAP_R $RCOA_R

# ------------------------------------------- what the tunnel carries over

# Each probe goes to its own UDP port, so the capture tells them apart.
capture_start "$mn" m0 "$TMP/tnl.pcap" ip6
cn_udp --dst $RCOA --tclass 0xb9 --hlim 64 --dport 9 >/dev/null
cn_udp --dst $RCOA --tel 1 --dport 10 >/dev/null
before_limit=$(map_stat map_encap_drop_limit)
check "rfc2473-4.1.1: limit 0 gets Parameter Problem at the limit's octet" \
	one_icmp "r['type'] == 4 and r['code'] == 0 and r['info'] == 44 and
		  r['inner_dst'] == '$RCOA'" \
	< <(cn_udp --dst $RCOA --tel 0 --dport 11 --expect 1 --wait 10)
check_eq "... counted in map_encap_drop_limit" $((before_limit + 1)) \
	"$(map_stat map_encap_drop_limit)"
before_hlim=$(map_stat map_intercept_hop_limit)
check "hop limit 1: Time Exceeded, not tunnelled" \
	one_icmp "r['type'] == 3 and r['code'] == 0 and
		  r['inner_dst'] == '$RCOA'" \
	< <(cn_udp --dst $RCOA --hlim 1 --dport 12 --expect 1 --wait 10)
check_eq "... counted in map_intercept_hop_limit" $((before_hlim + 1)) \
	"$(map_stat map_intercept_hop_limit)"
capture_stop "$TMP/tnl.pcap"

# tunnelled PORT FIELD: the field's outer,inner values in the packet to PORT
tunnelled()
{
	tshark -r "$TMP/tnl.pcap" -Y "udp.dstport == $1 && !icmpv6" -T fields \
		-E occurrence=a -E aggregator=, -e "$2" 2>/dev/null
}

check_eq "rfc2473-3.1: outer MAP -> LCoA, inner CN -> RCoA (tshark)" \
	"$MAP,$CN $LCOA,$RCOA" \
	"$(tunnelled 9 ipv6.src) $(tunnelled 9 ipv6.dst)"
check_eq "rfc2473-6.4: the traffic class (DSCP and ECT(1)) goes outside" \
	"0x000000b9,0x000000b9" "$(tunnelled 9 ipv6.tclass)"
check_eq "rfc2473-3.2: the inner hop limit is decremented once (64 -> 63)" \
	63 "$(tunnelled 9 ipv6.hlim | cut -d, -f2)"
check_eq "rfc2473-6.6: no limit option outside without one inside" \
	"" "$(tunnelled 9 ipv6.opt.tel)"
check_eq "rfc2473-4.1.1: an inner limit 1 is tunnelled with an outer limit 0" \
	"0,1" "$(tunnelled 10 ipv6.opt.tel)"
check_eq "rfc2473-4.1.1: ... behind a Destination Options header" \
	"60" "$(tunnelled 10 ipv6.nxt | cut -d, -f1)"
check_eq "neither limit 0 nor hop limit 1 was tunnelled" "" \
	"$(tunnelled 11 ipv6.src)$(tunnelled 12 ipv6.src)"

# ------------------------------ errors from the path to the LCoA, relayed

# The access router refuses the LCoA: its Destination Unreachable goes to
# the MAP (the tunnel's source), which tells the correspondent.
on "$ar" ip -6 route add prohibit $LCOA/128
before_rel=$(map_stat map_icmp_relayed)
check "rfc2473-8.1: the path's Destination Unreachable reaches the source as address unreachable" \
	one_icmp "r['type'] == 1 and r['code'] == 3 and
		  r['inner_src'] == '$CN' and r['inner_dst'] == '$RCOA'" \
	< <(cn_udp --dst $RCOA --dport 13 --expect 1 --wait 10)
check_eq "... counted in map_icmp_relayed" $((before_rel + 1)) \
	"$(map_stat map_icmp_relayed)"
on "$ar" ip -6 route del prohibit $LCOA/128

# --------------------------------------------------- hmip's own rate limit

# count_icmp TYPE CODE < answers: how many answers are ICMPv6 TYPE/CODE
count_icmp()
{
	count "r['kind'] == 'icmp' and r['type'] == $1 and r['code'] == $2"
}

# limited NAME COUNTER TYPE CODE UDP-ARGS...: five packets that each earn
# an ICMPv6 TYPE/CODE error get two answers with a burst of 2; all five
# are counted in COUNTER, the three silenced in icmp_tx_ratelimited.
limited()
{
	local name=$1 counter=$2 type=$3 code=$4 before before_rl
	shift 4

	# "config set" refills every bucket: earlier checks emptied the
	# correspondent's.
	on "$map" "$HMIP" config set err-ratelimit-ms 60000 err-ratelimit-burst 2
	before=$(map_stat "$counter")
	before_rl=$(map_stat icmp_tx_ratelimited)
	check_eq "$name: 5 packets, 2 answers (burst 2)" 2 \
		"$(cn_udp "$@" --count 5 --wait 3 | count_icmp "$type" "$code")"
	check_eq "... all 5 counted in $counter" \
		$((before + 5)) "$(map_stat "$counter")"
	check_eq "... the 3 not answered in icmp_tx_ratelimited" \
		$((before_rl + 3)) "$(map_stat icmp_tx_ratelimited)"
}

limited "routed, rate limited: address unreachable for an unbound RCoA" \
	map_intercept_unreachable 1 3 --dst 2001:db8:110::b
# Packet Too Big, which the kernel's own ICMPv6 limit never holds back:
# 1498 octets do not fit the tunnel (1500 less 40).
limited "rate limited: Packet Too Big" map_encap_drop_too_big 2 0 \
	--dst $RCOA --size 1450
on "$map" "$HMIP" config set err-ratelimit-ms 0

# ------------------------------------------- proxy ND: defending the RCoA

# dad_probe TARGET: a DAD probe from the MAP's link, the answers on stdout
dad_probe()
{
	peer_in "$ar" ns --iface u0 --target "$1" "${@:2}"
}

before_na=$(map_stat map_proxy_na)
check "rfc4861-7.2.4: a DAD probe for a bound RCoA gets the MAP's NA to all nodes" \
	one_icmp "r['type'] == 136 and r['target'] == '$RCOA' and
		  r['dst'] == 'ff02::1' and r['flags'] == 'O'" \
	< <(dad_probe $RCOA --expect 1 --wait 10)
check_eq "... counted in map_proxy_na" $((before_na + 1)) \
	"$(map_stat map_proxy_na)"
# An answer about TARGET: an ICMPv6 error, or an NA for it (the link's
# routers check each other's reachability with NAs of their own).
about()
{
	echo "r['kind'] == 'icmp' and r.get('target', '$1') == '$1'"
}
check_eq "a DAD probe for an unbound address of the prefix: no answer" "0" \
	"$(dad_probe 2001:db8:100::b --wait 3 | count "$(about 2001:db8:100::b)")"
check_eq "routed: a DAD probe for a bound RCoA: no answer (nothing on link)" "0" \
	"$(dad_probe $RCOA_R --wait 3 | count "$(about $RCOA_R)")"
on "$map" "$HMIP" binding del rcoa $RCOA
check_eq "the binding gone, so is the proxy: the probe gets no answer" "0" \
	"$(dad_probe $RCOA --wait 3 | count "$(about $RCOA)")"

finish
