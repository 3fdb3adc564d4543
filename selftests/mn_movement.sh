#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# RFC 6275 section 11.5.1 and RFC 4429 on the mobile node: movement
# detection beyond link events. DAD is on for the node's interface (3
# probes: addresses wait 3 s for it) and the kernel's own Router
# Solicitation has its random delay back, so that only hmip can be fast:
#
# - a Router Solicitation as soon as the link comes up;
# - the new LCoA optimistic (RFC 4429) and the Binding Update sent from it
#   before DAD could have ended (Debian's kernel; the debug kernel is
#   built without CONFIG_IPV6_OPTIMISTIC_DAD and skips those checks);
# - a second router heard on the link is no movement; a default router
#   that stops advertising (its Advertisement Interval, section 7.3, runs
#   out) is asked with unicast Neighbour Solicitations and kept while it
#   answers; one that no longer answers is lost without any link event,
#   and the other router of the link is taken;
# - malformed Advertisement Interval options are counted and not used.
#
# The network of mn_handover (lib/mn_net.sh), map1, ar1 and ar2 only:
#
#   map1 (100::1) ---- ar1 (a1::/64) d0 -- p1 [br1]
#        \------------ ar2 (a2::/64) d0 -- p2 [br2]     air
#                                     mn m0 -- pm [br1 or br2]
#
# timeout: 600

. "$(dirname "$(readlink -f "$0")")/lib.sh"
. "$SELFTESTS/lib/ar.sh"
. "$SELFTESTS/lib/peer.sh"
. "$SELFTESTS/lib/mn_net.sh"

require_cmd radvd tshark tcpdump

TMP=$(mktemp -d /tmp/hmip-md.XXXXXX)
on_exit rm -rf "$TMP"
# DAD of 3 probes, a second apart: what waits for it takes 3 s at least.
DAD_MS=3000
# How soon after "ip link set up" the solicitation must leave: the time
# to start ip under emulation, far below the kernel's own (after the
# link-local address's DAD).
if [[ ${FLAVOUR:-} == debug ]]; then
	RS_MAX_MS=2000
else
	RS_MAX_MS=1000
fi

mn_net_setup
peer_start "$air"
on "$map1" "$HMIP" map add $MAP1 dev c0 mode routed require-ipsec off
on "$ar1" "$HMIP" ar add dev d0 map $MAP1 dist 2 valid-lifetime 600
on "$ar2" "$HMIP" ar add dev d0 map $MAP1 dist 2 valid-lifetime 600
radvd_start "$ar1" d0 2001:db8:a1::/64
radvd_start "$ar2" d0 2001:db8:a2::/64
RADVD2=$RADVD_PIDFILE
for c in accept_dad=1 dad_transmits=3 router_solicitation_delay=1; do
	on "$mn" sysctl -qw "net.ipv6.conf.m0.$c"
done
OPTIMISTIC=
[[ -e /proc/sys/net/ipv6/conf/all/optimistic_dad ]] && OPTIMISTIC=1

ll_of()
{
	on "$1" ip -6 -o addr show dev d0 scope link | awk '{ print $4 }' |
		cut -d/ -f1
}
AR1_LL=$(ll_of "$ar1")
AR2_LL=$(ll_of "$ar2")

# port PORT BRIDGE: air's PORT into BRIDGE, or out of any with "none"
port()
{
	on "$air" ip link set "$1" nomaster
	[[ $2 == none ]] || on "$air" ip link set "$1" master "$2"
}

has_addr()
{
	on "$mn" ip -6 addr show dev m0 | grep -q "$1"
}

monitor_start "$mn" "$TMP/monitor"
monitor=$MONITOR_PID
on_exit kill $monitor
check "hmip mn add dev m0" \
	on "$mn" "$HMIP" mn add dev m0 require-ipsec off lifetime 120
check "registered with map1 from ar1's link" \
	wait_for 90 registered_with $MAP1 2001:db8:a1:
if [[ -n $OPTIMISTIC ]]; then
	check_eq "rfc4429: the role turned on optimistic DAD on m0" 1 \
		"$(on "$mn" sysctl -n net.ipv6.conf.m0.optimistic_dad)"
fi

# ------------------------------------------- link up: RS, optimistic LCoA

capture_start "$air" pm "$TMP/up.pcap" ip6
on "$mn" ip link set m0 down
port pm br2
t0=$(date +%s.%N)
on "$mn" ip link set m0 up
check "a move to ar2's cell: registered with map1 from ar2's prefix" \
	wait_for 60 registered_with $MAP1 2001:db8:a2:
if [[ -n $OPTIMISTIC ]]; then
	check "rfc4429-3.1: the new LCoA is still optimistic when the MAP acknowledged" \
		grep -q optimistic <<<"$(on "$mn" ip -6 addr show dev m0 to 2001:db8:a2::/64)"
fi
capture_stop "$TMP/up.pcap"
# The first solicitation and the first Binding Update after the link-up.
read -r rs_t rs_src < <(tshark -r "$TMP/up.pcap" -Y "icmpv6.type == 133 && frame.time_epoch > $t0" \
	-T fields -e frame.time_epoch -e ipv6.src 2>/dev/null | head -n1)
read -r bu_t bu_src < <(tshark -r "$TMP/up.pcap" -Y "mip6.mhtype == 5 && frame.time_epoch > $t0" \
	-T fields -e frame.time_epoch -e ipv6.src 2>/dev/null | head -n1)
ms()
{
	awk -v a="$t0" -v b="${1:-0}" 'BEGIN { printf "%d", (b > 0 ? (b - a) * 1000 : 999999) }'
}
bu_early()
{
	[[ $bu_src == 2001:db8:a2:* ]] && ((bu_ms < DAD_MS))
}
rs_ms=$(ms "$rs_t")
bu_ms=$(ms "$bu_t")
log "after ip link set up: RS at $rs_ms ms from ${rs_src:-?}, BU at $bu_ms ms from ${bu_src:-?}; handover $(mn_get "m['handover_ms']") ms"
check "rfc6275-11.5.1: tshark: a Router Solicitation within $RS_MAX_MS ms of link-up ($rs_ms ms; the kernel's waits for DAD, $DAD_MS ms)" \
	test "$rs_ms" -le $RS_MAX_MS
if [[ -n $OPTIMISTIC ]]; then
	check "rfc4429-3.1: tshark: the BU left from the new LCoA ($bu_src) before DAD could end ($bu_ms ms < $DAD_MS ms)" \
		bu_early
else
	skip "rfc4429-3.1: the BU from an optimistic LCoA" \
		"kernel without CONFIG_IPV6_OPTIMISTIC_DAD"
fi

# ------------------------------------- two routers on the link, then one

moves=$(mn_get "m['moves']")
port p1 br2
check "ar1 advertises on the node's link too: the kernel has an a1 address" \
	wait_for 30 has_addr 2001:db8:a1:
nap 1
check_eq "rfc6275-11.5.1: a second router heard is no movement: moves unchanged" \
	"$moves" "$(mn_get "m['moves']")"
check "... the LCoA stays on ar2's prefix" \
	registered_with $MAP1 2001:db8:a2:

capture_start "$air" pm "$TMP/loss.pcap" icmp6
probes=$(counter "$mn" mn_router_probes)
confirmed=$(counter "$mn" mn_router_confirmed)
lost=$(counter "$mn" mn_router_lost_adv_interval)
# radvd dies without its last advertisement (lifetime 0).
kill -9 "$(cat "$RADVD2")"
check "rfc6275-11.5.1: ar2's radvd stopped: its interval passed, it is probed" \
	wait_for 10 counter_above "$mn" mn_router_probes "$probes"
check "... it answers and stays the default router (mn_router_confirmed)" \
	wait_for 10 counter_above "$mn" mn_router_confirmed "$confirmed"
check_eq "... not lost" "$lost" "$(counter "$mn" mn_router_lost_adv_interval)"
check "... the LCoA stays on ar2's prefix" \
	registered_with $MAP1 2001:db8:a2:

radvd_start "$ar2" d0 2001:db8:a2::/64
nap 0.5
# ar2 is cut off the node's link; the link itself stays up.
t1=$(date +%s.%N)
port p2 none
check "rfc6275-11.5.1: ar2 gone without a link event: lost (mn_router_lost_adv_interval)" \
	wait_for 10 counter_above "$mn" mn_router_lost_adv_interval "$lost"
check "rfc6275-11.5.1: ar1, heard on the link, taken: registered with map1 from ar1's prefix" \
	wait_for 30 registered_with $MAP1 2001:db8:a1:
log "ar2 cut off to registered from ar1's prefix: $(awk -v a="$t1" -v b="$(date +%s.%N)" 'BEGIN { printf "%d", (b - a) * 1000 }') ms (polled)"
capture_stop "$TMP/loss.pcap"
ns=$(tshark -r "$TMP/loss.pcap" -Y "icmpv6.type == 135 && ipv6.dst == $AR2_LL && icmpv6.nd.ns.target_address == $AR2_LL" \
	-T fields -e frame.number 2>/dev/null | wc -l)
check "rfc6275-11.5.1: tshark: unicast Neighbour Solicitations for ar2 ($ns)" \
	test "$ns" -ge 2
check "rfc6275-11.5.1: tshark: then a Router Solicitation" \
	grep -q . <<<"$(tshark -r "$TMP/loss.pcap" -Y "icmpv6.type == 133" -T fields -e frame.number 2>/dev/null)"
# NUD alone would leave ar2's entry STALE with nothing to send. What hmip
# marked FAILED the kernel may collect or, when a packet takes ar2's route,
# resolve again (INCOMPLETE): none of them is usable.
neigh=$(on "$mn" ip -6 neigh show dev m0 "$AR2_LL")
log "ar2's neighbour entry: ${neigh:-(collected)}"
check_fail "rfc4861-6.3.6: the kernel's neighbour entry of ar2 is FAILED, INCOMPLETE or collected, not STALE (routes avoid it)" \
	grep -qE 'REACHABLE|STALE|DELAY|PROBE|PERMANENT' <<<"$neigh"
check_eq "ar1 ($AR1_LL) is the node's router" "$AR1_LL" "$(mn_get "m.get('router')")"

# ------------------------------------ malformed Advertisement Interval

bad=$(counter "$mn" mn_adv_interval_invalid)
# Length 2 and an interval of 5 ms: neither used. Router lifetime 0: the
# kernel does not take the sender as a default router.
peer ra-send --iface br2 --src fe80::99 --prefix 2001:db8:a1::/64 \
	--router-lifetime 0 -- raw:07020000000000460000000000000000 \
	raw:0701000000000005 >/dev/null
check "rfc6275-7.3: an Advertisement Interval option of Length 2 or 5 ms is counted and not used" \
	wait_for 10 test "$(counter "$mn" mn_adv_interval_invalid)" -ge $((bad + 2))

kill $monitor
wait $monitor 2>/dev/null
check "hmip monitor printed mn-router-lost" grep -q "^mn-router-lost" "$TMP/monitor"
check "hmip mn del dev m0" on "$mn" "$HMIP" mn del dev m0
if [[ -n $OPTIMISTIC ]]; then
	check_eq "mn del gives m0 its optimistic_dad back" 0 \
		"$(on "$mn" sysctl -n net.ipv6.conf.m0.optimistic_dad)"
fi
finish
