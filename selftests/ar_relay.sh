#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# RFC 4140 sections 7.1.1 and 7.1.2: dynamic MAP discovery. Each router
# relays the MAP options heard on its upstream interface onto its
# downstream ones with Dist + 1; r2 is a MAP itself and adds its own.
# radvd (unchanged radvd.conf) sends every advertisement. RFC 5380
# removed dynamic MAP discovery: the routers run with "ar role set rfc
# 4140", after a check that rfc 5380 (the default) refuses a relay; r2's
# address has a valid lifetime longer than its preferred one, which the
# two RFCs turn into different MAP option lifetimes.
#
#  map1 --x0/y0-- r1 --y1/z0-- r2 (MAP2) --z1/w0-- ar --w1/m0-- mn
#                  \                               /
#                   `--y2 ------------------- w2--'   (a shortcut)
#
#  map1: 2001:db8:100::1 (its option: static, valid lifetime 30 s)
#  r2:   2001:db8:150::1 on z1 (its own option as a MAP; valid lifetime
#        3000 s, preferred 1000 s)
#
# tcpdump captures each link; tshark decodes the captures; scapy reads
# the mobile node's link.
#
# timeout: 1500

. "$(dirname "$(readlink -f "$0")")/lib.sh"
. "$SELFTESTS/lib/peer.sh"
. "$SELFTESTS/lib/ar.sh"

require_cmd radvd tshark tcpdump

MAP1=2001:db8:100::1
MAP2=2001:db8:150::1

setup_ns map1 r1 r2 ar mn
ns_nodad "$map1" "$r1" "$r2" "$ar" "$mn"
veth_link "$map1" x0 "$r1" y0
veth_link "$r1" y1 "$r2" z0
veth_link "$r2" z1 "$ar" w0
veth_link "$ar" w1 "$mn" m0
veth_link "$r1" y2 "$ar" w2
on "$map1" ip -6 addr add $MAP1/64 dev x0
on "$r2" ip -6 addr add $MAP2/64 dev z1 valid_lft 3000 preferred_lft 1000
peer_start "$mn"

stat_ge() {
	test "$(counter "$1" "$2")" -ge "$3"
}

# The MAP options of the last RA the mobile node saw, "addr:dist:pref"
# sorted, one per word.
mn_maps() {
	peer py '
r = json.loads(argv[0] or "{}")
if r.get("csum_ok"):
    print(" ".join(sorted("%s:%d:%d" % (m["addr"], m["dist"], m["pref"])
                          for m in r["maps"])))' \
		"$(ra_lines --iface m0 --expect 1 --wait 30 | tail -1)"
}

mn_maps_are() {
	[[ $(mn_maps) == "$1" ]]
}

# The MAP options of the last RA of a capture, as tshark reads them.
cap_maps() {
	tshark -r "$1" -Y "icmpv6.type == 134" -T fields -E separator=' ' \
		-e icmpv6.opt.map.global_address -e icmpv6.opt.map.distance \
		2>/dev/null | tail -1 | awk '
	NF == 2 {
		n = split($1, a, ","); split($2, d, ",")
		for (i = 1; i <= n; i++)
			print a[i] ":" d[i]
	}' | sort | paste -sd' '
}

cap=$(mktemp -d /tmp/hmip-relay.XXXXXX)
on_exit rm -rf "$cap"
capture_start "$r1" y0 "$cap/y0.pcap" icmp6
capture_start "$r2" z0 "$cap/z0.pcap" icmp6
capture_start "$ar" w0 "$cap/w0.pcap" icmp6

# RFC 5380 Appendix A: no dynamic MAP discovery.
check_eq "ar role show: rfc 5380 by default" 5380 \
	"$(on "$r1" "$HMIP" -j ar role show | jq '.[0].rfc')"
out=$(on "$r1" "$HMIP" ar add dev y1 relay-from y0 2>&1)
check "rfc5380-7: a relay is refused with rfc 5380 (no dynamic MAP discovery)" \
	grep -q "RFC 5380 has no dynamic MAP discovery" <<<"$out"
check_eq "... and none was added" "[]" "$(on "$r1" "$HMIP" -j ar show | tr -d ' \n')"
for ns in "$r1" "$r2" "$ar"; do
	check "ar role set rfc 4140 in ${ns%%-*}" on "$ns" "$HMIP" ar role set rfc 4140
done
check_eq "ar role show: rfc 4140" 4140 \
	"$(on "$r1" "$HMIP" -j ar role show | jq '.[0].rfc')"

check "map1 advertises its option" \
	on "$map1" "$HMIP" ar add dev x0 map $MAP1 valid-lifetime 30
check "r1 relays from y0 onto y1" on "$r1" "$HMIP" ar add dev y1 relay-from y0
check "r1 relays from y0 onto y2" on "$r1" "$HMIP" ar add dev y2 relay-from y0
check "r2 relays from z0 onto z1" on "$r2" "$HMIP" ar add dev z1 relay-from z0
check "r2 is a MAP too" on "$r2" "$HMIP" map add $MAP2 dev z1 pref 9 \
	require-ipsec off
check "ar relays from w0 onto w1" on "$ar" "$HMIP" ar add dev w1 relay-from w0
out=$(on "$r1" "$HMIP" ar role set rfc 5380 2>&1)
check "rfc5380-7: rfc 5380 is refused while relays exist" \
	grep -q "delete the relays first" <<<"$out"
radvd_start "$map1" x0 2001:db8:100::/64
radvd_start "$r1" y1 2001:db8:101::/64 y2 2001:db8:102::/64
radvd_start "$r2" z1 2001:db8:150::/64
radvd_start "$ar" w1 2001:db8:200::/64

check "rfc4140-7.1.1: both MAPs reach the mobile node, Dist +1 per hop" \
	wait_for 300 mn_maps_are "$MAP1:4:10 $MAP2:2:9"
log "mobile node: $(mn_maps)"
capture_stop "$cap/y0.pcap"
capture_stop "$cap/z0.pcap"
capture_stop "$cap/w0.pcap"
check_eq "tshark: Dist 1 on map1's link" "$MAP1:1" "$(cap_maps "$cap/y0.pcap")"
check_eq "tshark: Dist 2 on r1's downstream link" "$MAP1:2" \
	"$(cap_maps "$cap/z0.pcap")"
check_eq "rfc4140-7.1.2: r2 sends its own option with the relayed one" \
	"$MAP1:3 $MAP2:1" "$(cap_maps "$cap/w0.pcap")"
# r2's MAP (rfc 5380, the default): its address's valid lifetime, 3000 s
# less its age, not the preferred one (1000 s) that RFC 4140 takes.
life2=$(tshark -r "$cap/w0.pcap" -Y "icmpv6.type == 134" -T fields \
	-e icmpv6.opt.map.global_address -e icmpv6.opt.map.valid_lifetime \
	2>/dev/null | tail -1 | awk -v m=$MAP2 '{
		n = split($1, a, ","); split($2, l, ",")
		for (i = 1; i <= n; i++) if (a[i] == m) print l[i] }')
log "MAP2's option on w0: valid lifetime ${life2:-none}"
check "rfc5380-5: tshark: MAP2's option has its address's valid lifetime, over the 1000 s preferred" \
	test "${life2:-0}" -gt 1000 -a "${life2:-0}" -le 3000
check_eq "ar show on r2: the option learned upstream" \
	"learned z0 $MAP1 2 10" \
	"$(on "$r2" "$HMIP" -j ar show | jq -r '.[] | select(.kind == "learned") |
		"\(.kind) \(.dev) \(.map) \(.dist) \(.pref)"')"

# The same MAP with rfc 4140: the smaller of valid and preferred.
map2_life() {
	ra_lines --iface m0 --expect 1 --wait 30 | tail -1 |
		jq --arg map "$MAP2" '.maps[] | select(.addr == $map) | .lifetime'
}
map2_life_le() {
	local l

	l=$(map2_life)
	test "${l:-0}" -gt 0 -a "${l:-0}" -le "$1"
}
check "r2's MAP follows rfc 4140" on "$r2" "$HMIP" map change $MAP2 rfc 4140
check "rfc4140-5: ... its option's lifetime is the preferred lifetime's, 1000 s at most" \
	wait_for 30 map2_life_le 1000
check "r2's MAP follows rfc 5380 again" \
	on "$r2" "$HMIP" map change $MAP2 rfc 5380
check_eq "map show: rfc 5380" 5380 \
	"$(on "$r2" "$HMIP" -j map show | jq '.[0].rfc')"

# The shortcut: options arrive on w2 too, refused until configured.
check "rfc4140-7: options from an unconfigured interface are not relayed" \
	wait_for 60 stat_ge "$ar" ar_relay_drop_unconfigured 1
check_eq "... the mobile node still sees Dist 4" "$MAP1:4:10 $MAP2:2:9" \
	"$(mn_maps)"
check "ar relays from w2 as well" on "$ar" "$HMIP" ar add dev w1 relay-from w2
check "rfc4140-7.1.1: the same MAP on two interfaces: the smaller Dist wins" \
	wait_for 120 mn_maps_are "$MAP1:3:10 $MAP2:2:9"

# Preferences change upstream, the mobile node sees them.
check "map1 changes its preference" \
	on "$map1" "$HMIP" ar change dev x0 map $MAP1 pref 3
check "r2 changes its MAP's preference" \
	on "$r2" "$HMIP" map change $MAP2 pref 14
check "rfc4140-7.1.2: preference changes propagate" \
	wait_for 120 mn_maps_are "$MAP1:3:3 $MAP2:2:14"

# map1 stops advertising: the relayed option lives out its lifetime.
lifetime=$(ra_lines --iface m0 --expect 1 --wait 30 | tail -1 |
	jq --arg map "$MAP1" '.maps[] | select(.addr == $map) | .lifetime')
check "the relayed lifetime counts down from 30 s" \
	test "$lifetime" -gt 0 -a "$lifetime" -le 30
check "map1 stops advertising" on "$map1" "$HMIP" ar del dev x0 map $MAP1
check "rfc4140-7.1.1: a relayed option disappears after its lifetime" \
	wait_for 180 mn_maps_are "$MAP2:2:14"
check_eq "... and r1 forgot it" "[]" \
	"$(on "$r1" "$HMIP" -j ar show | jq -c 'map(select(.kind == "learned"))')"

check "hmip ar del of a relay" on "$ar" "$HMIP" ar del dev w1 relay-from w2

# RFC 4861 section 4.6: an option of length 0 makes ndisc drop the whole
# advertisement, so the relay learns none of its options either. The
# mobile node's link is upstream of w2 for this.
check "ar relays from w1 onto w2" on "$ar" "$HMIP" ar add dev w2 relay-from w1
learned_from_w1() {
	on "$ar" "$HMIP" -j ar show |
		jq -e --arg m "$1" 'any(.[]; .kind == "learned" and .dev == "w1" and .map == $m)' \
		>/dev/null
}
bad0=$(counter "$ar" ar_relay_drop_bad_ra)
peer ra-send --iface m0 --src fe80::99 --prefix 2001:db8:99::/64 -- \
	2001:db8:99::1,1,5,0,600 raw:0100000000000000 >/dev/null
check "rfc4861-4.6: an option of length 0 drops the advertisement, counted" \
	wait_for 10 stat_ge "$ar" ar_relay_drop_bad_ra $((bad0 + 1))
check_eq "rfc4861-4.6: ... and the MAP option before it is not learned" 1 \
	"$(learned_from_w1 2001:db8:99::1; echo $?)"
peer ra-send --iface m0 --src fe80::99 --prefix 2001:db8:99::/64 -- \
	2001:db8:99::2,1,5,0,600 >/dev/null
check "the same advertisement without it: the option is learned" \
	wait_for 10 learned_from_w1 2001:db8:99::2
check "the relays stay for the namespaces' exit" \
	on "$ar" "$HMIP" ar show

finish
