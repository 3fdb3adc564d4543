#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# RFC 4140 section 5 on an access router: Debian's radvd, with a radvd.conf
# that knows nothing of MAPs, sends the router advertisements; hmip adds
# the configured MAP options to every one of them, periodic or solicited.
# scapy and tshark on the mobile node's link decode the options.
#
#   +--------------------------+        +--------------------------+
#   | ar (radvd, hmip ar)      |        | mn (scapy, tshark)       |
#   | a0 2001:db8:200::1/64    |--------| m0                       |
#   +--------------------------+        +--------------------------+
#
# timeout: 900

. "$(dirname "$(readlink -f "$0")")/lib.sh"
. "$SELFTESTS/lib/peer.sh"
. "$SELFTESTS/lib/ar.sh"

require_cmd radvd tshark tcpdump

MAP=2001:db8:100::1
MAP2=2001:db8:110::1

setup_ns ar mn
ns_nodad "$ar" "$mn"
veth_link "$ar" a0 "$mn" m0
on "$ar" ip -6 addr add 2001:db8:200::1/64 dev a0
peer_start "$mn"

stat() {
	counter "$ar" "$1"
}

# Bad arguments: refused, with one line that says why.
refused() {
	local name=$1 pattern=$2 err rc
	shift 2

	err=$(on "$ar" "$HMIP" "$@" 2>&1 >/dev/null)
	rc=$?
	check "$name" test $rc -ne 0 -a "$(echo "$err" | wc -l)" = 1
	check "$name: says why" grep -qi -- "$pattern" <<<"$err"
	log "$err"
}

check "hmip ar add dev a0 map with every setting" \
	on "$ar" "$HMIP" ar add dev a0 map $MAP dist 2 pref 7 \
	valid-lifetime 1800 rflag off
refused "rfc4140-5: dist 0 is refused" "1 to 15" \
	ar add dev a0 map $MAP2 dist 0
refused "dist 16 is refused" "1 to 15" ar add dev a0 map $MAP2 dist 16
refused "pref 16 is refused" "0 to 15" ar add dev a0 map $MAP2 pref 16
refused "a link-local MAP address is refused" "global" \
	ar add dev a0 map fe80::1
refused "the same MAP twice on one interface is refused" "already" \
	ar add dev a0 map $MAP
refused "a relay onto its own upstream is refused" "itself" \
	ar add dev a0 relay-from a0
refused "change of an option that does not exist is refused" "not advertise" \
	ar change dev a0 map $MAP2 pref 1
refused "del of an option that does not exist is refused" "not advertise" \
	ar del dev a0 map $MAP2
# Hostile requests, sent raw: refused with an errno and a message.
CMD_AR_ADD=12
CMD_AR_SET=13
A_AR=7
IFI=$(on "$ar" cat /sys/class/net/a0/ifindex)
MAPHEX=20010db8011000000000000000000001
hostile() {
	local name=$1 out
	shift
	out=$(peer genl --netns "$ar" "$@")
	check "$name" peer py '
r = json.loads(argv[0])
sys.exit(0 if r["error"] < 0 and (r.get("msg") or "missing_type" in r) else 1)' "$out"
	log "$out"
}
hostile "raw: no HMIP_A_AR" --cmd $CMD_AR_ADD
hostile "raw: no interface" --cmd $CMD_AR_ADD --attr "$A_AR:{2:$MAPHEX}"
hostile "raw: neither MAP nor relay" --cmd $CMD_AR_ADD \
	--attr "$A_AR:{1:u32=$IFI}"
hostile "raw: both MAP and relay" --cmd $CMD_AR_ADD \
	--attr "$A_AR:{1:u32=$IFI,2:$MAPHEX,7:u32=1}"
hostile "raw: rfc4140-5: Dist 0" --cmd $CMD_AR_ADD \
	--attr "$A_AR:{1:u32=$IFI,2:$MAPHEX,3:u8=0}"
hostile "raw: a short MAP address" --cmd $CMD_AR_ADD \
	--attr "$A_AR:{1:u32=$IFI,2:20010db8}"
hostile "raw: a read-only attribute (kind)" --cmd $CMD_AR_ADD \
	--attr "$A_AR:{1:u32=$IFI,2:$MAPHEX,12:u8=0}"
hostile "raw: an unknown attribute" --cmd $CMD_AR_ADD \
	--attr "$A_AR:{1:u32=$IFI,2:$MAPHEX,99:u32=0}"
hostile "raw: an interval below 100 ms" --cmd $CMD_AR_ADD \
	--attr "$A_AR:{1:u32=$IFI,2:$MAPHEX,9:u32=99}"
hostile "raw: settings for a relay" --cmd $CMD_AR_ADD \
	--attr "$A_AR:{1:u32=$IFI,7:u32=1,3:u8=2}"
hostile "raw: set of a relay" --cmd $CMD_AR_SET \
	--attr "$A_AR:{1:u32=$IFI,7:u32=1}"
hostile "raw: an interface of no netns here" --cmd $CMD_AR_ADD \
	--attr "$A_AR:{1:u32=100000,2:$MAPHEX}"
check_eq "none of them left an entry" 1 \
	"$(on "$ar" "$HMIP" -j ar show | jq length)"
check_eq "ar show -j lists the option with its settings" \
	"static a0 $MAP 2 7 1800 False False" \
	"$(peer py '
e = json.loads(argv[0])[0]
print(e["kind"], e["dev"], e["map"], e["dist"], e["pref"],
      e["valid_lifetime"], e["rflag"], e["watch"])' \
		"$(on "$ar" "$HMIP" -j ar show)")"

# radvd's own intervals here (the other tests run at Mobile IPv6 rates):
# periodic advertisements come 16 s apart at first, and a change is seen
# at once in the answer to a solicitation.
# Periodic advertisements, captured and decoded by scapy. The capture
# listens before radvd starts: its first three come at most 16 s apart,
# the next minutes later, and a capture that started late on a busy
# guest saw one.
pcap=$(mktemp /tmp/hmip-ra.XXXXXX.pcap)
ras=$(mktemp /tmp/hmip-ra.XXXXXX)
on_exit rm -f "$pcap" "$ras" "$ras.ready"
ra_lines --iface m0 --expect 2 --wait 120 --pcap "$pcap" \
	--ready "$ras.ready" >"$ras" &
ra_pid=$!
wait_for 60 test -e "$ras.ready"
RADVD_INTERVALS=default radvd_start "$ar" a0 2001:db8:200::/64
wait "$ra_pid"
out=$(cat "$ras")
log "$out"
check_eq "rfc4140-5: periodic RAs carry the MAP option as configured (scapy)" \
	2 "$(echo "$out" | count "r['dst'] == 'ff02::1' and r['maps'] == [{'dist': 2, 'pref': 7, 'r': 0, 'lifetime': 1800, 'addr': '$MAP', 'len': 3}]")"
check_eq "the RAs' checksums and payload lengths are right" 2 \
	"$(echo "$out" | count "r['csum_ok'] and r['plen_ok'] and r['hlim'] == 255")"
check_eq "radvd's own options are kept, the MAP option comes last" 2 \
	"$(echo "$out" | count "3 in r['opt_types'] and r['opt_types'][-1] == 23")"
check_eq "tshark decodes the option and finds the checksum good" \
	"2 7 0 1800 $MAP 1" \
	"$(tshark -r "$pcap" -Y "icmpv6.type == 134" -T fields -E separator=' ' \
		-e icmpv6.opt.map.distance -e icmpv6.opt.map.preference \
		-e icmpv6.opt.map.flag.r -e icmpv6.opt.map.valid_lifetime \
		-e icmpv6.opt.map.global_address -e icmpv6.checksum.status \
		2>/dev/null | sed 's/True/1/;s/False/0/' | sort -u)"

# A solicited advertisement: radvd answers the Router Solicitation.
before=$(stat ar_ra_extended)
out=$(ra_lines --iface m0 --rs --until "r['dst'] != 'ff02::1'" --wait 60)
log "$out"
check "a solicited RA (after an RS) carries the MAP option too" \
	test "$(echo "$out" | count "r['dst'] != 'ff02::1' and len(r['maps']) == 1 and r['csum_ok']")" -ge 1
check "ar_ra_extended counts the advertisements" \
	test "$(stat ar_ra_extended)" -gt "$before"

# Changes reach the next advertisement.
check "hmip ar change pref and rflag" \
	on "$ar" "$HMIP" ar change dev a0 map $MAP pref 12 rflag on
check "hmip ar add a second MAP with the defaults" \
	on "$ar" "$HMIP" ar add dev a0 map $MAP2
has_both() {
	ra_lines --iface m0 --rs --expect 1 --wait 30 | tail -1 | count \
		"sorted((m['addr'], m['dist'], m['pref'], m['r'], m['lifetime']) for m in r['maps']) == [('$MAP', 2, 12, 1, 1800), ('$MAP2', 1, 10, 1, 3600)]" |
		grep -qx 1
}
check "both options, the changed one with its new values, defaults 1/10/R/3600" \
	wait_for 120 has_both

# Manual intervention (section 10): valid lifetime 0 by hand.
check "hmip ar change valid-lifetime 0" \
	on "$ar" "$HMIP" ar change dev a0 map $MAP2 valid-lifetime 0
zero() {
	ra_lines --iface m0 --rs --expect 1 --wait 30 | tail -1 |
		count "any(m['addr'] == '$MAP2' and m['lifetime'] == 0 for m in r['maps'])" |
		grep -qx 1
}
check "rfc4140-10: by hand, the option goes out with valid lifetime 0" \
	wait_for 120 zero

check "hmip ar del" on "$ar" "$HMIP" ar del dev a0 map $MAP2
check "hmip ar del the other" on "$ar" "$HMIP" ar del dev a0 map $MAP
none() {
	ra_lines --iface m0 --rs --expect 1 --wait 30 | tail -1 |
		count "r['maps'] == [] and r['csum_ok']" | grep -qx 1
}
check "without options the RAs go out as radvd sent them" wait_for 120 none
check_eq "no entry left" "[]" "$(on "$ar" "$HMIP" -j ar show | tr -d ' \n')"

# An advertisement near the MTU, from another sender (a raw socket): the
# options that do not fit are left out and counted, the RA stays valid.
on "$ar" ip link set a0 mtu 1280
on "$mn" ip link set m0 mtu 1280
on "$ar" "$HMIP" ar add dev a0 map $MAP
on "$ar" "$HMIP" ar add dev a0 map $MAP2
send_big_ra() {
	# send_big_ra TOTAL: an RA of TOTAL octets with IPv6 header, padded
	# with Prefix Information options that neither autoconfigure nor
	# are on-link (flags 0), and MTU options
	on "$ar" "$PY" -c '
import socket, struct, sys
pad = int(sys.argv[1]) - 40 - 16
ra = bytes([134, 0, 0, 0, 64, 0, 0, 0]) + bytes(8)
opts = b""
for i in range(pad // 32):
    opts += struct.pack("!BBBBIII16s", 3, 4, 64, 0, 600, 600, 0,
                        bytes.fromhex("20010db80f00%04x" % i) + bytes(10))
while len(opts) < pad:
    opts += struct.pack("!BBHI", 5, 1, 0, 1280)
i = socket.if_nametoindex("a0")
s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_HOPS, 255)
s.sendto(ra + opts, ("ff02::1", 0, 0, i))' "$1"
}
drops=$(stat ar_opt_drop_mtu)
big_ra() {
	# big_ra TOTAL: listen while the RA goes out, print what was seen
	local file
	file=$(mktemp /tmp/hmip-ra.XXXXXX)
	rm -f "$file.ready"
	ra_lines --iface m0 --wait 60 --until "r['len'] > 1200" \
		--ready "$file.ready" >"$file" &
	wait_for 60 test -e "$file.ready"
	send_big_ra "$1"
	wait $!
	cat "$file"
	rm -f "$file" "$file.ready"
}
out=$(big_ra 1248)
log "$(echo "$out" | grep '"len": 12[0-9][0-9]')"
check_eq "an RA with room for one option gets one, valid" 1 \
	"$(echo "$out" | count "r['len'] > 1200 and len(r['maps']) == 1 and r['len'] == 1272 and r['csum_ok'] and r['plen_ok']")"
check_eq "... the other is counted in ar_opt_drop_mtu" $((drops + 1)) \
	"$(stat ar_opt_drop_mtu)"
out=$(big_ra 1264)
check_eq "an RA with no room gets none and stays as it was sent, valid" 1 \
	"$(echo "$out" | count "r['len'] > 1200 and r['maps'] == [] and r['len'] == 1264 and r['csum_ok'] and r['plen_ok']")"
check_eq "... both are counted" $((drops + 3)) "$(stat ar_opt_drop_mtu)"

# POST_ROUTING sees every packet of type 134, forwarded ones too: what
# hosts would not take as a router advertisement (RFC 4861 section 6.1.2:
# hop limit other than 255, a source that is not link-local) is left as
# it is and counted.
send_odd_ra() {
	# send_odd_ra HOPS [SRC]: an RA with one MTU option to all nodes on
	# a0, with that hop limit and source
	on "$ar" "$PY" -c '
import socket, struct, sys
ra = bytes([134, 0, 0, 0, 64, 0, 0, 0]) + bytes(8) + \
    struct.pack("!BBHI", 5, 1, 0, 1280)
i = socket.if_nametoindex("a0")
s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_HOPS, int(sys.argv[1]))
if len(sys.argv) > 2:
    s.bind((sys.argv[2], 0, 0, i))
s.sendto(ra, ("ff02::1", 0, 0, i))' "$@"
}
odd_ra() {
	# odd_ra UNTIL HOPS [SRC]: listen until an RA satisfies UNTIL while
	# it goes out, print what was seen
	local file until=$1
	shift
	file=$(mktemp /tmp/hmip-ra.XXXXXX)
	rm -f "$file.ready"
	ra_lines --iface m0 --wait 60 --until "$until" \
		--ready "$file.ready" >"$file" &
	wait_for 60 test -e "$file.ready"
	send_odd_ra "$@"
	wait $!
	cat "$file"
	rm -f "$file" "$file.ready"
}
skips=$(stat ar_ra_skip_invalid)
out=$(odd_ra "r['hlim'] == 64" 64)
log "$(echo "$out" | grep '"hlim": 64')"
check_eq "rfc4861-6.1.2: type 134 with hop limit 64 is not an RA: no MAP option" 1 \
	"$(echo "$out" | count "r['hlim'] == 64 and r['maps'] == [] and r['csum_ok']")"
out=$(odd_ra "r['src'] == '2001:db8:200::1'" 255 2001:db8:200::1)
log "$(echo "$out" | grep '"src": "2001:db8:200::1"')"
check_eq "rfc4861-6.1.2: type 134 from a global source is not an RA: no MAP option" 1 \
	"$(echo "$out" | count "r['src'] == '2001:db8:200::1' and r['maps'] == [] and r['csum_ok']")"
check_eq "... both counted in ar_ra_skip_invalid" $((skips + 2)) \
	"$(stat ar_ra_skip_invalid)"

# An interface that goes takes its options and relays with it.
on "$ar" ip link add d0 type dummy
on "$ar" "$HMIP" ar add dev d0 map $MAP
on "$ar" "$HMIP" ar role set rfc 4140	# relays are RFC 4140's
on "$ar" "$HMIP" ar add dev d0 relay-from a0
on "$ar" "$HMIP" ar add dev a0 relay-from d0
on "$ar" ip link del d0
check_eq "an interface's entries go with it" \
	"static a0 $MAP;static a0 $MAP2" \
	"$(on "$ar" "$HMIP" -j ar show |
		jq -r 'map("\(.kind) \(.dev) \(.map)") | join(";")')"

finish
