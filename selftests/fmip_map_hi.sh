#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The MAP asks the new access router before a fast handover moves a
# binding (RFC 4140 Appendix A, figure A.2; RFC 5568 6.2.1): scapy plays
# the mobile node (Fast Binding Updates from the PCoA, one with its
# link-layer address, one from the NCoA: the reactive mode) and the new
# access router (AR), which answers the MAP's Handover Initiates with
# Handover Acknowledges of code 0, 1, 128, or not at all. tshark decodes
# the HIs; the FBacks, counters, events and tracepoints say what the MAP
# decided; HI and HAck under ESP as security.rst configures them. While
# bicasting, the MAP takes the reverse tunnel from the PCoA too, and not
# after.
#
#   cn ---- map ========================= mn (scapy: node and AR)
#   c::2  c::1 (MAP 100::1, routed)       m0: PCoA a1::100, NCoA a2::100,
#              a0: a1::1, a2::1               AR a2::2
#
# Load: the MAP's hi-timeout is raised (1 s, 15 s before it refuses)
# wherever scapy must answer an HI or a check must see an FBU still held,
# and bicasting lasts 10 s, so that a peer slow to answer on a loaded
# guest changes nothing; the retransmission gaps are measured against
# the hi-timeout configured for them.
#
# timeout: 600
# exclusive: its waits no longer depend on the guest's load, but have not yet run side by side on the debug kernel

. "$(dirname "$(readlink -f "$0")")/lib.sh"
. "$SELFTESTS/lib/peer.sh"
. "$SELFTESTS/lib/fmip_map.sh"

require_cmd tshark tcpdump tc jq

RCOA=2001:db8:100::a
AR=2001:db8:a2::2
NCOA2=2001:db8:a2::300
LLA=02:00:5e:10:20:30
ENC=$(printf '%s' 0123456789abcdef | od -An -tx1 | tr -d ' \n')
AUTH=$(printf '%s' 0123456789abcdef0123 | od -An -tx1 | tr -d ' \n')
TMP=$(mktemp -d /tmp/hmip-fmip-map-hi.XXXXXX)
on_exit rm -rf "$TMP"

# The AR's address on the node's link, and a second NCoA: scapy answers
# as the AR, the node's kernel their Neighbour Solicitations.
fmip_map_setup $AR $NCOA2
modprobe -q -a esp6 xfrm_user 2>/dev/null

stat() {
	counter "$map" "$1"
}

binding() {
	on "$map" "$HMIP" -j binding show rcoa $RCOA 2>/dev/null |
		jq -rs --arg k "$1" '.[0][0][$k] // "none"'
}

handovers() {
	on "$map" "$HMIP" -j map show | jq -r '.[0].handovers'
}

# q JQ: the JSON lines of $out through jq -s
q() {
	jq -rs "$1" <<<"$out"
}

# fbacks: "DST STATUS COUNT" of the first FBack of $out, and how many
fbacks() {
	q '[.[] | select(.msg == "fback")] | "\(.[0].dst) \(.[0].status) \(length)"'
}

# fbu_hi SRC SEQ [ARGS...]: a Fast Binding Update for the RCoA with the
# NCoA, the AR's answers as ARGS say
fbu_hi() {
	local src=$1 seq=$2

	shift 2
	peer fbu-hi --iface m0 --src "$src" --dst $MAP --hao $RCOA \
		--seq "$seq" --ncoa $NCOA --ar $AR "$@"
}

bu() {
	peer bu --iface m0 --src $PCOA --dst $MAP --hao $RCOA --seq "$1" \
		--lifetime 150 --expect 1 --wait 10 |
		count "r.get('msg') == 'ba' and r['status'] == 0"
}

# The reverse tunnel from LCOA: whether the MAP took the packet (the
# binding's receive count went up).
tunnel_from() {
	local before

	before=$(binding rx_packets)
	peer tunnel --iface m0 --src "$1" --dst $MAP --inner-src $RCOA \
		--inner-dst $CN --wait 0.1 >/dev/null
	wait_for 2 test "$(binding rx_packets)" -gt "$before"
}

# ------------------------------------------------------------ tracefs
MAP_NETNS=$(on "$map" stat -L -c %i /proc/self/ns/net)
TRACEFS=/sys/kernel/tracing
[[ -d $TRACEFS/events ]] || mount -t tracefs tracefs $TRACEFS 2>/dev/null
TRACE=
if [[ -d $TRACEFS/events/hmip ]]; then
	TRACE=$TRACEFS/instances/hmip-fmip-map-hi-$$
	mkdir "$TRACE"
	on_exit "echo 0 >$TRACE/events/hmip/enable; rmdir $TRACE"
	echo "netns == $MAP_NETNS" >"$TRACE/events/hmip/filter"
	echo 1 >"$TRACE/events/hmip/enable"
fi 2>/dev/null

on "$map" "$HMIP" config set err-ratelimit-ms 0
check "hmip map add, require-ipsec off (the HAck's IPsec: below)" \
	on "$map" "$HMIP" map add $MAP dev a0 mode routed require-ipsec off \
	bicast 10000 hi-timeout 1000
check_eq "rfc4140-6.2: the node registers its RCoA from the PCoA" 1 "$(bu 1)"

# -------------------------------------------------------- configuration
check "hmip map change access-router ADDRESS serves PREFIX/LEN buffer on" \
	on "$map" "$HMIP" map change $MAP access-router $AR serves \
	2001:db8:a2::/64 buffer on
check_eq "hmip map show -j: the access router, its prefix, buffer" \
	"$AR 2001:db8:a2::/64 true 0" \
	"$(on "$map" "$HMIP" -j map show | jq -r '.[0] |
		"\(.access_routers[0].address) \(.access_routers[0].prefix) \(.access_routers[0].buffer) \(.handovers)"')"
check "hmip map show: access-router ... serves ... buffer on" \
	grep -q "access-router $AR serves 2001:db8:a2::/64 buffer on" \
	<(on "$map" "$HMIP" map show)
check "hmip save: the access router, so that it comes back" \
	grep -q "map replace $MAP .*access-router $AR serves 2001:db8:a2::/64 buffer on" \
	<(on "$map" "$HMIP" save)
not_global() {
	on "$map" "$HMIP" map change $MAP access-router fe80::1 serves \
		2001:db8:a3::/64 2>&1 | grep -q "global unicast"
}
check "a link-local access router is refused with the kernel's reason" \
	not_global
check_eq "hmip map show -j: hi_timeout_ms as configured" 1000 \
	"$(on "$map" "$HMIP" -j map show | jq -r '.[0].hi_timeout_ms')"
check "hmip save: hi-timeout, so that it comes back" \
	grep -q "map replace $MAP .* hi-timeout 1000" <(on "$map" "$HMIP" save)
check "hmip map change hi-timeout 5: below 10 ms, refused" \
	eval '! on "$map" "$HMIP" map change $MAP hi-timeout 5 2>/dev/null'

pcap=$TMP/hi.pcap
monitor_start "$map" "$TMP/monitor"
capture_start "$mn" m0 "$pcap" ip6 src $MAP

# ------------------------------------------------- HAck code 0: the move
out=$(fbu_hi $PCOA 2 --lla $LLA --hack 0 --fbacks 2 --wait 10)
# At once: the MAP bicasts for 10 s from the move.
check "rfc4140-A: while bicasting, the reverse tunnel from the PCoA is taken, counted" \
	eval 'tunnel_from $PCOA && test "$(stat binding_bicast_rx)" = 1'
log "$out"
# One HI; a slow guest may retransmit it before the HAck is in, with the
# same sequence number.
check_eq "rfc5568-6.2.1.1: an HI to the AR, from the MAP, code 0, U set (buffer on), S clear" \
	"1 $MAP 0 true false true" \
	"$(q '[.[] | select(.msg == "hi")] | "\(map(.seq) | unique | length) \(.[0].src) \(.[0].code) \(.[0].u) \(.[0].s) \(.[0].csum_ok)"')"
check_eq "rfc5568-6.2.1.1: its options: the node's LLA (code 2), PCoA (code 1), NCoA (code 2)" \
	"mh_lla 2 $LLA ipaddr 1 $PCOA ipaddr 2 $NCOA" \
	"$(q '[.[] | select(.msg == "hi")][0].options |
		map("\(.type) \(.code) \(.lla // .addr)") | join(" ")')"
check_eq "rfc5568-6.4.2: each IPv6 Address option at 8n+4, prefix length 128" \
	"4 4 128 128" \
	"$(q '[.[] | select(.msg == "hi")][0].options |
		map(select(.type == "ipaddr")) |
		(map(.off % 8) + map(.plen)) | map(tostring) | join(" ")')"
check_eq "rfc5568-6.2.3: after the HAck, FBack 0 to the PCoA and the NCoA" \
	"$PCOA $NCOA 2" \
	"$(q '(map(select(.msg == "hack")) | .[0].t) as $h |
		[.[] | select(.msg == "fback" and .status == 0 and .seq == 2 and .t >= $h)] |
		"\(map(.dst) | sort | join(" ")) \(length)"')"
check_eq "rfc4140-A: the binding moved to the NCoA" $NCOA "$(binding lcoa)"
check_eq "counters: map_fbu_held, map_hi_tx, map_hack_accepted, map_fbu_accepted" \
	"1 1 1 1" \
	"$(stat map_fbu_held) $(stat map_hi_tx) $(stat map_hack_accepted) $(stat map_fbu_accepted)"
tunnel_dropped() {
	local before

	before=$(stat map_decap_drop_wrong_lcoa)
	peer tunnel --iface m0 --src $PCOA --dst $MAP --inner-src $RCOA \
		--inner-dst $CN --wait 0.1 >/dev/null
	wait_for 2 test "$(stat map_decap_drop_wrong_lcoa)" -gt "$before"
}
check "rfc4140-A: after bicasting, the reverse tunnel from the PCoA is dropped, counted" \
	wait_for 20 tunnel_dropped
check "the reverse tunnel from the NCoA is taken" tunnel_from $NCOA

# --------------------------------- HAck code 1 and 128: no move, refused
check_eq "the node registers from the PCoA again" 1 "$(bu 3)"
out=$(fbu_hi $PCOA 4 --hack 1 --fbacks 1 --wait 10)
log "$out"
check_eq "rfc5568-6.2.3: HAck code 1 (NCoA not valid): FBack 131 to the PCoA only" \
	"$PCOA 131 1" \
	"$(fbacks)"
out=$(fbu_hi $PCOA 5 --hack 128 --fbacks 1 --wait 10)
check_eq "rfc5568-6.2.3: HAck code 128: FBack 128 to the PCoA only" \
	"$PCOA 128 1" \
	"$(fbacks)"
check_eq "neither moved the binding; map_hack_ncoa_invalid, map_hack_refused" \
	"$PCOA 1 1" \
	"$(binding lcoa) $(stat map_hack_ncoa_invalid) $(stat map_hack_refused)"
check "hmip monitor: binding-hi-refused" \
	wait_for 5 grep -q "binding-hi-refused.*$RCOA" "$TMP/monitor"

# ------------------------ no HAck: retransmissions, then the FBU refused
# Nothing to answer here: the gaps are the kernel's timers, stamped as
# the packets arrive, whatever the peer's load.
HI_T=200
on "$map" "$HMIP" map change $MAP hi-timeout $HI_T
rtx=$(stat map_hi_retransmit)
out=$(fbu_hi $PCOA 6 --expect 5 --wait $((HI_T * 15 / 1000 + 8)))
log "$out"
check_eq "rfc5568-6.2.1.1: no HAck: the HI and HI_RETRIES (3) retransmissions, same sequence number" \
	"4 1" \
	"$(q '[.[] | select(.msg == "hi")] | "\(length) \(map(.seq) | unique | length)"')"
# Each timeout doubles from hi-timeout (timers never fire early; late
# ones are allowed 300 ms, scaled on a slow guest).
SLACK=$((300 * ${HMIP_TIME_SCALE:-1}))
check_eq "rfc5568-6.2.1.1: retransmitted after hi-timeout ($HI_T ms), twice, 4 times that, the FBU refused 8 times later" \
	"ok ok ok ok" \
	"$(jq -rs --argjson s "$SLACK" --argjson T $HI_T <<<"$out" '[.[] | select(.msg == "hi" or .msg == "fback") | .t] as $t |
		[$T, 2 * $T, 4 * $T, 8 * $T] | to_entries |
		map((($t[.key + 1] - $t[.key]) * 1000) as $g |
			if $g >= .value * 0.9 and $g <= .value + $s then "ok"
			else "gap \(.key): \($g) ms" end) | join(" ")')"
check_eq "rfc5568-6.2.3: the FBack: 128, to the PCoA only; the binding stays" \
	"$PCOA 128 1 $PCOA" \
	"$(fbacks) $(binding lcoa)"
check_eq "counters: map_hi_retransmit 3 more, map_hi_timeout 1" "3 1" \
	"$(($(stat map_hi_retransmit) - rtx)) $(stat map_hi_timeout)"
check "hmip monitor: binding-hi-timeout" \
	wait_for 5 grep -q "binding-hi-timeout.*$RCOA" "$TMP/monitor"

# ------------------ one held per binding; HAcks that match nothing held
# Held for 30 s (hi-timeout 2 s): the checks below see it still held
# however slowly the guest runs them.
on "$map" "$HMIP" map change $MAP hi-timeout 2000
out=$(fbu_hi $PCOA 7 --expect 1 --wait 10)
seq7=$(q '[.[] | select(.msg == "hi")][0].seq')
check_eq "hmip map show: one FBU held" 1 "$(handovers)"
out=$(fbu_hi $PCOA 8 --expect 1 --wait 10)
seq8=$(q '[.[] | select(.msg == "hi")][0].seq')
check_eq "a newer FBU replaces the one held: still one, map_hi_cancelled" \
	"1 1" "$(handovers) $(stat map_hi_cancelled)"
# hack ROUTER SEQ: a Handover Acknowledge of code 0, without IPsec
hack() {
	peer hack --iface m0 --src "$1" --dst $MAP --seq "$2" --code 0 \
		--wait 0.1 >/dev/null
}
hack $AR "$seq7"
hack 2001:db8:a2::3 "$seq8"
check "rfc5568-6.2.1.2: a HAck for the replaced HI, one from another router: dropped, counted" \
	wait_for 5 test "$(stat map_hack_drop_unknown)" = 2
check "hmip map change require-ipsec on" \
	on "$map" "$HMIP" map change $MAP require-ipsec on
hack $AR "$seq8"
check "rfc5568-10: with require-ipsec, a HAck without IPsec is dropped, counted" \
	wait_for 5 test "$(stat map_hack_drop_no_ipsec)" = 1
check_eq "and the binding stays" $PCOA "$(binding lcoa)"
on "$map" "$HMIP" map change $MAP require-ipsec off
hack $AR "$seq8"
check "rfc5568-6.2.1.2: the FBU was still held: the same HAck, taken now, moves the binding" \
	wait_for 10 test "$(binding lcoa)" = $NCOA
check_eq "nothing held any more, no timeout: map_hack_accepted" "0 1 2" \
	"$(handovers) $(stat map_hi_timeout) $(stat map_hack_accepted)"
check_eq "the node registers from the PCoA again" 1 "$(bu 9)"

# ------------------------------------------- reactive: FBU from the NCoA
out=$(fbu_hi $NCOA 10 --hack 0 --fbacks 1 --wait 10)
log "$out"
check_eq "rfc5568-6.2.2: an FBU from the NCoA (reactive): FBack 0 to the NCoA only" \
	"$NCOA 0 1" \
	"$(fbacks)"
check_eq "rfc5568-6.2.1.1: its HI: code 1, U clear" "1 false" \
	"$(q '[.[] | select(.msg == "hi")][0] | "\(.code) \(.u)"')"
check_eq "rfc5568-3.3: the binding moved to the NCoA, map_fbu_reactive" \
	"$NCOA 1" "$(binding lcoa) $(stat map_fbu_reactive)"
check "rfc5568-3.3: no bicasting: the reverse tunnel from the PCoA the node left is dropped" \
	tunnel_dropped

# ----------------------------------------- IPsec between the MAP and AR
# RFC 5568 section 10 and security.rst's configuration: the HI leaves
# under the MAP's SA to the AR (a policy for MH type 14), the HAck comes
# under the AR's; the FBU under the node's (require-ipsec on).
esp() {
	on "$map" ip xfrm state add src "$1" dst "$2" proto esp spi "$3" \
		mode transport enc 'cbc(aes)' "0x$ENC" \
		auth-trunc 'hmac(sha1)' "0x$AUTH" 96
}
esp $RCOA $MAP 0x3001
esp $AR $MAP 0x3002
esp $MAP $AR 0x3003
on "$map" ip xfrm policy add dir out src $MAP/128 dst $AR/128 \
	proto 135 type 14 tmpl proto esp mode transport
on "$map" ip xfrm policy add dir in src $AR/128 dst $MAP/128 \
	proto 135 type 15 tmpl proto esp mode transport
on "$map" "$HMIP" map change $MAP require-ipsec on
out=$(peer fbu-hi --iface m0 --src $NCOA --dst $MAP --hao $RCOA --seq 11 \
	--ncoa $NCOA2 --ar $AR --hack 0 --esp-mn "0x3001:0x3004:$ENC:$AUTH" \
	--esp-ar "0x3002:0x3003:$ENC:$AUTH" --fbacks 2 --wait 10)
log "$out"
check_eq "rfc5568-10: the HI under the MAP's ESP SA to the AR" "1 true" \
	"$(q '[.[] | select(.msg == "hi")] | "\(map(.seq) | unique | length) \(all(.esp))"')"
check_eq "rfc5568-10: the ESP-protected HAck moves the binding: FBack 0 to both" \
	"$NCOA $NCOA2 2 $NCOA2" \
	"$(q '[.[] | select(.msg == "fback" and .status == 0 and .seq == 11)] |
		"\(map(.dst) | sort | join(" ")) \(length)"') $(binding lcoa)"
check_eq "rfc5568-10: no HAck dropped for want of IPsec this time" 1 \
	"$(stat map_hack_drop_no_ipsec)"
on "$map" "$HMIP" map change $MAP require-ipsec off
on "$map" ip xfrm policy flush
on "$map" ip xfrm state flush proto esp

# ---------------------------------------------------------- accounting
check_eq "fuzz: every HAck counted in one outcome" "$(stat mh_rx_hack)" \
	"$(($(stat map_hack_accepted) + $(stat map_hack_ncoa_invalid) +
		$(stat map_hack_refused) + $(stat map_hack_drop_not_map) +
		$(stat map_hack_drop_no_ipsec) + $(stat map_hack_drop_unknown)))"

# --------------------------------------------------------------- tshark
capture_stop "$pcap"
decoded=$(tshark -r "$pcap" -Y "mip6.mhtype == 14" -T fields \
	-E separator=' ' -E aggregator=, -e mip6.hi.code -e mip6.hi.u_flag \
	-e mip6.lla.optcode -e mip6.mhipv6ap.opt_code \
	-e mip6.mhipv6ap.ipv6_address 2>/dev/null)
log "$decoded"
check_eq "rfc5568-6.2.1.1: tshark decodes the first HI: code 0, U, MH-LLA code 2, PCoA and NCoA options" \
	"0 1 2 1,2 $PCOA,$NCOA" "$(head -1 <<<"$decoded")"
check "rfc5568-6.2.1.1: tshark: the HI of code 1 (the reactive FBU's) is without U" \
	test "$(grep -c '^1 0 ' <<<"$decoded")" -ge 1 -a \
	"$(grep -c '^1 ' <<<"$decoded")" = "$(grep -c '^1 0 ' <<<"$decoded")"
check "rfc5568-10: tshark: the MAP's ESP to the AR (SPI 0x3003), the HI inside" \
	test "$(tshark -r "$pcap" -Y "ipv6.dst == $AR && esp.spi == 0x3003" \
		2>/dev/null | wc -l)" -ge 1

# ----------------------------------------------------------- tracepoints
if [[ -z $TRACE ]]; then
	skip "tracepoints: hmip_map_hi_sent, hmip_map_hack_received, hmip_map_fbu_*" "no tracefs"
else
	check "tracepoint hmip_map_hi_sent: the first HI" \
		grep -q "hmip_map_hi_sent: netns=$MAP_NETNS map=$MAP ar=$AR rcoa=$RCOA pcoa=$PCOA ncoa=$NCOA seq=[0-9]* flags=0x40 code=0 retries=0 err=0" \
		"$TRACE/trace"
	check "tracepoint hmip_map_hack_received: code 0, map_hack_accepted" \
		grep -q "hmip_map_hack_received: netns=$MAP_NETNS map=$MAP ar=$AR seq=[0-9]* code=0 reason=map_hack_accepted" \
		"$TRACE/trace"
	check "tracepoint hmip_map_fbu_refused: held for the HAck (-115, map_fbu_held)" \
		grep -q "hmip_map_fbu_refused: netns=$MAP_NETNS map=$MAP rcoa=$RCOA src=$PCOA ncoa=$NCOA seq=2 status=-115 reason=map_fbu_held" \
		"$TRACE/trace"
	check "tracepoint hmip_map_fbu_accepted: applied after the HAck" \
		grep -q "hmip_map_fbu_accepted: netns=$MAP_NETNS map=$MAP rcoa=$RCOA src=$PCOA ncoa=$NCOA seq=2 status=0 reason=map_fbu_accepted" \
		"$TRACE/trace"
	check "tracepoint hmip_map_hack_received: the timeout (code -1)" \
		grep -q "hmip_map_hack_received: .* code=-1 reason=map_hi_timeout" \
		"$TRACE/trace"
fi

# ------------------------------------- teardown with an FBU held: no leak
peer fbu-hi --iface m0 --src $NCOA2 --dst $MAP --hao $RCOA --seq 12 \
	--ncoa $NCOA --ar $AR --expect 1 --wait 3 >/dev/null
check_eq "an FBU held when the MAP goes" 1 "$(handovers)"
check "hmip map del with an FBU held: it goes with the binding" \
	eval 'on "$map" "$HMIP" map del $MAP &&
		test "$(stat map_hi_cancelled)" = 2'

finish
