#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# RFC 6275 section 10 at the home agent: home registrations from a mobile
# node (scapy) are accepted, refused with the status codes of sections
# 9.5.1, 10.3.1 and 10.3.2, run DAD on the home link first (the L flag:
# the link-local address too), make the home agent proxy for the home
# address (section 10.4.1) and tunnel its packets to the care-of address;
# the reverse tunnel is taken only from that care-of address.
#
#   mn (scapy)                 ha (hmip)                      cn
#   m0 2001:db8:200::2 ----- h0 2001:db8:200::1
#                              h1 2001:db8:1::1/64 -------- c0 2001:db8:1::c
#                              (home link, DAD on)             2001:db8:1::dead
#                                                              fe80::beef
#
# timeout: 900

. "$(dirname "$(readlink -f "$0")")/lib.sh"
. "$SELFTESTS/lib/peer.sh"

HA=2001:db8:1::1
COA=2001:db8:200::2
WRONG_COA=2001:db8:200::3
CN=2001:db8:1::c
H1=2001:db8:1::a
H2=2001:db8:1::b
TAKEN=2001:db8:1::dead
TAKEN_LL=2001:db8:1::beef

setup_ns mn ha cn
ns_nodad "$mn" "$cn"
veth_link "$mn" m0 "$ha" h0
veth_link "$ha" h1 "$cn" c0
on "$ha" sysctl -qw net.ipv6.conf.all.forwarding=1
on "$ha" sysctl -qw net.ipv6.conf.h0.accept_dad=0
on "$ha" sysctl -qw net.ipv6.conf.h1.accept_dad=1
on "$ha" sysctl -qw net.ipv6.conf.h1.dad_transmits=1
on "$ha" sysctl -qw net.ipv6.neigh.h1.retrans_time_ms=300
on "$mn" ip -6 addr add $COA/64 dev m0
on "$mn" ip -6 route add 2001:db8:1::/64 via 2001:db8:200::1
on "$ha" ip -6 addr add 2001:db8:200::1/64 dev h0 nodad
# The home prefix's valid lifetime is made finite only around the check
# of the cap it sets: a slow run would otherwise see it run down and cap
# every later lifetime.
on "$ha" ip -6 addr add $HA/64 dev h1 nodad
on "$cn" ip -6 addr add $CN/64 dev c0
on "$cn" ip -6 addr add $TAKEN/64 dev c0
on "$cn" ip -6 addr add fe80::beef/64 dev c0
check "the home agent's links are up" wait_for 15 dad_done "$ha" "$cn"
wait_for 10 on "$mn" ping -6 -c1 -W1 $HA
on "$ha" "$HMIP" config set err-ratelimit-ms 0
peer_start "$mn"

# bu HOME [options]: a home registration, the answers as JSON lines. Its
# lifetime (50 units, 200 s) is within max-lifetime (600 s).
bu()
{
	local home=$1
	shift
	peer bu --iface m0 --src $COA --dst $HA --hao "$home" --flags AH \
		--lifetime 50 --expect 1 --wait 3 "$@"
}

ba_is()
{
	# ba_is OUT STATUS SEQ LIFETIME HOME: exactly one such BA arrived,
	# from the home agent, through a type 2 routing header to HOME
	echo "$1" | count "r.get('msg') == 'ba' and r['status'] == $2 and r['seq'] == $3 and r['lifetime'] == $4 and r.get('rh2') == '$5' and r['src'] == '$HA' and r['dst'] == '$COA' and r['csum_ok']"
}

no_answer()
{
	echo "$1" | count "r['kind'] == 'mh'"
}

stat()
{
	counter "$ha" "$1"
}

binding()
{
	# binding HOME KEY: one field of the binding, "none" when absent
	on "$ha" "$HMIP" -j binding show rcoa "$1" 2>/dev/null |
		jq -rs --arg k "$2" '.[0][0][$k] // "none"'
}

binding_gone()
{
	test "$(binding "$1" lcoa)" = none
}

# Configuration, and what the kernel refuses.
check "hmip ha add with the defaults" on "$ha" "$HMIP" ha add $HA dev h1
check_eq "ha show -j: the /64 of its address, IPsec required" \
	"$HA h1 2001:db8:1::/64 true 600" \
	"$(on "$ha" "$HMIP" -j ha show | jq -r '.[0] | "\(.address) \(.dev) \(.prefixes[0]) \(.require_ipsec) \(.max_lifetime)"')"

refused()
{
	# refused NAME PATTERN ARGS...: hmip ARGS fails with one line
	# matching PATTERN (the kernel's extended ACK, or the tool's)
	local name=$1 pattern=$2 err rc
	shift 2

	err=$(on "$ha" "$HMIP" "$@" 2>&1 >/dev/null)
	rc=$?
	check "$name" test $rc -ne 0 -a "$(echo "$err" | wc -l)" = 1
	check "$name: says why" grep -qi -- "$pattern" <<<"$err"
	log "$err"
}
refused "ha add without dev is refused" "dev" ha add 2001:db8:1::2
refused "ha add of an address this node does not have is refused" \
	"not configured" ha add 2001:db8:7::1 dev h1
refused "ha add of ::/0 as a home prefix is refused" "::/0" \
	ha add 2001:db8:200::1 dev h0 prefix ::/0
refused "a second home agent for the same home prefix is refused" \
	"another home agent" ha add 2001:db8:200::1 dev h0 prefix 2001:db8:1::/48
refused "ha add twice is refused" "already" ha add $HA dev h1
refused "ha change of an unknown home agent is refused" "no home agent" \
	ha change 2001:db8:7::1 max-lifetime 100
refused "ha del of an unknown home agent is refused" "no home agent" \
	ha del 2001:db8:7::1
refused "max-lifetime 2 is refused by the kernel's policy" "max-lifetime" \
	ha change $HA max-lifetime 2

# RFC 6275 5.1 / RFC 4877: Binding Updates under IPsec by default.
out=$(bu $H1 --seq 1 --wait 1)
check_eq "rfc6275-5.1: require-ipsec on: an unprotected BU gets no answer" \
	0 "$(no_answer "$out")"
check_eq "rfc6275-5.1: ... and is counted" 1 "$(stat ha_bu_drop_no_ipsec)"
check "hmip ha change require-ipsec off" \
	on "$ha" "$HMIP" ha change $HA require-ipsec off

evfile=$(mktemp /tmp/hmip-ev.XXXXXX)
monitor_start "$ha" "$evfile" -j

# Registration: DAD on the home link, then the BA and the proxy NA.
bupcap=$(mktemp /tmp/hmip-habu.XXXXXX.pcap)
napcap=$(mktemp /tmp/hmip-hana.XXXXXX.pcap)
capture_start "$cn" c0 "$napcap" icmp6
out=$(bu $H1 --seq 1 --pcap "$bupcap")
capture_stop "$napcap"
check_eq "rfc6275-10.3.1: home registration accepted: BA status 0, seq, lifetime" \
	1 "$(ba_is "$out" 0 1 50 $H1)"
check_eq "rfc6275-10.3.1: tshark sees the BU's A and H flags and the BA's status" \
	"5 1 1 ;6   0" "$(tshark -r "$bupcap" -Y mip6.mhtype -T fields -E separator=' ' \
		-e mip6.mhtype -e mip6.bu.a_flag -e mip6.bu.h_flag -e mip6.ba.status \
		2>/dev/null | sed 's/True/1/g; s/False/0/g' | tr '\n' ';' | sed 's/;$//')"
check_eq "rfc6275-10.3.1: DAD for the home address on the home link first" \
	1 "$(tshark -r "$napcap" -Y "icmpv6.type == 135 && ipv6.src == :: && icmpv6.nd.ns.target_address == $H1" \
		-T fields -e frame.number 2>/dev/null | wc -l)"
check_eq "rfc6275-10.4.1: proxy NA to all nodes for the home address: R 0, S 0, O 1" \
	"ff02::1 0 0 1" "$(tshark -r "$napcap" -Y "icmpv6.type == 136 && icmpv6.nd.na.target_address == $H1" \
		-T fields -E separator=' ' -e ipv6.dst -e icmpv6.nd.na.flag.r \
		-e icmpv6.nd.na.flag.s -e icmpv6.nd.na.flag.o 2>/dev/null |
		sed 's/True/1/g; s/False/0/g' | head -1)"
rm -f "$bupcap" "$napcap"
check_eq "binding show: the home address bound to the care-of address, role ha" \
	"$COA ha AH" "$(binding $H1 lcoa) $(binding $H1 role) $(binding $H1 flags)"

# Lifetimes: no longer than max-lifetime nor the home prefix's valid
# lifetime (300 s here, so at most 75 units of 4 s). The binding then
# ends with the prefix: status 1, prefix discovery necessary. Then a
# prefix deprecated within the binding's lifetime (preferred 100 s,
# valid 3000 s, 50 units of 4 s asked): 1 again.
pd=$(stat ha_ba_prefix_discovery)
on "$ha" ip -6 addr change $HA/64 dev h1 nodad valid_lft 300 preferred_lft 300
out=$(bu $H1 --seq 2 --lifetime 1000)
on "$ha" ip -6 addr change $HA/64 dev h1 nodad valid_lft 3000 preferred_lft 100
out2=$(bu $H1 --seq 3)
on "$ha" ip -6 addr change $HA/64 dev h1 nodad valid_lft forever \
	preferred_lft forever
life=$(peer py '
for line in argv[0].splitlines():
    r = json.loads(line)
    if r.get("msg") == "ba" and r["status"] == 1:
        print(r["lifetime"])' "$out")
check "rfc6275-10.3.1: lifetime within the home prefix's valid lifetime ($life units), status 1 as the prefix runs out with it" \
	test "${life:-0}" -ge 60 -a "${life:-0}" -le 75
check_eq "rfc6275-10.3.1: a home prefix deprecated within the lifetime: status 1, the lifetime granted; both counted" \
	"1 $((pd + 2))" "$(ba_is "$out2" 1 3 50 $H1) $(stat ha_ba_prefix_discovery)"

# Answered whatever the A flag says; static prefix lifetimes again: 0.
out=$(bu $H1 --seq 4 --flags H)
check_eq "rfc6275-10.3.1: a BA even with A clear; status 0 with the prefix's lifetimes infinite" \
	1 "$(ba_is "$out" 0 4 50 $H1)"

# Refusals.
out=$(bu $H1 --seq 4)
check_eq "rfc6275-9.5.1: a repeated sequence number gets 135 with the last accepted" \
	1 "$(ba_is "$out" 135 4 0 $H1)"
out=$(bu 2001:db8:999::a)
check_eq "rfc6275-10.3.1: a home address outside the home prefixes: 132" \
	1 "$(ba_is "$out" 132 1 0 2001:db8:999::a)"
out=$(bu $H2 --flags AHM)
check_eq "a MAP registration (M) to the home agent: 133" 1 "$(ba_is "$out" 133 1 0 $H2)"
out=$(bu $H2 --lifetime 0)
check_eq "rfc6275-10.3.2: deregistering a binding the home agent does not hold: 133" \
	1 "$(ba_is "$out" 133 1 0 $H2)"
out=$(bu $H1 --seq 5 --flags A)
check_eq "rfc6275-9.5.1: H clear for a home registration's address: 139" \
	1 "$(ba_is "$out" 139 5 0 $H1)"
out=$(bu $H2 --flags A --wait 1)
check_eq "rfc6275-9.5.1: H clear for another address (a correspondent registration): no answer" \
	0 "$(no_answer "$out")"
check_eq "rfc6275-9.5.1: ... counted" 1 "$(stat ha_bu_drop_not_home_reg)"

# DAD on the home link: somebody there has the address.
out=$(bu $TAKEN)
check_eq "rfc6275-10.3.1: a home address in use on the home link: 134" \
	1 "$(ba_is "$out" 134 1 0 $TAKEN)"
out=$(bu $TAKEN_LL --flags AHL)
check_eq "rfc6275-10.3.1: L set, its link-local address in use: 134" \
	1 "$(ba_is "$out" 134 1 0 $TAKEN_LL)"
out=$(bu $TAKEN_LL --flags AH)
check_eq "rfc6275-10.3.1: L clear, the link-local address is not tested: 0" \
	1 "$(ba_is "$out" 0 1 50 $TAKEN_LL)"

# L set: the link-local address is defended too (section 10.4.1).
out=$(bu $H2 --flags AHL)
check_eq "rfc6275-10.3.1: L set, both addresses free: accepted" 1 "$(ba_is "$out" 0 1 50 $H2)"
ha_mac=$(on "$ha" cat /sys/class/net/h1/address)
ll_mac()
{
	# ll_mac ADDRESS [%c0]: cn resolves ADDRESS to the home agent's MAC
	on "$cn" ping -6 -c1 -W1 "$1$2" >/dev/null 2>&1
	test "$(on "$cn" ip -6 neigh show "$1" dev c0 | awk '{print $3}')" = "$ha_mac"
}
check "rfc6275-10.4.1: L set: the home agent answers for the link-local address" \
	wait_for 10 ll_mac fe80::b %c0
check "rfc6275-10.4.1: ... and for the home address" wait_for 10 ll_mac $H2

# The home address's packets: tunnelled to the care-of address.
tpcap=$(mktemp /tmp/hmip-hatun.XXXXXX.pcap)
capture_start "$mn" m0 "$tpcap" "ip6 proto 41"
on "$cn" ping -6 -c1 -W1 -I $CN $H1 >/dev/null
capture_stop "$tpcap"
check_eq "rfc6275-10.4.1: a packet to the home address is tunnelled to the care-of address" \
	"$HA,$CN $COA,$H1" "$(tshark -r "$tpcap" -T fields -E separator=' ' \
		-e ipv6.src -e ipv6.dst 2>/dev/null | head -1)"
rm -f "$tpcap"

# The reverse tunnel, from the care-of address only (section 10.4.5).
peer tunnel --iface m0 --src $COA --dst $HA --inner-src $H1 \
	--inner-dst $CN --wait 0.5 >/dev/null
check_eq "rfc6275-10.4.5: the reverse tunnel from the care-of address is taken" \
	1 "$(binding $H1 rx_packets)"
peer tunnel --iface m0 --src $WRONG_COA --dst $HA --inner-src $H1 \
	--inner-dst $CN --wait 0.5 >/dev/null
check_eq "rfc6275-10.4.5: from another care-of address it is dropped and counted" \
	"1 1" "$(stat ha_decap_drop_wrong_lcoa) $(binding $H1 rx_packets)"

# Deregistration, and a late BU (an older number) right behind it: the
# kept entry (MAX_DELETE_BCE_TIMEOUT, 10 s) must still be there, however
# slow the machine.
out=$(bu $H1 --seq 10 --lifetime 0 --also 9:12 --expect 2)
check_eq "rfc6275-10.3.2: lifetime 0 deregisters: BA status 0, lifetime 0" \
	1 "$(ba_is "$out" 0 10 0 $H1)"
check_eq "rfc6275-10.3.2: a late BU older than the deregistration gets 135" \
	1 "$(ba_is "$out" 135 10 0 $H1)"
check_eq "rfc6275-10.3.2: the binding is gone, the late BU bound nothing" \
	none "$(binding $H1 lcoa)"
out=$(bu $H1 --seq 11)
check_eq "rfc6275-10.3.2: a newer registration binds the home address again" \
	1 "$(ba_is "$out" 0 11 50 $H1)"

# K (sections 10.3.1 and 11.7.1, RFC 4877): hmip has no key management
# in the kernel, so no IKE SA can survive a move: K is never set back.
out=$(bu $H1 --seq 12 --flags AHK)
check_eq "rfc6275-10.3.1: K set in the BU, no key management at the home agent: accepted, K clear in the BA" \
	"1 1" "$(ba_is "$out" 0 12 50 $H1) $(echo "$out" |
		count "r.get('msg') == 'ba' and not r['k']")"

has_event()
{
	test "$(count "r.get('event') == '$1' and r.get('role') == 'ha'" <"$evfile")" -ge 1
}
for ev in created refreshed deleted; do
	check "monitor: binding-$ev event with role ha" wait_for 10 has_event binding-$ev
done
rm -f "$evfile"

check "hmip ha del" on "$ha" "$HMIP" ha del $HA
check_eq "ha del removes its bindings" none "$(binding $H2 lcoa)"
check_eq "no home agent left" "[]" "$(on "$ha" "$HMIP" -j ha show | tr -d ' \n')"

finish
