#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# RFC 4140 section 6.1, RFC 6275 section 10.3.1: before it accepts a new
# binding, the MAP runs Duplicate Address Detection for the RCoA on its
# link, without blocking the Binding Update handler; an RCoA somebody on
# that link already uses gets status 134. DAD sends DupAddrDetectTransmits
# probes RetransTimer apart (RFC 4862 section 5.4), and only an
# advertisement ndisc would take, heard on the MAP's link, fails it.
#
#   mn (scapy)                map (hmip)                    squatter
#   m0 2001:db8:200::2 ---- a0 2001:db8:200::1
#                            l0 2001:db8:100::1/64 ------ s0 2001:db8:100::5
#                            (the MAP's link, DAD on)
#
# timeout: 600

. "$(dirname "$(readlink -f "$0")")/lib.sh"
. "$SELFTESTS/lib/peer.sh"

MAP=2001:db8:100::1
LCOA=2001:db8:200::2
TAKEN=2001:db8:100::5
FREE=2001:db8:100::a

setup_ns mn map squatter
ns_nodad "$mn" "$squatter"
veth_link "$mn" m0 "$map" a0
veth_link "$map" l0 "$squatter" s0
on "$map" sysctl -qw net.ipv6.conf.a0.accept_dad=0
on "$map" sysctl -qw net.ipv6.conf.l0.accept_dad=1
on "$map" sysctl -qw net.ipv6.conf.l0.dad_transmits=1
on "$map" sysctl -qw net.ipv6.conf.all.forwarding=1
on "$mn" ip -6 addr add $LCOA/64 dev m0
on "$mn" ip -6 route add 2001:db8:100::/64 via 2001:db8:200::1
on "$map" ip -6 addr add 2001:db8:200::1/64 dev a0
on "$map" ip -6 addr add $MAP/64 dev l0
on "$squatter" ip -6 addr add $TAKEN/64 dev s0
check "the MAP's own address passes DAD" wait_for 15 dad_done "$map"
wait_for 10 on "$mn" ping -6 -c1 -W1 $MAP
on "$map" "$HMIP" config set err-ratelimit-ms 0
# A peer on the MAP's link too, without scapy: it only sends advertisements.
peer_start "$squatter" --lazy
SQUATTER_PEER=$PEER_DIR
peer_start "$mn"
check "hmip map add on the MAP's link" \
	on "$map" "$HMIP" map add $MAP dev l0 require-ipsec off

bu()
{
	peer bu --iface m0 --src $LCOA --dst $MAP --expect 1 "$@"
}

count_bindings()
{
	jq --arg rcoa "$1" 'map(select(.rcoa == $rcoa)) | length'
}

# A free RCoA: accepted once DAD is over, RetransTimer (1 s) after the
# Binding Update.
pcap=$(mktemp /tmp/hmip-dad.XXXXXX.pcap)
capture_start "$squatter" s0 "$pcap" icmp6
out=$(bu --hao $FREE --wait 2.5)
check_eq "rfc6275-10.3.1: a free RCoA is accepted after DAD" 1 \
	"$(echo "$out" | count "r.get('msg') == 'ba' and r['status'] == 0 and r.get('rh2') == '$FREE'")"
delay=$(peer py '
sent = ba = None
for line in argv[0].splitlines():
    r = json.loads(line)
    if r["kind"] == "sent":
        sent = r["t"]
    elif r.get("msg") == "ba":
        ba = r["t"]
print(round(ba - sent, 3) if sent and ba else -1)' "$out")
log "BU to BA with DAD: $delay s"
# Only the lower bound is checked: the MAP must have waited for DAD
# (RetransTimer, 1 s). How fast it answered after that is up to the
# emulated machine, not a property to test.
check "rfc6275-10.3.1: the BA waits for DAD (at least 0.9 s): $delay s" \
	awk -v d="$delay" 'BEGIN { exit !(d >= 0.9) }'
check_eq "binding show: the free RCoA is bound" "$LCOA" \
	"$(on "$map" "$HMIP" -j binding show rcoa $FREE | jq -r '.[0].lcoa')"

# A taken RCoA: the squatter answers the MAP's probe; 134.
out=$(bu --hao $TAKEN --wait 2.5)
check_eq "rfc4140-6.1: an RCoA in use on the MAP's link gets 134 (DAD failed)" 1 \
	"$(echo "$out" | count "r.get('msg') == 'ba' and r['status'] == 134 and r.get('rh2') == '$TAKEN' and r['lifetime'] == 0")"
check_eq "no binding was made for the taken RCoA" 0 \
	"$(on "$map" "$HMIP" -j binding show | count_bindings $TAKEN)"
capture_stop "$pcap"
check_eq "tshark sees the MAP's DAD probe: NS from :: for the RCoA" 1 \
	"$(tshark -r "$pcap" -Y "icmpv6.type == 135 && ipv6.src == :: && icmpv6.nd.ns.target_address == $TAKEN" \
		-T fields -e icmpv6.type 2>/dev/null | wc -l)"
rm -f "$pcap"
check_eq "DAD counters: 2 started, 1 conflict, 1 duplicate rejected" "2 1 1" \
	"$(on "$map" "$HMIP" -j stats show | jq -r \
		'"\(.map_dad_started) \(.map_dad_conflict) \(.map_bu_reject_duplicate)"')"

# dad_transmits 3, RetransTimer 400 ms: three probes, 400 ms apart, and
# the answer after the third's RetransTimer.
on "$map" sysctl -qw net.ipv6.conf.l0.dad_transmits=3
on "$map" sysctl -qw net.ipv6.neigh.l0.retrans_time_ms=400
FREE2=2001:db8:100::b
ns0=$(counter "$map" map_dad_ns_tx)
pcap=$(mktemp /tmp/hmip-dad.XXXXXX.pcap)
capture_start "$squatter" s0 "$pcap" icmp6
out=$(bu --hao $FREE2 --wait 3)
capture_stop "$pcap"
check_eq "rfc4862-5.4: dad_transmits 3: the free RCoA is accepted" 1 \
	"$(echo "$out" | count "r.get('msg') == 'ba' and r['status'] == 0 and r.get('rh2') == '$FREE2'")"
probes=$(tshark -r "$pcap" -Y "icmpv6.type == 135 && ipv6.src == :: && icmpv6.nd.ns.target_address == $FREE2" \
	-T fields -e frame.time_relative 2>/dev/null)
rm -f "$pcap"
log "probes at: $(echo $probes)"
check_eq "rfc4862-5.4.2: dad_transmits 3: three probes from :: for the RCoA (tshark)" 3 \
	"$(grep -c . <<<"$probes")"
# Lower bounds only, as above: RetransTimer between probes, less the
# worker's 100 ms tick.
check "rfc4862-5.4.2: RetransTimer (400 ms) between the probes" \
	awk 'NR > 1 && $1 - last < 0.3 { bad = 1 } { last = $1 } END { exit bad }' <<<"$probes"
check_eq "map_dad_ns_tx counts the three" $((ns0 + 3)) \
	"$(counter "$map" map_dad_ns_tx)"
delay=$(peer py '
sent = ba = None
for line in argv[0].splitlines():
    r = json.loads(line)
    if r["kind"] == "sent":
        sent = r["t"]
    elif r.get("msg") == "ba":
        ba = r["t"]
print(round(ba - sent, 3) if sent and ba else -1)' "$out")
check "rfc4862-5.4: the BA waits for 3 x RetransTimer (at least 1.1 s): $delay s" \
	awk -v d="$delay" 'BEGIN { exit !(d >= 1.1) }'

# Advertisements ndisc would drop do not fail DAD: a wrong checksum, a
# code other than 0 (RFC 4861 section 7.1.2), and a valid one heard on
# another link than the MAP's. One RCoA each: its Binding Update, the
# advertisement once DAD runs (the binding exists, not yet valid), then
# the end of DAD (a longer RetransTimer leaves the time).
on "$map" sysctl -qw net.ipv6.conf.l0.dad_transmits=1
# DAD long enough for the advertisements to arrive while it runs, on a
# loaded debug kernel too (they count only then).
on "$map" sysctl -qw net.ipv6.neigh.l0.retrans_time_ms=$((3000 * HMIP_TIME_SCALE))
BADSUM=2001:db8:100::c
BADCODE=2001:db8:100::d
ELSEWHERE=2001:db8:100::e
ign0=$(counter "$map" map_nd_ignored)
conflict0=$(counter "$map" map_dad_conflict)
exists()
{
	on "$map" "$HMIP" binding show rcoa "$1" >/dev/null 2>&1
}
dad_ended()
{
	# DAD for one more RCoA is over: accepted or refused
	test $(($(counter "$map" map_bu_accepted) +
		$(counter "$map" map_bu_reject_duplicate))) -gt "$1"
}
# A note for the log: an NA that came after DAD counts for nothing.
dad_over_note()
{
	if dad_ended "$1"; then
		log "DAD was already over when the NA had been sent"
	fi
}
bound()
{
	# a binding DAD refused is gone
	test "$(on "$map" "$HMIP" -j binding show rcoa "$1" 2>/dev/null |
		jq -r '.[0].lcoa')" = $LCOA
}
# dad_na NAME RCOA PEER-SOCKET NA-ARGS...: a Binding Update for RCOA, the
# advertisement while DAD runs, and whether the binding came out of it
dad_na()
{
	local name=$1 rcoa=$2 sock=$3 ended
	shift 3

	ended=$(($(counter "$map" map_bu_accepted) +
		 $(counter "$map" map_bu_reject_duplicate)))
	bu --hao "$rcoa" --wait 0 >/dev/null
	wait_for 10 exists "$rcoa"
	log "$(PEER_DIR=$sock peer na --target "$rcoa" "$@")"
	dad_over_note "$ended"
	wait_for 20 dad_ended "$ended"
	check "$name" bound "$rcoa"
}
MN_PEER=$PEER_DIR
dad_na "rfc4861-7.1.2: an NA with a wrong checksum does not fail DAD" \
	$BADSUM "$SQUATTER_PEER" --iface s0 --src fe80::5 --bad-csum
dad_na "rfc4861-7.1.2: an NA with code 1 does not fail DAD" \
	$BADCODE "$SQUATTER_PEER" --iface s0 --src fe80::5 --code 1
dad_na "an NA heard on another link than the MAP's does not fail DAD" \
	$ELSEWHERE "$MN_PEER" --iface m0 --src fe80::2
# The same sender's valid advertisement on the MAP's link does.
VALID=2001:db8:100::f
ended=$(($(counter "$map" map_bu_accepted) +
	 $(counter "$map" map_bu_reject_duplicate)))
bu --hao $VALID --wait 0 >/dev/null
wait_for 10 exists $VALID
log "$(PEER_DIR=$SQUATTER_PEER peer na --target $VALID --iface s0 --src fe80::5)"
dad_over_note "$ended"
wait_for 20 dad_ended "$ended"
check_fail "rfc4862-5.4.5: a valid NA on the MAP's link, the same sender, fails DAD" \
	bound $VALID
check_eq "the three are counted in map_nd_ignored, the last in map_dad_conflict" \
	"$((ign0 + 3)) $((conflict0 + 1))" \
	"$(counter "$map" map_nd_ignored) $(counter "$map" map_dad_conflict)"

finish
