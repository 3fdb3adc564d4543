#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The demonstration network (make demo): a mobile node moves from one
# access router of a MAP domain to another while a correspondent pings its
# regional care-of address, and only the MAP hears about the move.
#
#                         +-- ar1 (2001:db8:a1::/64) --+
#   cn ---- map (hmip) ---+                            +--- mn
#   c::2    MAP 100::1    +-- ar2 (2001:db8:a2::/64) --+
#
# Until hmip's mobile node role exists, the mobile node is stock Linux (an
# ip6ip6 tunnel to the MAP) and its Binding Updates come from the scapy
# peer the tests use.
#
# timeout: 900

. "$(dirname "$(readlink -f "$0")")/../lib.sh"
. "$TOP/selftests/lib/peer.sh"

CN=2001:db8:c::2
MAP=2001:db8:100::1
RCOA=2001:db8:100::a
LCOA1=2001:db8:a1::100
LCOA2=2001:db8:a2::100
TMP=$(mktemp -d /tmp/hmip-demo.XXXXXX)
on_exit rm -rf "$TMP"

say()
{
	log ""
	log "=== $*"
}

show()
{
	# show NS CMD...: run a command and print what it prints
	local ns=$1
	shift
	log "\$ $*"
	on "$ns" "$@" 2>&1 | while IFS= read -r line; do log "  $line"; done
}

setup_ns cn map ar1 ar2 mn
ns_nodad "$cn" "$map" "$ar1" "$ar2" "$mn"
veth_link "$cn" c0 "$map" c1
veth_link "$map" a1 "$ar1" u0
veth_link "$map" a2 "$ar2" u0
veth_link "$ar1" d0 "$mn" m1
veth_link "$ar2" d0 "$mn" m2
for ns in "$map" "$ar1" "$ar2"; do
	on "$ns" sysctl -qw net.ipv6.conf.all.forwarding=1
done
on "$cn" ip -6 addr add $CN/64 dev c0
on "$cn" ip -6 route add default via 2001:db8:c::1
on "$map" ip -6 addr add 2001:db8:c::1/64 dev c1
on "$map" ip -6 addr add $MAP/128 dev c1
on "$map" ip -6 addr add 2001:db8:f1::1/64 dev a1
on "$map" ip -6 addr add 2001:db8:f2::1/64 dev a2
on "$map" ip -6 route add 2001:db8:a1::/64 via 2001:db8:f1::2
on "$map" ip -6 route add 2001:db8:a2::/64 via 2001:db8:f2::2
for i in 1 2; do
	ns=ar$i
	on "${!ns}" ip -6 addr add 2001:db8:f$i::2/64 dev u0
	on "${!ns}" ip -6 addr add 2001:db8:a$i::1/64 dev d0
	on "${!ns}" ip -6 route add default via 2001:db8:f$i::1
done
on "$mn" ip -6 addr add $LCOA1/64 dev m1

say "The MAP: a routed MAP for 2001:db8:100::/64 (require-ipsec off: a lab without IPsec keys)"
show "$map" "$HMIP" config set err-ratelimit-ms 0
show "$map" "$HMIP" map add $MAP dev c1 mode routed require-ipsec off
show "$map" "$HMIP" map show
show "$map" ip -br link show hmip0

say "The mobile node on ar1: LCoA $LCOA1, RCoA $RCOA, a tunnel to the MAP"
on "$mn" ip -6 route add $MAP/128 via 2001:db8:a1::1 dev m1
on "$mn" ip -6 tunnel add t0 mode ip6ip6 local $LCOA1 remote $MAP
on "$mn" ip link set t0 up
on "$mn" ip -6 addr add $RCOA/128 dev t0
on "$mn" ip -6 route add default dev t0 src $RCOA metric 2048
wait_for 20 on "$mn" ping -6 -c1 -W1 $MAP
peer_start "$mn"

bu()
{
	# bu LCOA IFACE SEQ: the local Binding Update, the answer described
	log "\$ (mobile node) Binding Update: RCoA $RCOA, LCoA $1, seq $3"
	peer bu --iface "$2" --src "$1" --dst $MAP --hao $RCOA --seq "$3" \
		--expect 1 --wait 10 >"$TMP/ba"
	"$PY" -c '
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    if r.get("msg") == "ba":
        print("  Binding Ack: status %d, seq %d, lifetime %d s, type 2 routing header %s"
              % (r["status"], r["seq"], r["lifetime"] * 4, r.get("rh2")))' "$TMP/ba" |
		while IFS= read -r line; do log "$line"; done
	grep -q '"status": 0' "$TMP/ba"
}

check "the MAP accepts the registration" bu $LCOA1 m1 1
show "$map" "$HMIP" binding show

say "The correspondent pings the RCoA; the MAP tunnels to the LCoA"
# Not through on(): $! must be ping itself, for the SIGINT that makes it
# print its statistics.
ip netns exec "$cn" ping -6 -i 0.2 $RCOA >"$TMP/ping" 2>&1 &
pinger=$!
check "the correspondent reaches the RCoA" \
	wait_for 30 grep -q "bytes from" "$TMP/ping"
sleep 2

say "The mobile node moves to ar2: new LCoA $LCOA2, one Binding Update to the MAP"
on "$mn" ip link set m1 down
on "$mn" ip -6 addr add $LCOA2/64 dev m2
on "$mn" ip -6 route replace $MAP/128 via 2001:db8:a2::1 dev m2
on "$mn" ip -6 tunnel change t0 local $LCOA2 remote $MAP
wait_for 20 on "$mn" ping -6 -c1 -W1 $MAP
check "the MAP accepts the new LCoA" bu $LCOA2 m2 2
show "$map" "$HMIP" binding show
sleep 3
kill -INT $pinger
wait $pinger 2>/dev/null
log "ping from the correspondent, across the move:"
tail -n 3 "$TMP/ping" | while IFS= read -r line; do log "  $line"; done
check "the correspondent still reaches the RCoA after the move" \
	on "$cn" ping -6 -c2 -W5 $RCOA

say "What the MAP counted"
show "$map" ip -s link show hmip0
log "the counters that moved:"
show "$map" sh -c "$HMIP stats show | awk '\$2 != 0'"
finish
