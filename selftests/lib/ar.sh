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
#   capture_start NS IFACE VAR
#                     tcpdump on IFACE in NS into a pcap whose name goes
#                     into VAR; capture_stop VAR ends it (file kept)

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

capture_start() {
	local ns=$1 ifname=$2 var=$3 file

	file=$(mktemp /tmp/hmip-cap.XXXXXX.pcap)
	# Not through on(): $! must be tcpdump itself, for capture_stop.
	ip netns exec "$ns" tcpdump -U -n -i "$ifname" -w "$file" icmp6 \
		2>"$file.log" &
	printf -v "$var" '%s' "$file"
	eval "${var}_pid=$!"
	on_exit rm -f "$file" "$file.log"
	# Slow to start on the debug kernel: nothing is missed once it listens.
	wait_for 120 grep -q "listening on" "$file.log"
}

capture_stop() {
	local pid_var="${1}_pid"

	kill "${!pid_var}" 2>/dev/null
	wait "${!pid_var}" 2>/dev/null
}
