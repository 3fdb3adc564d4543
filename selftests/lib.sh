# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Sourced by every selftest (selftests/<name>.sh). Runs as root inside the
# test VM, where hmip.ko is loaded; selftests/run_tests.sh runs the tests
# and numbers their results into one KTAP stream.
#
# Topology:
#   setup_ns VAR...          make namespaces "VAR-xxxxxx", lo up; the names
#                            go into the variables; removed at exit
#   on NS CMD...             run CMD in namespace NS (ip netns exec; "in"
#                            would read better but is a bash keyword)
#   veth_link NS1 IF1 NS2 IF2
#                            a veth pair IF1 (in NS1) -- IF2 (in NS2), up
#   ns_nodad NS...           no duplicate address detection in NS (new and
#                            existing interfaces)
#   dad_done NS...           true when no address in NS is tentative (for
#                            wait_for: DAD is on unless ns_nodad)
#   on_exit CMD...           run CMD at exit, before the namespaces go (LIFO)
#   capture_start NS IFACE FILE [FILTER...]
#                            tcpdump on IFACE in NS writes FILE; returns once
#                            it listens (tshark decodes FILE afterwards: it
#                            takes far longer to start under emulation)
#   capture_stop FILE        end that capture; FILE then holds every packet
#                            that crossed IFACE until the call
#
# Results, one KTAP line each:
#   check NAME CMD...        ok when CMD succeeds; its output as diagnostics
#                            when it fails
#   check_fail NAME CMD...   ok when CMD fails
#   check_eq NAME EXPECTED ACTUAL
#   pass NAME / fail NAME [WHY] / skip NAME REASON
#   log TEXT                 a "# TEXT" diagnostic line
#   wait_for SECONDS CMD...  retry CMD every 0.1 s until it succeeds;
#                            non-zero when it never did
#   require_cmd CMD...       skip the whole test when a command is missing
#   finish                   end the test: exit 1 on any failure, 4 (skip)
#                            when everything was skipped, else 0
#
# Paths: TOP (the checkout), HMIP (the hmip tool), HMIP_KO (the module file,
# for tests that reload it), PY (/usr/bin/python3, the one with scapy).
#
# A test may be run alone as well (bash selftests/foo.sh); it then prints
# its own KTAP header and plan.

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
HMIP=$TOP/tools/hmip/hmip
HMIP_KO=${HMIP_KO:-$TOP/hmip.ko}
PY=/usr/bin/python3
KSFT_SKIP=4
export TOP HMIP HMIP_KO PY

TEST_NAME=$(basename "$0" .sh)
NS_LIST=()
EXIT_HOOKS=()
_t_pass=0
_t_fail=0
_t_skip=0

# The counters (next number, passed, failed, skipped) live in a file shared
# by all the tests of a run, so the numbering is global.
if [[ -z ${HMIP_KTAP_DIR:-} ]]; then
	HMIP_KTAP_DIR=$(mktemp -d)
	_ktap_standalone=1
	echo "0 0 0 0" >"$HMIP_KTAP_DIR/counts"
	exec 3>&1
	echo "TAP version 13" >&3
fi

_ktap_result() {
	local kind=$1 name=$2 directive=${3:-}
	local n pass fail skip

	exec {lock}>>"$HMIP_KTAP_DIR/lock"
	flock "$lock"
	read -r n pass fail skip <"$HMIP_KTAP_DIR/counts"
	n=$((n + 1))
	case $kind in
	pass) pass=$((pass + 1)); echo "ok $n $TEST_NAME: $name" >&3 ;;
	fail) fail=$((fail + 1)); echo "not ok $n $TEST_NAME: $name" >&3 ;;
	skip) skip=$((skip + 1)); echo "ok $n $TEST_NAME: $name # SKIP $directive" >&3 ;;
	esac
	echo "$n $pass $fail $skip" >"$HMIP_KTAP_DIR/counts"
	exec {lock}>&-
}

log() {
	local line

	while IFS= read -r line; do
		echo "# $line" >&3
	done <<<"$*"
}

pass() {
	_t_pass=$((_t_pass + 1))
	_ktap_result pass "$1"
}

fail() {
	_t_fail=$((_t_fail + 1))
	_ktap_result fail "$1"
	[[ -n ${2:-} ]] && log "$2"
	return 0
}

skip() {
	_t_skip=$((_t_skip + 1))
	_ktap_result skip "$1" "${2:-}"
}

check() {
	local name=$1 out rc
	shift

	out=$("$@" 2>&1)
	rc=$?
	if ((rc == 0)); then
		pass "$name"
		return 0
	fi
	fail "$name"
	log "command: $*"
	log "exit status: $rc"
	[[ -n $out ]] && log "$out"
	return 1
}

check_fail() {
	local name=$1 out rc
	shift

	out=$("$@" 2>&1)
	rc=$?
	if ((rc != 0)); then
		pass "$name"
		return 0
	fi
	fail "$name"
	log "command: $* (succeeded, should have failed)"
	[[ -n $out ]] && log "$out"
	return 1
}

check_eq() {
	local name=$1 expected=$2 actual=$3

	if [[ $expected == "$actual" ]]; then
		pass "$name"
		return 0
	fi
	fail "$name"
	log "expected: $expected"
	log "actual:   $actual"
	return 1
}

wait_for() {
	local deadline=$((SECONDS + $1))
	shift

	until "$@" >/dev/null 2>&1; do
		((SECONDS < deadline)) || return 1
		sleep 0.1
	done
}

require_cmd() {
	local c

	for c in "$@"; do
		if ! command -v "$c" >/dev/null; then
			skip "requires $c" "$c not found"
			exit "$KSFT_SKIP"
		fi
	done
}

on() {
	local ns=$1
	shift
	ip netns exec "$ns" "$@"
}

setup_ns() {
	local var ns

	for var in "$@"; do
		ns="$var-$(mktemp -u XXXXXX)"
		if ! ip netns add "$ns"; then
			fail "setup_ns: ip netns add $ns"
			exit 1
		fi
		NS_LIST+=("$ns")
		ip -n "$ns" link set lo up
		printf -v "$var" '%s' "$ns"
	done
}

ns_nodad() {
	local ns

	# all, default and every interface that exists already (they keep
	# their own settings); /proc rather than sysctl for names with dots.
	for ns in "$@"; do
		# shellcheck disable=SC2016 # expanded by the inner shell
		on "$ns" sh -c 'for c in /proc/sys/net/ipv6/conf/*; do
			echo 0 >"$c/accept_dad"
			echo 0 >"$c/dad_transmits"
		done'
	done
}

dad_done() {
	local ns

	for ns in "$@"; do
		[[ -z $(ip -n "$ns" -6 addr show tentative) ]] || return 1
	done
}

veth_link() {
	local ns1=$1 if1=$2 ns2=$3 if2=$4

	ip -n "$ns1" link add "$if1" type veth peer name "$if2" netns "$ns2" &&
		ip -n "$ns1" link set "$if1" up &&
		ip -n "$ns2" link set "$if2" up
}

on_exit() {
	EXIT_HOOKS+=("$*")
}

declare -A CAPTURE_PID

capture_start() {
	local ns=$1 ifname=$2 file=$3

	shift 3
	rm -f "$file" "$file.log"
	# --immediate-mode: each packet reaches tcpdump as it arrives, not when
	# a ring block fills or times out (a block still open when tcpdump is
	# stopped is lost). Not through on(): $! must be tcpdump itself.
	ip netns exec "$ns" tcpdump --immediate-mode -U -n -i "$ifname" \
		-w "$file" "$@" >"$file.log" 2>&1 &
	CAPTURE_PID[$file]=$!
	wait_for 120 grep -q "listening on" "$file.log"
}

capture_stop() {
	local file=$1

	# Time for tcpdump, woken per packet, to write the last ones.
	sleep 1
	kill "${CAPTURE_PID[$file]}" 2>/dev/null
	wait "${CAPTURE_PID[$file]}" 2>/dev/null
	unset "CAPTURE_PID[$file]"
	rm -f "$file.log"
}

cleanup_ns() {
	local ns pids

	for ns in ${NS_LIST[@]+"${NS_LIST[@]}"}; do
		# A process left inside would keep the namespace alive.
		pids=$(ip netns pids "$ns" 2>/dev/null)
		# shellcheck disable=SC2086 # one pid per word
		[[ -n $pids ]] && kill -KILL $pids 2>/dev/null
		ip netns del "$ns" 2>/dev/null
	done
}

_lib_exit() {
	local rc=$? i ns left=()

	# Background jobs of the test (traffic generators, captures).
	# shellcheck disable=SC2046
	kill $(jobs -p) 2>/dev/null
	wait 2>/dev/null
	for ((i = ${#EXIT_HOOKS[@]} - 1; i >= 0; i--)); do
		eval "${EXIT_HOOKS[i]}"
	done
	cleanup_ns
	for ns in ${NS_LIST[@]+"${NS_LIST[@]}"}; do
		[[ -e /run/netns/$ns ]] && left+=("$ns")
	done
	if ((${#left[@]})); then
		fail "namespaces removed at exit" "left behind: ${left[*]}"
		((rc == 0)) && rc=1
	fi
	if [[ -n ${_ktap_standalone:-} ]]; then
		local n pass failed skipped
		read -r n pass failed skipped <"$HMIP_KTAP_DIR/counts"
		echo "1..$n" >&3
		local line="$pass passed, $failed failed"
		((skipped)) && line+=", $skipped skipped"
		echo "$line" >&3
		rm -rf "$HMIP_KTAP_DIR"
	fi
	exit "$rc"
}
trap _lib_exit EXIT

finish() {
	if ((_t_fail)); then
		exit 1
	elif ((_t_skip && !_t_pass)); then
		exit "$KSFT_SKIP"
	fi
	exit 0
}
