#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# RFC 6275 section 11.4.1 on the mobile node: with "ha discover" hmip's
# mobile node finds its home agent by Dynamic Home Agent Address
# Discovery. Its request (from the RCoA, through the MAP tunnel) goes to
# the Home-Agents anycast address of the home prefix, which the MAP routes
# to scapy (hmiptest.py haad-answer): scapy parses it, lets one request go
# unanswered (the retransmission after 3 s keeps the identifier), answers
# with spoiled replies (each dropped and counted) and then with the list
# {a home agent that refuses, one that accepts}; the node tries the first,
# takes its refusal and registers with the second, both real hmip home
# agents. The home agent grants less than asked: the node solicits its
# home prefixes (RFC 6275 11.4.2, scapy parses the solicitation) and
# shows what the advertisement said. When radvd on the home link
# advertises another preferred lifetime for the home prefix, the home
# agent sends an unsolicited advertisement to each node with a home
# registration (RFC 6275 10.6.2): hmip's node solicits (11.4.3), scapy
# (a second home address registered from dh) lets it be retransmitted,
# then solicits; no retransmission follows an acknowledgement. Then in
# plain Mobile IPv6 mode the request comes from the LCoA, and the reply's
# first home agent, which never answers, is given up for the next; with
# require-ipsec on the node drops a plaintext unsolicited advertisement.
#
#   mn (m0) -- ar (a1::/64, radvd with the MAP option) -- map (100::1)
#                  hr (radvd, 1::/64) -- hag (HAs 1::1, 1::2 on h1) --+
#                    dh (scapy; the anycast address routed there) ---+
#   home address 2001:db8:1:: with m0's link-local interface identifier
#   (L set, RFC 6275 11.7.1); 1::2 serves only 9::/64 (132)
#
# timeout: 600

. "$(dirname "$(readlink -f "$0")")/lib.sh"
. "$SELFTESTS/lib/ar.sh"
. "$SELFTESTS/lib/peer.sh"
. "$SELFTESTS/lib/mn_net.sh"

require_cmd radvd tshark jq

MAP=2001:db8:100::1
HA=2001:db8:1::1
HA_BAD=2001:db8:1::2
# RFC 2526: the home prefix, then fdff:ffff:ffff:fffe (as inet_ntop
# writes it: one zero group is not "::").
ANYCAST=2001:db8:1:0:fdff:ffff:ffff:fffe
DH=2001:db8:7::2
TMP=$(mktemp -d /tmp/hmip-mndhaad.XXXXXX)
on_exit rm -rf "$TMP"

mn_cell_setup $MAP
setup_ns hag dh hr
ns_nodad "$hag" "$dh" "$hr"
veth_link "$map" h0 "$hag" h0
veth_link "$map" d1 "$dh" d0
on "$map" ip -6 addr add 2001:db8:e::1/64 dev h0
on "$map" ip -6 addr add 2001:db8:7::1/64 dev d1
on "$map" ip -6 route add 2001:db8:1::/64 via 2001:db8:e::2
on "$map" ip -6 route add $ANYCAST/128 via $DH
on "$hag" sysctl -qw net.ipv6.conf.all.forwarding=1
# The home link, with a router of its own (hr) whose advertisements the
# home agent watches (RFC 6275 10.6.1).
veth_link "$hag" h1 "$hr" r0
on "$hag" ip -6 addr add 2001:db8:e::2/64 dev h0
# Finite lifetimes: the Mobile Prefix Advertisement carries them.
on "$hag" ip -6 addr add $HA/64 dev h1 valid_lft 3000 preferred_lft 2000
on "$hag" ip -6 addr add $HA_BAD/64 dev h1 valid_lft 3000 preferred_lft 2000
on "$hag" ip -6 route add default via 2001:db8:e::1
on "$dh" ip -6 addr add $DH/64 dev d0
on "$dh" ip -6 route add default via 2001:db8:7::1
peer_start "$dh"
SCAPY_PEER=$PEER_DIR
# A peer answers one request at a time: mn_get's polls (Python only, no
# scapy) have a peer of their own while the first answers discovery
# requests in the background.
peer_start "$dh" --lazy
# The home address shares m0's interface identifier: the BU sets L.
# Written as inet_ntop writes it, as hmip, scapy and tshark print it.
ll=$(on "$mn" ip -6 -o addr show dev m0 scope link | awk '{print $4}')
ll=${ll%/*}
HOA=$(peer py 'print(socket.inet_ntop(socket.AF_INET6,
    socket.inet_pton(socket.AF_INET6, argv[0])))' "2001:db8:1::${ll#fe80::}")
log "home address $HOA"

on "$map" "$HMIP" map add $MAP dev u0 mode routed require-ipsec off
# It grants less than the node asks (about 600 s): prefix discovery.
on "$hag" "$HMIP" ha add $HA dev h1 require-ipsec off max-lifetime 300
# Not a home agent for the home address: it answers 132.
on "$hag" "$HMIP" ha add $HA_BAD dev h1 prefix 2001:db8:9::/64 \
	require-ipsec off
on "$ar" "$HMIP" ar add dev d0 map $MAP dist 1 valid-lifetime 600
radvd_start "$ar" d0 2001:db8:a1::/64
# home_radvd PREFERRED: radvd on the home link advertises the home prefix
# with that preferred lifetime (valid 2800 s), every 3-4 s (the first at
# once)
home_radvd()
{
	RADVD_INTERVALS=default \
		RADVD_IFACE_CONF="MinRtrAdvInterval 3; MaxRtrAdvInterval 4;" \
		RADVD_PREFIX_CONF="AdvValidLifetime 2800; AdvPreferredLifetime $1;" \
		radvd_start "$hr" r0 2001:db8:1::/64
	home_radvd_pid=$RADVD_PIDFILE
}
# home_radvd_change PREFERRED: that radvd stopped, another started with
# PREFERRED
home_radvd_change()
{
	local pid

	pid=$(cat "$home_radvd_pid")
	kill "$pid"
	wait_for 10 eval '! kill -0 "$pid" 2>/dev/null'
	home_radvd "$1"
}
home_radvd 1800

# home FIELD: a field of the mobile node's home registration
home()
{
	mn_json 2>/dev/null | jq -r ".[0].home_registration.$1 // empty"
}

# home_registered_with HA COA: that home agent accepted the binding to COA
home_registered_with()
{
	[[ $(home state) == registered && $(home ha) == "$1" &&
		$(home coa) == "$2" ]]
}

# answer FILE ARGS...: scapy answers discovery requests on dh's d0 in the
# background, the requests it heard into FILE; returns once it listens
answer()
{
	local out=$1
	shift

	rm -f "$TMP/ready"
	PEER_DIR=$SCAPY_PEER peer haad-answer --iface d0 --src $DH \
		--addresses "$HA_BAD,$HA" --ready "$TMP/ready" "$@" >"$out" &
	answer_pid=$!
	wait_for 120 test -e "$TMP/ready"
}

# ------------------------------------------ discovery through the RCoA

answer "$TMP/req.json" --requests 2 --reply length --reply code \
	--reply csum --reply id --reply empty --reply good --wait 300 \
	--pcap "$TMP/dh.pcap"
capture_start "$hag" h0 "$TMP/h0.pcap" ip6
check "hmip mn add dev m0 ... home $HOA/64 ha discover" \
	on "$mn" "$HMIP" mn add dev m0 require-ipsec off \
	home $HOA/64 ha discover
check "rfc4140-6.1: registered with the MAP first" \
	wait_for 60 registered_with $MAP 2001:db8:a1:
RCOA=$(mn_get "cur['rcoa']")
wait $answer_pid
check_eq "scapy heard two discovery requests and answered the second" \
	"0 2" "$? $(wc -l <"$TMP/req.json")"
log "$(cat "$TMP/req.json")"
req()
{
	sed -n "${1}p" "$TMP/req.json" |
		jq -r '"\(.src) \(.dst) \(.type) \(.code) \(.csum_ok) \(.len)"'
}
check_eq "rfc6275-11.4.1: the request goes from the RCoA to the Home-Agents anycast address of the home prefix (type 144, code 0, 8 octets, checksum right)" \
	"$RCOA $ANYCAST 144 0 true 8" "$(req 1)"
id=$(sed -n 1p "$TMP/req.json" | jq -r .id)
check_eq "rfc6275-11.4.1: the retransmission keeps the identifier" \
	"$id" "$(sed -n 2p "$TMP/req.json" | jq -r .id)"
gap=$(jq -s '.[1].t - .[0].t' "$TMP/req.json")
log "first retransmission after $gap s"
check "rfc6275-12: the first retransmission after INITIAL_DHAAD_TIMEOUT (3 s)" \
	jq -e -n "$gap >= 2.9 and $gap < 6"
check_eq "rfc6275-6.5: tshark decodes the request: type 144, the identifier, from the RCoA" \
	"144 $id $RCOA" \
	"$(tshark -r "$TMP/dh.pcap" -Y "icmpv6.type == 144" -T fields \
		-E separator=' ' -e icmpv6.type -e icmpv6.mip6.identifier \
		-e ipv6.src 2>/dev/null | head -n1)"

check "rfc6275-11.4.1: the good reply is taken" \
	wait_for 30 counter_above "$mn" mn_dhaad_reply_rx 0
check_eq "rfc6275-6.6: spoiled replies dropped and counted: length, code, checksum, identifier, no usable address; one taken" \
	"1 1 1 1 1 1" \
	"$(for c in drop_length drop_code drop_checksum drop_id drop_empty \
		reply_rx; do counter "$mn" mn_dhaad_$c; done | paste -sd' ')"
check "rfc6275-11.4.1: the first home agent refuses (132), the node registers with the next one" \
	wait_for 60 home_registered_with $HA "$RCOA"
check_eq "... the first was tried: 132 counted there, one refusal and one change of home agent here" \
	"1 1 1" "$(counter "$hag" ha_bu_reject_not_home_subnet) $(counter "$mn" mn_home_ba_rejected) $(counter "$mn" mn_dhaad_ha_next)"
check_eq "hmip mn show -j: ha_discover, the home agents list in the reply's order, the one in use" \
	"true $HA_BAD,$HA $HA" \
	"$(mn_json | jq -r '.[0] | "\(.ha_discover) \(.home_registration.ha_list | join(",")) \(.home_registration.ha)"')"
check_eq "rfc6275-11.7.1: the home agent binds the home address to the RCoA, L set (the home address has the link-local address's interface identifier)" \
	"$RCOA AHL" "$(on "$hag" "$HMIP" -j binding show rcoa $HOA |
		jq -r '.[0] | "\(.lcoa) \(.flags)"')"
# ------------------------------------------------ prefix discovery

check "rfc6275-11.4.2: granted less than asked: the node solicits its home prefixes and takes the advertisement" \
	wait_for 30 counter_above "$mn" mn_mpa_rx 0
capture_stop "$TMP/h0.pcap"
PEER_DIR=$SCAPY_PEER peer describe --pcap "$TMP/h0.pcap" >"$TMP/h0.json"
mps=$(jq -c 'select(.msg == "mps")' "$TMP/h0.json" | head -n1)
log "$mps"
check_eq "rfc6275-11.4.2: the solicitation goes from the RCoA to the home agent, the home address in a Home Address option (type 146, code 0, checksum over the home address)" \
	"$RCOA $HA $HOA 146 0 true" \
	"$(jq -r '"\(.src) \(.dst) \(.hao) \(.type) \(.code) \(.csum_ok)"' <<<"$mps")"
mps_id=$(jq -r .id <<<"$mps")
check_eq "rfc6275-6.8: the home agent's advertisement answers it (its identifier, to the RCoA through a type 2 routing header to the home address)" \
	"$mps_id $RCOA $HOA" \
	"$(jq -r 'select(.msg == "mpa") | "\(.id) \(.dst) \(.rh2)"' "$TMP/h0.json" |
		head -n1)"
check_eq "rfc6275-6.7: tshark decodes the solicitation: type 146, the home address, the identifier" \
	"146 $HOA $mps_id" \
	"$(tshark -r "$TMP/h0.pcap" -Y "icmpv6.type == 146" -T fields \
		-E separator=' ' -e icmpv6.type -e ipv6.opt.mipv6.home_address \
		-e icmpv6.mip6.identifier 2>/dev/null | head -n1)"
check "rfc6275-11.4.3: hmip mn show -j: the home prefix with the lifetimes advertised" \
	jq -e '.[0].home_registration.prefixes[0] | .prefix == "2001:db8:1::/64" and .valid <= 2800 and .valid > 2000 and .preferred <= 1800 and .preferred > 1000' \
	<<<"$(mn_json)"

# ---------------------------- unsolicited advertisements (10.6.2)

HOA2=2001:db8:1::77
out=$(PEER_DIR=$SCAPY_PEER peer bu --iface d0 --src $DH --dst $HA \
	--hao $HOA2 --flags AH --lifetime 50 --expect 1 --wait 10)
check_eq "scapy registers a second home address from dh (BA status 0)" 1 \
	"$(jq -s '[.[] | select(.msg == "ba" and .status == 0)] | length' \
		<<<"$out")"
monitor_start "$hag" "$TMP/monitor"
# Not "icmp6": the type 2 routing header comes first.
capture_start "$dh" d0 "$TMP/unsol.pcap" ip6
capture_start "$hag" h0 "$TMP/h0u.pcap" ip6
read -r changed unsol acked retx <<<"$(for c in prefix_changed mpa_unsolicited \
	mpa_acked mpa_retransmit; do counter "$hag" ha_$c; done | paste -sd' ')"
mn_drop_id=$(counter "$mn" mn_mpa_drop_id)
mn_rx=$(counter "$mn" mn_mpa_rx)
home_radvd_change 900
check "rfc6275-10.6.1: the home agent notices the new preferred lifetime in the home link's advertisements" \
	wait_for 30 counter_above "$hag" ha_prefix_changed "$changed"
check "rfc6275-10.6.2: it sends an unsolicited advertisement to each node with a home registration (two)" \
	wait_for 30 counter_above "$hag" ha_mpa_unsolicited $((unsol + 1))
check "rfc6275-11.4.3: hmip's node discards it as unsolicited and solicits; the home agent takes the solicitation as its acknowledgement" \
	wait_for 30 counter_above "$hag" ha_mpa_acked "$acked"
check "rfc6275-11.4.3: ... and hmip's node takes the answer: the home prefix's preferred lifetime is 900 s or less now" \
	wait_for 30 eval 'mn_json | jq -e ".[0].home_registration.prefixes[0].preferred <= 900"'
check_eq "... one unsolicited advertisement dropped (mn_mpa_drop_id), one answer taken (mn_mpa_rx)" \
	"$((mn_drop_id + 1)) $((mn_rx + 1))" \
	"$(counter "$mn" mn_mpa_drop_id) $(counter "$mn" mn_mpa_rx)"
check "rfc6275-10.6.2: scapy does not answer: the advertisement is retransmitted" \
	wait_for 30 counter_above "$hag" ha_mpa_retransmit "$retx"
PEER_DIR=$SCAPY_PEER peer mps --iface d0 --src $DH --dst $HA --hao $HOA2 \
	--id 4242 --wait 2 --expect 1 >"$TMP/mps2.json"
check "rfc6275-10.6.2: scapy's solicitation acknowledges it" \
	wait_for 10 counter_above "$hag" ha_mpa_acked $((acked + 1))
retx=$(counter "$hag" ha_mpa_retransmit)
# Retransmissions are due 3, 9 and 21 s after the first: 8 s without one
# past an acknowledgement is one that would have come.
nap 8
check_eq "rfc6275-10.6.2: no retransmission after the acknowledgements" \
	"$retx" "$(counter "$hag" ha_mpa_retransmit)"
capture_stop "$TMP/unsol.pcap"
capture_stop "$TMP/h0u.pcap"
tshark -r "$TMP/unsol.pcap" -Y "icmpv6.type == 147" -T fields \
	-E separator=' ' -e frame.time_relative -e ipv6.src -e ipv6.dst \
	-e ipv6.routing.mipv6.home_address -e icmpv6.type \
	-e icmpv6.opt.prefix -e icmpv6.opt.prefix.preferred_lifetime \
	-e icmpv6.mip6.identifier 2>/dev/null >"$TMP/unsol.txt"
log "$(cat "$TMP/unsol.txt")"
check "rfc6275-6.8: tshark decodes the unsolicited advertisement to scapy: type 147 from the home agent to the care-of address, the home address in the type 2 routing header, the home prefix with preferred lifetime 900 or less" \
	awk -v want="$HA $DH $HOA2 147 2001:db8:1::" \
	'NR == 1 { ok = ($2" "$3" "$4" "$5" "$6 == want && $7 <= 900 && $7 > 800) } END { exit !ok }' \
	"$TMP/unsol.txt"
gap=$(awk 'NR == 1 { t = $1 } NR == 2 { print $1 - t }' "$TMP/unsol.txt")
log "first retransmission after $gap s"
check "rfc6275-12: the first retransmission after PREFIX_ADV_TIMEOUT (3 s)" \
	jq -e -n "${gap:-0} >= 2.9 and ${gap:-0} < 4"
check_eq "rfc6275-10.6.2: the answer to scapy's solicitation (its identifier) is the last advertisement scapy got" \
	4242 "$(tail -n1 "$TMP/unsol.txt" | awk '{ print $8 }')"
check_eq "rfc6275-10.6.2: hmip's node got two advertisements: the unsolicited one and the answer, no retransmission" \
	2 "$(tshark -r "$TMP/h0u.pcap" -Y "icmpv6.type == 147 && ipv6.routing.mipv6.home_address == $HOA" \
		-T fields -e frame.number 2>/dev/null | wc -l)"
check_eq "hmip monitor: ha-prefix-adv for each home address" \
	"$(printf '%s\n' "$HOA2" "$HOA" | sort | paste -sd' ')" \
	"$(awk '$1 == "ha-prefix-adv" { print $2 }' "$TMP/monitor" | sort |
		paste -sd' ')"

show=$(on "$mn" "$HMIP" mn show dev m0)
log "$show"
check "hmip mn show: ha discover, ha-list, home-prefix" \
	grep -q "ha discover.*ha-list $HA_BAD,$HA.*home-prefix 2001:db8:1::/64 valid" \
	<<<"$(tr -d '\n' <<<"$show")"
saved=$(on "$mn" "$HMIP" save | grep '^mn ')
check "hmip save: the mobile node with ha discover" \
	grep -q "home $HOA/64 .*ha discover" <<<"$saved"
check "the saved line applied again (hmip -batch)" \
	on "$mn" "$HMIP" -batch - <<<"$saved"
check_eq "... keeps the discovered home agent and its registration" \
	"registered $HA 1" \
	"$(home state) $(home ha) $(counter "$mn" mn_dhaad_reply_rx)"

# ------------------------------------- plain Mobile IPv6: from the LCoA

# The reply's first home agent never answers: the MAP drops what goes to
# it. The node gives it up after its Binding Updates went unanswered
# (RFC 6275 11.4.1; HMIP_MN_HA_TRIES, 4, sent 0, 1.5, 4.5 and 10.5 s
# after the first, given up 12 s later) and registers with the next.
DEAD=2001:db8:1::3
on "$map" ip -6 route add blackhole $DEAD/128
answer "$TMP/req2.json" --reply good --wait 300 --addresses "$DEAD,$HA"
ha_next=$(counter "$mn" mn_dhaad_ha_next)
capture_start "$mn" m0 "$TMP/dead.pcap" ip6 dst host $DEAD
check "hmip mn change dev m0 ha $HA, then ha discover mode mipv6" \
	on "$mn" "$HMIP" -batch - <<-EOF
	mn change dev m0 ha $HA
	mn change dev m0 ha discover mode mipv6
	EOF
LCOA=$(mn_get "m['lcoa']")
wait $answer_pid
check_eq "scapy heard the request and answered" 0 "$?"
check_eq "rfc6275-11.4.1: mode mipv6: the request comes from the LCoA" \
	"$LCOA $ANYCAST 144 0 true 8" \
	"$(jq -r '"\(.src) \(.dst) \(.type) \(.code) \(.csum_ok) \(.len)"' \
		"$TMP/req2.json" | head -n1)"
check "rfc6275-11.4.1: the first home agent of the reply never answers: the node gives it up and registers the LCoA with the next" \
	wait_for 60 home_registered_with $HA "$LCOA"
capture_stop "$TMP/dead.pcap"
tshark -r "$TMP/dead.pcap" -Y "mip6.mhtype == 5" -T fields \
	-e frame.time_relative -e ipv6.src -e mip6.bu.h_flag 2>/dev/null \
	>"$TMP/dead.txt"
log "Binding Updates to the silent home agent: $(paste -sd' ' "$TMP/dead.txt")"
check_eq "rfc6275-11.4.1: ... after 4 home Binding Updates to it from the LCoA (tshark), one change of home agent (mn_dhaad_ha_next)" \
	"4 $LCOA $((ha_next + 1))" \
	"$(wc -l <"$TMP/dead.txt") $(awk 'NR == 1 { print $2 }' "$TMP/dead.txt") $(counter "$mn" mn_dhaad_ha_next)"
check "rfc6275-11.8: ... each retransmission after twice the wait of the one before" \
	awk 'NR > 1 { gap = $1 - t; if (NR > 2 && (gap < 1.8 * last || gap > 2.2 * last)) bad = 1; last = gap } { t = $1 } END { exit bad || NR < 3 }' \
	"$TMP/dead.txt"

# --------------------- require-ipsec on: a plaintext advertisement refused

# RFC 6275 11.4.3 and RFC 4877: the advertisement should come under IPsec;
# the node that requires it drops a plaintext one, unsolicited too, and
# does not solicit: the home agent goes on retransmitting.
check "hmip mn change dev m0 require-ipsec on" \
	on "$mn" "$HMIP" mn change dev m0 require-ipsec on
unprot=$(counter "$mn" mn_mpa_drop_unprotected)
mps_tx=$(counter "$mn" mn_mps_tx)
home_radvd_change 700
check "rfc6275-11.4.3, rfc4877-4.1: require-ipsec on: the node drops the home agent's plaintext unsolicited advertisement (mn_mpa_drop_unprotected)" \
	wait_for 30 counter_above "$mn" mn_mpa_drop_unprotected "$unprot"
check "rfc6275-10.6.2: ... and its retransmission: nothing acknowledged it" \
	wait_for 30 counter_above "$mn" mn_mpa_drop_unprotected $((unprot + 1))
check_eq "rfc6275-11.4.3: ... the node sent no solicitation for them" \
	"$mps_tx" "$(counter "$mn" mn_mps_tx)"

finish
