#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Fast handovers with the MAP as the anchor (RFC 4140 Appendix A, figure
# A.2; RFC 5568 sections 6.2.2, 6.2.3): scapy, as a mobile node registered
# from its previous LCoA (PCoA), sends a Fast Binding Update for its RCoA
# with the new LCoA (NCoA) in an Alternate Care-of Address option. The MAP
# acknowledges on both addresses, tunnels what comes for the RCoA to both
# while bicasting lasts (the MAP's "bicast" time) and to the NCoA only
# after. The checks it makes are those of a Binding Update; what fails is
# answered and counted. tshark decodes the Fast Binding Acknowledgements.
#
#   cn ---- map ========================= mn (scapy)
#   c::2  c::1 (MAP 100::1, routed)       m0: PCoA a1::100, NCoA a2::100
#              a0: a1::1, a2::1           (drops what is tunnelled)
#
# timeout: 600

. "$(dirname "$(readlink -f "$0")")/lib.sh"
. "$SELFTESTS/lib/peer.sh"
. "$SELFTESTS/lib/fmip_map.sh"

require_cmd tshark tcpdump tc jq

RCOA=2001:db8:100::a
RCOA2=2001:db8:100::b
TMP=$(mktemp -d /tmp/hmip-fmip-map.XXXXXX)
on_exit rm -rf "$TMP"

fmip_map_setup

stat() {
	counter "$map" "$1"
}

binding() {
	on "$map" "$HMIP" -j binding show rcoa "$1" 2>/dev/null |
		jq -rs --arg k "$2" '.[0][0][$k] // "none"'
}

# fbu SRC RCOA SEQ [ARGS...]: a Fast Binding Update, its answers on stdout
fbu() {
	local src=$1 rcoa=$2 seq=$3

	shift 3
	peer fbu --iface m0 --src "$src" --dst $MAP --hao "$rcoa" \
		--seq "$seq" "$@"
}

# udp PORT: from the correspondent to the RCoA; returns once the MAP has
# tunnelled it (the binding's packet count went up: a bicast copy is sent
# before).
udp() {
	local before

	before=$(binding $RCOA tx_packets)
	peer_in "$cn" udp --iface c0 --src $CN --dst $RCOA --dport "$1" \
		--wait 0.1 >/dev/null
	wait_for 5 test "$(binding $RCOA tx_packets)" -gt "$before"
}

# Every answer is counted here: no rate limit.
on "$map" "$HMIP" config set err-ratelimit-ms 0
check "hmip map add mode routed require-ipsec off" \
	on "$map" "$HMIP" map add $MAP dev a0 mode routed require-ipsec off
check_eq "hmip map show -j: bicast 1000 ms by default" 1000 \
	"$(on "$map" "$HMIP" -j map show | jq -r '.[0].bicast_ms')"
check "hmip map change bicast 10000" \
	on "$map" "$HMIP" map change $MAP bicast 10000
check_eq "hmip map show -j: bicast 10000" 10000 \
	"$(on "$map" "$HMIP" -j map show | jq -r '.[0].bicast_ms')"
bicast_too_long() {
	! on "$map" "$HMIP" map change $MAP bicast 10001 2>/dev/null
}
check "hmip map change bicast above 10000 is refused" bicast_too_long

check "rfc4140-6.2: the node registers its RCoA from the PCoA" \
	test "$(peer bu --iface m0 --src $PCOA --dst $MAP --hao $RCOA --seq 1 \
		--lifetime 150 --expect 1 --wait 10 |
		count "r.get('msg') == 'ba' and r['status'] == 0")" = 1
check_eq "the binding points at the PCoA" $PCOA "$(binding $RCOA lcoa)"

# --------------------------------------------- what fails, before the move

out=$(fbu $PCOA $RCOA 2 --wait 1)
check "rfc5568-6.2.2: a FBU without the NCoA is dropped, counted" \
	test "$(echo "$out" | count "r.get('msg') == 'fback'")" = 0 -a \
	"$(stat map_fbu_drop_bad_option)" = 1
out=$(fbu $PCOA $RCOA2 2 --ncoa $NCOA --expect 1 --wait 5)
check "rfc5568-6.2.3: a FBU for an RCoA without a binding: FBack 129 to the sender only, counted" \
	test "$(echo "$out" | count "r.get('msg') == 'fback' and r['status'] == 129 and r['dst'] == '$PCOA'")" = 1 -a \
	"$(echo "$out" | count "r.get('msg') == 'fback'")" = 1 -a \
	"$(stat map_fbu_reject_no_binding)" = 1
out=$(fbu $NCOA $RCOA 2 --ncoa 2001:db8:a2::200 --expect 1 --wait 5)
check "rfc5568-6.2.2: a FBU not from the bound LCoA: FBack 129, counted" \
	test "$(echo "$out" | count "r.get('msg') == 'fback' and r['status'] == 129")" = 1 -a \
	"$(stat map_fbu_reject_wrong_lcoa)" = 1
out=$(fbu $PCOA $RCOA 1 --ncoa $NCOA --expect 1 --wait 5)
check "rfc6275-9.5.1: a FBU with an old sequence number: FBack 128 with the binding's, counted" \
	test "$(echo "$out" | count "r.get('msg') == 'fback' and r['status'] == 128 and r['seq'] == 1")" = 1 -a \
	"$(stat map_fbu_reject_seq)" = 1
out=$(fbu $PCOA $RCOA 2 --ncoa $RCOA2 --expect 1 --wait 5)
check "rfc5568-6.2.3: an RCoA as the NCoA: FBack 131, counted" \
	test "$(echo "$out" | count "r.get('msg') == 'fback' and r['status'] == 131")" = 1 -a \
	"$(stat map_fbu_reject_ncoa)" = 1
check_eq "none of them moved the binding" $PCOA "$(binding $RCOA lcoa)"

# ------------------------------------------------------- the fast handover

pcap=$TMP/fmip.pcap
monitor_start "$map" "$TMP/monitor"
capture_start "$mn" m0 "$pcap" ip6 src $MAP
check "before the move, packets for the RCoA go to the PCoA" udp 9000
# Probes to port 9001 every 100 ms from before the FBU until its answers
# are in: those after the move fall inside the bicast time however long
# a loaded debug guest takes to hand the answers back (a probe sent after
# them came too late there).
ip netns exec "$cn" bash -c "while :; do echo probe >/dev/udp/$RCOA/9001; sleep 0.1; done" 2>/dev/null &
probes=$!
on_exit kill $probes
before=$(stat binding_bicast_tx)
out=$(fbu $PCOA $RCOA 7 --ncoa $NCOA --expect 2 --wait 10)
wait_for 5 test "$(stat binding_bicast_tx)" -gt "$before"
kill $probes
check "rfc4140-A: while bicasting lasts, packets for the RCoA go to both (copies to the PCoA counted: $(stat binding_bicast_tx))" \
	test "$(stat binding_bicast_tx)" -gt "$before"
log "$out"
check "rfc5568-6.2.3: the FBack, status 0, sequence number copied, goes to the PCoA and to the NCoA" \
	test "$(echo "$out" | count "r.get('msg') == 'fback' and r['status'] == 0 and r['seq'] == 7 and r['src'] == '$MAP' and r['csum_ok']")" = 2 -a \
	"$(echo "$out" | count "r.get('msg') == 'fback' and r['dst'] == '$PCOA'")" = 1 -a \
	"$(echo "$out" | count "r.get('msg') == 'fback' and r['dst'] == '$NCOA'")" = 1
check "rfc4140-6.2: each FBack through a type 2 routing header with the RCoA" \
	test "$(echo "$out" | count "r.get('msg') == 'fback' and r.get('rh2') == '$RCOA'")" = 2
check_eq "rfc4140-A: the binding now points at the NCoA" $NCOA \
	"$(binding $RCOA lcoa)"
# Bicasting ends 10 s after the FBU: until then each probe is copied.
bicast_over() {
	local before

	before=$(stat binding_bicast_tx)
	udp 9002 && test "$(stat binding_bicast_tx)" = "$before"
}
check "rfc4140-A: bicasting ends after the MAP's bicast time" \
	wait_for 30 bicast_over
check "after bicasting, packets for the RCoA go to the NCoA only" udp 9003
capture_stop "$pcap"
check "hmip monitor: binding-fast" \
	wait_for 5 grep -q "binding-fast.*$RCOA" "$TMP/monitor"
check_eq "the counters: one FBU accepted; FBacks: one per refusal, two for the acceptance" \
	"1 6 6" "$(stat map_fbu_accepted) $(stat mh_tx_fback) $(stat mh_rx_fbu)"

# tshark's view: the outer destinations of each probe, the FBacks.
outer() {
	tshark -r "$pcap" -Y "udp.dstport == $1" -T fields -e ipv6.dst \
		2>/dev/null | cut -d, -f1 | sort -u | paste -sd' '
}
check_eq "rfc4140-6.2: tshark: the probe before the FBU went to the PCoA" \
	$PCOA "$(outer 9000)"
check_eq "rfc4140-A: tshark: the probe while bicasting went to the PCoA and the NCoA" \
	"$PCOA $NCOA" "$(outer 9001)"
check_eq "rfc4140-A: tshark: the probe after went to the NCoA only" \
	$NCOA "$(outer 9003)"
decoded=$(tshark -r "$pcap" -Y "mip6.mhtype == 9" -T fields -E separator=' ' \
	-e ipv6.dst -e mip6.fback.status -e mip6.fback.seqnr 2>/dev/null |
	sort)
log "$decoded"
check_eq "rfc5568-6.2.3: tshark decodes the FBacks: status 0, sequence number 7, to both addresses" \
	"$PCOA 0 7|$NCOA 0 7" "$(paste -sd'|' <<<"$decoded")"

finish
