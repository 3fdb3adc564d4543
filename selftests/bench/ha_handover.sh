#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The RFC's headline, measured (make bench; RFC 4140 sections 1 and 3):
# a move inside a MAP domain costs a round trip to the MAP, not to the
# home agent. The mobile node's network (lib/mn_net.sh) with a home agent
# (mn_net_ha_setup), netem delays on the links so that
#
#   RTT(MN, MAP) = 10 ms     5 ms each way on map1 -- ar1 and map1 -- ar2
#   RTT(MN, HA) = 100 ms     45 ms more each way on cn -- ha
#
# and the same node moving between ar1 and ar2 (map1's domain), in rounds
# that alternate between HMIPv6 (mode hmip: the MAP is told) and plain
# Mobile IPv6 (mode mipv6: the home agent is told, RFC 4140 section 3).
# The correspondent sends UDP at 100/s to the home address across each
# move. A capture on the node's interface gives, per move:
#
#   registration part: from the node's Binding Update from the new LCoA
#                      (sent as soon as it has that address) to the first
#                      datagram to the home address on the new link;
#   link-up to flowing: from the node's Router Solicitation as its link
#                      comes up to that datagram;
#   lost:              datagrams of the stream that never arrived.
#
# Goals (medians of the rounds): HMIPv6's registration part at most
# RTT(MN, MAP) + 10 ms (10 ms: the stream's spacing); plain Mobile IPv6's
# at least RTT(MN, HA). Both RTTs are measured by ping in the same run.
# The loss ratio (HMIPv6 / plain Mobile IPv6) is reported.
#
# timeout: 1800
# exclusive: a benchmark

. "$(dirname "$(readlink -f "$0")")/../lib.sh"
. "$SELFTESTS/lib/ar.sh"
. "$SELFTESTS/lib/peer.sh"
. "$SELFTESTS/lib/mn_net.sh"

require_cmd radvd tshark tcpdump jq tc

XFER=$SELFTESTS/lib/xfer.py
HOA=2001:db8:1::100
RATE=100
COUNT=300			# 3 s of the stream per move
ROUNDS=${BENCH_ROUNDS:-6}	# moves per mode
TMP=$(mktemp -d /tmp/hmip-hahandover.XXXXXX)
on_exit rm -rf "$TMP"

mn_net_setup
mn_net_ha_setup
peer_start "$mn"

# delay NS DEV MS: netem on DEV's egress
delay()
{
	on "$1" tc qdisc add dev "$2" root netem delay "$3ms" limit 10000
}
delay "$map1" u1 5
delay "$map1" u2 5
delay "$ar1" u0 5
delay "$ar2" u0 5
delay "$cn" c3 45
delay "$ha" h0 45

on "$map1" "$HMIP" map add $MAP1 dev c0 mode routed require-ipsec off \
	max-lifetime 3600
on "$ha" "$HMIP" ha add $HA dev h1 require-ipsec off max-lifetime 3600
on "$ar1" "$HMIP" ar add dev d0 map $MAP1 dist 2 valid-lifetime 600
on "$ar2" "$HMIP" ar add dev d0 map $MAP1 dist 2 valid-lifetime 600
radvd_start "$ar1" d0 2001:db8:a1::/64
radvd_start "$ar2" d0 2001:db8:a2::/64

home()
{
	mn_json 2>/dev/null | jq -r ".[0].home_registration.$1 // empty"
}

# home_registered_to PREFIX: the home agent accepted a binding of the
# home address to a care-of address in PREFIX
home_registered_to()
{
	[[ $(home state) == registered && $(home coa) == "$1"* ]]
}

# rtt DST: the median round trip from the node to DST, in ms
rtt()
{
	on "$mn" ping -6 -c 11 -i 0.2 -W 2 "$1" |
		sed -n 's/.*time=\([0-9.]*\) ms/\1/p' | sort -g |
		awk '{ v[NR] = $1 } END { if (NR) printf "%.1f\n", v[int((NR + 1) / 2)] }'
}

check "hmip mn add dev m0 ... home $HOA/64 ha $HA" \
	on "$mn" "$HMIP" mn add dev m0 require-ipsec off lifetime 3600 \
	home $HOA/64 ha $HA
check "registered with map1, and the home address with the home agent" \
	wait_for 60 home_registered_to 2001:db8:100:
rtt_map=$(rtt $MAP1)
rtt_ha=$(rtt $HA)
log "RTT(MN, MAP) $rtt_map ms, RTT(MN, HA) $rtt_ha ms (ping, medians of 11)"
check "netem: RTT(MN, MAP) about 10 ms ($rtt_map)" \
	awk -v r="$rtt_map" 'BEGIN { exit !(r >= 10 && r < 30) }'
check "netem: RTT(MN, HA) about 100 ms ($rtt_ha)" \
	awk -v r="$rtt_ha" 'BEGIN { exit !(r >= 100 && r < 150) }'

cell=1
MOVES=0
# move MODE: one move to the other cell while the stream flows, captured
# on the node's interface ($TMP/move-N.pcap); appends "MODE LOST" to
# $TMP/moves. Times come from the capture alone: the guest's clock for
# packets and the shell's can differ under icount.
move()
{
	local got n=$((++MOVES))

	capture_start "$mn" m0 "$TMP/move-$n.pcap" ip6
	on "$mn" "$PY" "$XFER" udp-recv --addr $HOA --port 7000 \
		--count $COUNT --timeout 20 >"$TMP/udp.out" &
	urecv=$!
	wait_for 30 grep -q ready "$TMP/udp.out"
	on "$cn" "$PY" "$XFER" udp-send --addr $HOA --port 7000 \
		--count $COUNT --rate $RATE &
	usend=$!
	nap 1
	cell=$((3 - cell))
	ip -n "$mn" link set m0 down
	ip -n "$air" link set pm nomaster
	ip -n "$air" link set pm master br$cell
	ip -n "$mn" link set m0 up
	wait $usend
	wait $urecv
	capture_stop "$TMP/move-$n.pcap"
	got=$(tail -n1 "$TMP/udp.out")
	echo "$1 $((COUNT - got))" >>"$TMP/moves"
}

# mode MODE PREFIX: the node in MODE, its home registration (or its MAP's
# and then its home registration) done from its current cell
mode()
{
	on "$mn" "$HMIP" mn change dev m0 mode "$1" &&
		wait_for 60 home_registered_to "$2"
}

for ((round = 1; round <= ROUNDS; round++)); do
	check "round $round: mode hmip, registered" mode hmip 2001:db8:100:
	move hmip
	check "round $round: mode mipv6, the LCoA registered with the home agent" \
		mode mipv6 2001:db8:a
	move mipv6
done

# Per move, from its capture: the node's Router Solicitation when its
# link came up, its first Binding Update after that, the first datagram
# of the stream after that. "MODE REG_MS UP_MS LOST".
n=0
while read -r m lost; do
	n=$((n + 1))
	tshark -r "$TMP/move-$n.pcap" \
		-Y 'icmpv6.type == 133 || mip6.mhtype == 5 || udp.dstport == 7000' \
		-T fields -e frame.time_epoch -e icmpv6.type -e mip6.mhtype \
		-E separator=' ' 2>/dev/null |
		awk -v m="$m" -v lost="$lost" '
			$2 == 133 && !t_up { t_up = $1; next }
			t_up && !t_bu && $NF == 5 { t_bu = $1; next }
			t_bu && !t_data && $2 == "" && NF == 1 { t_data = $1 }
			END {
				if (t_data)
					printf "%s %.1f %.1f %d\n", m, (t_data - t_bu) * 1000,
						(t_data - t_up) * 1000, lost
				else
					printf "%s - - %d\n", m, lost
			}'
done <"$TMP/moves" >"$TMP/result"
while read -r m reg up lost; do
	log "move, mode $m: registration part $reg ms, link-up (its Router Solicitation) to flowing $up ms, $lost of $COUNT lost"
done <"$TMP/result"

# median MODE COLUMN
median()
{
	awk -v m="$1" -v c="$2" '$1 == m && $c != "-" { print $c }' "$TMP/result" |
		sort -g | awk '{ v[NR] = $1 }
		END { if (!NR) print "-"; else if (NR % 2) print v[(NR + 1) / 2]
		      else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
for m in hmip mipv6; do
	printf -v "reg_$m" '%s' "$(median $m 2)"
	printf -v "up_$m" '%s' "$(median $m 3)"
	printf -v "lost_$m" '%s' "$(median $m 4)"
done
log "medians of $ROUNDS moves: HMIPv6 registration part $reg_hmip ms, link-up to flowing $up_hmip ms, $lost_hmip lost;"
log "  plain Mobile IPv6 registration part $reg_mipv6 ms, link-up to flowing $up_mipv6 ms, $lost_mipv6 lost"
log "loss ratio HMIPv6 / plain Mobile IPv6: $lost_hmip / $lost_mipv6 = $(awk -v a="$lost_hmip" -v b="$lost_mipv6" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')"
check_eq "every move measured (BU and a datagram after it)" 0 \
	"$(grep -c ' - ' "$TMP/result")"
check "bench: rfc4140-1: HMIPv6 registration part ($reg_hmip ms) at most RTT(MN, MAP) + 10 ms ($rtt_map + 10)" \
	awk -v r="$reg_hmip" -v t="$rtt_map" 'BEGIN { exit !(r != "-" && r <= t + 10) }'
check "bench: rfc4140-3: plain Mobile IPv6 registration part ($reg_mipv6 ms) at least RTT(MN, HA) ($rtt_ha)" \
	awk -v r="$reg_mipv6" -v t="$rtt_ha" 'BEGIN { exit !(r != "-" && r >= t) }'
check "bench: HMIPv6 loses no more than plain Mobile IPv6 ($lost_hmip, $lost_mipv6)" \
	awk -v a="$lost_hmip" -v b="$lost_mipv6" 'BEGIN { exit !(a <= b) }'

finish
