#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run the hmip selftests, several at once, and print one KTAP stream. Runs
# as root inside the test VM (scripts/vm/guest-run), with hmip.ko loaded.
#
#   selftests/run_tests.sh            every selftests/<name>.sh
#   T="smoke foo" run_tests.sh        just those (spaces or commas)
#
# The scapy peers of all tests (lib/peer.sh) are forked from one zygote,
# which imports scapy once for the run instead of once per test: tens of
# seconds of CPU each under the debug kernel.
#
# Environment: HMIP_JOBS (tests at once, default 6), HMIP_LOG_DIR (where
# each test's whole output, <name>.log, and the timing table, times.tsv,
# are written; default none), FLAVOUR (debug: longer limits).
#
# Every test builds its own namespaces, so tests run side by side: they
# spend most of their time waiting for the network. A test whose header
# has "# exclusive: REASON" (it reloads the module, floods, measures) runs
# alone, before the others. A test's "# timeout: N" (default 300 s) is
# what it takes alone on Debian's kernel; side by side it gets twice as
# long, on the debug kernel three times. The longest
# limits start first, so the long tests do not end the run alone.
#
# Each test writes its results, numbered from 1, and its diagnostics to a
# file of its own; when it ends the block is printed whole, renumbered into
# the one KTAP stream. A test that exits non-zero without reporting a
# failure, or times out, gets a "not ok" line of its own.
# Exit status: 0 when nothing failed.

set -uo pipefail

dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
default_timeout=300
KSFT_SKIP=4
jobs=${HMIP_JOBS:-6}
log_dir=${HMIP_LOG_DIR:-}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=0 n_pass=0 n_fail=0 n_skip=0
[[ -n $log_dir ]] && mkdir -p "$log_dir" &&
	printf 'test\tseconds\tpassed\tfailed\tskipped\twait_s\tscapy_s\tmode\tuser_s\tsys_s\n' \
		>"$log_dir/times.tsv"

header() {
	# header FILE KEY: the value of a "# KEY: value" line
	sed -nE "s/^# $2: *(.*)/\\1/p" "$1" | head -n1
}

tests=()
if [[ -n ${T:-} ]]; then
	for name in ${T//,/ }; do
		tests+=("${name%.sh}")
	done
else
	for f in "$dir"/*.sh; do
		name=$(basename "$f" .sh)
		[[ $name == lib || $name == run_tests ]] && continue
		[[ -x $f ]] || continue
		tests+=("$name")
	done
fi

# Exclusive tests first, in the given order; then the others, the longest
# limit first.
exclusive=() shared=() missing=()
declare -A limit
for name in "${tests[@]}"; do
	file=$dir/$name.sh
	if [[ $name == lib || $name == run_tests || ! -f $file ]]; then
		missing+=("$name")
		continue
	fi
	t=$(header "$file" timeout)
	t=${t%% *}
	limit[$name]=${t:-$default_timeout}
	if [[ -n $(header "$file" exclusive) ]]; then
		exclusive+=("$name")
	else
		shared+=("$name")
	fi
done
if ((${#shared[@]})); then
	mapfile -t shared < <(for name in "${shared[@]}"; do
		echo "${limit[$name]} $name"
	done | sort -k1,1nr -k2 | cut -d' ' -f2)
fi

# One result line into the stream, numbered.
emit() {
	local kind=$1 text=$2

	n=$((n + 1))
	case $kind in
	pass) n_pass=$((n_pass + 1)); echo "ok $n $text" ;;
	fail) n_fail=$((n_fail + 1)); echo "not ok $n $text" ;;
	skip) n_skip=$((n_skip + 1)); echo "ok $n $text" ;;
	esac
}

start_test() {
	local name=$1 mode=$2 t=${limit[$1]} d=$work/${1//\//_}

	# The limits catch hangs, not slowness: tests side by side share
	# two emulated CPUs, and the debug kernel (KASAN, lockdep, under
	# emulation) is several times slower still.
	if [[ ${FLAVOUR:-} == debug ]]; then
		t=$((t * 3))
	else
		t=$((t * 2))
	fi
	mkdir -p "$d"
	echo "$t" >"$d/timeout"
	echo "$mode" >"$d/mode"
	date +%s.%N >"$d/start"
	# fd 3 carries the results, the test's own stdout and stderr become
	# diagnostics, both into one file in the order written. timeout runs
	# the test in a process group of its own: what it left running in
	# the background is killed with it, so the pipe to sed closes.
	(
		HMIP_KTAP_DIR=$d
		export HMIP_KTAP_DIR
		echo "0 0 0 0" >"$HMIP_KTAP_DIR/counts"
		{
			timeout -k 10 "$t" bash "$dir/$name.sh" \
				3>>"$d/out" </dev/null &
			pid=$!
			wait "$pid"
			echo $? >"$d/rc"
			kill -KILL -- "-$pid" 2>/dev/null
		} 2>&1 | sed -u 's/^/# /' >>"$d/out"
	) &
	running[$!]=$name
}

# Print a finished test's block, renumbered, and its verdict lines.
report() {
	local name=$1 d=$work/${1//\//_} rc secs line kind text
	local p=0 f=0 s=0 wait_s scapy_s user_s sys_s

	rc=$(cat "$d/rc" 2>/dev/null || echo 125)
	secs=$(awk -v a="$(cat "$d/start")" -v b="$(date +%s.%N)" \
		'BEGIN { printf "%d", b - a + 0.5 }')
	{
		echo "# $name (timeout $(cat "$d/timeout") s, $(cat "$d/mode"))"
		while IFS= read -r line; do
			if [[ $line =~ ^(not\ )?ok\ [0-9]+\ (.*)$ ]]; then
				text=${BASH_REMATCH[2]}
				if [[ -n ${BASH_REMATCH[1]} ]]; then
					kind=fail f=$((f + 1))
				elif [[ $text == *"# SKIP"* ]]; then
					kind=skip s=$((s + 1))
				else
					kind=pass p=$((p + 1))
				fi
				emit "$kind" "$text"
			else
				echo "$line"
			fi
		done <"$d/out"
		if ((rc == 124 || rc == 137)); then
			emit fail "$name: timeout after $(cat "$d/timeout") s"
			f=$((f + 1))
		elif ((rc == KSFT_SKIP && p + f + s == 0)); then
			emit skip "$name # SKIP skipped by the test"
			s=$((s + 1))
		elif ((rc != 0 && rc != KSFT_SKIP && f == 0)); then
			emit fail "$name: exited with status $rc"
			f=$((f + 1))
		elif ((p + f + s == 0)); then
			# A test that checked nothing but exited 0.
			emit pass "$name"
			p=$((p + 1))
		fi
		echo "# $name: $secs s"
	} >"$d/block"
	cat "$d/block"
	read -r wait_s scapy_s user_s sys_s 2>/dev/null <"$d/metrics" || true
	if [[ -n $log_dir ]]; then
		cp "$d/block" "$log_dir/${name//\//_}.log"
		# Seconds each check took since the one before: where a
		# test spends its time.
		[[ -s $d/marks ]] && awk -v t="$(cat "$d/start")" '
			{ ts = $1; sub(/,/, ".", ts); $1 = ""
			  printf "%.2f\t%s\n", ts - t, substr($0, 2); t = ts }
		' "$d/marks" >"$log_dir/${name//\//_}.steps"
		printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" \
			"$secs" "$p" "$f" "$s" "${wait_s:-0}" "${scapy_s:-0}" \
			"$(cat "$d/mode")" "${user_s:-0}" "${sys_s:-0}" \
			>>"$log_dir/times.tsv"
	fi
}

declare -A running=()

wait_one() {
	local pid

	wait -n -p pid
	[[ -n ${pid:-} && -n ${running[$pid]:-} ]] || return 0
	report "${running[$pid]}"
	unset "running[$pid]"
}

# The zygote of the scapy peers (lib/peer.sh). It needs no wait: a peer
# asked for before scapy is imported waits in the request FIFO.
zygote_pid=
if [[ -x /usr/bin/python3 ]]; then
	mkdir "$work/zygote"
	mkfifo "$work/zygote/req"
	/usr/bin/python3 "$dir/lib/hmiptest.py" zygote --dir "$work/zygote" \
		</dev/null >"$work/zygote/log" 2>&1 &
	zygote_pid=$!
	HMIP_ZYGOTE=$work/zygote HMIP_ZYGOTE_PID=$zygote_pid
	export HMIP_ZYGOTE HMIP_ZYGOTE_PID
	trap 'kill "$zygote_pid" 2>/dev/null; rm -rf "$work"' EXIT
fi

echo "TAP version 13"
for name in ${missing[@]+"${missing[@]}"}; do
	emit fail "$name: no such test (selftests/$name.sh)"
done
echo "# $((${#exclusive[@]} + ${#shared[@]})) tests: ${#exclusive[@]} alone (${exclusive[*]-}), the rest $jobs at a time"
for name in ${exclusive[@]+"${exclusive[@]}"}; do
	start_test "$name" alone
	wait_one
done
for name in ${shared[@]+"${shared[@]}"}; do
	while ((${#running[@]} >= jobs)); do
		wait_one
	done
	start_test "$name" shared
done
while ((${#running[@]})); do
	wait_one
done

if [[ -n $zygote_pid ]]; then
	[[ -f $work/zygote/ready ]] &&
		echo "# scapy zygote: imported in $(<"$work/zygote/ready") s"
	sed 's/^/# zygote: /' "$work/zygote/log"
fi
echo "1..$n"
line="$n_pass passed, $n_fail failed"
((n_skip)) && line+=", $n_skip skipped"
echo "$line"
((n_fail == 0))
