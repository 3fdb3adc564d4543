#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A fast handover with every role real (RFC 4140 Appendix A, figure A.2;
# RFC 5568 sections 5.4, 6.2, 6.3): hmip's mobile node, registered with
# hmip's MAP (map1) through hmip's access router ar1, prepares the move to
# ar2 ("hmip mn prepare") and sends its Fast Binding Update to map1; map1,
# configured with ar2 as the access router of a2::/64 with buffering,
# holds it and asks ar2 with a Handover Initiate; ar2 checks the NCoA and
# answers with a Handover Acknowledge; map1 moves the binding and sends
# the Fast Binding Acknowledgment. A numbered UDP stream from the
# correspondent to the RCoA then reaches ar2, which holds it during the
# emulated outage (the node's link down, its port moved to ar2's cell,
# up after 500 ms); the node's Unsolicited Neighbor Advertisement on
# arrival releases it, and the node receives every datagram. Each role's
# counters prove its step; tshark decodes the HI, the HAck and the UNA.
#
# IPsec: HI and HAck under ESP as security.rst configures them (NULL
# encryption with HMAC-SHA1, so that tshark decodes what ESP carries),
# ar2 with its default require-ipsec on. The node's messages use the
# documented opt-out, as in fmip_mn: map1 and the node run with
# require-ipsec off (map1's also lets HAcks in without IPsec; fmip_map_hi
# tests it on).
#
#   cn ---- map1 (100::1) ---- ar1 (a1::/64) ---+
#    |          \------------- ar2 (a2::/64) ---+-- air --- mn (m0)
#    +----- map2 (200::1) ---- ar3 (a3::/64)     (one bridge per AR)
#
# timeout: 300

. "$(dirname "$(readlink -f "$0")")/lib.sh"
. "$SELFTESTS/lib/ar.sh"
. "$SELFTESTS/lib/peer.sh"
. "$SELFTESTS/lib/mn_net.sh"

require_cmd radvd tshark tcpdump jq

AR2=2001:db8:a2::1
AP2=02:00:00:00:a2:01
MN_MAC=02:00:00:00:00:10
MAC_RE='02:\?00:\?00:\?00:\?00:\?10'
XFER=$SELFTESTS/lib/xfer.py
AUTH=0x$(printf '%02x' {32..51})
# The stream: 100 datagrams at 50/s, all sent while the binding points
# at the NCoA, most of them during the outage.
COUNT=100
RATE=50
TMP=$(mktemp -d /tmp/hmip-fmip-e2e.XXXXXX)
on_exit rm -rf "$TMP"

mn_net_setup $MN_MAC
modprobe -q -a esp6 xfrm_user 2>/dev/null
# esp NS SRC DST SPI: a transport-mode SA, NULL encryption, HMAC-SHA1-96
esp() {
	on "$1" ip xfrm state add src "$2" dst "$3" proto esp spi "$4" \
		mode transport enc 'ecb(cipher_null)' '' \
		auth-trunc 'hmac(sha1)' $AUTH 96
}
for ns in "$map1" "$ar2"; do
	esp "$ns" $MAP1 $AR2 0x2001
	esp "$ns" $AR2 $MAP1 0x2002
done
on "$map1" ip xfrm policy add dir out src $MAP1/128 dst $AR2/128 \
	proto 135 type 14 tmpl proto esp mode transport
on "$ar2" ip xfrm policy add dir out src $AR2/128 dst $MAP1/128 \
	proto 135 type 15 tmpl proto esp mode transport
# mn_get evaluates the node's JSON in a peer.
peer_start "$map1" --lazy

check "hmip map add, access-router ar2 serves a2::/64 buffer on" \
	on "$map1" "$HMIP" map add $MAP1 dev c0 mode routed require-ipsec off \
	bicast 0 hi-timeout 1000 access-router $AR2 serves 2001:db8:a2::/64 \
	buffer on
on "$ar1" "$HMIP" ar add dev d0 map $MAP1 valid-lifetime 600
# Held up to 60 s, the longest there is: from the HI to the node's
# arrival a loaded debug guest took more than 20 s in fmip_nar.
check "hmip ar add on ar2: buffer-lifetime 60000" \
	on "$ar2" "$HMIP" ar add dev d0 map $MAP1 valid-lifetime 600 \
	buffer-lifetime 60000
AR2_MAC=$(on "$ar2" ip -j link show d0 | jq -r '.[0].address')
on "$ar1" "$HMIP" ar add dev d0 neighbour $AR2 prefix 2001:db8:a2::/64 \
	ap $AP2 lla "$AR2_MAC"
radvd_start "$ar1" d0 2001:db8:a1::/64
radvd_start "$ar2" d0 2001:db8:a2::/64

# counters NS NAME...: their values, space-separated
counters() {
	local ns=$1 n out=()

	shift
	for n in "$@"; do
		out+=("$(counter "$ns" "$n")")
	done
	echo "${out[*]}"
}

check "hmip mn add dev m0" \
	on "$mn" "$HMIP" mn add dev m0 require-ipsec off lifetime 120
check "rfc4140-6.1: registered with map1 from an LCoA of ar1's link" \
	wait_for 60 registered_with $MAP1 2001:db8:a1:
RCOA=$(mn_get "cur['rcoa']")
PCOA=$(mn_get "m['lcoa']")

hi_pcap=$TMP/hi.pcap
una_pcap=$TMP/una.pcap
capture_start "$ar2" u0 "$hi_pcap" ip6 proto 50
capture_start "$ar2" d0 "$una_pcap" ip6

# ------------------------------------- preparation: FBU, HI, HAck, FBack
check "hmip mn prepare dev m0 ar ar2" \
	on "$mn" "$HMIP" mn prepare dev m0 ar $AR2
check "rfc5568-6.2.3: the FBU, held for ar2's HAck, acknowledged" \
	wait_for 20 test "$(mn_fmip fbu)" = acked
NCOA=$(mn_fmip ncoa)
# held_asked: each FBU held was asked about once (a retransmitted FBU,
# on a slow guest, replaces the one held and is asked again)
held_asked() {
	local held

	held=$(counter "$map1" map_fbu_held)
	((held >= 1)) && [[ $(counter "$map1" map_hi_tx) == "$held" ]] &&
		echo asked
}
check_eq "rfc4140-A: map1 held the FBU, asked ar2, took its HAck, moved the binding" \
	"asked 1 1 $NCOA" \
	"$(held_asked) $(counters "$map1" map_hack_accepted map_fbu_accepted) $(map1_binding_lcoa "$RCOA")"
check_eq "rfc5568-6.2.1.2, 10: ar2 took the HI under ESP and answered code 0 (NCoA valid)" \
	"1 1 0" "$(counters "$ar2" ar_hi_rx ar_hack_tx_valid ar_hi_drop_no_ipsec)"
check_eq "rfc5568-6.2.3: the node sent its FBU, took the FBack (status 0)" \
	"1 0" "$(counter "$mn" mn_fback_rx) $(mn_fmip fback_status)"

# ------------------------------ the stream, the outage, the UNA, release
on "$mn" "$PY" "$XFER" udp-recv --addr "$RCOA" --port 7003 --count $COUNT \
	--timeout $((10 * HMIP_TIME_SCALE)) --log "$TMP/udp.log" >"$TMP/udp.out" &
urecv=$!
wait_for 30 grep -q ready "$TMP/udp.out"
# What ar2 held before: the FBack map1 sent to the NCoA.
q0=$(counter "$ar2" ar_buffer_queued)
on "$cn" "$PY" "$XFER" udp-send --addr "$RCOA" --port 7003 --count $COUNT \
	--rate $RATE &
usend=$!
check "rfc5568-5.4: ar2 holds the stream for the NCoA while the node is still away" \
	wait_for 10 counter_above "$ar2" ar_buffer_queued $((q0 + 5))
# The outage: the node leaves ar1's link, and is in ar2's cell 500 ms
# later.
on "$mn" ip link set m0 down
on "$air" ip link set pm nomaster
on "$air" ip link set pm master br2
nap 0.5
on "$mn" ip link set m0 up
check "rfc5568-6.3: on arrival, the node's UNA; ar2 took it" \
	wait_for 20 counter_above "$ar2" ar_una_rx 0
wait $usend
wait $urecv
got=$(tail -n1 "$TMP/udp.out")
held=$(($(counter "$ar2" ar_buffer_queued) - q0))
log "held by ar2: $held of $COUNT datagrams; received $got; missing: $(seq 0 $((COUNT - 1)) | grep -vxFf <(awk '{print $2}' "$TMP/udp.log") | paste -sd' ')"
# Where a loss would be: the node's drops, its IPv6 and UDP errors.
log "mn: $(on "$mn" "$HMIP" -j stats | jq -c '[.. | objects | to_entries[] |
	select((.value | type) == "number" and .value > 0 and
		(.key | test("drop|error|mn_decap")))] | from_entries')"
log "mn: $(on "$mn" nstat -az 2>/dev/null | grep -E 'Ip6(InAddrErrors|InNoRoutes|InDiscards|InUnknownProtos)|Udp6(InErrors|NoPorts|RcvbufErrors)' | tr -s ' ' | paste -sd' ')"
check_eq "rfc5568-5.4: every datagram to the RCoA reached the node: none lost" \
	$COUNT "$got"
# What came after the stream (the node's own BAs and FBacks to the NCoA)
# may still be on its paced way out: wait for the last of it.
released_all() {
	test "$(counter "$ar2" ar_buffer_released)" = \
		"$(counter "$ar2" ar_buffer_queued)"
}
wait_for 10 released_all
check_eq "rfc5568-5.4: ar2 released all it held, dropped none (queued released full expired nomem flushed)" \
	"$(counter "$ar2" ar_buffer_queued) $(counter "$ar2" ar_buffer_queued) 0 0 0 0" \
	"$(counters "$ar2" ar_buffer_queued ar_buffer_released ar_buffer_drop_full ar_buffer_drop_expired ar_buffer_drop_nomem ar_buffer_drop_flushed)"
check_eq "rfc5568-6.3: one UNA from the node, no reactive FBU after the FBack" \
	"1 0" "$(counters "$mn" mn_una_tx mn_fbu_reactive_tx)"
check "registered with map1 from the NCoA" \
	wait_for 30 registered_with $MAP1 "$NCOA"
capture_stop "$hi_pcap"
capture_stop "$una_pcap"

# ---------------------------------------------------------------- tshark
# tshark -r "$hi_pcap" ARGS...: what ESP carried decoded
esp_tshark() {
	tshark -o esp.enable_null_encryption_decode_heuristic:TRUE \
		-r "$hi_pcap" "$@" 2>/dev/null
}
decoded=$(esp_tshark -Y "esp.spi == 0x2001 && mip6.mhtype == 14" -T fields \
	-E separator=' ' -E aggregator=, -e ipv6.src -e ipv6.dst \
	-e mip6.hi.code -e mip6.hi.u_flag -e mip6.lla.optcode -e mip6.lla \
	-e mip6.mhipv6ap.opt_code -e mip6.mhipv6ap.ipv6_address | sort -u)
log "$decoded"
check "rfc5568-6.2.1.1, 10: tshark decodes map1's HI to ar2 under ESP: code 0, U, the node's link-layer address, the PCoA and NCoA" \
	grep -qix "$MAP1 $AR2 0 [1t][a-z]* 2 $MAC_RE 1,2 $PCOA,$NCOA" <<<"$decoded"
decoded=$(esp_tshark -Y "esp.spi == 0x2002 && mip6.mhtype == 15" -T fields \
	-E separator=' ' -e ipv6.src -e ipv6.dst -e mip6.hack.code | sort -u)
log "$decoded"
check_eq "rfc5568-6.2.1.2, 10: tshark decodes ar2's HAck to map1 under ESP: code 0" \
	"$AR2 $MAP1 0" "$decoded"
decoded=$(tshark -r "$una_pcap" -Y "icmpv6.type == 136 && ipv6.src == $NCOA && ipv6.dst == ff02::1" \
	-T fields -E separator=' ' -e icmpv6.nd.na.flag.o \
	-e icmpv6.nd.na.target_address -e icmpv6.opt.linkaddr 2>/dev/null |
	sort -u)
log "$decoded"
check "rfc5568-6.3: tshark decodes the node's UNA at ar2: to all nodes, O clear, target the NCoA, its link-layer address" \
	grep -qix "[0f][a-z]* $NCOA $MAC_RE" <<<"$decoded"
# The stream as ar2 sent it on the node's link: map1's tunnel to the
# NCoA, the RCoA's datagrams inside, the UNA before the first.
decoded=$(tshark -r "$una_pcap" -Y "ipv6.dst == $NCOA && udp.dstport == 7003" \
	-T fields -e frame.number 2>/dev/null)
una=$(tshark -r "$una_pcap" -Y "icmpv6.type == 136 && ipv6.src == $NCOA" \
	-T fields -e frame.number 2>/dev/null | head -n1)
check_eq "rfc5568-5.4: tshark: ar2 sent all $COUNT datagrams to the NCoA, none before the UNA" \
	"$COUNT 0" \
	"$(grep -c . <<<"$decoded") $(awk -v u="${una:-0}" '$1 < u' <<<"$decoded" | grep -c .)"

finish
