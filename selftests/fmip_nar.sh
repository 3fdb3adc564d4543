#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The new access router of a fast handover with the MAP as its anchor
# (RFC 4140 Appendix A, figure A.2; RFC 5568 sections 5.4, 6.2.1, 6.3):
# scapy, as the MAP, sends Handover Initiates to hmip's access router,
# which checks the NCoA and answers with a Handover Acknowledge (scapy
# parses it, tshark decodes it); with the U flag it holds the packets for
# the NCoA until scapy, as the mobile node, sends its Unsolicited Neighbor
# Advertisement, then sends them on: 5 back to back, the others at the
# pace they came. The buffer's bounds, its expiry, the IPsec requirement,
# the network-initiated Proxy Router Advertisement (RFC 5568 3.3, 6.1.2)
# and an access router removed with packets held.
#
#   map (scapy: the MAP,          ar (hmip ar: map MAP,        mn (scapy:
#        the correspondent)           neighbour NAR2)              the node)
#   u0 2001:db8:f::1 ------------ u1 2001:db8:f::2
#   MAP 2001:db8:100::1           a0 2001:db8:a2::1/64 -------- m0 NCoA
#                                                               2001:db8:a2::100
#
# timeout: 200

. "$(dirname "$(readlink -f "$0")")/lib.sh"
. "$SELFTESTS/lib/peer.sh"

require_cmd tshark tcpdump jq

MAP=2001:db8:100::1
SRC=2001:db8:f::1
AR=2001:db8:f::2
NCOA=2001:db8:a2::100
MN_LLA=02:00:00:00:00:01
NAR2=2001:db8:b::1
# The MAP's and the router's SAs: AES-CBC 128, HMAC-SHA1-96.
ENC=0x$(printf '%02x' {16..31})
AUTH=0x$(printf '%02x' {32..51})
TMP=$(mktemp -d /tmp/hmip-fmip-nar.XXXXXX)
on_exit rm -rf "$TMP"
modprobe -q -a esp6 xfrm_user 2>/dev/null

setup_ns map ar mn
ns_nodad "$map" "$ar" "$mn"
veth_link "$map" u0 "$ar" u1
veth_link "$ar" a0 "$mn" m0
on "$ar" sysctl -qw net.ipv6.conf.all.forwarding=1
on "$map" ip -6 addr add $SRC/64 dev u0
on "$map" ip -6 addr add $MAP/128 dev u0
on "$map" ip -6 route add 2001:db8:a2::/64 via $AR
on "$ar" ip -6 addr add $AR/64 dev u1
on "$ar" ip -6 addr add 2001:db8:a2::1/64 dev a0
on "$ar" ip -6 route add 2001:db8:100::/64 via $SRC
on "$mn" ip link set m0 address $MN_LLA
on "$mn" ip -6 addr add $NCOA/64 dev m0
on "$mn" ip -6 route add default via 2001:db8:a2::1
wait_for 10 on "$map" ping -6 -c1 -W1 $AR

peer_start "$map"
PEER_MAP=$PEER_DIR
peer_start "$mn"
PEER_MN=$PEER_DIR

stat() {
	counter "$ar" "$1"
}

# hi ARGS...: a Handover Initiate from the MAP (--src to override), its
# answers on stdout
hi() {
	PEER_DIR=$PEER_MAP peer hi --iface u0 --src $MAP --dst $AR "$@"
}

# hack_code OUT SEQ: the code of the one HAck for SEQ in OUT (from the HI's
# destination to its source, checksum right), or "none(N)" for N of them
hack_code() {
	local sel

	sel="select(.msg == \"hack\" and .seq == $2 and .src == \"$AR\" and .dst == \"$MAP\" and .csum_ok)"
	echo "$1" | grep '^{' | jq -rs "[.[] | $sel] |
		if length == 1 then .[0].code else \"none(\\(length))\" end"
}

ar_show() {
	on "$ar" "$HMIP" -j ar show | jq -r ".[] | select(.kind == \"static\") | .$1"
}

on "$ar" "$HMIP" config set err-ratelimit-ms 0
check "hmip ar add dev a0 map MAP" on "$ar" "$HMIP" ar add dev a0 map $MAP
check_eq "hmip ar show -j: require-ipsec on, buffer 512 packets, 64 entries, 2000 ms by default" \
	"true 512 64 2000" \
	"$(ar_show require_ipsec) $(ar_show buffer_packets) $(ar_show buffer_entries) $(ar_show buffer_lifetime_ms)"

pcap=$TMP/map.pcap
capture_start "$map" u0 "$pcap" ip6 proto 135 or ip6 proto 50
monitor_start "$ar" "$TMP/monitor"

# ------------------------------------------------------------------ IPsec

out=$(hi --seq 1 --lla $MN_LLA --ncoa $NCOA --wait 1)
check "rfc5568-10: with require-ipsec on, an unprotected HI is not answered, counted" \
	test "$(hack_code "$out" 1)/$(stat ar_hi_drop_no_ipsec)" = "none(0)/1"
# security.rst: the SAs and the policy an operator installs on the access
# router for the MAP's HI (type 14) and its HAck (type 15).
on "$ar" ip xfrm state add src $MAP dst $AR proto esp spi 0x1001 mode transport \
	enc 'cbc(aes)' $ENC auth-trunc 'hmac(sha1)' $AUTH 96
on "$ar" ip xfrm state add src $AR dst $MAP proto esp spi 0x1002 mode transport \
	enc 'cbc(aes)' $ENC auth-trunc 'hmac(sha1)' $AUTH 96
on "$ar" ip xfrm policy add src $AR/128 dst $MAP/128 proto 135 type 15 dir out \
	tmpl src $AR dst $MAP proto esp mode transport
out=$(hi --seq 2 --lla $MN_LLA --ncoa $NCOA \
	--esp "0x1001:0x1002:${ENC#0x}:${AUTH#0x}" --expect 1 --wait 3)
check "rfc5568-10: an ESP-protected HI is answered, the HAck under ESP" \
	test "$(echo "$out" | count "r.get('msg') == 'hack' and r['seq'] == 2 and r['code'] == 0 and r.get('esp') and r['csum_ok']")" = 1
on "$ar" ip xfrm policy flush
on "$ar" ip xfrm state flush
check "hmip ar change require-ipsec off" \
	on "$ar" "$HMIP" ar change dev a0 map $MAP require-ipsec off
check_eq "hmip ar show -j: require-ipsec off" false "$(ar_show require_ipsec)"
out=$(hi --seq 3 --lla $MN_LLA --ncoa $NCOA --expect 1 --wait 3)
check_eq "rfc5568-6.2.1.2: with require-ipsec off an unprotected HI is answered: code 0, NCoA valid" \
	0 "$(hack_code "$out" 3)"

# ----------------------------------------------------- the NCoA's checks

on "$ar" ip -6 neigh replace 2001:db8:a2::200 lladdr 02:00:00:00:00:99 \
	dev a0 nud stale
out=$(hi --seq 4 --lla $MN_LLA --ncoa 2001:db8:a2::200 --expect 1 --wait 3)
check_eq "rfc5568-6.2.1.2: an NCoA another node uses (its neighbour entry): code 1" \
	1 "$(hack_code "$out" 4)"
out=$(hi --seq 5 --lla 02:00:00:00:00:99 --ncoa 2001:db8:a2::200 --expect 1 --wait 3)
check_eq "rfc5568-6.2.1.2: ... but the mobile node's own entry is no other node: code 0" \
	0 "$(hack_code "$out" 5)"
out=$(hi --seq 6 --lla $MN_LLA --ncoa 2001:db8:a9::100 --expect 1 --wait 3)
check_eq "rfc5568-6.2.1.2: an NCoA outside the access link's prefix: code 1" \
	1 "$(hack_code "$out" 6)"
out=$(hi --seq 7 --lla $MN_LLA --ncoa 2001:db8:a2::1 --expect 1 --wait 3)
check_eq "rfc5568-6.2.1.2: an NCoA that is the router's own address: code 1" \
	1 "$(hack_code "$out" 7)"
out=$(hi --seq 8 --flags S --lla $MN_LLA --ncoa $NCOA --pcoa 2001:db8:a1::100 \
	--expect 1 --wait 3)
check "rfc5568-6.2.1.2: with S (no assigned addressing here) the valid NCoA comes back in a New CoA option, code 0" \
	test "$(echo "$out" | count "r.get('msg') == 'hack' and r['seq'] == 8 and r['code'] == 0 and r['options'] == [{'type': 'ipaddr', 'code': 2, 'plen': 128, 'addr': '$NCOA'}]")" = 1

# What is not answered, each counted.
out=$(hi --src $SRC --seq 9 --lla $MN_LLA --ncoa $NCOA --wait 1)
check "rfc4140-A: an HI from another address than the MAP's is dropped, counted" \
	test "$(hack_code "$out" 9)/$(stat ar_hi_drop_not_map)" = "none(0)/1"
out=$(hi --seq 10 --lla $MN_LLA --wait 1)
check "rfc5568-6.2.1.1: an HI without the NCoA is dropped, counted" \
	test "$(hack_code "$out" 10)/$(stat ar_hi_drop_no_ncoa)" = "none(0)/1"
out=$(hi --seq 11 --ncoa $NCOA --wait 1)
check "rfc5568-6.2.1.1: an HI without the mobile node's link-layer address is dropped, counted" \
	test "$(hack_code "$out" 11)/$(stat ar_hi_drop_no_lla)" = "none(0)/1"
out=$(hi --seq 12 --code 2 --lla $MN_LLA --ncoa $NCOA --wait 1)
check "rfc5568-6.2.1.1: an HI with Code 2 is dropped, counted" \
	test "$(hack_code "$out" 12)/$(stat ar_hi_drop_malformed)" = "none(0)/1"

# ------------------------------------------------------------- buffering

# stream COUNT [ARGS...]: numbered UDP from the correspondent to the NCoA
stream() {
	local n=$1

	shift
	PEER_DIR=$PEER_MAP peer stream --iface u0 --src $SRC --dst "${DST:-$NCOA}" \
		--count "$n" --wait 0 "$@" >/dev/null
}
stat_is() {
	test "$(stat "$1")" = "$2"
}

# The longest there is: on a loaded debug guest what comes before the UNA
# took more than 20 s.
on "$ar" "$HMIP" ar change dev a0 map $MAP buffer-lifetime 60000
arrive=$TMP/arrive.pcap
deliver=$TMP/deliver.pcap
capture_start "$ar" u1 "$arrive" udp
capture_start "$mn" m0 "$deliver" udp
out=$(hi --seq 20 --flags U --lla $MN_LLA --ncoa $NCOA --expect 1 --wait 3)
check_eq "rfc5568-6.2.1.1: an HI with U for a valid NCoA: code 0" \
	0 "$(hack_code "$out" 20)"
check "hmip monitor: ar-hi with the NCoA, code 0, buffering" \
	wait_for 5 grep -q "ar-hi .*ncoa $NCOA .*code 0 buffer on" "$TMP/monitor"
# 200 ms apart: far enough that a loaded guest's timer and scheduling
# jitter (tens of ms) cannot make paced packets look like a burst, or the
# reverse.
N=10
stream $N --interval 0.2
check "rfc5568-5.4: the $N packets for the NCoA are held" \
	wait_for 10 stat_is ar_buffer_queued $N
nap 0.5
held=$(tshark -r "$deliver" -Y "udp" 2>/dev/null | wc -l)
check_eq "rfc5568-5.4: none reached the mobile node before its UNA" 0 "$held"

# An UNA that does not carry the HI's link-layer address is not the node.
PEER_DIR=$PEER_MN peer una --iface m0 --src $NCOA --lla 02:00:00:00:00:77 \
	--tlla 02:00:00:00:00:77 >/dev/null
PEER_DIR=$PEER_MN peer una --iface m0 --src $NCOA --lla $MN_LLA --flags O \
	--tlla $MN_LLA >/dev/null
check "rfc5568-6.3: UNAs with another link-layer address or O set release nothing, counted" \
	wait_for 5 stat_is ar_una_drop_invalid 2
check_eq "... and nothing was released" 0 "$(stat ar_buffer_released)"

PEER_DIR=$PEER_MN peer una --iface m0 --src $NCOA --lla $MN_LLA \
	--tlla $MN_LLA >/dev/null
check "rfc5568-6.3: the mobile node's UNA releases the $N packets" \
	wait_for 10 stat_is ar_buffer_released $N
check_eq "rfc5568-6.3: the UNA made a neighbour entry with the node's link-layer address" \
	"$MN_LLA" "$(on "$ar" ip -6 neigh show $NCOA dev a0 | awk '{print $3}')"
capture_stop "$deliver"
capture_stop "$arrive"

# The sequence numbers and times of each capture: "SEQ TIME" lines.
seqs() {
	local payload t

	tshark -r "$1" -Y "udp.dstport == 9" -T fields -e udp.payload \
		-e frame.time_epoch 2>/dev/null |
		while read -r payload t; do
			payload=${payload//:/}
			echo "$((16#${payload:0:8})) $t"
		done
}
seqs "$arrive" >"$TMP/arrive"
seqs "$deliver" >"$TMP/deliver"
check_eq "rfc5568-5.4: tshark: all $N delivered, in order" \
	"$(seq 0 $((N - 1)) | paste -sd' ')" \
	"$(awk '{print $1}' "$TMP/deliver" | paste -sd' ')"
# Gaps between consecutive packets, in ms: on arrival, on delivery.
gaps() {
	awk 'NR > 1 { printf "%.1f ", ($2 - t) * 1000 } { t = $2 }' "$1"
}
ga=$(gaps "$TMP/arrive")
gd=$(gaps "$TMP/deliver")
log "gaps on arrival (ms): $ga"
log "gaps on delivery (ms): $gd"
burst() {
	awk -v d="$gd" -v n=$((N - 1)) 'BEGIN { if (split(d, g, " ") != n) exit 1
		for (i = 1; i <= 4; i++) s += g[i]; exit !(s < 100) }'
}
check "rfc5568-5.4: the first 5 go back to back (within 100 ms, where they came over 800, measured)" burst
paced() {
	awk -v a="$ga" -v d="$gd" -v m=$((N - 1)) 'BEGIN { split(a, x, " ")
		if ((n = split(d, y, " ")) != m) exit 1
		for (i = 5; i <= n; i++)
			if (y[i] < 0.5 * x[i] || y[i] > 1.5 * x[i]) exit 1 }'
}
check "rfc5568-5.4: the others at the pace they came (each gap within half of its arrival gap, measured)" paced

# Bounds: packets per entry, expiry, entries per option.
# The lifetime: long enough for two HIs and a stream on a loaded guest,
# short enough for the wait below (scaled the same way).
on "$ar" "$HMIP" ar change dev a0 map $MAP buffer-packets 4 \
	buffer-lifetime $((5000 * HMIP_TIME_SCALE)) buffer-entries 1
out=$(hi --seq 21 --flags U --lla $MN_LLA --ncoa 2001:db8:a2::101 --expect 1 --wait 3)
check_eq "an HI with U for another NCoA: code 0" 0 "$(hack_code "$out" 21)"
out=$(hi --seq 22 --flags U --lla $MN_LLA --ncoa 2001:db8:a2::102 --expect 1 --wait 3)
check_eq "rfc5568-6.2.1.2: past buffer-entries, an HI with U: code 130, insufficient resources" \
	130 "$(hack_code "$out" 22)"
DST=2001:db8:a2::101 stream 6
check "rfc5568-5.4: past buffer-packets, packets are dropped, counted" \
	wait_for 10 stat_is ar_buffer_drop_full 2
check "rfc5568-5.4: held packets whose node never came expire, counted" \
	wait_for 10 stat_is ar_buffer_drop_expired 4

# ------------------------------------------- a network-initiated handover

on "$ar" "$HMIP" ar add dev a0 neighbour $NAR2 prefix 2001:db8:b::/64 \
	ap 02:00:00:00:0b:01
prr=$TMP/prrtadv.pcap
capture_start "$mn" m0 "$prr" icmp6
check "rfc5568-3.3: hmip ar prepare sends the node an unsolicited PrRtAdv" \
	on "$ar" "$HMIP" ar prepare dev a0 mn $NCOA neighbour $NAR2
check "... counted" stat_is ar_prrtadv_unsolicited_tx 1
nap 0.5
capture_stop "$prr"
decoded=$(tshark -r "$prr" -Y "icmpv6.type == 154" -T fields -E separator=' ' \
	-E aggregator=, -e ipv6.dst -e icmpv6.fmip6.subtype -e icmpv6.code \
	-e icmpv6.fmip6.identifier -e icmpv6.opt.lla.option_code \
	-e icmpv6.opt.ipa.ipv6_address -e icmpv6.opt.map.global_address \
	2>/dev/null)
log "$decoded"
check_eq "rfc5568-6.1.2: tshark decodes it: to the node, subtype 3, Code 1, Identifier 0, the tuple (LLA codes 4, 1), the NAR and its prefix, the MAP option" \
	"$NCOA 3 1 0 4,1 $NAR2,2001:db8:b:: $MAP" "$decoded"
parsed=$(PEER_DIR=$PEER_MN peer describe --pcap "$prr")
check "rfc4140-A: scapy parses it: PrRtAdv Code 1 with the MAP option" \
	test "$(echo "$parsed" | count "r.get('msg') == 'prrtadv' and r['code'] == 1 and r['csum_ok'] and r['options'][-1].get('map') == '$MAP'")" = 1
refused() {
	! on "$ar" "$HMIP" ar prepare dev a0 mn $NCOA neighbour 2001:db8:c::1 2>/dev/null
}
check "hmip ar prepare for a neighbour not configured is refused" refused

# ------------------------------------------------------------ the counters

capture_stop "$pcap"
decoded=$(tshark -r "$pcap" -Y "mip6.mhtype == 15" -T fields -E separator=' ' \
	-e ipv6.src -e ipv6.dst -e mip6.hack.seqnr -e mip6.hack.code 2>/dev/null |
	sort -n -k3 | paste -sd'|')
log "$decoded"
check_eq "rfc5568-6.2.1.2: tshark decodes the plaintext HAcks: from the HI's destination to its source, sequence numbers copied, their codes" \
	"$(printf "$AR $MAP %s|" "3 0" "4 1" "5 0" "6 1" "7 1" "8 0" "20 0" "21 0" "22 130" | sed 's/|$//')" \
	"$decoded"
hi_sum() {
	on "$ar" "$HMIP" -j stats show | jq -r '[.mh_rx_hi, .ar_hi_rx,
		.ar_hi_drop_malformed + .ar_hi_drop_no_ncoa + .ar_hi_drop_no_lla +
		.ar_hi_drop_not_map + .ar_hi_drop_no_ipsec + .ar_hack_tx_valid +
		.ar_hack_tx_invalid + .ar_hack_tx_no_resources +
		.ar_hack_tx_ratelimited + .ar_hack_tx_error] | join(" ")'
}
check_eq "every HI received ends in one counted outcome" "15 15 15" "$(hi_sum)"

# ------------------------------------------------ teardown with packets held

on "$ar" "$HMIP" ar change dev a0 map $MAP buffer-lifetime 60000 buffer-packets 512
on "$ar" "$HMIP" ar del dev a0 neighbour $NAR2
out=$(hi --seq 30 --flags U --lla $MN_LLA --ncoa 2001:db8:a2::104 --expect 1 --wait 3)
check_eq "an HI with U: code 0" 0 "$(hack_code "$out" 30)"
before=$(stat ar_buffer_queued)
DST=2001:db8:a2::104 stream 3
check "three packets held" wait_for 10 stat_is ar_buffer_queued $((before + 3))
check "hmip ar del with packets held" on "$ar" "$HMIP" ar del dev a0 map $MAP
check_eq "the held packets are dropped with it, counted" 3 \
	"$(stat ar_buffer_drop_flushed)"
# One more held when the namespace goes (the harness checks the unload).
on "$ar" "$HMIP" ar add dev a0 map $MAP require-ipsec off buffer-lifetime 60000
out=$(hi --seq 31 --flags U --lla $MN_LLA --ncoa 2001:db8:a2::105 --expect 1 --wait 3)
DST=2001:db8:a2::105 stream 3
check "three packets held as the test ends (netns exit with a queue)" \
	wait_for 10 stat_is ar_buffer_queued $((before + 6))

finish
