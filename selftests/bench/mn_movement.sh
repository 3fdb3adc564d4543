#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Movement benchmark (make bench): how long after the link comes up in a
# new cell of the same MAP domain traffic to the RCoA arrives again,
# against the round trip between the mobile node and its MAP, measured in
# the same rounds:
#
#   link-up to traffic resumed  <=  RTT(MN, MAP) + 20 ms     (medians)
#
# The network of mn_handover (lib/mn_net.sh), map1, ar1 and ar2 only,
# radvd at Mobile IPv6 rates (lib/ar.sh), DAD on for the node's interface
# (the LCoA is optimistic, RFC 4429), netem delaying each direction
# between map1 and the access routers by DELAY_MS, so that the round
# trip is the MAP's distance rather than the emulator's noise. The CN
# pings the RCoA every 2 ms; the node moves back and forth between ar1
# and ar2 (link down, port to the other bridge, link up), ROUNDS times.
# Link-up is the kernel's RTM_NEWLINK with IFF_UP for m0 ("ip -ts
# monitor link", started once), traffic resumed the first echo request
# to the RCoA on the tunnel device after it (tcpdump), the round trip the
# median of pings from the new LCoA to map1 once registered.
#
# timeout: 1200
# exclusive: a benchmark

. "$(dirname "$(readlink -f "$0")")/../lib.sh"
. "$SELFTESTS/lib/ar.sh"
. "$SELFTESTS/lib/peer.sh"
. "$SELFTESTS/lib/mn_net.sh"

require_cmd radvd tshark tcpdump

ROUNDS=${BENCH_ROUNDS:-10}
DELAY_MS=${BENCH_DELAY_MS:-10}
GOAL_MS=20
TMP=$(mktemp -d /tmp/hmip-mvb.XXXXXX)
on_exit rm -rf "$TMP"

mn_net_setup
peer_start "$map1" --lazy
for dev in u1 u2; do
	on "$map1" tc qdisc add dev $dev root netem delay ${DELAY_MS}ms
done
for ns in "$ar1" "$ar2"; do
	on "$ns" tc qdisc add dev u0 root netem delay ${DELAY_MS}ms
done
on "$map1" "$HMIP" map add $MAP1 dev c0 mode routed require-ipsec off
on "$ar1" "$HMIP" ar add dev d0 map $MAP1 dist 2 valid-lifetime 600
on "$ar2" "$HMIP" ar add dev d0 map $MAP1 dist 2 valid-lifetime 600
radvd_start "$ar1" d0 2001:db8:a1::/64
RADVD_PIDS=("$RADVD_PIDFILE")
radvd_start "$ar2" d0 2001:db8:a2::/64
RADVD_PIDS+=("$RADVD_PIDFILE")
RADVD_T0=$(date +%s.%N)
on "$mn" sysctl -qw net.ipv6.conf.m0.accept_dad=1
on "$mn" sysctl -qw net.ipv6.conf.m0.dad_transmits=1

check "bench: hmip mn add dev m0" \
	on "$mn" "$HMIP" mn add dev m0 require-ipsec off lifetime 600
check "bench: registered with map1" \
	wait_for 90 registered_with $MAP1 2001:db8:a1:
RCOA=$(mn_get "cur['rcoa']")

ip -n "$mn" -ts monitor link >"$TMP/link" 2>&1 &
linkmon=$!
on_exit kill $linkmon
capture_start "$mn" hmipmn0 "$TMP/rcoa.pcap" "icmp6 and ip6[40] == 128"
on "$cn" ping -6 -q -i 0.002 "$RCOA" >/dev/null 2>&1 &
pinger=$!
on_exit kill $pinger
nap 1

# epoch SECONDS.NANOS of an "ip -ts" timestamp, [YYYY-MM-DDTHH:MM:SS.us]
epoch()
{
	date -d "${1//[\[\]]/}" +%s.%N
}

rtts=()
ups=()
cell=1
for ((round = 0; round <= ROUNDS; round++)); do
	cell=$((3 - cell))
	on "$mn" ip link set m0 down
	on "$air" ip link set pm nomaster
	on "$air" ip link set pm master br$cell
	before=$(date +%s.%N)
	on "$mn" ip link set m0 up
	if ! wait_for 20 registered_with $MAP1 2001:db8:a$cell:; then
		fail "bench: round $round: registered from ar$cell's prefix"
		continue
	fi
	lcoa=$(mn_get "m['lcoa']")
	rtt=$(on "$mn" ping -6 -c 5 -i 0.05 -I "$lcoa" $MAP1 |
		awk -F'time=' '/time=/ { split($2, a, " "); print a[1] }' |
		sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
	# The first m0 message with IFF_UP after the command was given.
	up=$(awk -v b="$before" '/ m0[:@].*[<,]UP[,>]/ { print $1 }' "$TMP/link" |
		while read -r ts; do
			t=$(epoch "$ts")
			if awk -v t="$t" -v b="$before" 'BEGIN { exit !(t >= b) }'; then
				echo "$t"
				break
			fi
		done)
	# Round 0 warms up (caches, routes, neighbours) and is not counted.
	if ((round > 0)); then
		rtts+=("$rtt")
		ups+=("${up:-0}")
	fi
	log "round $round: to ar$cell, link up at ${up:-?}, RTT(MN, map1) ${rtt:-?} ms, handover $(mn_get "m['handover_ms']") ms"
	nap 0.5
done
kill $pinger
capture_stop "$TMP/rcoa.pcap"
tshark -r "$TMP/rcoa.pcap" -T fields -e frame.time_epoch 2>/dev/null \
	>"$TMP/arrivals"

resumed=()
for i in "${!ups[@]}"; do
	r=$(awk -v u="${ups[$i]}" '$1 > u { printf "%.1f", ($1 - u) * 1000; exit }' \
		"$TMP/arrivals")
	resumed+=("${r:-0}")
	log "round $((i + 1)): link-up to traffic resumed ${r:-?} ms, RTT ${rtts[$i]} ms"
done

# What radvd at Mobile IPv6 rates costs (lib/ar.sh): its CPU time (user
# and system, in clock ticks) over its life in this run.
for f in "${RADVD_PIDS[@]}"; do
	pid=$(cat "$f" 2>/dev/null) || continue
	log "radvd $pid (an advertisement every 30-70 ms): $(awk -v t0="$RADVD_T0" \
		-v now="$(date +%s.%N)" -v hz="$(getconf CLK_TCK)" \
		'{ printf "%.2f%% of a CPU", ($14 + $15) / hz / (now - t0) * 100 }' \
		"/proc/$pid/stat")"
done

median()
{
	printf '%s\n' "$@" | sort -g | awk '
		{ v[NR] = $1 }
		END { printf "%.1f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
m_resumed=$(median "${resumed[@]}")
m_rtt=$(median "${rtts[@]}")
log "link-up to traffic resumed: median $m_resumed ms (rounds: ${resumed[*]})"
log "RTT(MN, map1): median $m_rtt ms (rounds: ${rtts[*]})"
check "bench: link-up to traffic to the RCoA resumed, median $m_resumed ms <= RTT(MN, MAP) $m_rtt ms + $GOAL_MS ms" \
	awk -v r="$m_resumed" -v t="$m_rtt" -v g=$GOAL_MS \
	'BEGIN { exit !(r > 0 && r <= t + g) }'
finish
