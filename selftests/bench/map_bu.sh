#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# MAP registration benchmark (make bench). All rates are measured in one
# VM with one sender (selftests/tools/mhflood) against one receiver, and
# printed as ratios:
#
#   BU -> BA rate of the MAP / ICMPv6 echo -> reply rate     goal >= 0.5
#   BU -> BA rate with 1M bindings / with 1 binding          goal >= 0.95
#   memory per binding with 1M bindings                      goal <= 256 B
#
#   snd (mhflood) s0 2001:db8:200::2 ---- a0 2001:db8:200::1 map (hmip)
#                                            2001:db8:100::1 (MAP)
#
# timeout: 1800

. "$(dirname "$(readlink -f "$0")")/../lib.sh"
. "$TOP/selftests/lib/bench_fill.sh"

HMIPTEST=$TOP/selftests/lib/hmiptest.py
MHFLOOD=$TOP/selftests/tools/mhflood
SND=2001:db8:200::2
MAP=2001:db8:100::1
RCOA=2001:db8:100::a
BASE=2001:db8:100::1:0
MANY=${BENCH_BINDINGS:-1000000}
WINDOW=4

setup_ns snd map
ns_nodad "$snd" "$map"
veth_link "$snd" s0 "$map" a0
on "$snd" ip -6 addr add $SND/64 dev s0
on "$snd" ip -6 route add 2001:db8:100::/64 via 2001:db8:200::1
on "$map" ip -6 addr add 2001:db8:200::1/64 dev a0
on "$map" ip -6 addr add $MAP/64 dev a0
wait_for 10 on "$snd" ping -6 -c1 -W1 $MAP
on "$map" "$HMIP" config set err-ratelimit-ms 0
on "$map" "$HMIP" map add $MAP dev a0 max-bindings $((MANY + 10)) \
	max-lifetime 262140 require-ipsec off

stat()
{
	on "$map" "$HMIP" -j stats show | "$PY" "$HMIPTEST" get "$1"
}

echo_replies()
{
	on "$map" awk '$1 == "Icmp6OutEchoReplies" { print $2 }' /proc/net/snmp6
}

bindings()
{
	on "$map" "$HMIP" -j map show | "$PY" "$HMIPTEST" get 0.bindings
}

# rate COUNTER FLOOD-ARGS...: answers a second while the sender floods;
# measured over a window after a second of warm-up.
rate()
{
	local counter=$1 c1 c2 t1 t2
	shift

	MHFLOOD_SECONDS=$((WINDOW + 3)) on "$snd" "$MHFLOOD" "$@" >/dev/null &
	sleep 1.5
	c1=$($counter)
	t1=$(date +%s.%N)
	sleep $WINDOW
	c2=$($counter)
	t2=$(date +%s.%N)
	wait
	"$PY" -c "print(round(($c2 - $c1) / ($t2 - $t1)))"
}

ratio()
{
	"$PY" -c "print(round($1 / $2, 3))"
}

ba_count()
{
	stat mh_tx_ba
}

# One binding to refresh: every BU in the flood is a valid refresh.
MHFLOOD_SECONDS= on "$snd" "$MHFLOOD" bu $SND $MAP $RCOA 1 refresh 1 65535 >/dev/null
wait_for 5 test "$(bindings)" = 1

# next_seq: the sequence number after the binding's, so every BU counts
next_seq()
{
	local seq

	seq=$(on "$map" "$HMIP" -j binding show rcoa $RCOA | "$PY" "$HMIPTEST" get 0.seq)
	echo $(((seq + 1) & 0xffff))
}

# best_rates: echo and BU rates, alternating, best of three each (a
# single window measures whatever else the machine was doing)
best_rates()
{
	local e=0 b=0 r

	for _ in 1 2 3; do
		r=$(rate echo_replies echo $SND $MAP 1000000)
		((r > e)) && e=$r
		r=$(rate ba_count bu $SND $MAP $RCOA 1000000 refresh "$(next_seq)" 65535)
		((r > b)) && b=$r
	done
	echo "$e $b"
}

read -r echo_rate bu_rate < <(best_rates)
log "ICMPv6 echo -> reply: $echo_rate/s; BU -> BA (1 binding): $bu_rate/s"
r=$(ratio "$bu_rate" "$echo_rate")
log "ratio BU->BA / echo->reply: $r (goal >= 0.5)"
check "bench: BU -> BA rate is at least half the echo rate ($r)" \
	"$PY" -c "import sys; sys.exit(0 if $r >= 0.5 else 1)"

# Fill the cache with MANY bindings, in passes until none is missing.
bench_fill "$snd" $SND $MAP $BASE $MANY
n=$(($(bindings) - 1))

read -r echo_many bu_rate_many < <(best_rates)
r=$("$PY" -c "print(round(($bu_rate_many / $echo_many) / ($bu_rate / $echo_rate), 3))")
log "with $n bindings: echo -> reply $echo_many/s, BU -> BA $bu_rate_many/s"
log "BU -> BA with $n bindings against 1 binding, each against echo at the time: $r (goal >= 0.95)"
check "bench: lookups with $MANY bindings keep 0.95 of the 1-binding rate ($r)" \
	"$PY" -c "import sys; sys.exit(0 if $r >= 0.95 else 1)"

on "$map" "$HMIP" binding flush
finish
