# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# The scapy peer (lib/hmiptest.py) kept running in one namespace, so that
# scapy is imported once per test instead of once per packet exchange,
# which costs seconds under emulation. Source after lib.sh:
#
#   peer_start NS            start the peer in NS (stopped at exit)
#   peer SUBCOMMAND ARGS...  run "hmiptest.py SUBCOMMAND ARGS..." there

HMIPTEST=$TOP/selftests/lib/hmiptest.py

peer_start() {
	PEER_SOCK=$(mktemp -u /tmp/hmip-peer.XXXXXX)
	on "$1" "$PY" "$HMIPTEST" serve --socket "$PEER_SOCK" &
	on_exit rm -f "$PEER_SOCK"
}

peer() {
	"$PY" "$HMIPTEST" call --socket "$PEER_SOCK" "$@"
}
