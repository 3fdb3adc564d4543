#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The mobile node against an independent sender of router advertisements
# (scapy builds them, MAP options of every shape: RFC 4140 sections 5 and
# 7.2) and against IPsec as RFC 4140 section 12.1 wants it: the mobile
# node and the MAP both with require-ipsec on (the default), the Binding
# Update and Acknowledgment under ESP, the keys from "ip xfrm" as
# Documentation/security.rst describes.
#
#   map (routed MAP 100::1) ---- ar (scapy RAs on d0) ---- mn (m0)
#                f::1      f::2   a1::1             a1::/64
#
# timeout: 900

. "$(dirname "$(readlink -f "$0")")/lib.sh"
. "$SELFTESTS/lib/peer.sh"
. "$SELFTESTS/lib/mn_net.sh"

require_cmd tshark tcpdump

MAP=2001:db8:100::1
NOMAP=2001:db8:100::99
TMP=$(mktemp -d /tmp/hmip-mnopt.XXXXXX)
on_exit rm -rf "$TMP"

mn_cell_setup $MAP
on "$map" "$HMIP" map add $MAP dev u0 mode routed

# scapy sends the advertisements, on ar's d0.
peer_start "$ar"

# ra OPTION...: one advertisement on ar's d0 with prefix a1::/64 (A) and
# the MAP options given as ADDR,DIST,PREF,R,LIFETIME[,RESERVED], or
# "raw:HEX" for an option written out octet by octet
ra()
{
	peer ra-send --iface d0 --src fe80::1 --prefix 2001:db8:a1::/64 -- "$@"
}

check "hmip mn add (require-ipsec on, the default)" \
	on "$mn" "$HMIP" mn add dev m0
ra
check "the LCoA is an address of the advertised prefix" \
	wait_for 30 mn_true "m.get('lcoa', '').startswith('2001:db8:a1:')"
check_eq "mn show: rfc 5380 by default" 5380 "$(mn_get "m.get('rfc')")"

# ------------------------------------------------ options of every shape

bad=$(counter "$mn" mn_opt_drop_invalid)
# Length 2 instead of 3, and Dist 0 (section 5: MUST NOT be used).
ra "raw:1702$(printf '1a80%08x' 3600)0000000000000000" \
	"raw:1703$(printf '0a80%08x' 3600)20010db8010000000000000000000001"
check_eq "rfc4140-5: a MAP option of length 2 and one with Dist 0 are dropped and counted" \
	$((bad + 2)) "$(counter "$mn" mn_opt_drop_invalid)"
check_eq "... and nothing was learned from them" "0" "$(mn_get "len(opts)")"

# The R flag: with it RFC 4140 forms the RCoA from the option's prefix,
# without it the node has none; RFC 5380 forms it so in any case (section
# 6; R asks for an RCoA allocated through IKEv2 instead).
check "mn change rfc 4140" on "$mn" "$HMIP" mn change dev m0 rfc 4140
ra "$MAP,2,10,0,600"
check "an option without the R flag is kept" \
	wait_for 10 mn_true "opts.get('$MAP', {}).get('rflag') is False"
sleep 2
check_eq "rfc4140-5: ... but no RCoA is formed from it (rfc 4140)" "{}" \
	"$(mn_get cur)"
check "mn change rfc 5380" on "$mn" "$HMIP" mn change dev m0 rfc 5380
check "rfc5380-6: with rfc 5380 the RCoA is formed from it, stateless" \
	wait_for 10 mn_true "cur.get('map') == '$MAP' and cur.get('rcoa', '').startswith('2001:db8:100:')"

# Reserved bits set: ignored. A second, nearer MAP that does not exist.
ra "$MAP,2,10,1,600,0x7f" "$NOMAP,1,12,1,600"
check_eq "rfc4140-7.2: both options stored with Dist, Pref, lifetime and router" \
	"2 10 600 fe80::1 1 12" \
	"$(mn_get "'%d %d %d %s %d %d' % (opts['$MAP']['dist'], opts['$MAP']['pref'], opts['$MAP']['valid_lifetime'], opts['$MAP']['router'], opts['$NOMAP']['dist'], opts['$NOMAP']['pref'])")"
check "rfc4140-9.1: the furthest MAP is chosen (Dist 2 over Dist 1)" \
	wait_for 10 mn_true "cur.get('map') == '$MAP'"
RCOA=$(mn_get "cur['rcoa']")
LCOA=$(mn_get "m['lcoa']")

# ------------------------------------------------------ IPsec, ESP

# No SA yet: the MAP drops the Binding Update unanswered (require-ipsec).
check "rfc4140-12.1: without an SA the MAP drops the BU (counted)" \
	wait_for 20 counter_above "$map" map_bu_drop_no_ipsec 0
check_eq "... and the node is not registered" registering \
	"$(mn_get "cur.get('state')")"

alg()
{
	echo "enc cbc(aes) 0x$(printf '%032x' $(($1 * 104729))) auth-trunc hmac(sha256) 0x$(printf '%064x' $(($1 * 7919))) 128"
}

# The capture runs before the SAs exist: the node retransmits its BU on
# its own schedule, and the first protected one may leave at once.
capture_start "$mn" m0 "$TMP/esp.pcap" ip6
# The MAP first, the node's outbound policy last: a protected BU must
# find the MAP ready to answer under ESP (a MAP with its SA but not yet
# its policy would answer in the clear).
# shellcheck disable=SC2046 # alg gives words
{
on "$map" ip xfrm state add src "$LCOA" dst $MAP proto esp spi 0x1001 \
	mode transport replay-window 32 $(alg 0x1001)
on "$map" ip xfrm state add src $MAP dst "$RCOA" proto esp spi 0x1002 \
	mode transport $(alg 0x1002)
on "$map" ip xfrm policy add dir out src $MAP/128 dst "$RCOA"/128 \
	proto 135 type 6 tmpl proto esp mode transport
# The mobile node: what Documentation/security.rst gives it. The
# outbound state has no source: it serves every LCoA the node moves to.
on "$mn" ip xfrm state add src $MAP dst "$RCOA" proto esp spi 0x1002 \
	mode transport replay-window 32 $(alg 0x1002)
on "$mn" ip xfrm state add src :: dst $MAP proto esp spi 0x1001 \
	mode transport $(alg 0x1001)
on "$mn" ip xfrm policy add dir out src ::/0 dst $MAP/128 proto 135 \
	tmpl proto esp mode transport
}

check "rfc4140-12.1: registered through ESP, both ends requiring IPsec" \
	wait_for 60 mn_true "cur.get('state') == 'registered'"
capture_stop "$TMP/esp.pcap"
tshark -r "$TMP/esp.pcap" -Y "esp" -T fields -e ipv6.src -e ipv6.dst \
	-e esp.spi 2>/dev/null | sort -u | while IFS= read -r l; do log "esp: $l"; done
# One tshark run (seconds to start under emulation) for the three checks:
# source, destination, ESP SPI and, for a Mobility Header in the clear,
# its type.
esp=$(tshark -r "$TMP/esp.pcap" -T fields -e ipv6.src -e ipv6.dst \
	-e esp.spi -e mip6.mhtype 2>/dev/null)
check "tshark: the BU leaves under ESP SPI 0x1001 from the LCoA" \
	grep -q "$LCOA.*$MAP.*0x00001001" <<<"$esp"
check "tshark: the BA comes back under ESP SPI 0x1002" \
	grep -q "0x00001002" <<<"$esp"
# BUs sent before the SAs existed are in the capture too: from the first
# ESP packet on, none is in the clear.
clear=$(awk -F'\t' '$3 != "" { esp = 1 } esp && $4 != ""' <<<"$esp")
check_eq "tshark: no Mobility Header in the clear once ESP is used" 0 \
	"$(grep -c . <<<"$clear")" || log "in the clear: $clear"
check_eq "the MAP recorded the SA in the binding" "esp 4097" \
	"$(on "$map" "$HMIP" -j binding show rcoa "$RCOA" | jq -r '.[0] | "\(.sa_proto) \(.sa_spi)"')"

# An unprotected BA (status 0, the right sequence number, a type 2
# routing header to the RCoA) is not taken with require-ipsec on.
seq=$(mn_get "cur['seq']")
life=$(mn_get "cur['lifetime']")
before=$(counter "$mn" mn_ba_drop_unprotected)
peer_in "$map" mh --iface u0 --src $MAP --dst "$LCOA" \
	--rh2 "$RCOA" --type 6 --body "$(printf '0000%04x000101020000' "$seq")" \
	--wait 0 >/dev/null
# The BA crosses the access router: the node counts it a moment later.
check "rfc4140-12.1: an unprotected BA is dropped and counted" \
	wait_for 10 counter_above "$mn" mn_ba_drop_unprotected "$before"
check_eq "... once" $((before + 1)) "$(counter "$mn" mn_ba_drop_unprotected)"
check_eq "... the registration keeps its lifetime ($life s, not the forged 4 s)" \
	"$life" "$(mn_get "cur['lifetime']")"

# An IKE rekey while the node is registered, by hand as "ip xfrm" does it:
# new SAs with new SPIs for the same peers and selectors, the old ones
# deleted after. The node's next refresh goes under the new SA: the MAP
# moves the binding to it (no 129), the node stays registered.
check "lifetime 8 s: a refresh every few seconds" \
	on "$mn" "$HMIP" mn change dev m0 lifetime 8
check "... acknowledged" \
	wait_for 20 mn_true "cur.get('state') == 'registered' and cur.get('lifetime') == 8"
acc=$(counter "$mn" mn_ba_accepted)
rej=$(counter "$mn" mn_ba_rejected)
mism=$(counter "$map" map_bu_reject_sa_mismatch)
succ=$(counter "$map" map_bu_sa_successor)
# shellcheck disable=SC2046 # alg gives words
rekey()
{
	# BAs: the MAP sends under 0x2002 from now on, the node takes it.
	on "$mn" ip xfrm state add src $MAP dst "$RCOA" proto esp spi 0x2002 \
		mode transport replay-window 32 $(alg 0x2002) &&
	on "$map" ip xfrm state add src $MAP dst "$RCOA" proto esp \
		spi 0x2002 mode transport $(alg 0x2002) &&
	on "$map" ip xfrm state del src $MAP dst "$RCOA" proto esp \
		spi 0x1002 &&
	# BUs: the MAP takes 0x2001, the node sends under it.
	on "$map" ip xfrm state add src "$LCOA" dst $MAP proto esp \
		spi 0x2001 mode transport replay-window 32 $(alg 0x2001) &&
	on "$mn" ip xfrm state add src :: dst $MAP proto esp spi 0x2001 \
		mode transport $(alg 0x2001) &&
	on "$mn" ip xfrm state del src :: dst $MAP proto esp spi 0x1001
}
check "rekey: SPIs 0x2001 and 0x2002 replace 0x1001 and 0x1002" rekey
on_new_sa()
{
	test "$(on "$map" "$HMIP" -j binding show rcoa "$RCOA" |
		jq -r '.[0].sa_spi')" = $((0x2001)) &&
		counter_above "$mn" mn_ba_accepted "$acc"
}
check "rekey: the next refresh, under the new SA, is acknowledged" \
	wait_for 30 on_new_sa
on "$map" ip xfrm state del src "$LCOA" dst $MAP proto esp spi 0x1001
on "$mn" ip xfrm state del src $MAP dst "$RCOA" proto esp spi 0x1002
acc=$(counter "$mn" mn_ba_accepted)
check "rekey: and the one after, with the old SAs gone" \
	wait_for 30 counter_above "$mn" mn_ba_accepted "$acc"
check_eq "rekey: no 129 (map_bu_reject_sa_mismatch, mn_ba_rejected), one successor" \
	"$mism $rej $((succ + 1))" \
	"$(counter "$map" map_bu_reject_sa_mismatch) $(counter "$mn" mn_ba_rejected) $(counter "$map" map_bu_sa_successor)"
check_eq "rekey: the node is registered with the MAP" "$MAP registered" \
	"$(mn_get "'%s %s' % (cur.get('map'), cur.get('state'))")"
check "lifetime 600 s again" on "$mn" "$HMIP" mn change dev m0 lifetime 600

# --------------------------------------------------- policies, MAP gone

check "policy nearest: the Dist 1 MAP is chosen" \
	on "$mn" "$HMIP" mn change dev m0 policy nearest
check "... the node now tries $NOMAP" \
	wait_for 20 mn_true "cur.get('map') == '$NOMAP'"
# Equal Dist: Pref decides, RFC 5380 section 5's tie-breaker; RFC 4140
# leaves ties open, and hmip breaks them the same way with rfc 4140. Each
# time the nearer $MAP first, then both at Dist 2, $NOMAP with the higher
# Pref (and the higher address: the last tie-break would take $MAP).
tie_to_nomap() {
	ra "$MAP,1,10,1,600" "$NOMAP,2,12,1,600"
	wait_for 20 mn_true "cur.get('map') == '$MAP'" &&
	ra "$MAP,2,10,1,600" "$NOMAP,2,12,1,600" &&
	wait_for 20 mn_true "cur.get('map') == '$NOMAP'"
}
check "rfc 4140" on "$mn" "$HMIP" mn change dev m0 rfc 4140
check "rfc4140-9.1: equal Dist: the higher Pref wins (rfc 4140)" tie_to_nomap
check "rfc 5380" on "$mn" "$HMIP" mn change dev m0 rfc 5380
check "rfc5380-5: equal Dist: Pref breaks the tie (rfc 5380)" tie_to_nomap
check "policy fixed: back to $MAP" \
	on "$mn" "$HMIP" mn change dev m0 map $MAP
check "... and registered there" \
	wait_for 60 mn_true "cur.get('map') == '$MAP' and cur.get('state') == 'registered'"

# The router stops advertising the MAP options: plain IPv6.
ra
check "rfc4140-7.2: options gone from the advertisements are forgotten" \
	wait_for 10 mn_true "not opts"
check "rfc4140-7.2: no MAP: no current registration" \
	wait_for 10 mn_true "not cur"
# RFC 5380 section 7.1: no MAP, no HMIPv6: no registration, and no RCoA
# left for new connections (deprecated: preferred lifetime 0).
rcoas_deprecated() {
	local addrs

	addrs=$(on "$mn" ip -j -6 addr show dev "$(mn_get "m['tunnel']")" \
		scope global)
	# (ip -j ends the list with an empty object: not an address)
	jq -e '[.[].addr_info[] | select(.local)] | length > 0 and
		all(.preferred_life_time == 0)' >/dev/null <<<"$addrs" ||
		{ log "tunnel addresses: $addrs"; return 1; }
}
check "rfc5380-7.1: no MAP: the RCoAs on the tunnel device are deprecated" \
	rcoas_deprecated
check_eq "mn_map_lost counted" 1 "$(counter "$mn" mn_map_lost)"

# ------------------------------------------ a MAP that refuses (>= 128)

# The MAP forgets the node and takes LCoAs of another prefix only: the
# node's next Binding Update gets 129 (administratively prohibited).
on "$map" "$HMIP" binding flush
check "the MAP takes LCoAs of 2001:db8:ff::/64 only" \
	on "$map" "$HMIP" map change $MAP onlink-prefix 2001:db8:ff::/64
on "$mn" "$HMIP" mn change dev m0 policy furthest
rejected=$(counter "$mn" mn_ba_rejected)
# The refusal comes once: the monitor must listen before.
monitor_start "$mn" "$TMP/monitor"
monitor=$MONITOR_PID
ra "$MAP,2,10,1,600" "$NOMAP,1,12,1,600"
check "rfc6275-11.7.3: the refusal of the furthest MAP is counted (mn_ba_rejected)" \
	wait_for 60 counter_above "$mn" mn_ba_rejected "$rejected"
check "... announced: mn-rejected, map $MAP, status 129" \
	wait_for 10 grep -q "^mn-rejected .*map $MAP .*status 129" "$TMP/monitor"
check "... and the node turns to the other MAP" \
	wait_for 20 mn_true "cur.get('map') == '$NOMAP'"
kill $monitor
wait $monitor 2>/dev/null
log "monitor: $(grep -c . "$TMP/monitor") events, the last: $(tail -n1 "$TMP/monitor")"

# ----------------------------------------------- the MTU of the tunnel

# RFC 5380 section 11: the encapsulation to the MAP counts in the MTU
# upper layers get. rfc 5380: the tunnel device's MTU is the interface's
# less 40 and follows it; rfc 4140: the fixed 1460 of an Ethernet link.
tunnel=$(mn_get "m['tunnel']")
mtus() {
	echo "$(mn_get "m.get('tunnel_mtu')") $(on "$mn" ip -j link show dev "$tunnel" | jq '.[0].mtu')"
}
mtus_are() {
	[[ $(mtus) == "$1" ]]
}
check "m0's MTU 1400" on "$mn" ip link set dev m0 mtu 1400
check "rfc5380-11: the tunnel MTU follows: 1360, shown and on the device" \
	wait_for 10 mtus_are "1360 1360"
check "rfc 4140" on "$mn" "$HMIP" mn change dev m0 rfc 4140
check "rfc4140: the fixed tunnel MTU, 1460" wait_for 10 mtus_are "1460 1460"
check "rfc 5380" on "$mn" "$HMIP" mn change dev m0 rfc 5380
check "rfc5380-11: 1360 again" wait_for 10 mtus_are "1360 1360"
check "m0's MTU 1500" on "$mn" ip link set dev m0 mtu 1500
check "rfc5380-11: the tunnel MTU follows: 1460" wait_for 10 mtus_are "1460 1460"
finish
