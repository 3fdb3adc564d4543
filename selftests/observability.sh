#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# What an operator watches hmip with: hmip monitor's object filters and
# timestamps (-t, -ts, JSON), the configuration events of every object,
# hmip -s stats' deltas and their history file, /proc/net/hmip_snmp6 in
# two namespaces (awk reads what hmip stats -j says), and the tracepoints
# of a Binding Update accepted and one refused, read from a tracefs
# instance of the test's own.
#
#   +---------------------------+        +---------------------------+
#   | mn (mhsend)               |        | map (hmip)                |
#   | m0 2001:db8:200::2        |--------| a0 2001:db8:100::1 MAP    |
#   |                           |        |    2001:db8:400::1 HA     |
#   |                           |        | d0 (dummy: mobile node)   |
#   +---------------------------+        +---------------------------+
#
# timeout: 600

. "$(dirname "$(readlink -f "$0")")/lib.sh"

MAP=2001:db8:100::1
HA=2001:db8:400::1
LCOA=2001:db8:200::2
RCOA=2001:db8:100::a
TMP=$(mktemp -d)
on_exit rm -rf "$TMP"

setup_ns mn map
ns_nodad "$mn" "$map"
veth_link "$mn" m0 "$map" a0
on "$mn" ip -6 addr add $LCOA/64 dev m0
on "$mn" ip -6 route add 2001:db8:100::/64 dev m0
on "$map" ip -6 addr add $MAP/64 dev a0
on "$map" ip -6 addr add $HA/64 dev a0
on "$map" ip -6 route add 2001:db8:200::/64 dev a0
on "$map" ip link add d0 type dummy
on "$map" ip link set d0 up
wait_for 10 on "$mn" ping -6 -c1 -W1 $MAP
on "$map" "$HMIP" config set err-ratelimit-ms 0
MAP_NETNS=$(on "$map" stat -L -c %i /proc/self/ns/net)

# ---------------------------------------------------------------- tracefs
# An instance of the test's own: its buffer holds only hmip's events of
# the MAP's namespace (the filter), whatever the tests beside it do.
TRACEFS=/sys/kernel/tracing
if [[ ! -d $TRACEFS/events ]]; then
	mount -t tracefs tracefs $TRACEFS 2>/dev/null
fi
TRACE=
# A tracefs without hmip's events is a failure below, not a skip.
if [[ -d $TRACEFS/events ]]; then
	TRACE=$TRACEFS/instances/hmip-observability-$$
	mkdir "$TRACE"
	on_exit "echo 0 >$TRACE/events/hmip/enable; rmdir $TRACE"
	echo "netns == $MAP_NETNS" >"$TRACE/events/hmip/filter"
	echo 1 >"$TRACE/events/hmip/enable"
fi 2>/dev/null

# ---------------------------------------------------------------- monitors
# mon_start FILE EVENT PROBE... -- HMIP_WORDS...: "hmip -n map WORDS"
# writes FILE; returns once it printed EVENT, which PROBE provokes.
mon_start() {
	local file=$1 event=$2 probe=()
	shift 2
	while [[ $1 != -- ]]; do
		probe+=("$1")
		shift
	done
	shift
	# stopped at exit with the test's other jobs
	"$HMIP" -n "$map" "$@" >"$file" 2>&1 &
	wait_for 60 _mon_hears "$file" "$event" "${probe[@]}"
}

_mon_hears() {
	local file=$1 event=$2
	shift 2

	"$@" >/dev/null || return 1
	nap 0.2
	grep -q -- "$event" "$file"
}

probe_config() {
	on "$map" "$HMIP" config set err-ratelimit-ms 0
}

probe_map() {
	on "$map" "$HMIP" map change $MAP pref 10
}

probe_ar() {
	on "$map" "$HMIP" ar change dev a0 map $MAP pref 10
}

# every: "-t" before the object, as ip -t monitor
mon_start "$TMP/every" config-changed probe_config -- -t monitor
check "hmip map add (require-ipsec off)" \
	on "$map" "$HMIP" map add $MAP dev a0 require-ipsec off
# maps: "-ts" after it, and an object
mon_start "$TMP/maps" map-changed probe_map -- monitor -ts map
check "hmip ar add" on "$map" "$HMIP" ar add dev a0 map $MAP
mon_start "$TMP/bindings" ar-changed probe_ar -- monitor binding ar
mon_start "$TMP/config" config-changed probe_config -- -j -ts monitor config

# Configuration changes of every object, and a binding.
check "hmip map change pref 7" on "$map" "$HMIP" map change $MAP pref 7
check "hmip mn add, change, del" \
	eval "on $map $HMIP mn add dev d0 require-ipsec off &&
	      on $map $HMIP mn change dev d0 lifetime 100 &&
	      on $map $HMIP mn del dev d0"
check "hmip ha add, change, del" \
	eval "on $map $HMIP ha add $HA dev a0 require-ipsec off &&
	      on $map $HMIP ha change $HA pref 5 &&
	      on $map $HMIP ha del $HA"
bindings_are() {
	test "$(on "$map" "$HMIP" -j binding show | jq length)" = "$1"
}
on "$mn" "$MHSEND" $LCOA $MAP $RCOA 1 400 >/dev/null
check "a Binding Update (mhsend, seq 1) makes a binding" wait_for 10 bindings_are 1
# The same sequence number again: 135, refused.
on "$mn" "$MHSEND" $LCOA $MAP $RCOA 1 400 >/dev/null
check "the replayed Binding Update is refused (map_bu_reject_seq)" \
	wait_for 10 counter_above "$map" map_bu_reject_seq 0
check "hmip ar del" on "$map" "$HMIP" ar del dev a0 map $MAP
check "hmip map del" on "$map" "$HMIP" map del $MAP
probe_config
# The last event each monitor waits for.
wait_for 10 grep -q "^map-deleted" "$TMP/every"
wait_for 10 grep -q "map-deleted" "$TMP/maps"
wait_for 10 grep -q "binding-deleted" "$TMP/bindings"
wait_for 10 test "$(grep -c '"config-changed"' "$TMP/config")" -ge 2

# events FILE: the event names of a text monitor, one a line.
events() {
	sed -E 's/^\[[^]]*\] //' "$1" | grep -v '^Timestamp: ' | cut -d' ' -f1 |
		sort -u | tr '\n' ' '
}

check_eq "monitor: every object's add, change and del, and the binding" \
	"ar-added ar-changed ar-deleted binding-created binding-deleted config-changed ha-added ha-changed ha-deleted map-added map-changed map-deleted mn-added mn-changed mn-deleted " \
	"$(events "$TMP/every" | sed 's/mn-moved //; s/mn-map-[a-z]* //')"
check "monitor: map-changed carries the MAP's new settings" \
	grep -q "^map-changed $MAP dev a0 pref 7 " "$TMP/every"
check "monitor: ha-changed carries the home agent's" \
	grep -q "^ha-changed $HA dev a0 .* pref 5 " "$TMP/every"
check "monitor: ar-added names the interface and the MAP" \
	grep -q "^ar-added dev a0 map $MAP " "$TMP/every"
check "monitor: map-deleted says which MAP" \
	grep -q "^map-deleted $MAP " "$TMP/every"
# -t: "Timestamp: Sat Dec  5 06:40:00 2026 123456 usec" before each
check_eq "monitor -t: a Timestamp line before every event, as ip -t" \
	"$(grep -vc '^Timestamp: ' "$TMP/every")" \
	"$(grep -Ec '^Timestamp: [A-Z][a-z]{2} [A-Z][a-z]{2} [ 0-9][0-9] [0-9]{2}:[0-9]{2}:[0-9]{2} [0-9]{4} [0-9]{1,6} usec$' "$TMP/every")"
check_eq "monitor map: the MAP's events only" \
	"map-changed map-deleted " "$(events "$TMP/maps")"
check "monitor -ts: [YYYY-MM-DDTHH:MM:SS.UUUUUU] before each event, as ip -ts" \
	test "$(grep -Ecv '^\[[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}\] map-' "$TMP/maps")" = 0
check_eq "monitor binding ar: bindings and the access router's only" \
	"ar-changed ar-deleted binding-created binding-deleted " \
	"$(events "$TMP/bindings")"
check_eq "monitor config: configuration changes only, no binding" \
	"ar-deleted config-changed ha-added ha-changed ha-deleted map-changed map-deleted mn-added mn-changed mn-deleted " \
	"$(jq -r .event "$TMP/config" | sort -u | tr '\n' ' ')"
check_eq "monitor -j -ts: every object has an RFC 3339 timestamp" 0 \
	"$(jq -r .timestamp "$TMP/config" |
	   grep -Ecv '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}[+-][0-9]{2}:[0-9]{2}$')"
check_eq "monitor -j: mn-changed carries the new lifetime" 100 \
	"$(jq -r 'select(.event == "mn-changed") | .lifetime' "$TMP/config")"

# ------------------------------------------------------------ hmip -s stats
# The history where the tool looks first without HMIP_STATS_HISTORY.
export XDG_RUNTIME_DIR=$TMP
stats_s() {
	on "$map" "$HMIP" -s "$@"
}
stats_s -r stats >/dev/null
check "hmip -s stats keeps its history in \$XDG_RUNTIME_DIR/hmip_stats.NETNS" \
	test -s "$TMP/hmip_stats.$MAP_NETNS"
check_eq "hmip -s stats with nothing new prints nothing" "" "$(stats_s stats)"
check "hmip map add (again)" \
	on "$map" "$HMIP" map add $MAP dev a0 require-ipsec off
on "$mn" "$MHSEND" $LCOA $MAP $RCOA 7 400 >/dev/null
wait_for 10 bindings_are 1
out=$(stats_s stats | tr -s ' ')
log "hmip -s stats after the Binding Update: $(echo "$out" | paste -sd" ")"
check_eq "hmip -s stats: the Binding Update since the last call" \
	"map_bu_accepted 1 mh_rx_bu 1" \
	"$(echo "$out" | grep -E '^(map_bu_accepted|mh_rx_bu) ' | sort | paste -sd' ')"
check "hmip -s stats: only the counters that moved" \
	test -n "$out" -a "$(echo "$out" | grep -c ' 0$')" = 0
check_eq "hmip -s stats NAME: a named counter even when it did not move" \
	"map_bu_accepted 0" "$(stats_s stats show map_bu_accepted | tr -s ' ')"
check_eq "hmip -s -r stats: the history forgotten, the value since zero" \
	"$(counter "$map" map_bu_accepted)" \
	"$(stats_s -r stats show map_bu_accepted | awk '{ print $2 }')"
check_eq "hmip -j -s stats: every counter, moved or not" \
	"$(on "$map" "$HMIP" -j stats | jq length)" \
	"$(stats_s -j stats | jq length)"

# ------------------------------------------------------ /proc/net/hmip_snmp6
# proc_values NS: "name value" from the file, names as hmip stats has them
proc_values() {
	on "$1" cat /proc/net/hmip_snmp6 | awk '{
		n = substr($1, 5); out = ""
		while (match(n, /[A-Z]/)) {
			out = out (RSTART > 1 ? substr(n, 1, RSTART - 1) "_" : "") tolower(substr(n, RSTART, 1))
			n = substr(n, RSTART + 1)
		}
		sub(/^_/, "", out)
		print out n, $2
	}'
}

json_values() {
	on "$1" "$HMIP" -j stats | jq -r 'to_entries[] | "\(.key) \(.value)"'
}

check_eq "/proc/net/hmip_snmp6: one \"HmipName value\" line per counter, as snmp6" \
	"$(on "$map" "$HMIP" -j stats | jq length)" \
	"$(on "$map" cat /proc/net/hmip_snmp6 |
	   grep -Ec '^Hmip[A-Z][A-Za-z0-9]* *	[0-9]+$')"
check_eq "/proc/net/hmip_snmp6: HmipMapBuAccepted as nstat's awk reads it" \
	"$(counter "$map" map_bu_accepted)" \
	"$(on "$map" awk '$1 == "HmipMapBuAccepted" { print $2 }' /proc/net/hmip_snmp6)"
# values_agree NS: both read alike; a packet counted between the two
# reads (the MAP's link is not silent) only delays it.
values_agree() {
	json_values "$1" | sort >"$TMP/json.$1"
	proc_values "$1" | sort >"$TMP/proc.$1"
	cmp -s "$TMP/json.$1" "$TMP/proc.$1"
}

check "/proc/net/hmip_snmp6: the same values as hmip stats -j (MAP's netns)" \
	wait_for 20 values_agree "$map" ||
	log "$(diff "$TMP/json.$map" "$TMP/proc.$map")"
check "/proc/net/hmip_snmp6: the same values as hmip stats -j (another netns)" \
	wait_for 20 values_agree "$mn" ||
	log "$(diff "$TMP/json.$mn" "$TMP/proc.$mn")"
check_eq "/proc/net/hmip_snmp6: per netns (no Binding Update in the other)" \
	0 "$(on "$mn" awk '$1 == "HmipMhRxBu" { print $2 }' /proc/net/hmip_snmp6)"

# ------------------------------------------------------------- tracepoints
if [[ -z $TRACE ]]; then
	skip "tracepoints: hmip_bu_accepted and hmip_bu_refused" "no tracefs"
	finish
fi

tp_format() {
	# tp_format EVENT FIELD...: the event's format names every field
	local ev=$1 f
	shift
	for f in "$@"; do
		grep -Eq "field:[^;]* $f(\[[0-9]*\])?;" "$TRACEFS/events/hmip/$ev/format" ||
			{ echo "$ev has no field $f"; return 1; }
	done
}
check "tracepoints: the events and fields tracing.rst documents" eval '
	tp_format hmip_bu_accepted netns role anchor rcoa lcoa seq flags lifetime granted status reason &&
	tp_format hmip_bu_refused netns role anchor rcoa lcoa seq flags lifetime granted status reason &&
	tp_format hmip_mn_moved netns ifindex old_lcoa lcoa moves &&
	tp_format hmip_mn_bu_sent netns ifindex map rcoa lcoa seq lifetime retries err &&
	tp_format hmip_mn_ba_received netns ifindex map rcoa status seq lifetime &&
	tp_format hmip_ar_map_opt netns ifindex map dist pref rflag valid_lifetime &&
	tp_format hmip_tunnel_drop netns dev reason saddr daddr remote len'
check "tracepoint hmip_bu_accepted: the MAP's first binding, with its fields" \
	grep -q "hmip_bu_accepted: netns=$MAP_NETNS role=map anchor=$MAP rcoa=$RCOA lcoa=$LCOA seq=1 flags=0x[0-9a-f]* lifetime=400 granted=400 status=0 reason=map_bu_accepted" \
	"$TRACE/trace"
check "tracepoint hmip_bu_refused: the replay, status 135, reason map_bu_reject_seq" \
	grep -q "hmip_bu_refused: netns=$MAP_NETNS role=map anchor=$MAP rcoa=$RCOA lcoa=$LCOA seq=1 .* status=135 reason=map_bu_reject_seq" \
	"$TRACE/trace"
# An RCoA outside the MAP's prefix: 132.
on "$mn" "$MHSEND" $LCOA $MAP 2001:db8:999::a 1 400 >/dev/null
check "tracepoint hmip_bu_refused: status 132, reason map_bu_reject_not_map_prefix" \
	wait_for 10 grep -q "hmip_bu_refused: .* rcoa=2001:db8:999::a .* status=132 reason=map_bu_reject_not_map_prefix" "$TRACE/trace"
check_eq "tracepoints: only the MAP's namespace in the instance (its filter)" "" \
	"$(grep 'hmip_' "$TRACE/trace" | grep -v "netns=$MAP_NETNS ")"
log "trace: $(grep -c hmip_ "$TRACE/trace") events, e.g. $(grep -m1 hmip_bu_refused "$TRACE/trace")"

# perf reads the same tracepoint: a replayed (old) sequence number, 135.
if command -v perf >/dev/null && perf --version >/dev/null 2>&1; then
	perf record -q -e hmip:hmip_bu_refused -a -o "$TMP/perf.data" -- \
		ip netns exec "$mn" sh -c "$MHSEND $LCOA $MAP $RCOA 1 400 >/dev/null; sleep 1" \
		>"$TMP/perf.log" 2>&1
	check "perf record -e hmip:hmip_bu_refused: the refusal with its reason" \
		grep -q "hmip:hmip_bu_refused: netns=$MAP_NETNS role=map .* status=135 reason=map_bu_reject_seq" \
		<(perf script -i "$TMP/perf.data" 2>>"$TMP/perf.log")
	[[ -s $TMP/perf.log ]] && log "perf: $(head -c 600 "$TMP/perf.log")"
else
	skip "perf record -e hmip:hmip_bu_refused" "no usable perf"
fi

finish
