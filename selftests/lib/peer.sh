# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# The scapy peer (lib/hmiptest.py) kept running in one namespace, so that
# scapy is imported once per test instead of once per packet exchange,
# which costs seconds under emulation. Requests go to it through two FIFOs
# that the shell writes and reads itself: no process starts per call
# either (a socat per call took a tenth of the debug guest's CPU time,
# most of it from polls). Under run_tests.sh the peer is forked from a
# zygote that imported scapy once for the whole run (hmiptest.py zygote).
# Source after lib.sh:
#
#   peer_start NS [--lazy]   start the peer in NS (stopped at exit);
#                            --lazy: scapy only with the first packet
#                            subcommand (for a test that only computes);
#                            PEER_DIR names it (a test with two peers
#                            sets PEER_DIR for a call to choose one). A
#                            peer serves one request at a time, and the
#                            answers come in order: a request left
#                            running in the background needs a peer of
#                            its own
#   peer SUBCOMMAND ARGS...  run "hmiptest.py SUBCOMMAND ARGS..." there,
#                            print what it printed, return its status;
#                            besides packets: "peer count EXPR DATA",
#                            "peer get PATH JSON", "peer py CODE ARGS...",
#                            "peer genl --netns NS ..."
#   peer_in NS SUBCOMMAND ARGS...
#                            the same with the peer in namespace NS for
#                            the request: one peer serves them all
#   count EXPR               how many JSON lines on stdin satisfy EXPR
#                            (Python, over r), counted in the peer


declare -A PEER_W PEER_R

peer_start() {
	local w r

	PEER_DIR=$(mktemp -d /tmp/hmip-peer.XXXXXX)
	mkfifo "$PEER_DIR/req" "$PEER_DIR/resp"
	# Read-write on this end too: an open never waits for the peer.
	exec {w}<>"$PEER_DIR/req" {r}<>"$PEER_DIR/resp"
	PEER_W[$PEER_DIR]=$w
	PEER_R[$PEER_DIR]=$r
	if [[ -n ${HMIP_ZYGOTE:-} ]] && kill -0 "${HMIP_ZYGOTE_PID:-0}" 2>/dev/null; then
		# run_tests.sh's zygote forks one with scapy imported; it
		# serves in NS and ends with this shell. One line is written
		# whole (shorter than PIPE_BUF) among other tests' lines.
		printf '%s\t%s\t%s\n' "$PEER_DIR" "$1" "$$" >"$HMIP_ZYGOTE/req"
	else
		on "$1" "$PY" "$HMIPTEST" serve --fifo-dir "$PEER_DIR" ${2:+"$2"} &
	fi
	on_exit _peer_stop "$PEER_DIR"
}

_peer_stop() {
	# How long the peer took to listen, for the run's timing table.
	[[ -f $1/ready ]] && cat "$1/ready" >>"$HMIP_KTAP_DIR/scapy"
	# A zygote's peer is no job of this shell.
	[[ -f $1/pid ]] && kill "$(<"$1/pid")" 2>/dev/null
	rm -rf "$1"
}

peer() {
	local out rc

	# The peer is ready once scapy is imported (minutes on a busy debug
	# kernel); requests written before wait in the FIFO meanwhile.
	printf '%s\0' "$#" "$@" >&"${PEER_W[$PEER_DIR]}" || return 1
	IFS= read -r -d '' -t 3600 -u "${PEER_R[$PEER_DIR]}" out || return 1
	rc=${out##*#rc=}
	rc=${rc%$'\n'}
	out=${out%#rc=*}
	printf '%s' "$out"
	return "${rc:-1}"
}

count() {
	local data

	data=$(</dev/stdin)
	peer count "$1" "$data"
}

peer_in() {
	local ns=$1
	shift

	peer --netns "$ns" "$@"
}
