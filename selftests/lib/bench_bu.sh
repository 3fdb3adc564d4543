# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# The registration benchmark of an anchor (bench/map_bu.sh for the MAP,
# bench/ha_bu.sh for the home agent). All rates are measured in one VM
# with one sender (selftests/tools/mhflood) against one receiver, and
# printed as ratios:
#
#   BU -> BA rate of the anchor / ICMPv6 echo -> reply rate
#   BU -> BA rate with 1M bindings / with 1 binding          goal >= 0.95
#   memory per binding with 1M bindings                      goal <= 256 B
#
# and a profile (perf) of the BU and the echo floods, for what takes the
# time.
#
#   snd (mhflood) s0 2001:db8:200::2 ---- a0 2001:db8:200::1 anchor (hmip)
#                                            $ANCHOR
#   snd2, anc2: the same again, a binding cache of its own (per netns)
#
# The 1M-binding ratio compares the two pairs side by side: anc keeps one
# binding, anc2 gets a million more, and BU floods to the two alternate,
# round after round; the median of the rounds' ratios is the result.
# Measured one after the other instead (1 binding, fill, 1M bindings),
# the reference rate itself moved by up to 9% between the two phases.
#
# Source after lib.sh and lib/bench_fill.sh, set BENCH_ROLE (map or ha),
# ANCHOR (its address), HAO (the RCoA or home address its BUs register),
# BASE (the first of the million), FLOOD (mhflood's bu or hbu) and
# ANCHOR_PREFIX (the prefix ANCHOR is in, on a0), then call
#
#   bench_bu_run ECHO-GOAL

SND=2001:db8:200::2
MANY=${BENCH_BINDINGS:-1000000}
WINDOW=4
# Rounds per ratio, each round two windows side by side: even under
# -icount the guest's own background work lands in one window or another.
ROUNDS=${BENCH_ROUNDS:-10}

# bench_pair SND_NS ANCHOR_NS: a sender and an anchor, the same in every
# pair
bench_pair()
{
	ns_nodad "$1" "$2"
	veth_link "$1" s0 "$2" a0
	on "$1" ip -6 addr add $SND/64 dev s0
	on "$1" ip -6 route add "$ANCHOR_PREFIX" via 2001:db8:200::1
	on "$2" ip -6 addr add 2001:db8:200::1/64 dev a0
	on "$2" ip -6 addr add "$ANCHOR/64" dev a0
	wait_for 10 on "$1" ping -6 -c1 -W1 "$ANCHOR"
	on "$2" "$HMIP" config set err-ratelimit-ms 0
	on "$2" "$HMIP" "$BENCH_ROLE" add "$ANCHOR" dev a0 \
		max-bindings $((MANY + 10)) max-lifetime 262140 \
		require-ipsec off
	# One binding to refresh: every BU in a flood is a valid refresh.
	MHFLOOD_SECONDS= on "$1" "$MHFLOOD" "$FLOOD" $SND "$ANCHOR" "$HAO" 1 \
		refresh 1 65535 >/dev/null
}

# The counters are read in the anchor's namespace, $1 of each function.
bench_echo_replies()
{
	on "$1" awk '$1 == "Icmp6OutEchoReplies" { print $2 }' /proc/net/snmp6
}

bench_ba_count()
{
	counter "$1" mh_tx_ba
}

bench_nbindings()
{
	on "$1" "$HMIP" -j "$BENCH_ROLE" show | jq '.[0].bindings'
}

# bench_next_seq ANCHOR_NS: the sequence number after the binding's, so
# that every BU of the next flood is a refresh
bench_next_seq()
{
	local seq

	seq=$(on "$1" "$HMIP" -j binding show rcoa "$HAO" | jq '.[0].seq')
	echo $(((seq + 1) & 0xffff))
}

# bench_rate COUNTER SND_NS ANCHOR_NS FLOOD-ARGS...: answers a second
# while the sender floods; measured over a window after a second and a
# half of warm-up.
bench_rate()
{
	local counter=$1 snd_ns=$2 anc_ns=$3 c1 c2 t1 t2
	shift 3

	MHFLOOD_SECONDS=$((WINDOW + 3)) on "$snd_ns" "$MHFLOOD" "$@" >/dev/null &
	sleep 1.5
	c1=$($counter "$anc_ns")
	t1=$(date +%s.%N)
	sleep $WINDOW
	c2=$($counter "$anc_ns")
	t2=$(date +%s.%N)
	wait
	awk -v c1="$c1" -v c2="$c2" -v t1="$t1" -v t2="$t2" \
		'BEGIN { printf "%d\n", (c2 - c1) / (t2 - t1) + 0.5 }'
}

# bench_bu_rate SND_NS ANCHOR_NS [SEQ]
bench_bu_rate()
{
	bench_rate bench_ba_count "$1" "$2" "$FLOOD" $SND "$ANCHOR" "$HAO" \
		1000000 refresh "${3:-$(bench_next_seq "$2")}" 65535
}

# bench_bindings_are ANCHOR_NS N: the anchor holds N bindings (polled)
bench_bindings_are()
{
	test "$(bench_nbindings "$1")" = "$2"
}

bench_echo_one()
{
	bench_rate bench_echo_replies "$snd" "$anc" echo $SND "$ANCHOR" 1000000
}

bench_bu_one()
{
	bench_bu_rate "$snd" "$anc"
}

bench_bu_many()
{
	bench_bu_rate "$snd2" "$anc2"
}

bench_bu_run()
{
	local r n who=$BENCH_ROLE

	[[ $who == ha ]] && who="home agent"
	setup_ns snd anc snd2 anc2
	bench_pair "$snd" "$anc"
	bench_pair "$snd2" "$anc2"
	check "bench: the one binding exists" \
		wait_for 5 bench_bindings_are "$anc" 1
	check "bench: the second $who's one binding exists" \
		wait_for 5 bench_bindings_are "$anc2" 1

	# Echo and BU rates side by side (a single window measures whatever
	# else the machine was doing).
	r=$(bench_alternate "ICMPv6 echo -> reply" bench_echo_one \
		"BU -> BA (1 binding)" bench_bu_one)
	bench_goal "BU -> BA rate of the $who against the echo rate" "$r" "$1"
	# Where the time goes, one window each, for the numbers above. The
	# sequence number is found first: jq would take a sixth of the
	# window.
	bench_profile "BU -> BA" bench_bu_rate "$snd" "$anc" \
		"$(bench_next_seq "$anc")"
	bench_profile "ICMPv6 echo -> reply" bench_echo_one

	# anc2's cache gets MANY bindings more, in passes until none is
	# missing.
	map=$anc2 bench_fill "$snd2" $SND "$ANCHOR" "$BASE" "$MANY"
	n=$(($(bench_nbindings "$anc2") - 1))

	# Side by side: the refresh flood to anc (1 binding) and to anc2
	# (n + 1).
	r=$(bench_alternate "BU -> BA with 1 binding" bench_bu_one \
		"with $n bindings" bench_bu_many)
	bench_goal "BU -> BA at the $who with $n bindings against 1 binding" \
		"$r" 0.95

	on "$anc2" "$HMIP" binding flush
}
