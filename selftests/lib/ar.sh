# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Helpers of the access router tests. Source after lib.sh and peer.sh:
#
#   radvd_start NS IFACE PREFIX [IFACE PREFIX]...
#                     Debian's radvd in NS on each IFACE with a plain
#                     radvd.conf (its prefix; nothing about MAPs), stopped
#                     at exit. Advertisements come at Mobile IPv6 rates
#                     (RFC 6275 section 7.5: every 30-70 ms, with the
#                     Advertisement Interval option, solicited ones 30 ms
#                     apart), as a network built for mobile nodes runs;
#                     RADVD_INTERVALS=default keeps radvd's own (one test
#                     runs with them); RADVD_IFACE_CONF and
#                     RADVD_PREFIX_CONF add lines to each interface and
#                     prefix block (the Mobile IPv6 settings of a home
#                     agent's advertisements); RADVD_PIDFILE names
#                     its pid file
#   ra_lines ARGS...  "hmiptest.py ra ARGS" in the peer: one JSON line per
#                     router advertisement seen

radvd_start() {
	local ns=$1 conf pid intervals
	shift

	conf=$(mktemp /tmp/hmip-radvd.XXXXXX.conf)
	pid=$(mktemp -u /tmp/hmip-radvd.XXXXXX.pid)
	if [[ ${RADVD_INTERVALS:-} == default ]]; then
		intervals=
	else
		intervals="AdvIntervalOpt on;
			MinRtrAdvInterval 0.03;
			MaxRtrAdvInterval 0.07;
			MinDelayBetweenRAs 0.03;"
	fi
	while (($# >= 2)); do
		cat >>"$conf" <<-EOC
		interface $1 {
			AdvSendAdvert on;
			$intervals
			${RADVD_IFACE_CONF:-}
			prefix $2 {
				${RADVD_PREFIX_CONF:-}
			};
		};
		EOC
		shift 2
	done
	on "$ns" sysctl -qw net.ipv6.conf.all.forwarding=1
	on "$ns" radvd -n -C "$conf" -p "$pid" -m stderr &
	RADVD_PIDFILE=$pid
	on_exit rm -f "$conf" "$pid"
}

ra_lines() {
	peer ra "$@"
}
