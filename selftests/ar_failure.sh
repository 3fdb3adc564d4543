#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# RFC 4140 section 10 on an access router: it watches its MAP with ICMPv6
# echo requests; when the MAP stops answering, the MAP option goes out
# with valid lifetime 0 until the MAP answers again.
#
#   +-----------------+      +-----------------------+      +-----------+
#   | map             |      | ar (radvd, hmip ar)   |      | mn        |
#   | x0 ...100::1/64 |------| y0 ...100::2/64       |      | (scapy)   |
#   +-----------------+      | w1 ...200::1/64       |------| m0        |
#                            +-----------------------+      +-----------+
#
# Short intervals here (probe 1 s, retry 0.5 s for 1.5 s): the defaults
# (10 s, then 5 s for 15 s) declare a MAP failed 25 to 35 s after it
# stops answering, and a failed MAP restored within 10 s of coming back.
#
# timeout: 900

. "$(dirname "$(readlink -f "$0")")/lib.sh"
. "$SELFTESTS/lib/peer.sh"
. "$SELFTESTS/lib/ar.sh"

require_cmd radvd

MAP=2001:db8:100::1

setup_ns map ar mn
ns_nodad "$map" "$ar" "$mn"
veth_link "$map" x0 "$ar" y0
veth_link "$ar" w1 "$mn" m0
on "$map" ip -6 addr add $MAP/64 dev x0
on "$ar" ip -6 addr add 2001:db8:100::2/64 dev y0
on "$ar" ip -6 addr add 2001:db8:200::1/64 dev w1
wait_for 30 on "$ar" ping -6 -c1 -W1 $MAP
peer_start "$mn"

stat() {
	counter "$ar" "$1"
}

stat_ge() {
	test "$(stat "$1")" -ge "$2"
}

state() {
	on "$ar" "$HMIP" -j ar show | jq -r '.[0].state // "off"'
}

state_is() {
	[[ $(state) == "$1" ]]
}

ra_lifetime_is() {
	ra_lines --iface m0 --expect 1 --wait 30 | tail -1 |
		count "r['csum_ok'] and [(m['addr'], m['lifetime']) for m in r['maps']] == [('$MAP', $1)]" |
		grep -qx 1
}

evfile=$(mktemp /tmp/hmip-ev.XXXXXX)
on_exit rm -f "$evfile"
monitor_start "$ar" "$evfile" -j

radvd_start "$ar" w1 2001:db8:200::/64
check "hmip ar add ... watch on with short intervals" \
	on "$ar" "$HMIP" ar add dev w1 map $MAP valid-lifetime 600 watch on \
	probe-interval 1000 retry-interval 500 retry-time 1500
check "the MAP answers: state ok" wait_for 30 state_is ok
check "echo replies are counted" wait_for 30 stat_ge ar_echo_rx 1
check "RAs carry the configured lifetime" wait_for 120 ra_lifetime_is 600

# The MAP stops answering.
on "$map" sysctl -qw net.ipv6.icmp.echo_ignore_all=1
check "rfc4140-10: a MAP that stops answering is declared failed" \
	wait_for 120 state_is failed
check "rfc4140-10: the RA carries the option with valid lifetime 0" \
	wait_for 120 ra_lifetime_is 0
check_eq "ar_map_failed counts it" 1 "$(stat ar_map_failed)"

# It answers again.
on "$map" sysctl -qw net.ipv6.icmp.echo_ignore_all=0
check "a MAP that answers again recovers" wait_for 120 state_is ok
check "the RA carries the configured lifetime again" \
	wait_for 120 ra_lifetime_is 600
check_eq "ar_map_recovered counts it" 1 "$(stat ar_map_recovered)"

events() {
	count "r.get('event') == '$1' and r.get('map') == '$MAP' and r.get('dev') == 'w1'" <"$evfile"
}
one_event() {
	test "$(events "$1")" = 1
}
check "monitor: ar-map-failed event" wait_for 30 one_event ar-map-failed
check "monitor: ar-map-recovered event" wait_for 30 one_event ar-map-recovered
check_eq "the failed event carries the state" 1 \
	"$(count "r.get('event') == 'ar-map-failed' and r.get('state') == 'failed'" <"$evfile")"

# Watching stops with "watch off"; the entry goes with traffic flowing.
check "hmip ar change watch off" \
	on "$ar" "$HMIP" ar change dev w1 map $MAP watch off
check_eq "no state without watching" off "$(state)"
check "watch on again" \
	on "$ar" "$HMIP" ar change dev w1 map $MAP watch on probe-interval 200
on "$mn" ping -6 -f -c 2000 -w 30 2001:db8:200::1 >/dev/null 2>&1 &
pingpid=$!
sleep 2
check "hmip ar del while watching, with traffic" \
	on "$ar" "$HMIP" ar del dev w1 map $MAP
check "watch entries again, left for the namespace's exit" \
	on "$ar" "$HMIP" ar add dev w1 map $MAP watch on probe-interval 200 \
	retry-interval 100 retry-time 0
wait $pingpid

finish
