#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Fast handovers, measured (make bench; RFC 5568, RFC 4140 Appendix A):
# what a predictive move inside a MAP domain loses. The mobile node's
# network (lib/mn_net.sh), map1, ar1 and ar2; each access router knows the
# other as its neighbour. The correspondent sends UDP at 1000 datagrams/s
# to the RCoA across each move (5 s of it, the move early in it), which
# is a 200 ms outage: the node's link goes down in ar1's
# cell, comes up 200 ms later in ar2's (or back). The rounds alternate
# between the modes:
#
#   hmip    plain HMIPv6: no preparation; the Binding Update from the new
#           LCoA tells the MAP
#   fmip    FMIPv6 with the MAP as anchor: "mn prepare" for the new router
#           before the move, the node's Fast Binding Update moves the
#           binding to the NCoA at once; the MAP's "bicast 0"
#   bicast  the same with the MAP's default bicasting (1000 ms): what is
#           tunnelled to the NCoA goes to the previous LCoA too
#   buffer  the same, bicasting, and the MAP knows its access routers
#           ("access-router ... serves ... buffer on"): it asks the new one
#           with a Handover Initiate with the U flag before the FBack, and
#           that router holds what comes for the NCoA until the node's
#           Unsolicited Neighbor Advertisement (RFC 5568 5.4); the routers
#           take the MAP's Handover Initiates without IPsec (their
#           documented opt-out "require-ipsec off": the bench has no SAs)
#
# In every mode but hmip the node, once its link is up in the prepared
# cell, uses the NCoA at once (its own address and default route through
# the new router) without waiting for that router's advertisement.
#
# Per move: datagrams lost (never arrived), and reordered (arrived after
# one with a higher number). The lost are split by when they would have
# arrived (sent, plus the network's delay as the link went down): while
# the node was still in the old cell, its link up; in the outage (link
# down to link up); after link-up. Medians per mode. Goals: none lost
# with buffering; with bicasting, none lost while the node is still in
# the old cell (RFC 4140 Appendix A: bicasting isolates the node from
# the handover's timing), which FMIPv6 without it loses from the FBack
# on. What comes in the outage itself only a router that holds the
# NCoA's packets saves (RFC 5568 5.4: "These packets will be lost unless
# they are buffered by the NAR"): that is the buffer mode, which bicasts
# too.
#
# timeout: 1800
# exclusive: a benchmark

. "$(dirname "$(readlink -f "$0")")/../lib.sh"
. "$SELFTESTS/lib/ar.sh"
. "$SELFTESTS/lib/peer.sh"
. "$SELFTESTS/lib/mn_net.sh"

require_cmd radvd jq

XFER=$SELFTESTS/lib/xfer.py
RATE=1000
COUNT=5000			# 5 s of the stream per move
OUTAGE=0.2
ROUNDS=${BENCH_ROUNDS:-5}	# moves per mode
MODES=${BENCH_FMIP_MODES:-hmip fmip bicast buffer}
TMP=$(mktemp -d /tmp/hmip-fmipmove.XXXXXX)
on_exit rm -rf "$TMP"

mn_net_setup
peer_start "$mn" --lazy
on "$map1" "$HMIP" map add $MAP1 dev c0 mode routed require-ipsec off \
	max-lifetime 3600
for i in 1 2; do
	ns=ar$i
	other=$((3 - i))
	ns_o=ar$other
	# The buffer holds the outage's worth and, paced as it arrived
	# (RFC 5568 5.4), keeps that delay for the rest of the stream:
	# room for 4 s of it rather than the default 512 packets.
	on "${!ns}" "$HMIP" ar add dev d0 map $MAP1 dist 2 valid-lifetime 600 \
		require-ipsec off buffer-packets 4096
	mac=$(on "${!ns_o}" ip -j link show d0 | jq -r '.[0].address')
	on "${!ns}" "$HMIP" ar add dev d0 neighbour 2001:db8:a$other::1 \
		prefix 2001:db8:a$other::/64 ap 02:00:00:00:0$other:01 lla "$mac"
	radvd_start "${!ns}" d0 2001:db8:a$i::/64
done

check "bench: hmip mn add dev m0" \
	on "$mn" "$HMIP" mn add dev m0 require-ipsec off lifetime 3600
check "bench: registered with map1" \
	wait_for 90 registered_with $MAP1 2001:db8:a1:
RCOA=$(mn_get "cur['rcoa']")
monitor_start "$mn" "$TMP/monitor"
on_exit kill $MONITOR_PID
# When the node's link went down and came up, to the microsecond: a
# kprobe on dev_change_flags() for m0, which "ip link set m0 down|up"
# enters from rtnetlink. It is timestamped in the realtime clock's terms
# (trace_clock "tai", CLOCK_TAI: the guest has no leap second offset), as
# the stream's logs are. The shell's own times, and "ip -ts monitor"'s,
# are late by the scheduling of a process, and veth's ndo_stop comes a
# grace period after the device stopped taking packets: several
# milliseconds under icount, datagrams at 1000/s.
TRACE=/sys/kernel/tracing
[[ -d $TRACE/events ]] || mount -t tracefs nodev $TRACE 2>/dev/null
if echo 'p:hmipbench/flags dev_change_flags name=+0(%di):string flags=%si:u32' \
	>>$TRACE/kprobe_events; then
	on_exit "echo 0 >$TRACE/events/hmipbench/enable; echo local >$TRACE/trace_clock; echo '-:hmipbench/flags' >>$TRACE/kprobe_events"
	echo tai >$TRACE/trace_clock
	echo 'name == "m0"' >$TRACE/events/hmipbench/flags/filter
	echo 1 >$TRACE/events/hmipbench/enable
	KPROBES=1
else
	log "no kprobes: the outage is timed by the shell, late by a process's start"
	KPROBES=
fi

# link_time up|down: the time of the trace's first change of m0 (since
# the trace was cleared) that sets (up) or clears (down) IFF_UP, as epoch
# seconds
link_time()
{
	local up=0

	[[ -n $KPROBES ]] || return 0
	[[ $1 == up ]] && up=1
	awk -v up=$up '/ flags: / {
		for (i = 1; i <= NF; i++) {
			if ($i == "flags:") t = $(i - 1)
			if ($i ~ /^flags=/) f = substr($i, 7) + 0
		}
		if (f % 2 == up) { sub(":", "", t); print t; exit } }' \
		$TRACE/trace
}

# mode_setup MODE: the MAP (and, for buffering, the access routers) as
# MODE wants them
mode_setup()
{
	case $1 in
	hmip | bicast)
		on "$map1" "$HMIP" map change $MAP1 bicast 1000 \
			access-router none ;;
	fmip)
		on "$map1" "$HMIP" map change $MAP1 bicast 0 \
			access-router none ;;
	buffer)
		on "$map1" "$HMIP" map change $MAP1 bicast 1000 \
			access-router 2001:db8:a1::1 serves 2001:db8:a1::/64 \
			buffer on \
			access-router 2001:db8:a2::1 serves 2001:db8:a2::/64 \
			buffer on ;;
	*)
		return 1 ;;
	esac
}

# stats_of NS REGEX: NS's non-zero hmip counters whose names REGEX matches
stats_of()
{
	"$HMIP" -n "$1" stats show | awk -v re="$2" '$1 ~ re && $2 != 0 {
		printf "%s %s ", $1, $2 }'
}

cell=1
MOVES=0
# move MODE: one move to the other cell while the stream flows; appends
# "MODE LOST REORDERED" to $TMP/moves
move()
{
	local got lost reord first ns n=$((++MOVES)) to=$((3 - cell)) i seen events
	local sh_down sh_up t_down t_up delay up down after

	: >"$TMP/recv-$n"
	ns=ar$to
	log "move $n: ar$to's neighbours on the node's link before: $(on "${!ns}" ip -6 neigh show dev d0 | grep -v '^fe80' | tr '\n' ';')"
	on "$mn" "$PY" "$XFER" udp-recv --addr "$RCOA" --port 7000 \
		--count $COUNT --timeout 8 --log "$TMP/recv-$n" \
		>"$TMP/udp.out" &
	urecv=$!
	wait_for 30 grep -q ready "$TMP/udp.out"
	on "$cn" "$PY" "$XFER" udp-send --addr "$RCOA" --port 7000 \
		--count $COUNT --rate $RATE --log "$TMP/sent-$n" &
	usend=$!
	# Under icount a process the shell starts costs the guest's clock
	# more than the stream's pace: the stream is watched with builtins
	# only. The receiver's log shows once its buffer filled (a few
	# hundred datagrams in).
	i=0
	while [[ ! -s $TMP/recv-$n ]] && ((i++ < 1000)); do
		nap 0.02
	done
	if [[ $1 != hmip ]]; then
		# The switch right after the FBack, as a radio would: its
		# event is watched with builtins too.
		mapfile -t events <"$TMP/monitor"
		seen=${#events[@]}
		on "$mn" "$HMIP" mn prepare dev m0 ar 2001:db8:a$to::1
		i=0
		while ((i++ < 500)); do
			mapfile -t events <"$TMP/monitor"
			[[ ${events[*]:seen} == *mn-fback* ]] && break
			nap 0.01
		done
		((i > 500)) &&
			log "move $n ($1): no FBack before the move"
	fi
	[[ -z $KPROBES ]] || : >$TRACE/trace
	sh_down=$EPOCHREALTIME
	ip -n "$mn" link set m0 down
	ip -n "$air" link set pm nomaster
	ip -n "$air" link set pm master br$to
	nap $OUTAGE
	sh_up=$EPOCHREALTIME
	ip -n "$mn" link set m0 up
	cell=$to
	wait $usend
	wait $urecv
	got=$(tail -n1 "$TMP/udp.out")
	[[ $got =~ ^[0-9]+$ ]] || got=0
	lost=$((COUNT - got))
	# Arrived after a higher number: out of sequence.
	reord=$(awk '$2 < max { n++ } $2 > max { max = $2 } END { print n + 0 }' \
		"$TMP/recv-$n")
	# The first datagram that never came: where the move fell.
	first=$(awk '{ seen[$2] = 1 } END { for (i = 0; i < '$COUNT'; i++)
		if (!(i in seen)) { print i; exit } print "-" }' "$TMP/recv-$n")
	# The outage, as the kernel saw it (the shell's times without kprobes).
	t_down=$(link_time down)
	t_up=$(link_time up)
	[[ -n $t_down && -n $t_up ]] ||
		log "move $n: no link times from the trace: the shell's"
	t_down=${t_down:-$sh_down} t_up=${t_up:-$sh_up}
	# The lost, by when they would have arrived: "UP DOWN AFTER". The
	# network's delay then is the longest of the last 50 ms before the
	# link went down (sent to received; under icount the forwarding
	# softirq can fall behind): what was still on its way to the old
	# cell when the link went down was lost to the outage.
	delay=$(awk -v t0="$t_down" 'FNR == NR { sent[$2] = $1; next }
		($2 in sent) && $1 < t0 && $1 > t0 - 0.05 &&
		$1 - sent[$2] > d { d = $1 - sent[$2] }
		END { printf "%.6f\n", d }' "$TMP/sent-$n" "$TMP/recv-$n")
	read -r up down after < <(awk -v d="$delay" -v t0="$t_down" \
		-v t1="$t_up" 'FNR == NR { seen[$2] = 1; next }
		!($2 in seen) { t = $1 + d
			if (t < t0) u++; else if (t < t1) o++; else a++ }
		END { print u + 0, o + 0, a + 0 }' \
		"$TMP/recv-$n" "$TMP/sent-$n")
	wait_for 30 registered_with $MAP1 2001:db8:a$to: ||
		fail "bench: move $n: registered again from ar$to's prefix"
	log "move $n, mode $1, to ar$to: $lost of $COUNT lost (the first $first; $up in the old cell, $down in the outage, $after after link-up; outage $(awk -v a="$t_down" -v b="$t_up" 'BEGIN { printf "%.0f", (b - a) * 1000 }') ms, the network's delay then $delay s), $reord reordered; handover $(mn_get "m['handover_ms']") ms, fbu $(mn_get "m.get('fast_handover', {}).get('fbu')"), arrival $(mn_get "m.get('fast_handover', {}).get('arrival')")"
	# Where the datagrams went: the node's arrival, the new router's
	# buffer and its neighbour queue (cumulative).
	ns=ar$to
	log "move $n: $(stats_of "$mn" 'mn_ncoa|mn_una_tx|mn_decap_drop') $(stats_of "${!ns}" 'ar_buffer|ar_una') $(on "${!ns}" ip -6 -s ntable show name ndisc_cache 2>/dev/null | grep -o 'unresolved_discards [0-9]*' | head -n1)"
	# A move outside the stream measures nothing: the stream must have
	# come before it and gone on after.
	if ! grep -q " $((COUNT - 1))\$" "$TMP/recv-$n" || ((got < 500)); then
		fail "bench: move $n: inside the stream, which went on after it"
		return
	fi
	echo "$1 $lost $reord $up $down $after" >>"$TMP/moves"
}

for ((round = 1; round <= ROUNDS; round++)); do
	for m in $MODES; do
		mode_setup "$m" || { fail "bench: unknown mode $m"; continue; }
		move "$m"
	done
done

# median MODE COLUMN
median()
{
	awk -v m="$1" -v c="$2" '$1 == m { print $c }' "$TMP/moves" |
		sort -g | awk '{ v[NR] = $1 }
		END { if (!NR) print "-"; else if (NR % 2) print v[(NR + 1) / 2]
		      else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
for m in $MODES; do
	log "medians of $ROUNDS moves, mode $m: $(median "$m" 2) of $COUNT lost ($(median "$m" 4) in the old cell, $(median "$m" 5) in the outage, $(median "$m" 6) after link-up), $(median "$m" 3) reordered (moves, lost/reordered: $(awk -v m="$m" '$1 == m { printf "%s/%s ", $2, $3 }' "$TMP/moves"))"
done
# Without this the goal below would hold for a move outside the stream.
if [[ " $MODES " == *" hmip "* ]]; then
	lost=$(median hmip 2)
	check "bench: the move costs plain HMIPv6 datagrams (median $lost)" \
		awk -v l="$lost" 'BEGIN { exit !(l > 0) }'
fi
# Without this the goal below would hold for a split that counted
# nothing in the old cell: the switch at the FBack, unbicast, loses there.
if [[ " $MODES " == *" fmip "* ]]; then
	lost=$(median fmip 4)
	check "bench: FMIPv6 without bicasting loses datagrams in the old cell, after the FBack (median $lost)" \
		awk -v l="$lost" 'BEGIN { exit !(l > 0) }'
fi
if [[ " $MODES " == *" bicast "* ]]; then
	lost=$(median bicast 4)
	check "bench: rfc4140-A: bicasting loses no datagram while the node is in the old cell (median $lost; $(median bicast 5) in the outage, $(median bicast 6) after link-up)" \
		test "$lost" = 0
fi
if [[ " $MODES " == *" buffer "* ]]; then
	lost=$(median buffer 2)
	check "bench: rfc5568-5.4: buffering at the new access router loses no datagram (median $lost)" \
		test "$lost" = 0
	check "bench: rfc5568-5.4: the new access routers buffered (ar_buffer_released $(counter "$ar1" ar_buffer_released) + $(counter "$ar2" ar_buffer_released))" \
		test $(($(counter "$ar1" ar_buffer_released) + $(counter "$ar2" ar_buffer_released))) -gt 0
fi

finish
