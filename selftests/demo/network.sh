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
#    |                     +--- ar2  2001:db8:a2::/64 --- br2 --+
#    |                                                          |
#    +------------ map2 ------- ar3  2001:db8:a3::/64 --- br3 --+-- m0  mn
#    |             MAP 2001:db8:200::1                          |   home address
#    +------------ ha (home agent 2001:db8:1::1) --- h1 -- br4 -+   2001:db8:1::100
#                  home link 2001:db8:1::/64
#
# radvd runs unchanged on ar1, ar2 and ar3; hmip adds a MAP option to
# their advertisements: map1's on ar1 and ar2 (one MAP domain), map2's on
# ar3. The bridges br1 to br4 are the radio cells, in a namespace of
# their own ("air"); the mobile node's port is on one of them at a time.
# The node has a home address; the correspondent sends to it. The node
# starts on br1 (it registers its RCoA with map1, then the RCoA with its
# home agent), moves to br2 (inside map1's domain: only map1 hears of
# it, the home agent nothing), then to br3 (into map2's domain: a new
# RCoA with map2, one Binding Update to the home agent, and map1 forwards
# to the new LCoA meanwhile, RFC 4140 section 8), then home to br4 (it
# deregisters and uses its home link directly). The MAPs are routed
# (their prefixes lead to them). Binding Updates and Acknowledgements go
# under ESP (require-ipsec on, the default), with SAs that strongSwan's
# charon negotiates with IKEv2 between the node and each MAP and the home
# agent (Documentation/security.rst's configuration; PSKs in this lab).
#
# timeout: 900

. "$(dirname "$(readlink -f "$0")")/../lib.sh"
. "$SELFTESTS/lib/ar.sh"
. "$SELFTESTS/lib/peer.sh"
. "$SELFTESTS/lib/mn_net.sh"
. "$SELFTESTS/lib/ike.sh"

require_cmd radvd gnuplot swanctl "$CHARON"

# Built in on the debug kernel, modules on Debian's.
modprobe -q -a esp6 xfrm_user 2>/dev/null

XFER=$SELFTESTS/lib/xfer.py
RATE=50			# UDP datagrams a second, correspondent to mobile node
COUNT=500		# 10 s of them across each move
HOA=2001:db8:1::100	# the mobile node's home address
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
mn_net_ha_setup
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

for node in mn map1 map2 ha; do
	ip netns exec "${!node}" "$HMIP" monitor > >(stamp $node >>"$EVENTS") &
	wait_for 60 monitor_listens $node
done

# events_since T WHAT: what the monitors printed since T ($EPOCHREALTIME,
# when WHAT happened), with the time since T
events_since()
{
	log "what hmip monitor printed on mn, map1, map2 and ha (ms since $2):"
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

# home_is STATE [COA]: the node's home registration is in STATE (with
# care-of address COA)
home_is()
{
	[[ $(mn_json 2>/dev/null | jq -r '.[0].home_registration |
		"\(.state) \(.coa // "")"') == "$1 ${2:-}"* ]]
}

# home_bus: the Binding Updates the home agent received
home_bus()
{
	counter "$ha" mh_rx_bu
}

# map1_follows: map1 binds the first RCoA to the node's LCoA
map1_follows()
{
	[[ $(binding_lcoa map1 "$RCOA") == "$(mn_get "m['lcoa']")" ]]
}

say "The network: two MAPs, three access routers, a home agent, a correspondent (cn)"
log "$(sed -n '/^# *MAP 2001:db8:100::1$/,/^# *home link 2001:db8:1::\/64$/s/^#//p' "$0")"
log ""
run map1 hmip map add $MAP1 dev c0 mode routed
run map2 hmip map add $MAP2 dev c0 mode routed
run map1 hmip map show
run ha hmip ha add $HA dev h1
run ha hmip ha show
run ar1 hmip ar add dev d0 map $MAP1
run ar2 hmip ar add dev d0 map $MAP1
run ar3 hmip ar add dev d0 map $MAP2
run ar1 hmip ar show
log "(radvd advertises 2001:db8:a1::/64 from ar1, a2 from ar2, a3 from ar3;"
log " hmip adds the MAP option to each advertisement that leaves d0)"

# ------------------------------------------------------ the mobile node

say "IKEv2 (strongSwan's charon): the node and each MAP and the home agent"
log "One connection per peer, each with a CHILD_SA for the Mobility Header"
log "in transport proxy mode: its SAs name the RCoA (the home address for"
log "the home agent), the IKE packets leave from the LCoA; MOBIKE moves the"
log "IKE SAs with the node (Documentation/security.rst)."
# The RCoAs: each MAP's prefix with the node's interface identifier.
RCOA1=2001:db8:100::ff:fe00:a
RCOA2=2001:db8:200::ff:fe00:a
PSK=0sAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=
for node in map1 map2 ha; do
	charon_anchor "${!node}" $node
done
charon_node "$mn" mn m0
ike_load map1 "$(ike_mh_conf mn "local_addrs = $MAP1" map1.hmip.test \
	mn.hmip.test $MAP1/128 $RCOA1/128 $PSK)"
ike_load map2 "$(ike_mh_conf mn "local_addrs = $MAP2" map2.hmip.test \
	mn.hmip.test $MAP2/128 $RCOA2/128 $PSK)"
ike_load ha "$(ike_mh_conf mn "local_addrs = $HA" ha.hmip.test \
	mn.hmip.test $HA/128 $HOA/128 $PSK)"
ike_load mn "$(ike_mh_conf map1 "remote_addrs = $MAP1" mn.hmip.test \
	map1.hmip.test $RCOA1/128 $MAP1/128 $PSK)
$(ike_mh_conf map2 "remote_addrs = $MAP2" mn.hmip.test \
	map2.hmip.test $RCOA2/128 $MAP2/128 $PSK)
$(ike_mh_conf ha "remote_addrs = $HA" mn.hmip.test \
	ha.hmip.test $HOA/128 $HA/128 $PSK)"
has_lcoa()
{
	on "$mn" ip -6 -o addr show dev m0 scope global | grep -q 2001:db8:a1:
}
wait_for 30 has_lcoa
for peer in map1 map2 ha; do
	check "IKEv2: the node negotiates its CHILD_SA with $peer" \
		swanctl_in mn --initiate --ike $peer --child mh --timeout 60
done
log "mn\$ swanctl --list-sas"
log "$(swanctl_in mn --list-sas | sed 's/^/    /')"

say "The mobile node, on ar1's link"
t0=$EPOCHREALTIME
run mn hmip mn add dev m0 home $HOA/64 ha $HA
check "the mobile node registers with map1 from ar1's link" \
	wait_for 90 registered_with $MAP1 2001:db8:a1:
RCOA=$(mn_get "cur['rcoa']")
check "then its home address with the home agent, through the RCoA" \
	wait_for 60 home_is registered "$RCOA"
sleep 0.5
events_since "$t0" "hmip mn add"
run mn hmip mn show
run mn ip -6 -br addr show
run map1 hmip binding show
run ha hmip binding show
check "the correspondent reaches the home address (the home agent tunnels to the RCoA, map1 to the LCoA)" \
	on "$cn" ping -6 -c2 -i0.3 -W5 $HOA

# --------------------------------------------------------------- moves

MOVES=()

# udp_above N: the stream of this move delivered more than N datagrams
udp_above()
{
	[[ -e $TMP/udp-$MOVE_N.dat ]] &&
		(($(wc -l <"$TMP/udp-$MOVE_N.dat") > $1))
}

# traffic_start ADDRESS: the correspondent sends $COUNT UDP datagrams at
# $RATE a second to ADDRESS, and pings it five times a second; returns
# once they come through.
traffic_start()
{
	log "cn sends $RATE UDP datagrams a second to $1 and pings it"
	rm -f "$TMP/udp" "$TMP/ping"
	MOVE_N=$((${MOVE_N:-0} + 1))
	ip netns exec "$mn" "$PY" "$XFER" udp-recv --addr "$1" --port 7000 \
		--count $COUNT --timeout 12 --log "$TMP/udp-$MOVE_N.dat" \
		>"$TMP/udp" &
	udp_recv=$!
	wait_for 60 grep -q ready "$TMP/udp"
	ip netns exec "$cn" "$PY" "$XFER" udp-send --addr "$1" --port 7000 \
		--count $COUNT --rate $RATE &
	udp_send=$!
	ip netns exec "$cn" ping -6 -i 0.2 "$1" >"$TMP/ping" 2>&1 &
	pinger=$!
	# a second of the stream
	wait_for 60 udp_above $RATE
}

# move_to N NAME: the mobile node leaves its cell for brN, NAME's. ip -n rather than
# on(): one process less per step, a shorter gap between the two links.
move_to()
{
	log "mn\$ ip link set m0 down; (its port to br$1); ip link set m0 up"
	T0=$EPOCHREALTIME
	ip -n "$mn" link set m0 down
	ip -n "$air" link set pm master br$1
	ip -n "$mn" link set m0 up
	# in the timeline
	echo "$EPOCHREALTIME mn (m0 up again, now in $2's cell)" >>"$EVENTS"
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
	local lost ms sent answered bus

	wait $udp_send
	wait $udp_recv
	kill -INT $pinger
	wait $pinger
	sleep 0.5
	events_since "$(first_mn_event "$T0")" "the node lost its link"
	UDP_GOT=$(tail -n1 "$TMP/udp")
	lost=$((COUNT - UDP_GOT))
	bus=$(($(home_bus) - HOME_BUS))
	read -r sent answered < <(awk '/packets transmitted/ { print $1, $4 }' "$TMP/ping")
	if [[ $2 == home ]]; then
		ms=-
		log "handover: the node deregistered from its home link (no MAP there)."
	else
		ms=$(mn_get "m['handover_ms']")
		log "handover: $ms ms, by the node's count (hmip mn show: from the loss of the old"
		log "  LCoA to the acknowledgment of the new one). The new LCoA comes with $2's"
		log "  router advertisement."
	fi
	log "the home agent received $bus Binding Update(s) for this move"
	log "UDP: $lost of $COUNT datagrams lost, $((lost * 1000 / RATE)) ms of the stream"
	log "ping: $((sent - answered)) of $sent lost"
	log "$(grep -E 'packets transmitted|^rtt' "$TMP/ping" | sed 's/^/    /')"
	MOVES+=("$(printf '%-26s %7s ms   %-18s %-9s %s' "$1" "$ms" \
		"$lost/$COUNT ($((lost * 1000 / RATE)) ms)" "$((sent - answered))/$sent" "$bus")")
	plot "$1"
}

say "Move 1: ar1 -> ar2, inside map1's domain"
HOME_BUS=$(home_bus)
traffic_start $HOA
move_to 2 ar2
check "ar1 -> ar2: registered with map1 again, from ar2's link" \
	wait_for 60 registered_with $MAP1 2001:db8:a2:
check_eq "ar1 -> ar2: the RCoA did not change" "$RCOA" "$(mn_get "cur['rcoa']")"
report "ar1 -> ar2 (map1)" ar2
check "ar1 -> ar2: the UDP stream to the home address goes on" \
	test "$UDP_GOT" -gt $((COUNT / 2))
run mn hmip mn show
run map1 hmip binding show
run map2 hmip binding show
run ha hmip binding show
check_eq "ar1 -> ar2: map1 binds the RCoA to the new LCoA" \
	"$(mn_get "m['lcoa']")" "$(binding_lcoa map1 "$RCOA")"
check "ar1 -> ar2: map2 heard nothing of it" \
	test -z "$(on "$map2" "$HMIP" binding show)"
check_eq "ar1 -> ar2: rfc4140-1: the home agent heard nothing of it (no Binding Update)" \
	"$HOME_BUS" "$(home_bus)"
check "ar1 -> ar2: the correspondent reaches the home address" \
	on "$cn" ping -6 -c2 -i0.3 -W5 $HOA

say "Move 2: ar2 -> ar3, into map2's domain"
log "A new RCoA: the home agent is told; map1 forwards to the new LCoA meanwhile."
HOME_BUS=$(home_bus)
traffic_start $HOA
move_to 3 ar3
check "ar2 -> ar3: registered with map2, from ar3's link" \
	wait_for 60 registered_with $MAP2 2001:db8:a3:
RCOA2=$(mn_get "cur['rcoa']")
check "ar2 -> ar3: a new RCoA, on map2's prefix" \
	grep -q "^2001:db8:200:" <<<"$RCOA2"
check "ar2 -> ar3: map1 is told the new LCoA (RFC 4140 section 8)" \
	wait_for 30 map1_follows
check "ar2 -> ar3: the home agent binds the home address to the new RCoA" \
	wait_for 60 home_is registered "$RCOA2"
report "ar2 -> ar3 (map1 to map2)" ar3
check "ar2 -> ar3: the stream to the home address goes on" \
	test "$UDP_GOT" -gt $((COUNT / 2))
check_eq "ar2 -> ar3: one Binding Update to the home agent" \
	$((HOME_BUS + 1)) "$(home_bus)"
run mn hmip mn show
run mn ip -6 -br addr show dev hmipmn0
run map1 hmip binding show
run map2 hmip binding show
run ha hmip binding show
check "ar2 -> ar3: the correspondent reaches the home address through map2" \
	on "$cn" ping -6 -c2 -i0.3 -W5 $HOA
check "ar2 -> ar3: the mobile node reaches the correspondent from its home address" \
	on "$mn" ping -6 -c2 -i0.3 -W5 -I $HOA $CN

say "Move 3: ar3 -> the home link"
log "The home agent's link advertises the home prefix (radvd, nothing else):"
log "the node is at home, deregisters, and takes its home address on m0."
radvd_start "$ha" h1 2001:db8:1::/64 2>>"$TMP/radvd.log"
HOME_BUS=$(home_bus)
DEREG=$(counter "$ha" ha_bu_deregistered)
traffic_start $HOA
move_to 4 "the home link"
check "home: the node deregisters (RFC 6275 section 11.5.4)" \
	wait_for 60 home_is home
report "ar3 -> home" home
check "home: the stream to the home address goes on" \
	test "$UDP_GOT" -gt $((COUNT / 2))
run mn hmip mn show
run mn ip -6 -br addr show dev m0
run ha hmip binding show
check_eq "home: the home agent deregistered the binding (RFC 6275 section 10.3.2)" \
	$((DEREG + 1)) "$(counter "$ha" ha_bu_deregistered)"
check "home: the correspondent reaches the home address on the home link" \
	on "$cn" ping -6 -c2 -i0.3 -W5 $HOA

# --------------------------------------------------------------- summary

say "Summary: $RATE UDP datagrams and 5 pings a second from cn to the home address"
log "$(printf '  %-26s %10s   %-18s %-9s %s' move handover "UDP lost" "ping lost" "home BUs")"
for line in "${MOVES[@]}"; do
	log "  $line"
done
for node in mn map1 map2 ha; do
	log ""
	log "the counters that moved on $node:"
	log "$(on "${!node}" "$HMIP" stats show | awk '$2 != 0 { print "    " $0 }')"
done
finish
