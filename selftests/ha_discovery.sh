#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# RFC 6275 sections 10.1 and 10.5 at the home agent: the Home Agents List
# learned from an unchanged radvd's advertisements (H flag, Home Agent
# Information option, the router's address with R), shown by "hmip ha
# show", expiring; Dynamic Home Agent Address Discovery: a Request (scapy)
# to the Home-Agents anycast address of the home prefix (RFC 2526) gets a
# Reply with the identifier echoed and the home agents in preference
# order; malformed requests and requests to other addresses are counted.
# Mobile Prefix Discovery (sections 6.7, 6.8, 10.6): a Solicitation (scapy)
# from the care-of address with the home address in a Home Address option
# gets an Advertisement through a type 2 routing header listing the home
# prefix with the home link's lifetimes, in clear for a bound node, under
# ESP (scapy's) where the home agent requires IPsec.
#
#   mn (scapy)                 ha (hmip)                      rt (radvd,
#   m0 2001:db8:200::2 ----- h0 2001:db8:200::1                another home
#                              h1 2001:db8:1::1/64 -------- r0 agent)
#                              (home link)                    2001:db8:1::2
#
# timeout: 600

. "$(dirname "$(readlink -f "$0")")/lib.sh"
. "$SELFTESTS/lib/peer.sh"
. "$SELFTESTS/lib/ar.sh"

require_cmd radvd tshark

HA=2001:db8:1::1
RT=2001:db8:1::2
COA=2001:db8:200::2
# RFC 2526: the home prefix, then fdff:ffff:ffff:fffe.
ANYCAST=2001:db8:1::fdff:ffff:ffff:fffe
HOME=2001:db8:1::99
ENC=0x$(printf '%s' 0123456789abcdef | od -An -tx1 | tr -d ' \n')
AUTH=0x$(printf '%s' 0123456789abcdef0123 | od -An -tx1 | tr -d ' \n')

# Modules on Debian's kernel, built in on the debug one.
modprobe -q -a esp6 xfrm_user 2>/dev/null

setup_ns mn ha rt
ns_nodad "$mn" "$ha" "$rt"
veth_link "$mn" m0 "$ha" h0
veth_link "$ha" h1 "$rt" r0
on "$ha" sysctl -qw net.ipv6.conf.all.forwarding=1
on "$mn" ip -6 addr add $COA/64 dev m0
on "$mn" ip -6 route add 2001:db8:1::/64 via 2001:db8:200::1
on "$ha" ip -6 addr add 2001:db8:200::1/64 dev h0
on "$ha" ip -6 addr add $HA/64 dev h1
on "$rt" ip -6 addr add $RT/64 dev r0
wait_for 10 on "$mn" ping -6 -c1 -W1 $HA
on "$ha" "$HMIP" ha add $HA dev h1 require-ipsec off pref 5
on "$ha" "$HMIP" config set err-ratelimit-ms 0
peer_start "$mn"

haad()
{
	peer haad --iface m0 --src $COA --dst "${DST:-$ANYCAST}" "$@"
}

# The Home Agents List as "address/pref" words, own entry first.
ha_list()
{
	on "$ha" "$HMIP" -j ha show |
		jq -r '.[0].home_agents | map("\(.address)/\(.pref)") | join(" ")'
}

# list_is WORDS: the list is exactly WORDS (for wait_for: read each time)
list_is()
{
	test "$(ha_list)" = "$1"
}

list_len_is()
{
	test "$(on "$ha" "$HMIP" -j ha show | jq '.[0].home_agents | length')" = "$1"
}

stat()
{
	counter "$ha" "$1"
}

# ------------------------------------------------------ discovery, alone

out=$(haad --id 4242 --expect 1 --wait 3)
check "rfc6275-10.5: a request to the Home-Agents anycast address is answered" \
	test "$(echo "$out" | count "r.get('msg') == 'haad_reply'")" = 1
check "rfc6275-10.5: the reply goes from the home agent to the request's source, identifier echoed, checksum right" \
	test "$(echo "$out" | count "r.get('msg') == 'haad_reply' and r['id'] == 4242 and r['src'] == '$HA' and r['dst'] == '$COA' and r['code'] == 0 and r['csum_ok']")" = 1
check "rfc6275-10.5.1: with no other home agent known, the reply lists this one" \
	test "$(echo "$out" | count "r.get('msg') == 'haad_reply' and r['addresses'] == ['$HA']")" = 1
check_eq "rfc6275-10.1: the Home Agents List holds this home agent's own entry" \
	"$HA/5" "$(ha_list)"

# ---------------------------------------- the Home Agents List from radvd

RADVD_IFACE_CONF="AdvHomeAgentFlag on; AdvHomeAgentInfo on; HomeAgentPreference 20; HomeAgentLifetime 4;" \
# With R the prefix field carries the router's address (RFC 6275 7.2):
# radvd sends the prefix as written in its configuration.
RADVD_PREFIX_CONF="AdvRouterAddr on;" \
	radvd_start "$rt" r0 $RT/64
check "rfc6275-10.1: radvd's advertisement with H and the Home Agent Information option puts its router in the list" \
	wait_for 20 list_is "$HA/5 $RT/20"
check "rfc6275-10.1: the entry keeps the router's link-local source and a lifetime within the option's" \
	test "$(on "$ha" "$HMIP" -j ha show | jq -r '.[0].home_agents[1] | (.router | startswith("fe80::")) and .lifetime <= 4')" = true

out=$(haad --id 7 --expect 1 --wait 3)
check "rfc6275-10.5.1: the reply lists the home agents in decreasing preference (20 before 5)" \
	test "$(echo "$out" | count "r.get('msg') == 'haad_reply' and r['id'] == 7 and r['addresses'] == ['$RT', '$HA']")" = 1

on "$ha" "$HMIP" ha change $HA pref 50
pcap=$(mktemp /tmp/hmip-haad.XXXXXX.pcap)
on_exit rm -f "$pcap"
capture_start "$mn" m0 "$pcap" icmp6
out=$(haad --id 8 --expect 1 --wait 3)
capture_stop "$pcap"
check "rfc6275-10.5.1: a more preferred home agent comes first (50 before 20)" \
	test "$(echo "$out" | count "r.get('msg') == 'haad_reply' and r['id'] == 8 and r['addresses'] == ['$HA', '$RT']")" = 1
check_eq "rfc6275-6.6: tshark decodes the reply: type 145, identifier, the addresses" \
	"145 8 $HA,$RT" "$(tshark -r "$pcap" -Y "icmpv6.type == 145" \
		-T fields -E separator=' ' -e icmpv6.type -e icmpv6.mip6.identifier \
		-e icmpv6.mip6.home_agent_address 2>/dev/null)"

# radvd killed: no more advertisements (nor its last one, with router
# lifetime 0), so the entry lapses after the option's 4 s.
kill -9 "$(cat "$RADVD_PIDFILE")"
check "rfc6275-10.1: the entry expires after the Home Agent Lifetime" \
	wait_for 15 list_is "$HA/50"
out=$(haad --id 9 --expect 1 --wait 3)
check "rfc6275-10.5.1: an expired home agent is no longer in the reply" \
	test "$(echo "$out" | count "r.get('msg') == 'haad_reply' and r['addresses'] == ['$HA']")" = 1

# A flood of advertisements from many home agents: the list stops at 32
# others, the rest counted. Sent from the home link (the peer in rt).
before=$(stat ha_list_drop_full)
peer_in "$rt" ra-send --iface r0 --src fe80::1:0 --prefix 2001:db8:9::/64 \
	--ha-info 1,60 --count 40 >/dev/null
check "rfc6275-10.1: 40 home agents advertised at once: the list holds 32 others, no more" \
	wait_for 10 list_len_is 33
check "rfc6275-10.1: and the advertisements that did not fit are counted (ha_list_drop_full)" \
	counter_above "$ha" ha_list_drop_full "$((before + 7))"

# ------------------------------------------- Mobile Prefix Discovery

mps()
{
	peer mps --iface m0 --src "${MPS_SRC:-$COA}" --dst $HA --hao "${MPS_HOME:-$HOME}" "$@"
}

mpa_count()
{
	count "r.get('msg') == 'mpa' $1"
}

before=$(stat ha_mps_drop_no_binding)
out=$(mps --id 30 --wait 1)
check "rfc6275-9.3.1: an unprotected solicitation for a home address with no binding gets no advertisement" \
	test "$(echo "$out" | mpa_count)" = 0
check "rfc6275-9.3.1: and is counted (ha_mps_drop_no_binding)" \
	counter_above "$ha" ha_mps_drop_no_binding "$before"

out=$(peer bu --iface m0 --src $COA --dst $HA --hao $HOME --flags AH \
	--lifetime 50 --expect 1 --wait 5)
check "rfc6275-10.3.1: the mobile node registers its home address (BA status 0)" \
	test "$(echo "$out" | count "r.get('msg') == 'ba' and r['status'] == 0")" = 1

# The home link's address in the prefix has finite lifetimes now: the
# advertisement carries what remains of them.
on "$ha" ip -6 addr change $HA/64 dev h1 valid_lft 3000 preferred_lft 2000
pcap=$(mktemp /tmp/hmip-mpa.XXXXXX.pcap)
on_exit rm -f "$pcap"
# Not "icmp6": BPF's matches only ICMPv6 right after the IPv6 header.
capture_start "$mn" m0 "$pcap" ip6
out=$(mps --id 31 --expect 1 --wait 3)
capture_stop "$pcap"
check "rfc6275-10.6.3: a bound node's solicitation is answered from the home agent to the care-of address, identifier echoed, checksum right" \
	test "$(echo "$out" | mpa_count "and r['id'] == 31 and r['src'] == '$HA' and r['dst'] == '$COA' and r['code'] == 0 and r['csum_ok']")" = 1
check "rfc6275-6.8: the advertisement carries the home address in a type 2 routing header" \
	test "$(echo "$out" | mpa_count "and r.get('rh_type') == 2 and r['rh2'] == '$HOME'")" = 1
check "rfc6275-10.6.1: it lists the home prefix, on-link and autonomous" \
	test "$(echo "$out" | mpa_count "and [p['prefix'] for p in r['prefixes']] == ['2001:db8:1::/64'] and r['prefixes'][0]['l'] == 1 and r['prefixes'][0]['a'] == 1")" = 1
check "rfc6275-10.6.1: with the remaining lifetimes of the home link's address (valid 3000 s, preferred 2000 s)" \
	test "$(echo "$out" | mpa_count "and 2900 <= r['prefixes'][0]['valid'] <= 3000 and 1900 <= r['prefixes'][0]['preferred'] <= 2000")" = 1
check_eq "rfc6275-6.8: tshark decodes it: type 147, identifier, the home address in the routing header, the prefix" \
	"147 31 $HOME 2001:db8:1::" "$(tshark -r "$pcap" -Y "icmpv6.type == 147" \
		-T fields -E separator=' ' -e icmpv6.type -e icmpv6.mip6.identifier \
		-e ipv6.routing.mipv6.home_address -e icmpv6.opt.prefix 2>/dev/null)"
on "$ha" ip -6 addr change $HA/64 dev h1 valid_lft forever preferred_lft forever

before=$(stat ha_mps_drop_malformed)
out=$(mps --id 32 --bad-csum --wait 1)
out2=$(mps --id 33 --code 1 --wait 1)
check "rfc6275-6.7: a solicitation with a wrong checksum or a code other than 0 gets no advertisement" \
	test "$(printf '%s\n%s\n' "$out" "$out2" | mpa_count)" = 0
check "rfc6275-6.7: and both are counted (ha_mps_drop_malformed)" \
	counter_above "$ha" ha_mps_drop_malformed "$((before + 1))"

before=$(stat ha_mps_drop_not_home)
out=$(MPS_HOME=2001:db8:7::99 mps --id 34 --wait 1)
check "rfc6275-10.6: a solicitation for a home address outside the home prefixes is counted, not answered (ha_mps_drop_not_home)" \
	test "$(echo "$out" | mpa_count)/$(counter_above "$ha" ha_mps_drop_not_home "$before" && echo counted)" = 0/counted

before=$(stat ha_mps_drop_no_binding)
on "$mn" ip -6 addr add 2001:db8:200::3/64 dev m0
out=$(MPS_SRC=2001:db8:200::3 mps --id 35 --wait 1)
check "rfc6275-9.3.1: from a care-of address other than the binding's: not answered, counted (ha_mps_drop_no_binding)" \
	test "$(echo "$out" | mpa_count)/$(counter_above "$ha" ha_mps_drop_no_binding "$before" && echo counted)" = 0/counted

# Secure by default: a home agent that requires IPsec answers only a
# solicitation ESP protected, and its advertisement leaves under ESP too
# (RFC 6275 5.4, RFC 4877): the SAs of the home address, as "ip xfrm"
# writes them; the mobile node's side is scapy's.
on "$ha" "$HMIP" ha change $HA require-ipsec on
before=$(stat ha_mps_drop_no_ipsec)
out=$(mps --id 36 --wait 1)
check "rfc6275-5.4: with require-ipsec on, an unprotected solicitation is not answered, counted (ha_mps_drop_no_ipsec)" \
	test "$(echo "$out" | mpa_count)/$(counter_above "$ha" ha_mps_drop_no_ipsec "$before" && echo counted)" = 0/counted
on "$ha" ip xfrm state add src $HOME dst $HA proto esp spi 0x1001 mode transport \
	enc 'cbc(aes)' $ENC auth-trunc 'hmac(sha1)' $AUTH 96
on "$ha" ip xfrm state add src $HA dst $HOME proto esp spi 0x1002 mode transport \
	enc 'cbc(aes)' $ENC auth-trunc 'hmac(sha1)' $AUTH 96
on "$ha" ip xfrm policy add src $HA dst $HOME proto ipv6-icmp type 147 dir out \
	tmpl proto esp mode transport
out=$(mps --id 37 --esp "0x1001:0x1002:${ENC#0x}:${AUTH#0x}" --expect 1 --wait 3)
check "rfc4877-4.1: an ESP-protected solicitation is answered, the advertisement under the home agent's ESP SA" \
	test "$(echo "$out" | mpa_count "and r['id'] == 37 and r.get('esp') and r['rh2'] == '$HOME' and r['csum_ok']")" = 1
on "$ha" ip xfrm policy flush
on "$ha" ip xfrm state flush

# ------------------------------------------------- what is not answered

before=$(stat ha_dhaad_drop_malformed)
out=$(haad --id 10 --bad-csum --wait 1)
check "rfc6275-10.5: a request with a wrong checksum gets no reply" \
	test "$(echo "$out" | count "r.get('msg') == 'haad_reply'")" = 0
out=$(haad --id 13 --code 1 --wait 1)
check "rfc6275-6.5: a request with a code other than 0 gets no reply" \
	test "$(echo "$out" | count "r.get('msg') == 'haad_reply'")" = 0
check "rfc6275-10.5: and both are counted (ha_dhaad_drop_malformed)" \
	counter_above "$ha" ha_dhaad_drop_malformed "$((before + 1))"

before=$(stat ha_dhaad_drop_not_ha)
out=$(DST=$HA haad --id 11 --wait 1)
check "rfc6275-10.5: a request to an address that is no Home-Agents anycast address gets no reply" \
	test "$(echo "$out" | count "r.get('msg') == 'haad_reply'")" = 0
check "rfc6275-10.5: and is counted (ha_dhaad_drop_not_ha)" \
	counter_above "$ha" ha_dhaad_drop_not_ha "$before"

on "$ha" "$HMIP" ha del $HA
out=$(haad --id 12 --wait 1)
check "rfc6275-10.5: once the home agent is gone, the anycast address is left: no reply" \
	test "$(echo "$out" | count "r.get('msg') == 'haad_reply'")" = 0

finish
