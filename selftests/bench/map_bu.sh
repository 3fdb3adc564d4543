#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# MAP registration benchmark (make bench). All rates are measured in one
# VM with one sender (selftests/tools/mhflood) against one receiver, and
# printed as ratios:
#
#   BU -> BA rate of the MAP / ICMPv6 echo -> reply rate     goal >= 0.8
#   BU -> BA rate with 1M bindings / with 1 binding          goal >= 0.95
#   memory per binding with 1M bindings                      goal <= 256 B
#
# and a profile (perf) of the BU and the echo floods, for what takes the
# time.
#
#   snd (mhflood) s0 2001:db8:200::2 ---- a0 2001:db8:200::1 map (hmip)
#                                            2001:db8:100::1 (MAP)
#   snd2, map2: the same again, a binding cache of its own (per netns)
#
# The 1M-binding ratio compares the two pairs side by side: map keeps one
# binding, map2 gets a million more, and BU floods to the two alternate,
# round after round; the median of the rounds' ratios is the result.
# Measured one after the other instead (1 binding, fill, 1M bindings),
# the reference rate itself moved by up to 9% between the two phases.
#
# timeout: 1800
# exclusive: a benchmark

. "$(dirname "$(readlink -f "$0")")/../lib.sh"
. "$SELFTESTS/lib/bench_fill.sh"

SND=2001:db8:200::2
MAP=2001:db8:100::1
RCOA=2001:db8:100::a
BASE=2001:db8:100::1:0
MANY=${BENCH_BINDINGS:-1000000}
WINDOW=4
# Rounds per ratio, each round two windows side by side: even under
# -icount the guest's own background work lands in one window or another.
ROUNDS=${BENCH_ROUNDS:-10}

# pair SND_NS MAP_NS: a sender and a MAP, the same in every pair
pair()
{
	ns_nodad "$1" "$2"
	veth_link "$1" s0 "$2" a0
	on "$1" ip -6 addr add $SND/64 dev s0
	on "$1" ip -6 route add 2001:db8:100::/64 via 2001:db8:200::1
	on "$2" ip -6 addr add 2001:db8:200::1/64 dev a0
	on "$2" ip -6 addr add $MAP/64 dev a0
	wait_for 10 on "$1" ping -6 -c1 -W1 $MAP
	on "$2" "$HMIP" config set err-ratelimit-ms 0
	on "$2" "$HMIP" map add $MAP dev a0 max-bindings $((MANY + 10)) \
		max-lifetime 262140 require-ipsec off
	# One binding to refresh: every BU in a flood is a valid refresh.
	MHFLOOD_SECONDS= on "$1" "$MHFLOOD" bu $SND $MAP $RCOA 1 refresh 1 \
		65535 >/dev/null
}

setup_ns snd map snd2 map2
pair "$snd" "$map"
pair "$snd2" "$map2"

# The counters are read in the MAP's namespace, $1 of each function.
echo_replies()
{
	on "$1" awk '$1 == "Icmp6OutEchoReplies" { print $2 }' /proc/net/snmp6
}

ba_count()
{
	counter "$1" mh_tx_ba
}

bindings()
{
	on "$1" "$HMIP" -j map show | jq '.[0].bindings'
}

# next_seq MAP_NS: the sequence number after the binding's, so that every
# BU of the next flood is a refresh
next_seq()
{
	local seq

	seq=$(on "$1" "$HMIP" -j binding show rcoa $RCOA | jq '.[0].seq')
	echo $(((seq + 1) & 0xffff))
}

# rate COUNTER SND_NS MAP_NS FLOOD-ARGS...: answers a second while the
# sender floods; measured over a window after a second of warm-up.
rate()
{
	local counter=$1 snd_ns=$2 map_ns=$3 c1 c2 t1 t2
	shift 3

	MHFLOOD_SECONDS=$((WINDOW + 3)) on "$snd_ns" "$MHFLOOD" "$@" >/dev/null &
	sleep 1.5
	c1=$($counter "$map_ns")
	t1=$(date +%s.%N)
	sleep $WINDOW
	c2=$($counter "$map_ns")
	t2=$(date +%s.%N)
	wait
	awk -v c1="$c1" -v c2="$c2" -v t1="$t1" -v t2="$t2" \
		'BEGIN { printf "%d\n", (c2 - c1) / (t2 - t1) + 0.5 }'
}

echo_rate()
{
	rate echo_replies "$1" "$2" echo $SND $MAP 1000000
}

bu_rate()
{
	rate ba_count "$1" "$2" bu $SND $MAP $RCOA 1000000 refresh \
		"$(next_seq "$2")" 65535
}

# bindings_are MAP_NS N: the MAP holds N bindings (polled by wait_for)
bindings_are()
{
	test "$(bindings "$1")" = "$2"
}
check "bench: the one binding exists" wait_for 5 bindings_are "$map" 1
check "bench: map2's one binding exists" wait_for 5 bindings_are "$map2" 1

echo_one()
{
	echo_rate "$snd" "$map"
}

bu_one()
{
	bu_rate "$snd" "$map"
}

bu_many()
{
	bu_rate "$snd2" "$map2"
}

# Echo and BU rates side by side (a single window measures whatever else
# the machine was doing).
r=$(bench_alternate "ICMPv6 echo -> reply" echo_one "BU -> BA (1 binding)" bu_one)
bench_goal "BU -> BA rate against the echo rate" "$r" 0.8
# Where the time goes, one window each, for the numbers above. The
# sequence number is found first: jq would take a sixth of the window.
profile_bu()
{
	rate ba_count "$snd" "$map" bu $SND $MAP $RCOA 1000000 refresh "$1" \
		65535
}
bench_profile "BU -> BA" profile_bu "$(next_seq "$map")"
bench_profile "ICMPv6 echo -> reply" echo_one

# map2's cache gets MANY bindings more, in passes until none is missing.
map=$map2 bench_fill "$snd2" $SND $MAP $BASE $MANY
n=$(($(bindings "$map2") - 1))

# Side by side: the refresh flood to map (1 binding) and to map2 (n + 1).
r=$(bench_alternate "BU -> BA with 1 binding" bu_one "with $n bindings" bu_many)
bench_goal "BU -> BA with $n bindings against 1 binding" "$r" 0.95

on "$map2" "$HMIP" binding flush
finish
