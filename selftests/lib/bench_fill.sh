# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Shared by the benchmarks: ratios measured side by side, and an anchor's
# binding cache filled with many bindings and the memory they take. Source
# after lib.sh; bench_fill needs $map (the anchor's namespace), $HMIP and
# $MHFLOOD, and takes BENCH_ROLE (map, the default, or ha: whose "show"
# counts the bindings) and FLOOD (mhflood's bu, the default, or hbu).
#
#   bench_fill NS SRC MAP BASE COUNT [PPS]
#       mhflood in NS registers BASE, BASE+1, ... (COUNT RCoAs) from SRC,
#       at most PPS a second if given, in passes until all are bound; then
#       logs and checks the memory per binding (goal <= 256 B).
#
#   bench_alternate WHAT_A A WHAT_B B
#       ROUNDS rounds of two adjacent windows, the functions A and B each
#       printing a rate, A first in odd rounds and B first in even ones:
#       which window of a pair came first moved the pair's ratio by up to
#       30% in some runs, one way in one run, the other way in another.
#       An even ROUNDS gives both orders the same weight. A round 0 of
#       one window each comes first and is not counted: the first window
#       after a change of what is sent ran up to 35% slower (caches,
#       routes and neighbours warming up). Logs every round; prints
#       "MEDIAN MIN MAX" of the rounds' B/A.
#
#   bench_profile WHAT FUNC [ARGS...]
#       runs FUNC (a rate measurement) under a system-wide perf record
#       and logs the binaries (0.5% or more of the samples), the share
#       of hmip's own functions and the symbols (1% or more) where the guest's CPU time went. FUNC starts
#       once perf records: perf takes seconds to start under emulation.
#       Logs why when perf cannot run.
#
#   bench_goal NAME "MEDIAN MIN MAX" GOAL
#       one check: the median reaches GOAL; a ratio whose rounds disagree
#       by more than 10% of the median (MAX - MIN) is reported as
#       unstable and fails, whatever its median

bench_alternate()
{
	local what_a=$1 a=$2 what_b=$3 b=$4 round ra rb ratios=()

	ra=$($a)
	rb=$($b)
	log "round 0 (warm-up, not counted): $what_a $ra/s, $what_b $rb/s"
	for ((round = 1; round <= ROUNDS; round++)); do
		if ((round % 2)); then
			ra=$($a)
			rb=$($b)
		else
			rb=$($b)
			ra=$($a)
		fi
		ratios+=("$(awk -v a="$ra" -v b="$rb" 'BEGIN { printf "%.3f", (a > 0 ? b / a : 0) }')")
		log "round $round: $what_a $ra/s, $what_b $rb/s"
	done
	log "ratios: ${ratios[*]}"
	printf '%s\n' "${ratios[@]}" | sort -g | awk '
		{ v[NR] = $1 }
		END {
			m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
			printf "%.3f %.3f %.3f\n", m, v[1], v[NR]
		}'
}

bench_profile()
{
	local what=$1 dir pid
	shift

	if ! perf version >/dev/null 2>&1; then
		log "profile of $what: no perf for $(uname -r)"
		return 0
	fi
	dir=$(mktemp -d)
	# perf's workload says when recording has begun and lasts until FUNC
	# is done. The kernel's own clock event: there are no hardware
	# counters under emulation.
	perf record -q -a -e cpu-clock -F 997 -o "$dir/data" -- sh -c \
		"touch $dir/ready; while [ ! -e $dir/done ]; do sleep 0.2; done" \
		>/dev/null 2>&1 &
	pid=$!
	if wait_for 60 test -e "$dir/ready"; then
		("$@") >/dev/null
	else
		log "profile of $what: perf record did not start"
	fi
	touch "$dir/done"
	wait "$pid"
	# By binary (the kernel with its modules, the sender), hmip's own
	# functions together, then by symbol.
	perf report -q -i "$dir/data" --stdio --no-children --sort dso \
		--percent-limit 0.5 2>/dev/null | sed '/^$/d' |
		while read -r line; do
			log "profile of $what: $line"
		done
	log "profile of $what: $(perf report -q -i "$dir/data" --stdio \
		--no-children --sort sym 2>/dev/null | awk '
		$NF ~ /^hmip_/ { sub(/%/, "", $1); s += $1 }
		END { printf "%.2f%% in hmip_* functions", s }')"
	perf report -q -i "$dir/data" --stdio --no-children --sort dso,sym \
		--percent-limit 1 2>/dev/null | sed '/^$/d' |
		while read -r line; do
			log "profile of $what: $line"
		done
	rm -rf "$dir"
}

bench_goal()
{
	local name=$1 median min max goal=$3

	read -r median min max <<<"$2"
	log "$name: median $median, rounds from $min to $max (goal >= $goal)"
	if awk -v m="$median" -v lo="$min" -v hi="$max" \
		'BEGIN { exit !(m > 0 && (hi - lo) / m > 0.10) }'; then
		fail "bench: $name: unstable, rounds from $min to $max around $median" \
			"the rounds disagree by more than 10%: not a measurement"
		return 1
	fi
	check "bench: $name ($median, rounds $min-$max, goal >= $goal)" \
		awk -v m="$median" -v g="$goal" 'BEGIN { exit !(m >= g) }'
}

bench_bindings()
{
	on "$map" "$HMIP" -j "${BENCH_ROLE:-map}" show | jq ".[0].bindings"
}

bench_fill()
{
	local ns=$1 src=$2 mapaddr=$3 base=$4 count=$5 pps=${6:-}
	local before_kb after_kb objs_before objs slab_size object_size
	local start n pass per_obj per_all

	before_kb=$(awk '/^MemAvailable/ { print $2 }' /proc/meminfo)
	objs_before=$(cut -d' ' -f1 /sys/kernel/slab/hmip_binding/objects)
	start=$(bench_bindings)
	for pass in 1 2 3 4 5 6; do
		(($(bench_bindings) >= start + count)) && break
		MHFLOOD_SECONDS= MHFLOOD_PPS=$pps on "$ns" "$MHFLOOD" \
			"${FLOOD:-bu}" "$src" "$mapaddr" "$base" "$count" \
			distinct 1 65535 >/dev/null
		sleep 2
		log "fill pass $pass: $(bench_bindings) bindings"
	done
	n=$(($(bench_bindings) - start))
	check "bench: the cache holds $count more bindings ($n)" \
		test "$n" -ge "$count"
	# The hash table grows in a worker that moves every entry to the
	# bigger table, which takes a while under emulation: lookups meanwhile
	# look in both, and the worker takes CPU. Measure after it.
	sleep "${BENCH_SETTLE:-30}"

	after_kb=$(awk '/^MemAvailable/ { print $2 }' /proc/meminfo)
	objs=$(cut -d' ' -f1 /sys/kernel/slab/hmip_binding/objects)
	slab_size=$(cat /sys/kernel/slab/hmip_binding/slab_size)
	object_size=$(cat /sys/kernel/slab/hmip_binding/object_size)
	per_obj=$(((objs - objs_before) * slab_size / n))
	per_all=$(((before_kb - after_kb) * 1024 / n))
	log "struct hmip_binding: object_size $object_size B, slab_size $slab_size B"
	log "memory per binding: $per_obj B in the slab, $per_all B in all (MemAvailable, hash table included)"
	check "bench: memory per binding at most 256 B ($per_all B)" \
		test "$per_all" -le 256
}
