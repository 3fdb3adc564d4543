#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# RFC 4140 sections 4.1, 6.2 and 8 on the MAP: local Binding Updates from a
# mobile node (scapy) create, refresh, move and remove bindings, and every
# rejection carries the status RFC 6275 gives a home agent.
#
#   +---------------------------+        +---------------------------+
#   | mn (scapy)                |        | map (hmip)                |
#   | m0 2001:db8:200::2, ::3   |--------| a0 2001:db8:100::1        |
#   |    2001:db8:300::2        |        |    (MAP, prefix ::/64)    |
#   +---------------------------+        +---------------------------+
#   Both /64s are on-link on the one veth pair; 2001:db8:300::/64 plays a
#   neighbouring MAP domain (a forward prefix).
#
# timeout: 1200

. "$(dirname "$(readlink -f "$0")")/lib.sh"
. "$SELFTESTS/lib/peer.sh"

MAP=2001:db8:100::1
LCOA=2001:db8:200::2
LCOA2=2001:db8:200::3
LCOA_FWD=2001:db8:300::2
RCOA=2001:db8:100::a

setup_ns mn map
ns_nodad "$mn" "$map"
veth_link "$mn" m0 "$map" a0
on "$mn" ip -6 addr add $LCOA/64 dev m0
on "$mn" ip -6 addr add $LCOA2/64 dev m0
on "$mn" ip -6 addr add $LCOA_FWD/64 dev m0
on "$mn" ip -6 route add 2001:db8:100::/64 dev m0
on "$map" ip -6 addr add $MAP/64 dev a0
on "$map" ip -6 route add 2001:db8:200::/64 dev a0
on "$map" ip -6 route add 2001:db8:300::/64 dev a0
wait_for 10 on "$mn" ping -6 -c1 -W1 $MAP
on "$map" "$HMIP" config set err-ratelimit-ms 0
peer_start "$mn"

# bu [options]: a BU from the mobile node, the answers as JSON lines.
bu()
{
	# One answer is expected most of the time: stop listening then.
	peer bu --iface m0 --dst $MAP --expect 1 --wait 3 "$@"
}

ba_is()
{
	# ba_is STATUS SEQ LIFETIME [RCOA]: exactly one such BA arrived
	local out=$1 status=$2 seq=$3 life=$4 rcoa=${5:-$RCOA}

	echo "$out" | count "r['kind'] == 'mh' and r.get('msg') == 'ba' and r['status'] == $status and r['seq'] == $seq and r['lifetime'] == $life and r.get('rh2') == '$rcoa' and r['src'] == '$MAP' and r['csum_ok']"
}

stat()
{
	counter "$map" "$1"
}

binding()
{
	# binding RCOA KEY: one field of the binding, "none" when absent
	on "$map" "$HMIP" -j binding show rcoa "$1" 2>/dev/null |
		jq -rs --arg k "$2" '.[0][0][$k] // "none"'
}

binding_gone()
{
	test "$(binding "$1" lcoa)" = none
}

binding_at()
{
	test "$(binding "$1" lcoa)" = "$2"
}

check "hmip map add with require-ipsec off" \
	on "$map" "$HMIP" map add $MAP dev a0 max-lifetime 600 max-bindings 3 \
	onlink-prefix 2001:db8:200::/64 forward-prefix 2001:db8:300::/64 \
	require-ipsec off
check_eq "map show -j lists the MAP with its settings" \
	"$MAP a0 10 600 3 False 2001:db8:200::/64 2001:db8:300::/64" \
	"$(peer py '
m = json.loads(argv[0])[0]
print(m["address"], m["dev"], m["pref"], m["max_lifetime"],
      m["max_bindings"], m["require_ipsec"], *m["onlink_prefixes"],
      *m["forward_prefixes"])' "$(on "$map" "$HMIP" -j map show)")"

# Bad arguments: a non-zero exit and one line that names the problem.
refused()
{
	# refused NAME PATTERN ARGS...: hmip ARGS fails with one line
	# matching PATTERN
	local name=$1 pattern=$2 err rc
	shift 2

	err=$(on "$map" "$HMIP" "$@" 2>&1 >/dev/null)
	rc=$?
	check "$name" test $rc -ne 0 -a "$(echo "$err" | wc -l)" = 1
	check "$name: says why" grep -qi -- "$pattern" <<<"$err"
	log "$err"
}
refused "map add without dev is refused" "dev" map add 2001:db8:100::2
refused "map add with a bad address is refused" "address" map add 2001:zz::1 dev a0
refused "map add with pref 16 is refused, as the kernel's policy would" "0 to 15" \
	map add 2001:db8:101::1 dev a0 pref 16
refused "map add of an address this node does not have is refused" \
	"not configured" map add 2001:db8:101::1 dev a0
on "$map" ip -6 addr add 2001:db8:100::2/64 dev a0
refused "a second MAP in the same /64 is refused" "prefix" \
	map add 2001:db8:100::2 dev a0
on "$map" ip -6 addr del 2001:db8:100::2/64 dev a0
refused "binding del of an unknown RCoA is refused" "no binding" \
	binding del rcoa 2001:db8:100::99
refused "map del of an unknown MAP is refused" "no MAP" map del 2001:db8:101::1

evfile=$(mktemp /tmp/hmip-ev.XXXXXX)
monitor_start "$map" "$evfile" -j

# Registration.
pcap=$(mktemp /tmp/hmip-bu.XXXXXX.pcap)
out=$(bu --src $LCOA --hao $RCOA --seq 1 --lifetime 100 --pcap "$pcap")
check_eq "rfc4140-6.2: registration accepted: BA status 0, RH2 = RCoA, seq and lifetime" \
	1 "$(ba_is "$out" 0 1 100)"
check_eq "rfc6275-6.2.4: the BA carries a Binding Refresh Advice shorter than the lifetime" \
	1 "$(echo "$out" | count "r.get('msg') == 'ba' and any(o['type'] == 'bra' and 0 < o['refresh'] < 100 for o in r['options'])")"
check_eq "rfc4140-4.1: tshark sees the BU's A and M flags and the BA's status" \
	"5 1 1 ;6   0" "$(tshark -r "$pcap" -Y mip6.mhtype -T fields -E separator=' ' \
		-e mip6.mhtype -e mip6.bu.a_flag -e mip6.bu.m_flag -e mip6.ba.status \
		2>/dev/null | tr '\n' ';' | sed 's/;$//')"
check_eq "rfc4140-6.2: tshark sees the BA from MAP to LCoA with RH2 = RCoA" \
	"$MAP $LCOA $RCOA" "$(tshark -r "$pcap" -Y "mip6.mhtype == 6" -T fields \
		-E separator=' ' -e ipv6.src -e ipv6.dst \
		-e ipv6.routing.mipv6.home_address 2>/dev/null)"
rm -f "$pcap"
check_eq "binding show: RCoA bound to the LCoA" "$LCOA" "$(binding $RCOA lcoa)"
check_eq "binding show: sequence, flags and lifetime" "1 AM 400" \
	"$(binding $RCOA seq) $(binding $RCOA flags) $(binding $RCOA lifetime)"

# Refresh, move, replay.
out=$(bu --src $LCOA --hao $RCOA --seq 2 --lifetime 100)
check_eq "refresh accepted" 1 "$(ba_is "$out" 0 2 100)"
out=$(bu --src $LCOA2 --hao $RCOA --seq 3 --lifetime 100)
check_eq "LCoA change accepted, the BA goes to the new LCoA" 1 \
	"$(echo "$out" | count "r.get('msg') == 'ba' and r['status'] == 0 and r['dst'] == '$LCOA2'")"
check_eq "binding follows the new LCoA" "$LCOA2" "$(binding $RCOA lcoa)"
out=$(bu --src $LCOA2 --hao $RCOA --seq 3 --lifetime 100)
check_eq "rfc6275-9.5.1: a repeated sequence number gets 135 with the last accepted" \
	1 "$(ba_is "$out" 135 3 0)"
out=$(bu --src $LCOA --hao $RCOA --seq 2 --lifetime 100)
check_eq "rfc6275-9.5.1: an older sequence number gets 135, binding unchanged" \
	"1 $LCOA2" "$(ba_is "$out" 135 3 0) $(binding $RCOA lcoa)"

# Section 8: an existing binding may move into a forward prefix.
out=$(bu --src $LCOA_FWD --hao $RCOA --seq 4 --lifetime 100)
check_eq "rfc4140-8: moving into a forward prefix is accepted" 1 \
	"$(echo "$out" | count "r.get('msg') == 'ba' and r['status'] == 0")"

# Lifetime: capped at max-lifetime, in units of 4 s.
out=$(bu --src $LCOA --hao $RCOA --seq 5 --lifetime 1000)
check_eq "granted lifetime is min(requested, max-lifetime)" 1 "$(ba_is "$out" 0 5 150)"

# Sequence numbers modulo 2^16.
R2=2001:db8:100::b
bu --src $LCOA --hao $R2 --seq 15 >/dev/null
out=$(bu --src $LCOA --hao $R2 --seq 32784)
check_eq "rfc6275-9.5.1: from 15, 32784 is out of window (135)" 1 "$(ba_is "$out" 135 15 0 $R2)"
out=$(bu --src $LCOA --hao $R2 --seq 32783)
check_eq "rfc6275-9.5.1: from 15, 32783 is accepted" 1 "$(ba_is "$out" 0 32783 100 $R2)"
out=$(bu --src $LCOA --hao $R2 --seq 15)
check_eq "rfc6275-9.5.1: from 32783, 15 is accepted (wraparound)" 1 "$(ba_is "$out" 0 15 100 $R2)"

# Rejections.
R3=2001:db8:100::c
out=$(bu --src $LCOA --hao $R3 --flags AHM)
check_eq "H set: 131 home registration not supported" 1 "$(ba_is "$out" 131 1 0 $R3)"
out=$(bu --src $LCOA --hao 2001:db8:999::c)
check_eq "RCoA outside the MAP's prefix: 132" 1 "$(ba_is "$out" 132 1 0 2001:db8:999::c)"
out=$(bu --src $LCOA --hao $R3 --flags A)
check_eq "M clear: 133 not the MAP for this registration" 1 "$(ba_is "$out" 133 1 0 $R3)"
out=$(bu --src $LCOA --hao $MAP)
check_eq "RCoA that is the MAP's own address: 134" 1 "$(ba_is "$out" 134 1 0 $MAP)"
out=$(bu --src $LCOA_FWD --hao $R3)
check_eq "rfc4140-6.2: new binding with an LCoA outside the on-link prefixes: 129" \
	1 "$(ba_is "$out" 129 1 0 $R3)"
out=$(bu --src $LCOA --hao $R3 --lifetime 0)
check_eq "deregistering an unknown binding: 133" 1 "$(ba_is "$out" 133 1 0 $R3)"
out=$(bu --src $LCOA --hao $R3 --flags M)
check_eq "A clear: no BA on success" 0 "$(echo "$out" | count "r.get('msg') == 'ba'")"
check_eq "A clear: the binding exists all the same" "$LCOA" "$(binding $R3 lcoa)"
out=$(bu --src $LCOA --hao 2001:db8:100::d --seq 1)
check_eq "max-bindings reached: 130" 1 "$(ba_is "$out" 130 1 0 2001:db8:100::d)"
out=$(bu --src $LCOA --hao $R3 --flags H --seq 9)
check_eq "A clear: a BA on failure all the same" 1 "$(ba_is "$out" 131 9 0 $R3)"
out=$(peer mh --iface m0 --src $LCOA --dst $MAP --type 5 \
	--body 00018800006401020000)
check_eq "a BU without a Home Address option gets no answer" 0 \
	"$(echo "$out" | count "r['kind'] == 'mh'")"
check_eq "... and is counted" 1 "$(stat map_bu_drop_no_hao)"

# Deregistration and expiry.
out=$(bu --src $LCOA --hao $R3 --seq 2 --lifetime 0)
check_eq "lifetime 0 deregisters: BA status 0, lifetime 0" 1 "$(ba_is "$out" 0 2 0 $R3)"
check_eq "the deregistered binding is gone" none "$(binding $R3 lcoa)"
# On a slow kernel 4 s pass before "binding show" could look: check the
# BA, not the cache.
out=$(bu --src $LCOA --hao $R3 --seq 3 --lifetime 1)
check_eq "a 4 s binding is accepted" 1 "$(ba_is "$out" 0 3 1 $R3)"
check "the 4 s binding expires" wait_for 12 binding_gone $R3

# R2's binding (400 s) may have expired on a slow guest: bind it again.
bu --src $LCOA --hao $R2 --seq 16 >/dev/null
wait_for 30 binding_at $R2 $LCOA
check "hmip binding del removes a binding" on "$map" "$HMIP" binding del rcoa $R2
check_eq "binding del: gone" none "$(binding $R2 lcoa)"

has_event()
{
	test "$(count "r.get('event') == '$1'" <"$evfile")" -ge 1
}
for ev in created refreshed lcoa-changed deleted expired; do
	check "monitor: binding-$ev event" wait_for 10 has_event binding-$ev
done
rm -f "$evfile"

# Secure by default: require-ipsec on drops unprotected BUs silently.
check "hmip map change require-ipsec on" \
	on "$map" "$HMIP" map change $MAP require-ipsec on
out=$(bu --src $LCOA --hao $RCOA --seq 100)
check_eq "rfc4140-12.1: unprotected BU with require-ipsec on: no BA" 0 \
	"$(echo "$out" | count "r.get('msg') == 'ba'")"
check_eq "rfc4140-12.1: ... counted" 1 "$(stat map_bu_drop_no_ipsec)"

check "hmip map del" on "$map" "$HMIP" map del $MAP
check_eq "map del removes its bindings" none "$(binding $RCOA lcoa)"
check_eq "no MAP left" "[]" "$(on "$map" "$HMIP" -j map show | tr -d ' \n')"

finish
