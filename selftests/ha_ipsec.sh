#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# RFC 6275 section 5.1 and RFC 4877 at the home agent: the ESP recipe of
# Documentation/home-agent.rst, with the commands as written there,
# carries a mobile node's home registration and its acknowledgement. The
# mobile node sends its Binding Updates through its own kernel's xfrm
# (selftests/tools/mhsend -H: a raw MH socket, the care-of address as
# source, the home address in a Home Address option) and takes the
# acknowledgements through its inbound policy; tshark sees ESP both ways.
#
#   mn   m0 2001:db8:200::2 (care-of) ----- h0 2001:db8:200::1    ha (hmip)
#        lo 2001:db8:1::a (home)                home0 2001:db8:1::1/64
#                                               (the home link, a dummy)
#
# timeout: 300

. "$(dirname "$(readlink -f "$0")")/lib.sh"

require_cmd tshark

HA=2001:db8:1::1
HOME=2001:db8:1::a
COA=2001:db8:200::2
# The recipe's key variables; a different key for each SA.
KEY_ENC_UP=0x$(printf '%032x' 11)
KEY_AUTH_UP=0x$(printf '%064x' 12)
KEY_ENC_DOWN=0x$(printf '%032x' 21)
KEY_AUTH_DOWN=0x$(printf '%064x' 22)

# Built in on the debug kernel, modules on Debian's.
modprobe -q -a esp6 xfrm_user 2>/dev/null

setup_ns mn ha
ns_nodad "$mn" "$ha"
veth_link "$mn" m0 "$ha" h0
on "$ha" ip link add home0 type dummy
on "$ha" ip link set home0 up
on "$ha" ip -6 addr add 2001:db8:200::1/64 dev h0
# The home agent's address on its home link, as the recipe presumes.
on "$ha" ip -6 addr add $HA/64 dev home0
on "$mn" ip -6 addr add $COA/64 dev m0
on "$mn" ip -6 route add 2001:db8:1::/64 via 2001:db8:200::1
# A type 2 routing header is accepted only for an address flagged home.
on "$mn" ip -6 addr add $HOME/128 dev lo home nodad
on "$ha" "$HMIP" config set err-ratelimit-ms 0

stat()
{
	counter "$ha" "$1"
}

binding()
{
	# binding KEY: one field of the home binding, "none" when absent
	on "$ha" "$HMIP" -j binding show rcoa $HOME 2>/dev/null |
		jq -rs --arg k "$1" '.[0][0][$k] // "none"'
}

# ------------------------------------ the home agent, as the page says

# shellcheck disable=SC2016 # the page's text, not expanded here
recipe=$(sed -n '/^The example: home agent/,/^The mobile node holds/p' \
	"$TOP/Documentation/home-agent.rst" |
	sed -n 's/^   //p' | sed -e ':a' -e '/\\$/N; s/\\\n//; ta' |
	grep -v '^#')
check "home-agent.rst: the recipe has its xfrm states, policy, sysctl and ha add" \
	test "$(echo "$recipe" | grep -c '^\(ip xfrm\|sysctl\|hmip ha add\)')" = 5
# The page's home link is eth0; here it is home0.
recipe=${recipe//eth0/home0}
ok=1
while read -r line; do
	[[ -z $line ]] && continue
	# shellcheck disable=SC2086 # the recipe's words
	eval "set -- $line"
	cmd=$1
	shift
	case $cmd in
	hmip) on "$ha" "$HMIP" "$@" || ok=0 ;;
	*) on "$ha" "$cmd" "$@" >/dev/null || ok=0 ;;
	esac
done <<<"$recipe"
check "home-agent.rst: every command of the recipe succeeds as written" test $ok = 1
check_eq "the home agent requires IPsec by default" true \
	"$(on "$ha" "$HMIP" -j ha show | jq '.[0].require_ipsec')"
wait_for 10 on "$mn" ping -6 -c1 -W1 -I $COA $HA

# ------------------------------------------------ unprotected: nothing

before=$(stat ha_bu_drop_no_ipsec)
out=$(on "$mn" "$MHSEND" -H -a $COA $COA $HA $HOME 1 400 3)
check_eq "rfc6275-5.1: an unprotected home registration gets no answer" "no ba" "$out"
check_eq "rfc6275-5.1: and is counted (ha_bu_drop_no_ipsec)" \
	$((before + 1)) "$(stat ha_bu_drop_no_ipsec)"
check_eq "rfc6275-5.1: and binds nothing" none "$(binding lcoa)"

# ------------------------------- the mobile node's mirror of the recipe

on "$mn" ip xfrm state add src $COA dst $HA proto esp spi 0x2001 \
	mode transport enc 'cbc(aes)' $KEY_ENC_UP \
	auth-trunc 'hmac(sha256)' $KEY_AUTH_UP 128
on "$mn" ip xfrm state add src $HA dst $HOME proto esp spi 0x2002 \
	mode transport replay-window 32 enc 'cbc(aes)' $KEY_ENC_DOWN \
	auth-trunc 'hmac(sha256)' $KEY_AUTH_DOWN 128
on "$mn" ip xfrm state add src $HA dst $HOME proto route2 mode ro coa ::
on "$mn" ip xfrm policy add dir out dst $HA/128 proto 135 \
	tmpl proto esp mode transport
on "$mn" ip xfrm policy add dir in src $HA/128 dst $HOME/128 proto 135 \
	tmpl proto esp mode transport tmpl src $HA dst $HOME proto route2 mode ro

pcap=$(mktemp /tmp/hmip-haipsec.XXXXXX.pcap)
on_exit rm -f "$pcap"
capture_start "$ha" h0 "$pcap" ip6
out=$(on "$mn" "$MHSEND" -H -a $COA $COA $HA $HOME 2 400 5)
capture_stop "$pcap"
check_eq "rfc4877-4.1: the home registration under ESP is accepted, its acknowledgement passes the mobile node's inbound policy" \
	"ba status 0 seq 2 lifetime 400" "$out"
check_eq "rfc4877-4.1: the binding holds the care-of address" $COA "$(binding lcoa)"
check_eq "rfc4877-4.1: and records the ESP SA it came under" "esp $((0x2001))" \
	"$(binding sa_proto) $(binding sa_spi)"
# tshark: SRC DST SPI HAO RH2, one line per packet, "-" for a field
# absent (ESP hides the MH).
wire=$(tshark -r "$pcap" -Y esp -T fields -E separator=, -E occurrence=f \
	-e ipv6.src -e ipv6.dst -e esp.spi -e ipv6.opt.mipv6.home_address \
	-e ipv6.routing.mipv6.home_address 2>/dev/null |
	awk -F, '{ for (i = 1; i <= 5; i++) printf "%s%s", ($i == "" ? "-" : $i), (i < 5 ? " " : "\n") }')
log "$wire"
check "rfc6275-5.1: tshark: the Binding Update left under ESP SPI 0x2001, the Home Address option before it" \
	grep -qx "$COA $HA 0x00002001 $HOME -" <<<"$wire"
check "rfc6275-5.1: tshark: the acknowledgement came back under ESP SPI 0x2002, through a type 2 routing header" \
	grep -qx "$HA $COA 0x00002002 - $HOME" <<<"$wire"

# RFC 4877 section 4.1: under ESP the care-of address is in an Alternate
# Care-of Address option, or the home agent refuses with 129.
before=$(stat ha_bu_reject_no_altcoa)
out=$(on "$mn" "$MHSEND" -H $COA $HA $HOME 3 400 5)
check_eq "rfc4877-4.1: under ESP without an Alternate Care-of Address option: 129" \
	"ba status 129 seq 3 lifetime 0" "$out"
check_eq "rfc4877-4.1: counted (ha_bu_reject_no_altcoa)" \
	$((before + 1)) "$(stat ha_bu_reject_no_altcoa)"

out=$(on "$mn" "$MHSEND" -H -a $COA $COA $HA $HOME 4 0 5)
check_eq "rfc6275-10.3.2: the deregistration under ESP is acknowledged" \
	"ba status 0 seq 4 lifetime 0" "$out"
check_eq "rfc6275-10.3.2: and the binding is gone" none "$(binding lcoa)"

finish
