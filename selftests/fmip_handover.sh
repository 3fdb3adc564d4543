#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Fast handovers (RFC 5568; RFC 4140 Appendix A, the MAP as anchor), the
# preparation. The access router, configured with its neighbouring access
# routers, answers a Router Solicitation for Proxy Advertisement (scapy,
# as the mobile node) with a Proxy Router Advertisement carrying, per
# access point asked for, the access point's link-layer address, the new
# router's link-layer and IP addresses and its prefix, then the MAP
# option; hmiptest.py's parser and tshark decode it. Malformed
# solicitations are counted and not answered. Then hmip's mobile node
# (radvd advertising the link): "hmip mn prepare" sends the RtSolPr
# (tshark decodes it) and forms the new care-of address from the answer.
#
#   +--------------------------------+        +--------------------------+
#   | ar (hmip ar: map, neighbours;  |        | mn (scapy, tshark;       |
#   |     radvd)                     |        |     hmip mn)             |
#   | a0 2001:db8:200::1/64          |--------| m0 2001:db8:200::10/64   |
#   +--------------------------------+        +--------------------------+
#   neighbours (not running): nar1 2001:db8:300::1 (ap 02:00:00:00:03:01),
#   nar2 2001:db8:400::1 (ap 02:00:00:00:04:01)
#
# timeout: 600

. "$(dirname "$(readlink -f "$0")")/lib.sh"
. "$SELFTESTS/lib/peer.sh"
. "$SELFTESTS/lib/ar.sh"

require_cmd radvd tshark tcpdump jq

MAP=2001:db8:100::1
AR=2001:db8:200::1
MN=2001:db8:200::10
NAR1=2001:db8:300::1
AP1=02:00:00:00:03:01
LLA1=02:00:00:00:03:fe
NAR2=2001:db8:400::1
AP2=02:00:00:00:04:01
AP_UNKNOWN=02:00:00:00:09:09
# An Ethernet address in a Link-Layer Address option: 3 + 6 octets, padded
# to 16 (RFC 5568 6.4.3); hmiptest.py shows the padding.
PAD=:00:00:00:00:00:00:00

setup_ns ar mn
ns_nodad "$ar" "$mn"
veth_link "$ar" a0 "$mn" m0
on "$ar" ip -6 addr add $AR/64 dev a0
on "$mn" ip -6 addr add $MN/64 dev m0
peer_start "$mn"
AR_MAC=$(on "$ar" ip -j link show a0 | jq -r '.[0].address')

stat() {
	counter "$ar" "$1"
}

# Bad arguments: refused, with one line that says why.
refused() {
	local name=$1 pattern=$2 err rc
	shift 2

	err=$(on "$ar" "$HMIP" "$@" 2>&1 >/dev/null)
	rc=$?
	check "$name" test $rc -ne 0 -a "$(echo "$err" | wc -l)" = 1
	check "$name: says why" grep -qi -- "$pattern" <<<"$err"
	log "$err"
}

rtsolpr() {
	peer rtsolpr --iface m0 --src $MN --dst $AR "$@"
}

# ------------------------------------------------------- configuration

check "hmip ar add dev a0 map (the MAP option of the PrRtAdv)" \
	on "$ar" "$HMIP" ar add dev a0 map $MAP
check "hmip ar add dev a0 neighbour with its prefix, access point and link-layer address" \
	on "$ar" "$HMIP" ar add dev a0 neighbour $NAR1 \
	prefix 2001:db8:300::/64 ap $AP1 lla $LLA1
check "hmip ar add dev a0 neighbour without its own link-layer address" \
	on "$ar" "$HMIP" ar add dev a0 neighbour $NAR2 \
	prefix 2001:db8:400::/64 ap $AP2
refused "a neighbour without a prefix is refused" "prefix" \
	ar add dev a0 neighbour 2001:db8:500::1 ap $AP_UNKNOWN
refused "a link-local neighbour is refused" "global" \
	ar add dev a0 neighbour fe80::5 prefix 2001:db8:500::/64 ap $AP_UNKNOWN
refused "the same neighbour twice is refused" "already" \
	ar add dev a0 neighbour $NAR1 prefix 2001:db8:300::/64 ap $AP1
refused "a neighbour takes no MAP option settings" "MAP option" \
	ar add dev a0 neighbour 2001:db8:500::1 prefix 2001:db8:500::/64 \
	ap $AP_UNKNOWN dist 2
refused "a MAP option takes no access point" "neighbour" \
	ar add dev a0 map 2001:db8:110::1 ap $AP_UNKNOWN
check "hmip ar change: a neighbour's prefix" \
	on "$ar" "$HMIP" ar change dev a0 neighbour $NAR2 \
	prefix 2001:db8:400::77/64
check_eq "hmip ar show -j: the neighbours, the prefix without its host bits" \
	"$NAR1 2001:db8:300::/64 $AP1 $LLA1|$NAR2 2001:db8:400::/64 $AP2 null" \
	"$(on "$ar" "$HMIP" -j ar show | jq -r '[.[] | select(.kind == "neighbour") |
		"\(.neighbour) \(.prefix)/\(.prefix_len) \(.ap) \(.lla)"] | join("|")')"

# ------------------------------------------------- answers, one capture

TMPDIR_FMIP=$(mktemp -d /tmp/hmip-fmip.XXXXXX)
on_exit rm -rf "$TMPDIR_FMIP"
pcap=$TMPDIR_FMIP/fmip.pcap
capture_start "$mn" m0 "$pcap" icmp6
one=$(rtsolpr --id 4242 --ap $AP1 --lla 02:00:00:00:00:10 --expect 1 --wait 3)
all=$(rtsolpr --id 7 --ap '*' --expect 1 --wait 3)
none=$(rtsolpr --id 8 --ap $AP_UNKNOWN --expect 1 --wait 3)
some=$(rtsolpr --id 9 --ap $AP_UNKNOWN --ap $AP2 --expect 1 --wait 3)

# --------------------------------------------- hmip's mobile node prepares

radvd_start "$ar" a0 2001:db8:200::/64
check "hmip mn add dev m0" \
	on "$mn" "$HMIP" mn add dev m0 require-ipsec off
mn_has_lcoa() {
	test "$(on "$mn" "$HMIP" -j mn show dev m0 | jq -r '.[0].lcoa // empty')" != ""
}
check "the mobile node has its LCoA from radvd's prefix" wait_for 20 mn_has_lcoa
monitor_start "$mn" "$TMPDIR_FMIP/monitor"
fmip_state_is() {
	test "$(on "$mn" "$HMIP" -j mn show dev m0 |
		jq -r '.[0].fast_handover.state // "none"')" = "$1"
}
check "hmip mn prepare dev m0 ar NAR1" \
	on "$mn" "$HMIP" mn prepare dev m0 ar $NAR1
check "rfc5568-3.1: the PrRtAdv makes the preparation ready" \
	wait_for 10 fmip_state_is ready
capture_stop "$pcap"
show=$(on "$mn" "$HMIP" -j mn show dev m0)
lcoa=$(jq -r '.[0].lcoa' <<<"$show")
want_ncoa=$(peer py "import ipaddress
print(ipaddress.IPv6Address(int(ipaddress.IPv6Address('2001:db8:300::')) | int(ipaddress.IPv6Address(argv[0])) & (2**64 - 1)))" "$lcoa")
check_eq "rfc4140-A: the new care-of address: the new router's prefix, the LCoA's interface identifier" \
	"$want_ncoa 2001:db8:300::/64" \
	"$(jq -r '.[0].fast_handover | "\(.ncoa) \(.prefix)"' <<<"$show")"
check_eq "rfc4140-A: the MAP of the PrRtAdv, the access point's and the new router's link-layer addresses" \
	"$MAP $AP1$PAD $LLA1$PAD 0" \
	"$(jq -r '.[0].fast_handover | "\(.map) \(.ap) \(.ar_lla) \(.code)"' <<<"$show")"
check "hmip monitor: mn-prepared" \
	wait_for 5 grep -q "mn-prepared dev m0 .*fast-handover ready ar $NAR1 ncoa $want_ncoa" "$TMPDIR_FMIP/monitor"
check "hmip mn prepare for a router the access router does not know" \
	on "$mn" "$HMIP" mn prepare dev m0 ar 2001:db8:999::1
check "rfc5568-6.1.2: a PrRtAdv without its tuple: unknown, no new care-of address" \
	wait_for 10 fmip_state_is unknown
check_eq "the mobile node's counters: a PrRtAdv taken per preparation, one ready, one unknown" "2 1 1" \
	"$(counter "$mn" mn_prrtadv_rx) $(counter "$mn" mn_fmip_ready) $(counter "$mn" mn_fmip_unknown)"
refused_mn() {
	local name=$1 pattern=$2 err rc
	shift 2

	err=$(on "$mn" "$HMIP" "$@" 2>&1 >/dev/null)
	rc=$?
	check "$name" test $rc -ne 0
	check "$name: says why" grep -qi -- "$pattern" <<<"$err"
	log "$err"
}
refused_mn "mn prepare needs a global address" "global" \
	mn prepare dev m0 ar fe80::1
refused_mn "mn prepare needs the role" "does not run" \
	mn prepare dev lo ar $NAR1

# tshark's view of what crossed the link: one line per FMIPv6 message.
decoded=$(tshark -r "$pcap" -Y "icmpv6.type == 154" -T fields \
	-E separator=' ' -E aggregator=, -e ipv6.src -e ipv6.hlim \
	-e icmpv6.fmip6.subtype -e icmpv6.fmip6.identifier -e icmpv6.code \
	-e icmpv6.checksum.status -e icmpv6.opt.lla.option_code \
	-e icmpv6.opt.ipa.option_code -e icmpv6.opt.ipa.ipv6_address \
	-e icmpv6.opt.map.global_address 2>/dev/null)
log "$decoded"
check "rfc5568-6.1.2: tshark decodes the PrRtAdv: code, checksum, LLA option codes, IP Address/Prefix options, MAP option" \
	grep -qx "fe80::[0-9a-f:]* 255 3 4242 0 1 4,1,3 3,4 $NAR1,2001:db8:300:: $MAP" <<<"$decoded"
check "rfc5568-6.1.1: tshark decodes scapy's RtSolPr as hmip took it: subtype 2, New Access Point option" \
	grep -qx "$MN 255 2 4242 0 1 2,1   " <<<"$decoded"
check "rfc5568-6.1.1: tshark decodes hmip's RtSolPr: from the LCoA, hop limit 255, its link-layer address (code 2) and the wildcard (code 0)" \
	grep -qx "$lcoa 255 2 [0-9]* 0 1 2,0   " <<<"$decoded"

check "rfc5568-6.1.2: a RtSolPr for a configured access point is answered with one PrRtAdv" \
	test "$(echo "$one" | count "r.get('msg') == 'prrtadv'")" = 1
check "rfc5568-6.1.2: from the router's link-local address to the solicitation's source, hop limit 255, identifier copied, checksum right" \
	test "$(echo "$one" | count "(r.get('msg') == 'prrtadv' and r['src'].startswith('fe80::') and r['dst'] == '$MN' and r['hlim'] == 255 and r['id'] == 4242 and r['subtype'] == 3 and r['csum_ok'])")" = 1
check "rfc5568-6.1.2: code 0, the router's own link-layer address (option code 4) first" \
	test "$(echo "$one" | count "(r.get('msg') == 'prrtadv' and r['code'] == 0 and r['options'][0] == {'type': 19, 'code': 4, 'lla': '$AR_MAC$PAD'})")" = 1
check "rfc5568-6.1.2: the tuple: access point (code 1), new router's link-layer address (code 3), its IP address (17 code 3), its prefix (17 code 4)" \
	test "$(echo "$one" | count "(r.get('msg') == 'prrtadv' and r['options'][1:5] == [
		{'type': 19, 'code': 1, 'lla': '$AP1$PAD'},
		{'type': 19, 'code': 3, 'lla': '$LLA1$PAD'},
		{'type': 17, 'code': 3, 'plen': 128, 'addr': '$NAR1'},
		{'type': 17, 'code': 4, 'plen': 64, 'addr': '2001:db8:300::'}])")" = 1
check "rfc4140-A: the PrRtAdv carries the MAP option of the link" \
	test "$(echo "$one" | count "(r.get('msg') == 'prrtadv' and r['options'][5:] == [{'type': 23, 'dist': 1, 'pref': 10, 'lifetime': 3600, 'map': '$MAP'}])")" = 1
check "rfc5568-6.1.2: the wildcard gets every neighbour's tuple, code 0" \
	test "$(echo "$all" | count "(r.get('msg') == 'prrtadv' and r['id'] == 7 and r['code'] == 0 and
		[o.get('addr') for o in r['options'] if o['type'] == 17] == ['$NAR1', '2001:db8:300::', '$NAR2', '2001:db8:400::'])")" = 1
check "rfc5568-6.1.2: an unknown access point: code 2, its option with code 6 (no prefix information), no tuple" \
	test "$(echo "$none" | count "(r.get('msg') == 'prrtadv' and r['id'] == 8 and r['code'] == 2 and
		{'type': 19, 'code': 6, 'lla': '$AP_UNKNOWN$PAD'} in r['options'] and
		not [o for o in r['options'] if o['type'] == 17])")" = 1
check "rfc5568-6.1.2: one known, one unknown: code 3, the known one's tuple" \
	test "$(echo "$some" | count "(r.get('msg') == 'prrtadv' and r['id'] == 9 and r['code'] == 3 and
		{'type': 19, 'code': 6, 'lla': '$AP_UNKNOWN$PAD'} in r['options'] and
		[o.get('addr') for o in r['options'] if o['type'] == 17] == ['$NAR2', '2001:db8:400::'])")" = 1

answered=$(($(counter "$mn" mn_rtsolpr_tx) + 4))
check_eq "every RtSolPr is answered: four of scapy's, each of the mobile node's" \
	$answered "$(stat ar_prrtadv_tx)"

# --------------------------------------------------- what is not answered

bad=$(stat ar_rtsolpr_drop_invalid)
rtsolpr --ap $AP1 --hlim 64 --wait 0.2 >/dev/null
rtsolpr --ap $AP1 --bad-csum --wait 0.2 >/dev/null
rtsolpr --lla 02:00:00:00:00:10 --wait 0.2 >/dev/null
rtsolpr --ap $AP1 --code 1 --wait 0.2 >/dev/null
check "rfc5568-6.1.1: hop limit 64, a bad checksum, no New Access Point option, code 1: not answered, counted" \
	wait_for 5 counter_above "$ar" ar_rtsolpr_drop_invalid $((bad + 3))
check_eq "rfc5568-6.1.1: none of them answered" $answered "$(stat ar_prrtadv_tx)"

check "hmip ar del dev a0 neighbour" \
	on "$ar" "$HMIP" ar del dev a0 neighbour $NAR1
check "hmip ar del dev a0 neighbour (the last)" \
	on "$ar" "$HMIP" ar del dev a0 neighbour $NAR2
out=$(rtsolpr --ap '*' --wait 0.5)
check "a link without neighbours answers no RtSolPr, counted" \
	test "$(echo "$out" | count "r.get('msg') == 'prrtadv'")" = 0 -a \
	"$(stat ar_rtsolpr_drop_no_nbrs)" = 1

finish
