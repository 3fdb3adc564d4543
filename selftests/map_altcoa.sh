#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The LCoA under ESP (RFC 6275 sections 6.2.5 and 11.7.1, RFC 4877 section
# 4.1): transport-mode ESP leaves the IPv6 header out, so the source of a
# protected Binding Update is not authenticated and an attacker on the
# path can rewrite it. The MAP takes the LCoA from the Alternate Care-of
# Address option inside the protected message, and with "altcoa require"
# (the default) refuses an ESP-protected Binding Update without one. The
# mobile node is a namespace with "ip xfrm" states that sends through its
# kernel's ESP (selftests/tools/mhsend, -a for the option); the attacker
# is the router between it and the MAP: it drops the mobile node's ESP
# packets and sends each on with its own choice of source
# (hmiptest.py rewrite).
#
#   mn   m0 2001:db8:200::2 --- r0 2001:db8:200::1  atk  r1 2001:db8:f::2
#        lo 2001:db8:100::a (home)                          |
#                                        map  a0 2001:db8:f::1
#                                             lo 2001:db8:100::1 (MAP, routed)
#
# timeout: 600

. "$(dirname "$(readlink -f "$0")")/lib.sh"

require_cmd nft

MAP=2001:db8:100::1
LCOA=2001:db8:200::2
RCOA=2001:db8:100::a
# Where the attacker wants the mobile node's traffic: nobody's address.
EVIL=2001:db8:66::66
TMP=$(mktemp -d /tmp/hmip-altcoa.XXXXXX)
on_exit rm -rf "$TMP"

modprobe -q -a esp6 xfrm_user nf_tables 2>/dev/null

setup_ns mn atk map
ns_nodad "$mn" "$atk" "$map"
veth_link "$mn" m0 "$atk" r0
veth_link "$atk" r1 "$map" a0
on "$atk" sysctl -qw net.ipv6.conf.all.forwarding=1
on "$mn" ip -6 addr add $LCOA/64 dev m0
on "$mn" ip -6 route add default via 2001:db8:200::1
on "$atk" ip -6 addr add 2001:db8:200::1/64 dev r0
on "$atk" ip -6 addr add 2001:db8:f::2/64 dev r1
on "$atk" ip -6 route add 2001:db8:100::/64 via 2001:db8:f::1
on "$map" ip -6 addr add 2001:db8:f::1/64 dev a0
on "$map" ip -6 addr add $MAP/64 dev lo
on "$map" ip -6 route add default via 2001:db8:f::2
wait_for 10 on "$mn" ping -6 -c1 -W1 $MAP

check "hmip map add (require-ipsec on, altcoa require: the defaults)" \
	on "$map" "$HMIP" map add $MAP dev a0 mode routed
check_eq "map show: altcoa require, rfc 5380" "require 5380" \
	"$(on "$map" "$HMIP" -j map show | jq -r '.[0] | "\(.altcoa) \(.rfc)"')"

# ESP both ways, as Documentation/security.rst writes it for a program on
# a raw Mobility Header socket.
alg()
{
	echo "enc cbc(aes) 0x$(printf '%032x' $(($1 * 104729))) auth-trunc hmac(sha256) 0x$(printf '%064x' $(($1 * 7919))) 128"
}
# shellcheck disable=SC2046 # alg gives words
sa_setup()
{
	on "$mn" ip -6 addr add $RCOA/128 dev lo home nodad &&
	on "$mn" ip xfrm state add src $MAP dst $RCOA proto route2 mode ro \
		coa :: &&
	on "$mn" ip xfrm state add src $LCOA dst $MAP proto esp spi 0x1001 \
		mode transport $(alg 0x1001) &&
	on "$mn" ip xfrm state add src $MAP dst $RCOA proto esp spi 0x1002 \
		mode transport replay-window 32 $(alg 0x1002) &&
	on "$mn" ip xfrm policy add dir out src $LCOA/128 dst $MAP/128 \
		proto 135 tmpl proto esp mode transport &&
	on "$mn" ip xfrm policy add dir in src $MAP/128 dst $RCOA/128 \
		proto 135 tmpl proto esp mode transport \
		tmpl src $MAP dst $RCOA proto route2 mode ro &&
	on "$map" ip xfrm state add src $LCOA dst $MAP proto esp spi 0x1001 \
		mode transport replay-window 32 $(alg 0x1001) &&
	on "$map" ip xfrm state add src $MAP dst $RCOA proto esp spi 0x1002 \
		mode transport $(alg 0x1002) &&
	on "$map" ip xfrm policy add dir out src $MAP/128 dst $RCOA/128 \
		proto 135 type 6 tmpl proto esp mode transport
}
check "ESP states and policies of the mobile node and the MAP" sa_setup

binding()
{
	# binding KEY: one field of the binding, "none" when absent
	on "$map" "$HMIP" -j binding show rcoa $RCOA 2>/dev/null |
		jq -rs --arg k "$1" '.[0][0][$k] // "none"'
}

# Without the option, under ESP: refused, and the answer says so.
before=$(counter "$map" map_bu_reject_no_altcoa)
out=$(on "$mn" "$MHSEND" $LCOA $MAP $RCOA 1 400 5)
check_eq "rfc4877-4.1: a BU under ESP without an Alternate CoA option gets 129" \
	"ba status 129 seq 1 lifetime 0" "$out"
check_eq "rfc4877-4.1: counted in map_bu_reject_no_altcoa" $((before + 1)) \
	"$(counter "$map" map_bu_reject_no_altcoa)"
check_eq "rfc4877-4.1: and makes no binding" none "$(binding lcoa)"

out=$(on "$mn" "$MHSEND" -a $LCOA $LCOA $MAP $RCOA 2 400 5)
check_eq "rfc6275-11.7.1: with the option, under ESP, the BU is accepted" \
	"ba status 0 seq 2 lifetime 400" "$out"
check_eq "rfc6275-6.2.5: the binding's LCoA is the option's" $LCOA \
	"$(binding lcoa)"

# The attacker: the router drops the mobile node's ESP packets to the MAP
# and sends each on itself, from EVIL.
check "atk: an nftables rule drops the mobile node's ESP in forwarding" \
	on "$atk" nft -f - <<EOF
table ip6 onpath {
	chain forward {
		type filter hook forward priority 0;
		ip6 saddr $LCOA ip6 daddr $MAP meta l4proto esp drop
	}
}
EOF

# rewrite SEQ [-a]: the mobile node sends a protected BU (with the option
# when -a is given), the attacker rewrites its source to EVIL on the way;
# prints what the mobile node got back, then the attacker's report
rewrite()
{
	local seq=$1 opt=() pid

	[[ ${2:-} == -a ]] && opt=(-a $LCOA)
	rm -f "$TMP/ready"
	on "$atk" "$PY" "$HMIPTEST" rewrite --iface r0 --src $LCOA --dst $MAP \
		--proto 50 --new-src $EVIL --wait 60 --ready "$TMP/ready" \
		>"$TMP/rewrite" &
	pid=$!
	wait_for 60 test -e "$TMP/ready"
	on "$mn" "$MHSEND" "${opt[@]}" $LCOA $MAP $RCOA "$seq" 400 5
	wait $pid
	cat "$TMP/rewrite"
}

rx=$(counter "$map" mh_rx_bu)
out=$(rewrite 3 -a)
log "$out"
check "the attacker rewrote the source of the protected BU" \
	grep -q '"rewritten": 1' <<<"$out"
check_eq "rfc4877-4.1: the rewritten BU reached the MAP and was taken (seq 3)" \
	"$((rx + 1)) 3" "$(counter "$map" mh_rx_bu) $(binding seq)"
check_eq "rfc4877-4.1: the rewritten source changes nothing: the binding keeps the LCoA" \
	$LCOA "$(binding lcoa)"
check "rfc4877-4.1: the BA went to the LCoA of the option, not the rewritten source" \
	grep -qx "ba status 0 seq 3 lifetime 400" <<<"$out"

# altcoa optional, for mobile nodes that follow RFC 5380 section 6.1
# literally: the source is the LCoA again, and the same attack works.
check "hmip map change altcoa optional" \
	on "$map" "$HMIP" map change $MAP altcoa optional
check_eq "map show: altcoa optional" optional \
	"$(on "$map" "$HMIP" -j map show | jq -r '.[0].altcoa')"
on "$atk" nft delete table ip6 onpath
out=$(on "$mn" "$MHSEND" $LCOA $MAP $RCOA 4 400 5)
check_eq "altcoa optional: a BU under ESP without the option is accepted" \
	"ba status 0 seq 4 lifetime 400" "$out"
on "$atk" nft -f - <<EOF
table ip6 onpath {
	chain forward {
		type filter hook forward priority 0;
		ip6 saddr $LCOA ip6 daddr $MAP meta l4proto esp drop
	}
}
EOF
out=$(rewrite 5)
log "$out"
check_eq "altcoa optional: without the option the same rewrite redirects the binding (why it is required)" \
	"$EVIL 5" "$(binding lcoa) $(binding seq)"

# RFC 5380 section 6.1 and RFC 4140 alike say no Alternate CoA option is
# needed; neither forbids one, and the MAP takes it with rfc 4140 too.
on "$atk" nft delete table ip6 onpath
check "hmip map change rfc 4140" on "$map" "$HMIP" map change $MAP rfc 4140
out=$(on "$mn" "$MHSEND" -a $LCOA $LCOA $MAP $RCOA 6 400 5)
check_eq "rfc5380-6.1: rfc 4140: a BU with the option is accepted" \
	"ba status 0 seq 6 lifetime 400" "$out"
check_eq "rfc5380-6.1: ... and the binding is back on the LCoA" "$LCOA 6" \
	"$(binding lcoa) $(binding seq)"

finish
