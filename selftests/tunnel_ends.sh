#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# hmip's two tunnel ends against each other, the MAP's (map_tunnel.c) and
# the mobile node's (mn_tunnel.c), where they meet the rest of the IPv6
# stack: a 1280-octet path (RFC 2473 section 7.1: the outer packet is
# fragmented), IPsec policies for packets from and to the RCoA (applied
# before the tunnel, not bypassed by it), the MAP as a router (forwarding
# sysctl, IPsec forward policy), the Tunnel Encapsulation Limit anywhere
# in the header chain (RFC 2473 section 4.1.1), and no link-layer header
# of the outer packet left on a decapsulated one.
#
#   cn ------------ map ------------ ar ------------ mn (m0: LCoA, SLAAC)
#   c::2   c::1, 100::1 (routed)  f1::2 | a1::1 (radvd, MAP option)
#          f1::1 =========== MTU 1280 ===========
#
# timeout: 900

. "$(dirname "$(readlink -f "$0")")/lib.sh"
. "$SELFTESTS/lib/ar.sh"
. "$SELFTESTS/lib/peer.sh"
. "$SELFTESTS/lib/mn_net.sh"

require_cmd radvd tshark tcpdump nft

XFER=$SELFTESTS/lib/xfer.py
TMP=$(mktemp -d /tmp/hmip-ends.XXXXXX)
on_exit rm -rf "$TMP"

setup_ns cn map ar mn
ns_nodad "$cn" "$map" "$ar" "$mn"
veth_link "$cn" c0 "$map" c1
veth_link "$map" u1 "$ar" u0
veth_link "$ar" d0 "$mn" m0
# The IPv6 minimum from the MAP to the LCoA: no room for an outer header
# around a 1280-octet packet, in either direction.
on "$map" ip link set u1 mtu 1280
on "$ar" ip link set u0 mtu 1280
on "$ar" ip link set d0 mtu 1280
on "$mn" ip link set m0 mtu 1280
for ns in "$map" "$ar"; do
	on "$ns" sysctl -qw net.ipv6.conf.all.forwarding=1
done
on "$cn" ip -6 addr add $CN/64 dev c0
on "$cn" ip -6 route add default via 2001:db8:c::1
on "$map" ip -6 addr add 2001:db8:c::1/64 dev c1
on "$map" ip -6 addr add $MAP1/64 dev c1
on "$map" ip -6 addr add 2001:db8:f1::1/64 dev u1
on "$map" ip -6 route add 2001:db8:a1::/64 via 2001:db8:f1::2
on "$ar" ip -6 addr add 2001:db8:f1::2/64 dev u0
on "$ar" ip -6 addr add 2001:db8:a1::1/64 dev d0
on "$ar" ip -6 route add default via 2001:db8:f1::1

# Counts what enters each tunnel device, and how much of it still shows
# a link-layer header (nft's @ll loads only when there is one). Rule
# counters, not named ones: the debug kernel has no nft_objref.
nft_ll()
{
	on "$1" nft -f - <<-EOF
	table ip6 hmiptest {
		chain pre {
			type filter hook prerouting priority 0;
			iifname "$2" counter comment "seen"
			iifname "$2" @ll,0,8 >= 0 counter comment "ll"
		}
	}
	EOF
}

nft_count()
{
	on "$1" nft -j list chain ip6 hmiptest pre |
		jq ".nftables[] | select(.rule.comment == \"$2\") |
			.rule.expr[] | select(.counter) | .counter.packets"
}

peer_start "$cn"
on "$map" "$HMIP" config set err-ratelimit-ms 0
on "$map" "$HMIP" map add $MAP1 dev c1 mode routed require-ipsec off \
	max-lifetime 3600
on "$ar" "$HMIP" ar add dev d0 map $MAP1 dist 1 valid-lifetime 600
radvd_start "$ar" d0 2001:db8:a1::/64
check "hmip mn add dev m0" \
	on "$mn" "$HMIP" mn add dev m0 require-ipsec off lifetime 600
check "registered with the MAP from an LCoA of the access router's link" \
	wait_for 90 registered_with $MAP1 2001:db8:a1:
RCOA=$(mn_get "cur['rcoa']")
LCOA=$(mn_get "m['lcoa']")
log "RCoA $RCOA, LCoA $LCOA"

# udp_through NAME SIZE SRC-NS DST-NS DST PORT [SRC]: five datagrams of
# SIZE octets from SRC-NS to DST all arrive
udp_through()
{
	local out=$TMP/udp.$6 got

	on "$4" "$PY" "$XFER" udp-recv --addr "$5" --port "$6" --count 5 \
		--timeout $((10 * HMIP_TIME_SCALE)) >"$out" &
	local recv=$!
	wait_for 30 grep -q ready "$out"
	on "$3" "$PY" "$XFER" udp-send --addr "$5" --port "$6" --count 5 \
		--size "$2" ${7:+--src "$7"}
	wait $recv
	got=$(tail -n1 "$out")
	check_eq "$1" 5 "$got"
}

# ------------------------------------------- a 1280-octet path (item 2)

capture_start "$mn" m0 "$TMP/mtu.pcap" ip6
# 1232 octets of UDP payload: 1280 with the UDP and IPv6 headers.
udp_through "rfc2473-7.1: 1280-octet packets reach the RCoA whole through the MAP's tunnel" \
	1232 "$cn" "$mn" "$RCOA" 7101
udp_through "rfc2473-7.1: 1280-octet packets from the RCoA reach the CN through the mobile node's tunnel" \
	1232 "$mn" "$cn" $CN 7102 "$RCOA"
capture_stop "$TMP/mtu.pcap"
# Outer headers as sent, fragments not put together again.
frags=$(tshark -r "$TMP/mtu.pcap" -o ipv6.defragment:FALSE \
	-Y 'ipv6.nxt == 44' -T fields -E occurrence=f -e ipv6.src 2>/dev/null |
	sort | uniq -c | awk '{ printf "%s:%s ", $2, $1 }')
log "outer fragments on the LCoA's link: $frags"
check "rfc2473-7.1: the MAP fragments the outer packet" \
	grep -q "$MAP1:" <<<"$frags"
check "rfc2473-7.1: the mobile node fragments the outer packet" \
	grep -q "$LCOA:" <<<"$frags"
check "rfc2473-7.1: a 1281-octet packet gets Packet Too Big with MTU 1280" \
	test "$(peer udp --iface c0 --src $CN --dst "$RCOA" --size 1233 \
		--expect 1 --wait 10 |
		count "r['kind'] == 'icmp' and r['type'] == 2 and r['info'] == 1280")" = 1

# ------------------------ IPsec before the tunnel, both ends (item 3)

# esp SPI: the algorithm arguments of "ip xfrm state add", a key per SA
esp()
{
	echo "aead rfc4106(gcm(aes)) 0x$(printf '%040x' $(($1 * 7919))) 128"
}

# shellcheck disable=SC2046 # esp gives words
{
# The mobile node's UDP from the RCoA to the CN must be ESP; the CN
# decrypts it.
on "$mn" ip xfrm state add src "$RCOA" dst $CN proto esp spi 0x3001 \
	mode transport $(esp 0x3001)
on "$cn" ip xfrm state add src "$RCOA" dst $CN proto esp spi 0x3001 \
	mode transport $(esp 0x3001)
on "$mn" ip xfrm policy add dir out src "$RCOA/128" dst $CN/128 proto udp \
	tmpl proto esp mode transport
# The MAP's own UDP to the RCoA likewise; the mobile node decrypts it.
on "$map" ip xfrm state add src $MAP1 dst "$RCOA" proto esp spi 0x3002 \
	mode transport $(esp 0x3002)
on "$mn" ip xfrm state add src $MAP1 dst "$RCOA" proto esp spi 0x3002 \
	mode transport $(esp 0x3002)
on "$map" ip xfrm policy add dir out src $MAP1/128 dst "$RCOA/128" \
	proto udp tmpl proto esp mode transport
}

capture_start "$mn" m0 "$TMP/esp.pcap" ip6
udp_through "ipsec: UDP from the RCoA under an ESP policy reaches the CN" \
	200 "$mn" "$cn" $CN 7201 "$RCOA"
udp_through "ipsec: the MAP's UDP to the RCoA under an ESP policy arrives" \
	200 "$map" "$mn" "$RCOA" 7202 $MAP1
capture_stop "$TMP/esp.pcap"
# Every tunnelled packet: outer source, the ESP SPI and the UDP port
# inside (empty when absent).
tshark -r "$TMP/esp.pcap" -Y 'ipv6.nxt == 41' -T fields -E occurrence=f \
	-e ipv6.src -e esp.spi -e udp.dstport 2>/dev/null >"$TMP/esp.txt"
esp_from()
{
	awk -v src="$1" -v spi="$2" '$1 == src && $2 == spi' "$TMP/esp.txt" |
		wc -l
}
check "ipsec: tshark: ESP inside the mobile node's tunnel" \
	test "$(esp_from "$LCOA" 0x00003001)" -ge 5
check "ipsec: tshark: ESP inside the MAP's tunnel" \
	test "$(esp_from $MAP1 0x00003002)" -ge 5
check_eq "ipsec: tshark: no clear UDP to the protected ports inside a tunnel" \
	"" "$(grep -wE '7201|7202' "$TMP/esp.txt")"
on "$mn" ip xfrm policy flush
on "$map" ip xfrm policy flush

# From here on, without IPsec (a transport-mode SA moves the network
# header of what it decrypts, and nft would see that as a link-layer
# header), nft watches what the tunnel devices decapsulate.
nft_ll "$map" hmip0
nft_ll "$mn" hmipmn0

# ------------------------------------------ the MAP as a router (item 8)

mn_rx()
{
	on "$mn" cat /sys/class/net/hmipmn0/statistics/rx_packets
}

# blocked NAME COUNTER PORT: three datagrams from the CN to the RCoA are
# dropped by the MAP and counted in COUNTER; none reaches the mobile node
blocked()
{
	local before rx

	before=$(counter "$map" "$2")
	rx=$(mn_rx)
	on "$cn" "$PY" "$XFER" udp-send --addr "$RCOA" --port "$3" --count 3
	check "$1: dropped, counted in $2" \
		wait_for 10 counter_above "$map" "$2" $((before + 2))
	nap 0.5
	check_eq "$1: nothing tunnelled" "$rx" "$(mn_rx)"
}

on "$map" ip xfrm policy add dir fwd src $CN/128 dst "$RCOA/128" proto udp \
	dport 7301 action block
blocked "a forward policy that blocks CN -> RCoA" map_intercept_drop_policy 7301
on "$map" ip xfrm policy flush
on "$map" sysctl -qw net.ipv6.conf.all.forwarding=0
blocked "forwarding off" map_intercept_drop_forwarding 7302
on "$map" sysctl -qw net.ipv6.conf.all.forwarding=1
check "forwarding on again: the CN reaches the RCoA" \
	on "$cn" ping -6 -c2 -i0.3 -W5 "$RCOA"

# ------------- the encapsulation limit behind Hop-by-Hop Options (item 9)

capture_start "$mn" m0 "$TMP/tel.pcap" ip6
before=$(counter "$map" map_encap_drop_limit)
check "rfc2473-4.1.1: limit 0 behind Hop-by-Hop Options: Parameter Problem at its octet" \
	test "$(peer udp --iface c0 --src $CN --dst "$RCOA" --hbh --tel 0 \
		--dport 7401 --expect 1 --wait 10 |
		count "r['kind'] == 'icmp' and r['type'] == 4 and r['code'] == 0 and r['info'] == 52")" = 1
check_eq "... counted in map_encap_drop_limit" $((before + 1)) \
	"$(counter "$map" map_encap_drop_limit)"
peer udp --iface c0 --src $CN --dst "$RCOA" --hbh --tel 1 --dport 7402 \
	>/dev/null
capture_stop "$TMP/tel.pcap"
check_eq "rfc2473-4.1.1: limit 1 behind Hop-by-Hop Options is tunnelled with an outer limit 0" \
	"0,1" "$(tshark -r "$TMP/tel.pcap" -Y 'udp.dstport == 7402 && !icmpv6' \
		-T fields -E occurrence=a -E aggregator=, -e ipv6.opt.tel \
		2>/dev/null)"
check_eq "rfc2473-4.1.1: limit 0 was not tunnelled" "" \
	"$(tshark -r "$TMP/tel.pcap" -Y 'udp.dstport == 7401' -T fields \
		-e ipv6.src 2>/dev/null)"

# ------------------ no link-layer header after decapsulation (item 9)

for end in "$map hmip0" "$mn hmipmn0"; do
	read -r ns dev <<<"$end"
	check "$dev: decapsulated packets counted by nft" \
		test "$(nft_count "$ns" seen)" -gt 0
	check_eq "$dev: none carries the outer packet's link-layer header" \
		0 "$(nft_count "$ns" ll)"
done

finish
