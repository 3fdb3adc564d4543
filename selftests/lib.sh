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
#   sync_post NAME [VALUE]   for a test split over two guests (selftests/
#                            pair): tell the other guest NAME happened
#   sync_wait NAME SECONDS   wait until the other guest posted NAME
#   sync_read NAME           the VALUE posted with NAME
#   monitor_start NS FILE [OPTION...]
#                            "hmip OPTION... monitor" in NS writes FILE;
#                            returns once it hears events (a config-changed
#                            event it provoked); MONITOR_PID is its pid
#
# Results, one KTAP line each:
#   check NAME CMD...        ok when CMD succeeds; its output as diagnostics
#                            when it fails
#   check_fail NAME CMD...   ok when CMD fails
#   check_eq NAME EXPECTED ACTUAL
#   pass NAME / fail NAME [WHY] / skip NAME REASON
#   log TEXT                 a "# TEXT" diagnostic line
#   wait_for SECONDS CMD...  retry CMD every 0.1 s (0.25 s on the debug
#                            kernel) until it succeeds;
#                            non-zero, and a line naming CMD, when it
#                            never did (SECONDS times HMIP_TIME_SCALE:
#                            2 under run_tests.sh, 4 on the debug kernel)
#   nap SECONDS              sleep without starting a process
#   counter NS NAME          one of hmip's counters in NS
#   counter_above NS NAME N  true when that counter is above N
#   require_cmd CMD...       skip the whole test when a command is missing
#   finish                   end the test: exit 1 on any failure, 4 (skip)
#                            when everything was skipped, else 0
#
# Paths: SELFTESTS (this directory, or its kselftest copy), TOP (the
# checkout), HMIP (the hmip tool), HMIP_KO (the module file, for tests that
# reload it), PY (/usr/bin/python3, the one with scapy), HMIPTEST (the
# scapy peer), MHSEND and MHFLOOD (selftests/tools). TOP, HMIP and HMIP_KO
# may come from the environment (a kselftest install lives elsewhere).
#
# A test may be run alone as well (bash selftests/foo.sh), or by the
# kernel's kselftest runner (selftests/Makefile); it then prints its own
# KTAP header and plan.

SELFTESTS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TOP=${TOP:-$(cd "$SELFTESTS/.." && pwd)}
HMIP=${HMIP:-$TOP/tools/hmip/hmip}
HMIP_KO=${HMIP_KO:-$TOP/hmip.ko}
PY=/usr/bin/python3
HMIPTEST=$SELFTESTS/lib/hmiptest.py
# Built next to their sources, or (kselftest_install.sh) installed flat.
MHSEND=$SELFTESTS/tools/mhsend
[[ -x $MHSEND ]] || MHSEND=$SELFTESTS/mhsend
MHFLOOD=$SELFTESTS/tools/mhflood
[[ -x $MHFLOOD ]] || MHFLOOD=$SELFTESTS/mhflood
KSFT_SKIP=4
export TOP HMIP HMIP_KO PY SELFTESTS

TEST_NAME=$(basename "$0" .sh)
# Deadlines (wait_for) catch what never happens, they do not time what
# does: they stretch under run_tests.sh, where six tests share two
# emulated CPUs, and more on the debug kernel.
if [[ -z ${HMIP_TIME_SCALE:-} ]]; then
	HMIP_TIME_SCALE=1
	[[ -n ${HMIP_KTAP_DIR:-} ]] && HMIP_TIME_SCALE=2
	[[ ${FLAVOUR:-} == debug ]] && HMIP_TIME_SCALE=4
fi
# wait_for polls every 0.1 s, every 0.25 s on the debug kernel: there a
# poll (an hmip, a jq, a subshell) costs a good part of that in CPU time,
# which the six tests side by side, and what a test waits for, need.
_poll=0.1
((HMIP_TIME_SCALE >= 4)) && _poll=0.25
NS_LIST=()
EXIT_HOOKS=()
_t_pass=0
_t_fail=0
_t_skip=0

# The counters (next number, passed, failed, skipped) live in a file, so
# that results reported from a subshell count too. Under run_tests.sh each
# test has its own (numbers from 1; the runner renumbers the block).
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

	read -r n pass fail skip <"$HMIP_KTAP_DIR/counts"
	n=$((n + 1))
	case $kind in
	pass) pass=$((pass + 1)); echo "ok $n $TEST_NAME: $name" >&3 ;;
	fail) fail=$((fail + 1)); echo "not ok $n $TEST_NAME: $name" >&3 ;;
	skip) skip=$((skip + 1)); echo "ok $n $TEST_NAME: $name # SKIP $directive" >&3 ;;
	esac
	echo "$n $pass $fail $skip" >"$HMIP_KTAP_DIR/counts"
	# When each result came, for the run's per-check times (steps).
	echo "$EPOCHREALTIME $name" >>"$HMIP_KTAP_DIR/marks"
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

# A pipe nobody writes to: "read -t" on it is a sleep without a fork,
# which costs tens of milliseconds under emulation.
exec {_nap_fd}<> <(:)

nap() {
	read -r -t "$1" -u "$_nap_fd" _ || true
}

# Seconds between two $EPOCHREALTIME values.
_elapsed() {
	local a=${1/[.,]/} b=${2/[.,]/}

	printf '%d.%03d' $(((b - a) / 1000000)) $(((b - a) % 1000000 / 1000))
}

wait_for() {
	local limit=$(($1 * ${HMIP_TIME_SCALE:-1})) t0=$EPOCHREALTIME rc=0
	local deadline

	deadline=$((SECONDS + limit))
	shift
	until "$@" >/dev/null 2>&1; do
		if ((SECONDS >= deadline)); then
			log "wait_for: gave up after $limit s waiting for: $*"
			rc=1
			break
		fi
		nap "$_poll"
	done
	# How long the test spent waiting, for the run's timing table.
	echo "$(_elapsed "$t0" "$EPOCHREALTIME")" >>"$HMIP_KTAP_DIR/waits"
	return $rc
}

counter() {
	local out

	out=$("$HMIP" -n "$1" stats show "$2") || return 1
	echo "${out##* }"
}

# log_drops NS...: every non-zero drop, discard and error counter of the
# namespaces (the kernel's SNMP ones and hmip's), and the backlog drops
# of the machine: where packets went that a check missed.
log_drops() {
	local ns _ d drops=

	while read -r _ d _; do
		drops+="$((16#$d)) "
	done </proc/net/softnet_stat
	log "backlog drops per CPU: $drops"
	for ns in "$@"; do
		log "$ns: $(ip netns exec "$ns" nstat -asz 2>/dev/null |
			awk '$1 ~ /Drop|Discard|Err|NoRoute|Overflow|TooBig|Trunc/ && $2 > 0 { printf "%s %s, ", $1, $2 }')"
		log "$ns: $("$HMIP" -n "$ns" stats show 2>/dev/null |
			awk '$1 ~ /drop|unreachable|too_big|limited/ && $NF > 0 { printf "%s %s, ", $1, $NF }')"
	done
}

counter_above() {
	local v

	v=$(counter "$1" "$2") || return 1
	((v > $3))
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
	# ip and hmip enter the namespace themselves (-n): one process, no
	# mount namespace, where "ip netns exec" costs two and a sysfs mount.
	case $1 in
	ip) shift; ip -n "$ns" "$@" ;;
	"$HMIP") shift; "$HMIP" -n "$ns" "$@" ;;
	*) ip netns exec "$ns" "$@" ;;
	esac
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

# The share both guests of a pair mount (scripts/vm/pair): a file per
# event, renamed into place whole.
sync_post() {
	[[ -d ${HMIP_SYNC:-} ]] || { fail "sync_post $1: no HMIP_SYNC share"; return 1; }
	printf '%s\n' "${2:-}" >"$HMIP_SYNC/.$1" && mv "$HMIP_SYNC/.$1" "$HMIP_SYNC/$1"
}

sync_wait() {
	[[ -d ${HMIP_SYNC:-} ]] || return 1
	wait_for "$2" test -e "$HMIP_SYNC/$1"
}

sync_read() {
	cat "$HMIP_SYNC/$1"
}

monitor_start() {
	local ns=$1 file=$2 cfg
	shift 2

	"$HMIP" -n "$ns" "$@" monitor >"$file" 2>&1 &
	MONITOR_PID=$!
	# Set the settings to what they are until the monitor prints the
	# event that makes: it listens from then on.
	cfg=$("$HMIP" -n "$ns" -j config show | jq -r \
		'"err-ratelimit-ms \(.err_ratelimit_ms) err-ratelimit-burst \(.err_ratelimit_burst)"')
	# shellcheck disable=SC2086 # words
	wait_for 60 _monitor_hears "$ns" "$file" $cfg
}

_monitor_hears() {
	local ns=$1 file=$2
	shift 2

	"$HMIP" -n "$ns" config set "$@" || return 1
	nap 0.2
	grep -q config-changed "$file"
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
	# Where the time went, for the runner's table: seconds spent in
	# wait_for, seconds the scapy peers took to start.
	# (From stdin: a test that never waited has no file, and still
	# gets its 0.0, so that the columns stay in place.)
	cat "$HMIP_KTAP_DIR/waits" 2>/dev/null |
		awk '{ s += $1 } END { printf "%.1f ", s }' >"$HMIP_KTAP_DIR/metrics"
	cat "$HMIP_KTAP_DIR/scapy" 2>/dev/null |
		awk '{ s += $1 } END { printf "%.1f ", s }' >>"$HMIP_KTAP_DIR/metrics"
	# And the CPU seconds, user and kernel, of the test's own processes
	# and all they waited for (not its scapy peers: the zygote's): the
	# builtin, in this shell, not in a $() subshell of its own.
	times >"$HMIP_KTAP_DIR/cpu"
	awk '{ for (i = 1; i <= 2; i++) { split($i, t, /[ms]/); c[i] += t[1] * 60 + t[2] } }
	     END { printf "%.1f %.1f\n", c[1], c[2] }' "$HMIP_KTAP_DIR/cpu" \
		2>/dev/null >>"$HMIP_KTAP_DIR/metrics"
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
