#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# RFC 4140 sections 6.1, 7.2, 8, 9.1 and 10 on the mobile node: hmip.ko on
# the mobile node learns its MAPs from radvd's advertisements (with the
# MAP options hmip adds on the access routers), registers its RCoA, keeps
# it through moves between access routers of one MAP domain and into a
# second domain, and falls back to plain IPv6 when no MAP is left.
#
#   cn ---- map1 (100::1) ---- ar1 (a1::/64) ---+
#    |          \------------- ar2 (a2::/64) ---+-- air --- mn (m0)
#    +----- map2 (200::1) ---- ar3 (a3::/64) ---+   (one bridge per AR:
#                                                    the mn's port moves)
#   ar1, ar2: MAP option for map1; ar3: for map2.
#
# timeout: 1500

. "$(dirname "$(readlink -f "$0")")/lib.sh"
. "$SELFTESTS/lib/ar.sh"
. "$SELFTESTS/lib/peer.sh"
. "$SELFTESTS/lib/mn_net.sh"

require_cmd radvd tshark tcpdump

XFER=$SELFTESTS/lib/xfer.py
if [[ ${FLAVOUR:-} == debug ]]; then
	SCALE=4
else
	SCALE=1
fi
TMP=$(mktemp -d /tmp/hmip-mn.XXXXXX)
on_exit rm -rf "$TMP"

mn_net_setup
# scapy on map1's link sends a Binding Ack of its own below.
peer_start "$map1"
# Routed MAPs: their prefixes lead to them, no neighbour on a link needed.
on "$map1" "$HMIP" map add $MAP1 dev c0 mode routed require-ipsec off \
	max-lifetime 3600
on "$map2" "$HMIP" map add $MAP2 dev c0 mode routed require-ipsec off \
	max-lifetime 3600
on "$ar1" "$HMIP" ar add dev d0 map $MAP1 dist 2 valid-lifetime 600
on "$ar2" "$HMIP" ar add dev d0 map $MAP1 dist 2 valid-lifetime 600
on "$ar3" "$HMIP" ar add dev d0 map $MAP2 dist 1 valid-lifetime 600
radvd_start "$ar1" d0 2001:db8:a1::/64
radvd_start "$ar2" d0 2001:db8:a2::/64
radvd_start "$ar3" d0 2001:db8:a3::/64

# binding NS RCOA FIELD: a field of the binding of RCOA at the MAP in NS
binding()
{
	on "$1" "$HMIP" -j binding show rcoa "$2" 2>/dev/null |
		jq -r ".[0].$3 // empty"
}

binding_lcoa()
{
	binding "$1" "$2" lcoa
}

no_current_map()
{
	[[ $(mn_get "bool(cur)") == False ]]
}

mn_hears()
{
	mn_json | grep -q "$1"
}

# test_eq_lcoa NS RCOA: the MAP in NS binds RCOA to the current LCoA
test_eq_lcoa()
{
	[[ $(binding_lcoa "$1" "$2") == "$(mn_get "m['lcoa']")" ]]
}

move_to()
{
	on "$mn" ip link set m0 down
	on "$air" ip link set pm nomaster
	on "$air" ip link set pm master br$1
	on "$mn" ip link set m0 up
}

monitor_start "$mn" "$TMP/monitor"
monitor=$MONITOR_PID
on_exit kill $monitor
capture_start "$mn" m0 "$TMP/bu.pcap" ip6
check "hmip mn add dev m0" \
	on "$mn" "$HMIP" mn add dev m0 require-ipsec off lifetime 120
check "rfc4140-6.1: registered with map1 from an LCoA of ar1's link" \
	wait_for 90 registered_with $MAP1 2001:db8:a1:
capture_stop "$TMP/bu.pcap"
log "$(on "$mn" "$HMIP" mn show dev m0)"
RCOA=$(mn_get "cur['rcoa']")
LCOA=$(mn_get "m['lcoa']")
check_eq "the RCoA is map1's prefix with the link-local interface identifier" \
	"$(peer py 'import ipaddress
ll = ipaddress.ip_address(argv[1]).packed[8:]
print(ipaddress.ip_address(ipaddress.ip_address(argv[0]).packed[:8] + ll))' \
	$MAP1 "$(on "$mn" ip -6 -o addr show dev m0 scope link | awk '{print $4}' | cut -d/ -f1)")" \
	"$RCOA"
check "the RCoA is on the tunnel device" \
	grep -q "$RCOA" <<<"$(on "$mn" ip -6 addr show dev hmipmn0)"
check_eq "rfc4140-6.2: map1's cache binds the RCoA to the LCoA" "$LCOA" \
	"$(binding_lcoa "$map1" "$RCOA")"
check_eq "rfc4140-4.1: tshark: the BU comes from the LCoA with A and M set, HAO = RCoA, Alternate CoA = LCoA (rfc4877-4.1)" \
	"$LCOA $MAP1 1 1 $RCOA $LCOA" \
	"$(tshark -r "$TMP/bu.pcap" -Y 'mip6.mhtype == 5' -T fields \
		-e ipv6.src -e ipv6.dst -e mip6.bu.a_flag -e mip6.bu.m_flag \
		-e ipv6.opt.mipv6.home_address -e mip6.acoa.acoa \
		-E separator=' ' 2>/dev/null | head -n1 |
		sed 's/True/1/g; s/False/0/g')"

check "rfc4140-6.1: the CN reaches the RCoA" \
	on "$cn" ping -6 -c2 -i0.3 -W5 "$RCOA"
check "rfc4140-6.1: the mobile node reaches the CN from the RCoA" \
	on "$mn" ping -6 -c2 -i0.3 -W5 -I "$RCOA" $CN
check "the tunnel device counts what it sent" \
	test "$(on "$mn" cat /sys/class/net/hmipmn0/statistics/tx_packets)" -gt 0

# --------------------------------------- intra-domain handover under TCP

head -c $((2000000 / SCALE)) /dev/urandom >"$TMP/src"
on "$mn" "$PY" "$XFER" tcp-recv --addr "$RCOA" --port 7001 \
	--out "$TMP/dst" >"$TMP/recv.out" &
recv=$!
wait_for 30 grep -q ready "$TMP/recv.out"
on "$cn" "$PY" "$XFER" tcp-send --addr "$RCOA" --port 7001 \
	--file "$TMP/src" --rate $((200 / SCALE)) &
send=$!
sleep 2
moves=$(mn_get "m['moves']")
move_to 2
moved_at=$(stat -c %s "$TMP/dst" 2>/dev/null || echo 0)
check "rfc4140-6.1: a move to ar2: new LCoA, registered with map1 again" \
	wait_for 60 registered_with $MAP1 2001:db8:a2:
check_eq "the RCoA did not change" "$RCOA" "$(mn_get "cur['rcoa']")"
check_eq "one move counted" $((moves + 1)) "$(mn_get "m['moves']")"
log "handover (new LCoA to BA): $(mn_get "m['handover_ms']") ms"
check "the move came in the middle of the transfer" \
	test "$moved_at" -lt $((2000000 / SCALE))
wait $send
check_eq "handover: the TCP transfer to the RCoA completes" 0 $?
wait $recv
check_eq "handover: TCP bytes intact" \
	"$(sha256sum <"$TMP/src")" "$(sha256sum <"$TMP/dst")"
check_eq "map1's binding follows the new LCoA" "$(mn_get "m['lcoa']")" \
	"$(binding_lcoa "$map1" "$RCOA")"

# UDP at a fixed rate across a move back to ar1: how many are lost.
COUNT=$((1500 / SCALE))
on "$mn" "$PY" "$XFER" udp-recv --addr "$RCOA" --port 7002 --count $COUNT \
	--timeout 30 >"$TMP/udp.out" &
urecv=$!
wait_for 30 grep -q ready "$TMP/udp.out"
on "$cn" "$PY" "$XFER" udp-send --addr "$RCOA" --port 7002 --count $COUNT \
	--rate $((100 / SCALE)) &
usend=$!
sleep 3
move_to 1
wait $usend
wait $urecv
got=$(tail -n1 "$TMP/udp.out")
log "UDP across a handover: $((COUNT - got)) of $COUNT lost at $((100 / SCALE))/s; handover $(mn_get "m['handover_ms']") ms"
check "handover: the UDP stream goes on after the move" \
	test "$got" -gt $((COUNT / 2))
check "registered again from ar1's link" \
	wait_for 60 registered_with $MAP1 2001:db8:a1:

# ------------------------------------------- acknowledgements, sequence

LCOA=$(mn_get "m['lcoa']")
seq=$(mn_get "cur['seq']")
before=$(counter "$mn" mn_ba_drop_no_rh2)
# Status 0 for the current sequence number, but no type 2 routing header.
peer mh --iface c0 --src $MAP1 --dst "$LCOA" \
	--type 6 --body "$(printf '0000%04x001001020000' "$seq")" --wait 0 >/dev/null
check_eq "rfc4140-6.1: a BA without a type 2 routing header is ignored and counted" \
	$((before + 1)) "$(counter "$mn" mn_ba_drop_no_rh2)"

# Someone registered the RCoA with a far higher number (the MAP accepts
# unprotected BUs here): the node's next BU gets 135 and resynchronises.
ahead=$(((seq + 20000) % 65536))
# mhsend: a raw socket's BU (Home Address option as ancillary data).
on "$mn" "$MHSEND" "$LCOA" $MAP1 "$RCOA" $ahead 120
check_eq "a BU numbered $ahead (the node's last: $seq) took the binding" \
	$ahead "$(binding "$map1" "$RCOA" seq)"
before=$(counter "$mn" mn_ba_resync)
on "$mn" "$HMIP" mn change dev m0 lifetime 8
log "map1: 135 sent $(counter "$map1" map_bu_reject_seq 2>/dev/null); mn: seq drops $(counter "$mn" mn_ba_drop_seq), BUs $(counter "$mn" mn_bu_tx)"
check "rfc6275-11.7.3: status 135 resynchronises the sequence number" \
	wait_for 60 counter_above "$mn" mn_ba_resync "$before"
check "... and the next BU is accepted" \
	wait_for 30 registered_with $MAP1 2001:db8:a1:
check_eq "... numbered after the MAP's last" 1 \
	"$(peer py 'a, s = int(argv[0]), int(argv[1]); print(int(0 < (s - a) % 65536 < 100))' $ahead "$(mn_get "cur['seq']")")"

# Refresh before expiry: lifetime 8 s, BUs keep coming, the binding stays.
sent=$(counter "$mn" mn_bu_tx)
sleep 12
check "refreshed before it expires (lifetime 8 s: BUs in 12 s)" \
	test "$(counter "$mn" mn_bu_tx)" -ge $((sent + 2))
check "still registered after 12 s with an 8 s lifetime" \
	registered_with $MAP1 2001:db8:a1:
on "$mn" "$HMIP" mn change dev m0 lifetime 120

# --------------------------------------------------- map1 stops answering

capture_start "$mn" m0 "$TMP/retx.pcap" "ip6 and dst host $MAP1"
# ar1 drops everything for map1 without a word.
on "$ar1" ip -6 route add blackhole $MAP1/128
on "$mn" "$HMIP" mn change dev m0 lifetime 4
sleep 22
capture_stop "$TMP/retx.pcap"
gaps=$(tshark -r "$TMP/retx.pcap" -Y 'mip6.mhtype == 5' -T fields \
	-e frame.time_relative 2>/dev/null | awk '
	NR > 1 { printf "%s%.1f", sep, $1 - last; sep = " " }
	{ last = $1 }')
log "BU intervals with the MAP silent: $gaps s"
check "rfc6275-11.8: retransmissions back off 1, 2, 4, 8 s" \
	peer py '
g = [float(x) for x in argv]
# after the refreshes, the unanswered ones: each about twice the last
w = [x for x in g if x > 0.7]
d = [round(x) for x in w[-4:]]
sys.exit(0 if len(d) >= 3 and all(b in (2 * a - 1, 2 * a, 2 * a + 1) for a, b in zip(d, d[1:])) else 1)' $gaps
on "$ar1" ip -6 route del blackhole $MAP1/128
on "$mn" "$HMIP" mn change dev m0 lifetime 120
check "map1 answers again: registered" \
	wait_for 60 registered_with $MAP1 2001:db8:a1:

# ----------------------------------------- preference 0, MAP failure

on "$ar1" "$HMIP" ar change dev d0 map $MAP1 pref 0
on "$ar1" "$HMIP" ar add dev d0 map $MAP2 dist 1 pref 5 valid-lifetime 600
check "rfc4140-7.2: map1 heard with preference 0 and map2 too" \
	wait_for 30 mn_hears "$MAP2"
sleep 5
check_eq "rfc4140-7.2: preference 0: the binding with map1 is kept and refreshed" \
	"$MAP1" "$(mn_get "cur['map']")"
on "$ar1" "$HMIP" ar change dev d0 map $MAP1 valid-lifetime 0
check "rfc4140-7.2: valid lifetime 0: the node registers with map2" \
	wait_for 60 registered_with $MAP2 2001:db8:a1:
RCOA2=$(mn_get "cur['rcoa']")
check "the new RCoA is map2's" grep -q "^2001:db8:200:" <<<"$RCOA2"
check_eq "a failed MAP is not kept as the previous one" "{}" "$(mn_get prev)"
check "the CN reaches the new RCoA through map2" \
	on "$cn" ping -6 -c2 -i0.3 -W5 "$RCOA2"

# --------------------------------------------- inter-domain move, section 8

move_to 2
check "rfc4140-6.1: into map1's domain again: registered with map1" \
	wait_for 60 registered_with $MAP1 2001:db8:a2:
check "rfc4140-8: the previous MAP (map2) was told the new LCoA" \
	wait_for 30 test_eq_lcoa "$map2" "$RCOA2"
fwd0=$(binding "$map2" "$RCOA2" tx_packets)
check "rfc4140-8: packets in flight to the old RCoA are forwarded" \
	on "$cn" ping -6 -c2 -i0.3 -W5 "$RCOA2"
check "... counted at the previous MAP" test \
	"$(binding "$map2" "$RCOA2" tx_packets)" -gt "$fwd0"
check_eq "the previous registration is shown, released lazily" "$MAP2" \
	"$(mn_get "prev.get('map')")"

# ------------------------------------------------- no MAP: plain IPv6

on "$ar2" "$HMIP" ar del dev d0 map $MAP1
check "rfc4140-7.2: no MAP option left: plain IPv6 on the LCoA" \
	wait_for 30 no_current_map
check "the CN reaches the LCoA directly" \
	on "$cn" ping -6 -c2 -i0.3 -W5 "$(mn_get "m['lcoa']")"

kill $monitor
wait $monitor 2>/dev/null
for ev in mn-moved mn-map-changed mn-registered mn-map-lost; do
	check "hmip monitor printed $ev" grep -q "^$ev" "$TMP/monitor"
done
log "monitor: $(grep -c . "$TMP/monitor") events, the last: $(tail -n1 "$TMP/monitor")"

check "hmip mn del dev m0" on "$mn" "$HMIP" mn del dev m0
check_fail "the tunnel device went with the role" \
	on "$mn" ip link show hmipmn0
finish
