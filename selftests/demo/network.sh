#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The demonstration network (make demo): hmip's mobile node moves between
# access routers while a correspondent sends to it, and the log tells what
# happened: the bindings, the events, the packets lost and the time each
# handover took. For each move it draws the UDP stream's sequence numbers
# against time with the events marked (gnuplot, PNG and SVG), in the
# test's log directory (logs/stock/tests/demo-move-N.*), and names the
# files in its output.
#
#                  MAP 2001:db8:100::1
#   cn ----------- map1 ---+--- ar1  2001:db8:a1::/64 --- br1 --+
#   2001:db8:c::2          |                                    |
#    |                     +--- ar2  2001:db8:a2::/64 --- br2 --+-- m0  mn
#    |                                                          |
#    +------------ map2 ------- ar3  2001:db8:a3::/64 --- br3 --+
#                  MAP 2001:db8:200::1
#
# radvd runs unchanged on ar1, ar2 and ar3; hmip adds a MAP option to
# their advertisements: map1's on ar1 and ar2 (one MAP domain), map2's on
# ar3. The bridges br1, br2 and br3 are the access routers' radio cells,
# in a namespace of their own ("air"); the mobile node's port is on one
# of them at a time. It starts on br1, moves to br2 (inside map1's
# domain: only map1 hears of it), then to br3 (into map2's domain: a new
# RCoA with map2, and map1 forwards to the new LCoA meanwhile, RFC 4140
# section 8). The MAPs are routed (their prefixes lead to them) and take
# Binding Updates without IPsec: a lab without keys.
#
# timeout: 900

. "$(dirname "$(readlink -f "$0")")/../lib.sh"
. "$SELFTESTS/lib/ar.sh"
. "$SELFTESTS/lib/peer.sh"
. "$SELFTESTS/lib/mn_net.sh"

require_cmd radvd gnuplot

XFER=$SELFTESTS/lib/xfer.py
RATE=50			# UDP datagrams a second, correspondent to mobile node
COUNT=500		# 10 s of them across each move
TMP=$(mktemp -d /tmp/hmip-demo.XXXXXX)
EVENTS=$TMP/events
on_exit rm -rf "$TMP"

say()
{
	log ""
	log "=== $*"
}

# run NODE CMD...: print "NODE$ CMD..." and what CMD prints, run in NODE's
# namespace ("hmip" is the tool of this checkout)
run()
{
	local node=$1 cmd=("${@:2}") out rc

	log "$node\$ ${cmd[*]}"
	[[ ${cmd[0]} == hmip ]] && cmd[0]=$HMIP
	out=$(on "${!node}" "${cmd[@]}" 2>&1)
	rc=$?
	[[ -n $out ]] && log "$(sed 's/^/    /; s/ *$//' <<<"$out")"
	return $rc
}

# ------------------------------------------------------------ the network

# A readable interface identifier: LCoAs and RCoAs end in ::ff:fe00:a.
mn_net_setup 02:00:00:00:00:0a
# The helpers that read the mobile node's state evaluate in a peer.
peer_start "$cn" --lazy
for i in 1 2 3; do
	ns=ar$i
	# radvd's log in a file, not in the demo's
	radvd_start "${!ns}" d0 2001:db8:a$i::/64 2>>"$TMP/radvd.log"
done

# hmip monitor on the mobile node and on both MAPs, each line stamped with
# the time it was printed, into one file. Started with ip netns exec
# itself, so that $! (killed at exit) is the monitor.
stamp()
{
	local line

	while IFS= read -r line; do
		echo "$EPOCHREALTIME $1 $line"
	done
}

monitor_listens()
{
	# a settings change (to the value it has) is an event of its own
	on "${!1}" "$HMIP" config set err-ratelimit-burst 10
	sleep 0.2
	grep -q " $1 config-changed" "$EVENTS"
}

for node in mn map1 map2; do
	ip netns exec "${!node}" "$HMIP" monitor > >(stamp $node >>"$EVENTS") &
	wait_for 60 monitor_listens $node
done

# events_since T WHAT: what the monitors printed since T ($EPOCHREALTIME,
# when WHAT happened), with the time since T
events_since()
{
	log "what hmip monitor printed on mn, map1 and map2 (ms since $2):"
	log "$(sort -n "$EVENTS" | awk -v t0="$1" '
		$1 >= t0 && $3 != "config-changed" {
			t = ($1 - t0) * 1000; node = $2
			$1 = $2 = ""
			printf "  %6.0f  %-5s %s\n", t, node, substr($0, 3)
		}')"
}

# first_mn_event T: the time of the node's first event since T
first_mn_event()
{
	sort -n "$EVENTS" | awk -v t0="$1" '$1 >= t0 && $3 ~ /^mn-/ { print $1; exit }'
}


# binding_lcoa NODE RCOA: the LCoA the MAP on NODE binds RCOA to
binding_lcoa()
{
	on "${!1}" "$HMIP" -j binding show rcoa "$2" 2>/dev/null |
		jq -r '.[0].lcoa // empty'
}

# map1_follows: map1 binds the first RCoA to the node's LCoA
map1_follows()
{
	[[ $(binding_lcoa map1 "$RCOA") == "$(mn_get "m['lcoa']")" ]]
}

say "The network: two MAPs, three access routers, a correspondent (cn)"
log "$(sed -n '/^# *MAP 2001:db8:100::1$/,/^# *MAP 2001:db8:200::1$/s/^#//p' "$0")"
log ""
run map1 hmip map add $MAP1 dev c0 mode routed require-ipsec off
run map2 hmip map add $MAP2 dev c0 mode routed require-ipsec off
run map1 hmip map show
run ar1 hmip ar add dev d0 map $MAP1
run ar2 hmip ar add dev d0 map $MAP1
run ar3 hmip ar add dev d0 map $MAP2
run ar1 hmip ar show
log "(radvd advertises 2001:db8:a1::/64 from ar1, a2 from ar2, a3 from ar3;"
log " hmip adds the MAP option to each advertisement that leaves d0)"

# ------------------------------------------------------ the mobile node

say "The mobile node, on ar1's link"
log "require-ipsec off: this lab has no IPsec keys. A real mobile node and"
log "its MAPs protect Binding Updates with ESP (Documentation/security.rst)."
t0=$EPOCHREALTIME
run mn hmip mn add dev m0 require-ipsec off
check "the mobile node registers with map1 from ar1's link" \
	wait_for 90 registered_with $MAP1 2001:db8:a1:
sleep 0.5
events_since "$t0" "hmip mn add"
RCOA=$(mn_get "cur['rcoa']")
run mn hmip mn show
run mn ip -6 -br addr show
run map1 hmip binding show
check "the correspondent reaches the RCoA (map1 tunnels to the LCoA)" \
	on "$cn" ping -6 -c2 -i0.3 -W5 "$RCOA"

# --------------------------------------------------------------- moves

MOVES=()

rx_packets()
{
	on "$mn" cat /sys/class/net/hmipmn0/statistics/rx_packets
}

rx_above()
{
	(($(rx_packets) > $1))
}

# traffic_start ADDRESS: the correspondent sends $COUNT UDP datagrams at
# $RATE a second to ADDRESS, and pings it five times a second; returns
# once they come through.
traffic_start()
{
	local base

	log "cn sends $RATE UDP datagrams a second to $1 and pings it"
	rm -f "$TMP/udp" "$TMP/ping"
	MOVE_N=$((${MOVE_N:-0} + 1))
	ip netns exec "$mn" "$PY" "$XFER" udp-recv --addr "$1" --port 7000 \
		--count $COUNT --timeout 12 --log "$TMP/udp-$MOVE_N.dat" \
		>"$TMP/udp" &
	udp_recv=$!
	wait_for 60 grep -q ready "$TMP/udp"
	base=$(rx_packets)
	ip netns exec "$cn" "$PY" "$XFER" udp-send --addr "$1" --port 7000 \
		--count $COUNT --rate $RATE &
	udp_send=$!
	ip netns exec "$cn" ping -6 -i 0.2 "$1" >"$TMP/ping" 2>&1 &
	pinger=$!
	# a second of the stream through the tunnel
	wait_for 60 rx_above $((base + RATE))
}

# move_to N: the mobile node leaves its cell for arN's. ip -n rather than
# on(): one process less per step, a shorter gap between the two links.
move_to()
{
	log "mn\$ ip link set m0 down; (its port to br$1); ip link set m0 up"
	T0=$EPOCHREALTIME
	ip -n "$mn" link set m0 down
	ip -n "$air" link set pm master br$1
	ip -n "$mn" link set m0 up
	# in the timeline
	echo "$EPOCHREALTIME mn (m0 up again, now in ar$1's cell)" >>"$EVENTS"
}

# plot NAME: the picture of the last move: each datagram's sequence number
# against the seconds since the link went down, the timeline's events as
# labelled vertical lines; PNG and SVG where the test's logs go
PICTURES=${HMIP_LOG_DIR:-$TMP}
plot()
{
	local dat=$TMP/udp-$MOVE_N.dat out=$PICTURES/demo-move-$MOVE_N
	local gp=$TMP/move-$MOVE_N.gp t label

	{
		echo "set title '$1: UDP at $RATE/s from cn, as the mobile node received it'"
		echo "set xlabel 'seconds since the link went down'"
		echo "set ylabel 'UDP sequence number'"
		echo "set key bottom right"
		echo "set grid"
		# Each event of the window: a line, its text beside it.
		while read -r t label; do
			echo "set arrow from $t, graph 0 to $t, graph 1 nohead lc rgb 'red'"
			echo "set label \"${label//\"/}\" at $t, graph 0.98 rotate by -90 font ',7' tc rgb 'red'"
		done < <(awk -v t0="$T0" '{ t = $1 - t0; if (t > -2 && t < 12) {
			$1 = ""; sub(/^ /, ""); printf "%.3f %s\n", t, $0 } }' "$EVENTS")
		echo "plot '$dat' using (\$1 - $T0):2 with points pt 7 ps 0.3 lc rgb 'blue' title 'datagram received'"
	} >"$gp"
	for t in png svg; do
		case $t in
		png) echo "set terminal pngcairo size 1200,700" ;;
		svg) echo "set terminal svg size 1200,700" ;;
		esac | cat - "$gp" | sed "1a set output '$out.$t'" | gnuplot 2>>"$TMP/gnuplot.log"
	done
	check "$1: the picture of the move is drawn (PNG and SVG)" \
		test -s "$out.png" -a -s "$out.svg"
	log "picture: ${out#"${HMIP_LOG_DIR:-}"/}.png and .svg, under logs/stock/tests/"
}

# report NAME ROUTER: once the stream has ended, what the move to ROUTER's
# link cost; a line for NAME in the summary. UDP_GOT: the datagrams that
# arrived.
report()
{
	local lost ms sent answered

	wait $udp_send
	wait $udp_recv
	kill -INT $pinger
	wait $pinger
	sleep 0.5
	events_since "$(first_mn_event "$T0")" "the node lost its link"
	UDP_GOT=$(tail -n1 "$TMP/udp")
	lost=$((COUNT - UDP_GOT))
	ms=$(mn_get "m['handover_ms']")
	read -r sent answered < <(awk '/packets transmitted/ { print $1, $4 }' "$TMP/ping")
	log "handover: $ms ms, by the node's count (hmip mn show: from the loss of the old"
	log "  LCoA to the acknowledgment of the new one). The new LCoA comes with $2's"
	log "  router advertisement; radvd answers a solicitation at most every 3 s."
	log "UDP: $lost of $COUNT datagrams lost, $((lost * 1000 / RATE)) ms of the stream"
	log "ping: $((sent - answered)) of $sent lost"
	log "$(grep -E 'packets transmitted|^rtt' "$TMP/ping" | sed 's/^/    /')"
	MOVES+=("$(printf '%-26s %7s ms   %-18s %s' "$1" "$ms" \
		"$lost/$COUNT ($((lost * 1000 / RATE)) ms)" "$((sent - answered))/$sent")")
	plot "$1"
}

say "Move 1: ar1 -> ar2, inside map1's domain"
traffic_start "$RCOA"
move_to 2
check "ar1 -> ar2: registered with map1 again, from ar2's link" \
	wait_for 60 registered_with $MAP1 2001:db8:a2:
check_eq "ar1 -> ar2: the RCoA did not change" "$RCOA" "$(mn_get "cur['rcoa']")"
report "ar1 -> ar2 (map1)" ar2
check "ar1 -> ar2: the UDP stream to the RCoA goes on" \
	test "$UDP_GOT" -gt $((COUNT / 2))
run mn hmip mn show
run map1 hmip binding show
run map2 hmip binding show
check_eq "ar1 -> ar2: map1 binds the RCoA to the new LCoA" \
	"$(mn_get "m['lcoa']")" "$(binding_lcoa map1 "$RCOA")"
check "ar1 -> ar2: map2 heard nothing of it" \
	test -z "$(on "$map2" "$HMIP" binding show)"
check "ar1 -> ar2: the correspondent reaches the RCoA" \
	on "$cn" ping -6 -c2 -i0.3 -W5 "$RCOA"

say "Move 2: ar2 -> ar3, into map2's domain"
log "The correspondent keeps sending to the RCoA it knows, map1's."
traffic_start "$RCOA"
move_to 3
check "ar2 -> ar3: registered with map2, from ar3's link" \
	wait_for 60 registered_with $MAP2 2001:db8:a3:
RCOA2=$(mn_get "cur['rcoa']")
check "ar2 -> ar3: a new RCoA, on map2's prefix" \
	grep -q "^2001:db8:200:" <<<"$RCOA2"
check "ar2 -> ar3: map1 is told the new LCoA (RFC 4140 section 8)" \
	wait_for 30 map1_follows
report "ar2 -> ar3 (map1 to map2)" ar3
check "ar2 -> ar3: the stream to the old RCoA goes on, map1 forwards it" \
	test "$UDP_GOT" -gt $((COUNT / 2))
run mn hmip mn show
run mn ip -6 -br addr show dev hmipmn0
run map1 hmip binding show
run map2 hmip binding show
check "ar2 -> ar3: the correspondent reaches the new RCoA through map2" \
	on "$cn" ping -6 -c2 -i0.3 -W5 "$RCOA2"
check "ar2 -> ar3: the mobile node reaches the correspondent from the new RCoA" \
	on "$mn" ping -6 -c2 -i0.3 -W5 -I "$RCOA2" $CN

# --------------------------------------------------------------- summary

say "Summary: $RATE UDP datagrams and 5 pings a second from cn to the first RCoA"
log "$(printf '  %-26s %10s   %-18s %s' move handover "UDP lost" "ping lost")"
for line in "${MOVES[@]}"; do
	log "  $line"
done
for node in mn map1 map2; do
	log ""
	log "the counters that moved on $node:"
	log "$(on "${!node}" "$HMIP" stats show | awk '$2 != 0 { print "    " $0 }')"
done
finish
