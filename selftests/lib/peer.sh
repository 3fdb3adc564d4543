# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# The scapy peer (lib/hmiptest.py) kept running in one namespace, so that
# scapy is imported once per test instead of once per packet exchange,
# which costs seconds under emulation. Requests go to it through socat: no
# Python starts per call either. Source after lib.sh:
#
#   peer_start NS [--lazy]   start the peer in NS (stopped at exit);
#                            --lazy: scapy only with the first packet
#                            subcommand (for a test that only computes)
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


peer_start() {
	PEER_SOCK=$(mktemp -u /tmp/hmip-peer.XXXXXX)
	on "$1" "$PY" "$HMIPTEST" serve --socket "$PEER_SOCK" ${2:+"$2"} &
	on_exit _peer_stop "$PEER_SOCK"
}

_peer_stop() {
	# How long the peer took to listen, for the run's timing table.
	[[ -f $1.ready ]] && cat "$1.ready" >>"$HMIP_KTAP_DIR/scapy"
	rm -f "$1" "$1.ready"
}

peer() {
	local out rc

	# The socket appears once the peer listens (scapy takes minutes to
	# import on a busy debug kernel).
	if [[ ! -S $PEER_SOCK ]]; then
		wait_for 600 test -S "$PEER_SOCK" || return 1
	fi
	out=$(printf '%s\0' "$@" | socat -t 3600 - "UNIX-CONNECT:$PEER_SOCK") ||
		return 1
	rc=${out##*#rc=}
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
