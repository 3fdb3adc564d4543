#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# RFC 4140 section 7: advertisements between routers protected with IPsec
# AH, with the very "ip xfrm" commands of Documentation/ar.rst. r1 adds
# its MAP option before AH authenticates the advertisement; r2, whose
# policy requires AH on its upstream link, learns the option after AH
# is checked, and learns nothing from an unprotected advertisement.
#
#   +----------------------------+        +---------------------------+
#   | r1 (radvd, hmip ar)        |        | r2 (hmip ar relay-from)   |
#   | y1 fe80::1                 |--------| z0 fe80::2     d0 (dummy) |
#   +----------------------------+        +---------------------------+
#
# timeout: 600

. "$(dirname "$(readlink -f "$0")")/lib.sh"
. "$SELFTESTS/lib/ar.sh"

require_cmd radvd

MAP=2001:db8:100::1
KEY=0x$(printf '%064x' 0x1234567890abcdef)

setup_ns r1 r2
ns_nodad "$r1" "$r2"
veth_link "$r1" y1 "$r2" z0
on "$r1" ip -6 addr add fe80::1/64 dev y1
on "$r2" ip -6 addr add fe80::2/64 dev z0
on "$r2" ip link add d0 type dummy
on "$r2" ip link set d0 up

stat() {
	counter "$r2" "$1"
}

# stat_ge NAME N: the counter NAME is at least N (for wait_for)
stat_ge() {
	test "$(stat "$1")" -ge "$2"
}

learned() {
	on "$r2" "$HMIP" -j ar show |
		jq -r 'map(select(.kind == "learned") | "\(.map):\(.dist)") | join(" ")'
}

learned_is() {
	[[ $(learned) == "$1" ]]
}

# Documentation/ar.rst, "Protecting advertisements between routers".
check "r1: the AH state" on "$r1" ip xfrm state add src fe80::1 dst ff02::1 \
	proto ah spi 0x1001 mode transport auth 'hmac(sha256)' "$KEY"
check "r1: the outbound policy" on "$r1" ip xfrm policy add src fe80::1/128 \
	dst ff02::1/128 dev y1 proto ipv6-icmp type 134 dir out \
	tmpl src fe80::1 dst ff02::1 proto ah mode transport
check "r2: the AH state" on "$r2" ip xfrm state add src fe80::1 dst ff02::1 \
	proto ah spi 0x1001 mode transport auth 'hmac(sha256)' "$KEY"
check "r2: the inbound policy" on "$r2" ip xfrm policy add src ::/0 \
	dst ff02::1/128 dev z0 proto ipv6-icmp type 134 dir in \
	tmpl proto ah mode transport level required

on "$r1" "$HMIP" ar add dev y1 map $MAP valid-lifetime 600
on "$r2" "$HMIP" ar role set rfc 4140	# relays are RFC 4140's
on "$r2" "$HMIP" ar add dev d0 relay-from z0
radvd_start "$r1" y1 2001:db8:101::/64

check "rfc4140-7: r2 learns the option of an AH-protected advertisement" \
	wait_for 120 learned_is "$MAP:1"
# "level required": only an advertisement whose AH verified reaches hmip.
log "r2: $(on "$r2" ip -s xfrm state list | grep -A1 'lifetime current' | tr -s '\n ' ' ')"

# Unprotected advertisements: r1 drops its policy, r2 still requires AH.
on "$r1" ip xfrm policy del src fe80::1/128 dst ff02::1/128 dev y1 \
	proto ipv6-icmp type 134 dir out
check "rfc4140-7: an unprotected advertisement is refused by the policy" \
	wait_for 60 stat_ge ar_relay_drop_policy 1
before=$(stat ar_relay_rx_opt)
drops=$(stat ar_relay_drop_policy)
check "two more unprotected advertisements" \
	wait_for 60 stat_ge ar_relay_drop_policy $((drops + 2))
check_eq "rfc4140-7: ... and nothing is learned from them" "$before" \
	"$(stat ar_relay_rx_opt)"

finish
