# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Helpers of the access router tests. Source after lib.sh and peer.sh:
#
#   radvd_start NS IFACE PREFIX [IFACE PREFIX]...
#                     Debian's radvd in NS on each IFACE with a plain
#                     radvd.conf (its prefix, an advertisement every 3-4 s;
#                     nothing about MAPs), stopped at exit
#   ra_lines ARGS...  "hmiptest.py ra ARGS" in the peer: one JSON line per
#                     router advertisement seen

radvd_start() {
	local ns=$1 conf pid
	shift

	conf=$(mktemp /tmp/hmip-radvd.XXXXXX.conf)
	pid=$(mktemp -u /tmp/hmip-radvd.XXXXXX.pid)
	while (($# >= 2)); do
		cat >>"$conf" <<-EOC
		interface $1 {
			AdvSendAdvert on;
			MinRtrAdvInterval 3;
			MaxRtrAdvInterval 4;
			prefix $2 {
			};
		};
		EOC
		shift 2
	done
	on "$ns" sysctl -qw net.ipv6.conf.all.forwarding=1
	on "$ns" radvd -n -C "$conf" -p "$pid" -m stderr &
	on_exit rm -f "$conf" "$pid"
}

ra_lines() {
	peer ra "$@"
}
