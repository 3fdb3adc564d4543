#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run the hmip selftests and print one KTAP stream. Runs as root inside the
# test VM (scripts/vm/guest-run), with hmip.ko loaded.
#
#   selftests/run_tests.sh            every selftests/<name>.sh, in name order
#   T="smoke foo" run_tests.sh        just those (spaces or commas)
#
# Each test gets a timeout: 300 s, or N from a "# timeout: N" line in it;
# three times that on the debug kernel.
# The tests number their results through one counter (lib.sh); a test that
# exits non-zero without reporting a failure, or times out, gets a "not ok"
# line of its own. Whatever a test prints itself becomes "# " diagnostics.
# Exit status: 0 when nothing failed.

set -uo pipefail

dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
default_timeout=300
KSFT_SKIP=4

HMIP_KTAP_DIR=$(mktemp -d)
export HMIP_KTAP_DIR
trap 'rm -rf "$HMIP_KTAP_DIR"' EXIT
echo "0 0 0 0" >"$HMIP_KTAP_DIR/counts"

# Results not from lib.sh: same counter, same format.
result() {
	local kind=$1 name=$2 n pass fail skip line

	read -r n pass fail skip <"$HMIP_KTAP_DIR/counts"
	n=$((n + 1))
	case $kind in
	pass) pass=$((pass + 1)); line="ok $n $name" ;;
	fail) fail=$((fail + 1)); line="not ok $n $name" ;;
	skip) skip=$((skip + 1)); line="ok $n $name # SKIP ${3:-}" ;;
	esac
	echo "$line"
	echo "$n $pass $fail $skip" >"$HMIP_KTAP_DIR/counts"
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

exec 4>&1
echo "TAP version 13"
for name in "${tests[@]}"; do
	file=$dir/$name.sh
	if [[ $name == lib || $name == run_tests || ! -f $file ]]; then
		result fail "$name: no such test (selftests/$name.sh)"
		continue
	fi
	# "# debug: skip REASON": left out of the debug kernel's default run
	# (the whole suite there takes longer than CI allows); named in T it
	# runs all the same.
	why=$(sed -nE 's/^# debug: skip *(.*)/\1/p' "$file" | head -n1)
	if [[ ${FLAVOUR:-} == debug && -z ${T:-} && -n $why ]]; then
		result skip "$name" "not in the debug kernel's default run: $why"
		continue
	fi
	timeout=$(sed -nE 's/^# timeout: *([0-9]+).*/\1/p' "$file" | head -n1)
	timeout=${timeout:-$default_timeout}
	# The debug kernel (KASAN, lockdep, under emulation) is several times
	# slower: the limits catch hangs, not slowness.
	[[ ${FLAVOUR:-} == debug ]] && timeout=$((timeout * 3))
	read -r n_before _ fails_before _ <"$HMIP_KTAP_DIR/counts"
	echo "# $name (timeout $timeout s)"
	start=$SECONDS

	# fd 3 carries the results straight to our stdout; the test's own
	# stdout and stderr become diagnostics. timeout runs the test in a
	# process group of its own: what the test left running in the
	# background is killed with it, so the pipe to sed closes.
	{
		timeout -k 10 "$timeout" bash "$file" 3>&4 </dev/null &
		pid=$!
		wait "$pid"
		echo $? >"$HMIP_KTAP_DIR/rc"
		kill -KILL -- "-$pid" 2>/dev/null
	} 2>&1 | sed -u 's/^/# /'
	rc=$(<"$HMIP_KTAP_DIR/rc")

	read -r n_after _ fails_after _ <"$HMIP_KTAP_DIR/counts"
	if ((rc == 124 || rc == 137)); then
		result fail "$name: timeout"
	elif ((rc == KSFT_SKIP && n_after == n_before)); then
		result skip "$name" "skipped by the test"
	elif ((rc != 0 && rc != KSFT_SKIP && fails_after == fails_before)); then
		result fail "$name: exited with status $rc"
	elif ((n_after == n_before)); then
		# A test that checked nothing but exited 0.
		result pass "$name"
	fi
	echo "# $name: $((SECONDS - start)) s"
done

read -r n pass fail skip <"$HMIP_KTAP_DIR/counts"
echo "1..$n"
line="$pass passed, $fail failed"
((skip)) && line+=", $skip skipped"
echo "$line"
((fail == 0))
