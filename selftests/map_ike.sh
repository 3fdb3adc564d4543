#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# RFC 5380 section 12.1 and RFC 4877 with an IKE daemon: strongSwan's
# charon on the mobile node and on the MAP negotiates IKEv2 (PSK) from the
# LCoA and a CHILD_SA for the RCoA's Mobility Header messages in transport
# proxy mode (the SAs and policies name the RCoA, the packets leave from
# the LCoA), as Documentation/security.rst configures it. hmip's mobile
# node and MAP, both with require-ipsec on, register under it; the binding
# follows the CHILD_SA through a rekey and an IKE reauthentication while
# the correspondent pings the RCoA (no 129, no ping lost); a second
# identity (mn2) gets no CHILD_SA for the first one's RCoA, its Binding
# Update for it is dropped, and it registers its own; then a move: the
# Binding Update from the new LCoA goes under the same CHILD_SA (roam
# events off: what MOBIKE does after a move is security.rst's). Last,
# RFC 5380 sections 5 and 6.2: a new IKE_SA from the new LCoA in which the
# MAP allocates the RCoA (configuration payload), which hmip registers
# without DAD, a CHILD_SA rekey on it, and the MAP's rcoa-pool refusing
# an SA that does not name the RCoA alone.
#
#   cn ---- map1 (100::1) ---- ar1 (a1::/64) ---+
#               \------------- ar2 (a2::/64) ---+-- air --- mn (m0)
#
# timeout: 900

. "$(dirname "$(readlink -f "$0")")/lib.sh"
. "$SELFTESTS/lib/ar.sh"
. "$SELFTESTS/lib/peer.sh"
. "$SELFTESTS/lib/mn_net.sh"
. "$SELFTESTS/lib/ike.sh"

require_cmd radvd tshark swanctl "$CHARON"

# Built in on the debug kernel, modules on Debian's.
modprobe -q -a esp6 xfrm_user 2>/dev/null

# A fixed MAC: the RCoA (the MAP's prefix and the link-local interface
# identifier) is known before the node forms it, for its IKE selectors.
mn_net_setup 02:00:00:00:00:0a
RCOA=2001:db8:100::ff:fe00:a
TMP=$(mktemp -d /tmp/hmip-ike.XXXXXX)
on_exit rm -rf "$TMP"

on "$map1" "$HMIP" map add $MAP1 dev c0 mode routed max-lifetime 3600
on "$ar1" "$HMIP" ar add dev d0 map $MAP1 dist 2 valid-lifetime 600
on "$ar2" "$HMIP" ar add dev d0 map $MAP1 dist 2 valid-lifetime 600
radvd_start "$ar1" d0 2001:db8:a1::/64
radvd_start "$ar2" d0 2001:db8:a2::/64
peer_start "$mn" --lazy

# ------------------------------------------- the daemons, as security.rst

PSK=0sAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=
PSK2=0sICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=
charon_anchor "$map1" map
charon_node "$mn" mn m0
# The MAP names the node's RCoA: strongSwan's proxy mode takes the SA's
# addresses from the configured selectors, which must be single hosts; so
# the RCoA belongs to the identity before any Binding Update.
ike_load map "$(ike_mh_conf mn "local_addrs = $MAP1" map1.hmip.test \
	mn.hmip.test $MAP1/128 $RCOA/128 $PSK)"
ike_load mn "$(ike_mh_conf map1 "remote_addrs = $MAP1" mn.hmip.test \
	map1.hmip.test $RCOA/128 $MAP1/128 $PSK)"

has_lcoa()
{
	on "$mn" ip -6 -o addr show dev m0 scope global | grep -q "2001:db8:$1:"
}
wait_for 30 has_lcoa a1

# spis NS SRC DST: the SPIs of the ESP states SRC -> DST in NS, decimal,
# one per line (two while a rekey overlaps them)
spis()
{
	local s

	for s in $(on "$1" ip xfrm state list src "$2" dst "$3" proto esp |
		awk '$1 == "proto" && $3 == "spi" { print $4 }'); do
		printf '%d\n' "$s"
	done
}

# spi NS SRC DST: the one SPI; empty when there is none or more than one
spi()
{
	local l

	l=$(spis "$@")
	[[ $(grep -c . <<<"$l") == 1 ]] && echo "$l"
}

# What both ends hold and counted, for the log when a check fails.
diag()
{
	local ns

	for ns in "$mn" "$map1"; do
		log "$ns: $(on "$ns" ip xfrm state | grep -v '^\s*\(auth\|enc\|anti\|lastused\)')"
		log "$ns: $(on "$ns" ip xfrm policy | grep -v 'socket\|0.0.0.0/0\|^src ::/0 dst ::/0')"
		log "$ns: $(on "$ns" awk '$2 != 0' /proc/net/xfrm_stat | tr '\n' ' ')"
		log "$ns: $(on "$ns" "$HMIP" stats show | grep -v ' 0$' | tr '\n' ' ')"
	done
	log "$(tail -60 "$IKE_DIR/map/charon.log")"
	log "$(tail -60 "$IKE_DIR/mn/charon.log")"
}

# What a new node's IKEv2 negotiation costs (security.rst compares it
# with the handover goal): IKE_SA_INIT, IKE_AUTH and the CHILD_SA.
t0=$(date +%s%N)
check "rfc5380-12.1: charon negotiates IKEv2 from the LCoA and a CHILD_SA for the RCoA" \
	swanctl_in mn --initiate --child mh --timeout 60
log "IKEv2 negotiation (swanctl --initiate, IKE_SA and CHILD_SA): $((($(date +%s%N) - t0) / 1000000)) ms"
log "$(swanctl_in mn --list-sas)"
check "rfc4877-4.1: the mobile node's outbound SA names the RCoA (transport proxy mode), not the LCoA" \
	test -n "$(spi "$mn" $RCOA $MAP1)"
check "rfc4877-4.1: and the MAP's inbound SA is the same one" \
	test "$(spi "$map1" $RCOA $MAP1)" = "$(spi "$mn" $RCOA $MAP1)"
IKE_ID=$(swanctl_in mn --list-sas | awk '/^map1:/ { print $2; exit }')

# ----------------------------------------- registration under the CHILD_SA

capture_start "$mn" m0 "$TMP/reg.pcap" ip6
check "hmip mn add (require-ipsec on; refresh every few seconds)" \
	on "$mn" "$HMIP" mn add dev m0 lifetime 8
check "rfc5380-12.1: registered with the MAP under the IKE-negotiated SA" \
	wait_for 60 registered_with $MAP1 2001:db8:a1: || diag
capture_stop "$TMP/reg.pcap"
check_eq "the RCoA is the one the selectors name" "$RCOA" "$(mn_get "cur['rcoa']")"
LCOA=$(mn_get "m['lcoa']")
binding_sa()
{
	on "$map1" "$HMIP" -j binding show rcoa $RCOA |
		jq -r '.[0] | "\(.sa_proto) \(.sa_spi)"'
}
check_eq "rfc5380-12.1: the MAP's binding records the CHILD_SA" \
	"esp $(spi "$map1" $RCOA $MAP1)" "$(binding_sa)"
wire=$(tshark -r "$TMP/reg.pcap" -T fields -E separator=' ' -e ipv6.src \
	-e ipv6.dst -e esp.spi -e mip6.mhtype 2>/dev/null | sort -u)
log "$wire"
check "tshark: the BU leaves from the LCoA under ESP" \
	grep -q "^$LCOA $MAP1 0x" <<<"$wire"
check "tshark: the BA comes back to the LCoA under ESP" \
	grep -q "^$MAP1 $LCOA 0x" <<<"$wire"
check_eq "tshark: no Mobility Header in the clear" "" \
	"$(awk 'NF == 3 && $3 !~ /^0x/' <<<"$wire")"

# ------------------------------------------------- a CHILD_SA rekey

# Under traffic: the correspondent pings the RCoA across the rekey and
# the reauthentication.
# ip netns exec execs ping: $! is ping, which takes SIGINT (a subshell
# in the background would ignore it).
ip netns exec "$cn" ping -6 -i 0.2 -W 2 $RCOA >"$TMP/ping" 2>&1 &
pinger=$!
old_spi=$(spi "$map1" $RCOA $MAP1)
succ=$(counter "$map1" map_bu_sa_successor)
check "rfc5380-12.1: charon rekeys the CHILD_SA (swanctl --rekey --child mh)" \
	swanctl_in mn --rekey --child mh
new_spi()
{
	local s

	s=$(spi "$map1" $RCOA $MAP1)
	[[ -n $s && $s != "$old_spi" ]]
}
check "the MAP holds one new inbound SA for the RCoA" wait_for 30 new_spi || diag
log "$(swanctl_in mn --list-sas)"
check "rfc5380-12.1: the next refresh comes under the new CHILD_SA and the binding follows it (map_bu_sa_successor)" \
	wait_for 30 counter_above "$map1" map_bu_sa_successor "$succ" || diag
check_eq "the binding records the new CHILD_SA" \
	"esp $(spi "$map1" $RCOA $MAP1)" "$(binding_sa)"
check_eq "the rekey kept the IKE_SA ($IKE_ID)" "$IKE_ID" \
	"$(swanctl_in mn --list-sas | awk '/^map1:/ { print $2; exit }')"

# ------------------------------------ an IKE_SA reauthentication

old_spi=$(spi "$map1" $RCOA $MAP1)
succ=$(counter "$map1" map_bu_sa_successor)
check "rfc5380-12.1: charon reauthenticates the IKE_SA (swanctl --rekey --reauth)" \
	swanctl_in mn --rekey --ike map1 --reauth
check "the MAP holds one new inbound SA for the RCoA after the reauthentication" \
	wait_for 30 new_spi || diag
log "$(swanctl_in mn --list-sas)"
check "rfc5380-12.1: the next refresh comes under the new CHILD_SA and the binding follows it" \
	wait_for 30 counter_above "$map1" map_bu_sa_successor "$succ" || diag
check_eq "the binding records the reauthenticated CHILD_SA" \
	"esp $(spi "$map1" $RCOA $MAP1)" "$(binding_sa)"
kill -INT $pinger
wait $pinger
log "$(grep -E 'packets transmitted' "$TMP/ping")"
# The echo requests left unanswered, but the last: SIGINT may stop ping
# while that one's reply is on its way (a loaded debug guest takes a
# good part of the interval to answer).
unanswered=$(awk '
	/icmp_seq=/ { sub(/.*icmp_seq=/, ""); got[$1 + 0] = 1 }
	/packets transmitted/ { n = $1 }
	END { for (i = 1; i < n; i++) if (!(i in got)) printf "%d ", i }
' "$TMP/ping")
log "unanswered echo requests (icmp_seq): ${unanswered:-none}"
check_eq "no gap in the data path: every ping to the RCoA across the rekey and the reauthentication answered" \
	"" "$unanswered"

# ---------------------------------------- a second identity, mn2

# mn2 (identity mn2.hmip.test, RCoA ...ff:fe00:b) on ar1's link. The
# MAP's connection for it names its own RCoA; it first claims mn's.
setup_ns mn2
ns_nodad "$mn2"
veth_link "$mn2" m0 "$air" pn2
# The MAC before the link-local address: the RCoA takes its identifier.
on "$mn2" ip link set m0 down
on "$mn2" ip link set m0 address 02:00:00:00:00:0b
on "$mn2" ip link set m0 up
on "$air" ip link set pn2 master br1
RCOA2=2001:db8:100::ff:fe00:b
charon_node "$mn2" mn2 m0
ike_load map "$(ike_mh_conf mn "local_addrs = $MAP1" map1.hmip.test \
	mn.hmip.test $MAP1/128 $RCOA/128 $PSK)
$(ike_mh_conf mn2 "local_addrs = $MAP1" map1.hmip.test \
	mn2.hmip.test $MAP1/128 $RCOA2/128 $PSK2)"
mn2_lcoa()
{
	on "$mn2" ip -6 -o addr show dev m0 scope global |
		awk '{ sub(/\/.*/, "", $4); print $4; exit }'
}
wait_for 30 test -n "$(mn2_lcoa)"
LCOA2=$(mn2_lcoa)
ike_load mn2 "$(ike_mh_conf map1 "remote_addrs = $MAP1" mn2.hmip.test \
	map1.hmip.test $RCOA/128 $MAP1/128 $PSK2)"
check_fail "rfc5380-12.1: the MAP refuses mn2 a CHILD_SA for mn's RCoA (its identity names another)" \
	swanctl_in mn2 --initiate --child mh --timeout 60
check_eq "... and holds no second SA for that RCoA" 1 \
	"$(spis "$map1" $RCOA $MAP1 | grep -c .)"
noipsec=$(counter "$map1" map_bu_drop_no_ipsec)
on "$mn2" "$MHSEND" "$LCOA2" $MAP1 $RCOA 60000 400
check "rfc4140-12.1: mn2's Binding Update for mn's RCoA, without an SA, is dropped (map_bu_drop_no_ipsec)" \
	wait_for 10 counter_above "$map1" map_bu_drop_no_ipsec "$noipsec"
check_eq "mn's binding did not move: its LCoA, its CHILD_SA" \
	"$(mn_get "m['lcoa']") esp $(spi "$map1" $RCOA $MAP1)" \
	"$(on "$map1" "$HMIP" -j binding show rcoa $RCOA |
		jq -r '.[0] | "\(.lcoa) \(.sa_proto) \(.sa_spi)"')"
ike_load mn2 "$(ike_mh_conf map1 "remote_addrs = $MAP1" mn2.hmip.test \
	map1.hmip.test $RCOA2/128 $MAP1/128 $PSK2)"
check "rfc5380-12.1: with its own RCoA, mn2 gets its CHILD_SA" \
	swanctl_in mn2 --initiate --child mh --timeout 60
check "hmip mn add on mn2" on "$mn2" "$HMIP" mn add dev m0 lifetime 60
mn2_registered()
{
	[[ $("$HMIP" -n "$mn2" -j mn show dev m0 | jq -r '.[0].registrations[] |
		select(.current) | "\(.state) \(.rcoa)"') == "registered $RCOA2" ]]
}
check "rfc5380-12.1: mn2 registers its own RCoA under its own CHILD_SA" \
	wait_for 60 mn2_registered || diag
check_eq "the MAP's two bindings, each under its own identity's SA" \
	"esp $(spi "$map1" $RCOA $MAP1) esp $(spi "$map1" $RCOA2 $MAP1)" \
	"$(binding_sa) $(on "$map1" "$HMIP" -j binding show rcoa $RCOA2 |
		jq -r '.[0] | "\(.sa_proto) \(.sa_spi)"')"

# --------------------------------------------------------- a move

move_to()
{
	on "$mn" ip link set m0 down
	on "$air" ip link set pm nomaster
	on "$air" ip link set pm master br$1
	on "$mn" ip link set m0 up
}
move_to 2
check "rfc5380-12.1: after a move to ar2 the node registers the new LCoA under the same CHILD_SA" \
	wait_for 60 registered_with $MAP1 2001:db8:a2:
log "handover, link-up to acknowledgement, no IKE exchange: $(mn_get "m['handover_ms']") ms"
check_eq "and the binding is still the CHILD_SA's" \
	"esp $(spi "$map1" $RCOA $MAP1)" "$(binding_sa)"

check_eq "the node is still registered with the MAP, no 129 (map_bu_reject_sa_mismatch, mn_ba_rejected)" \
	"$MAP1 registered 0 0" \
	"$(mn_get "'%s %s' % (cur.get('map'), cur.get('state'))") $(counter "$map1" map_bu_reject_sa_mismatch) $(counter "$mn" mn_ba_rejected)"

# ------------------------------ an RCoA allocated through IKEv2 (R set)

# RFC 5380 sections 5 and 6.2, RFC 4877 section 9: the MAP's charon
# allocates RCoAs from pools inside the MAP's /64, which hmip knows as
# the MAP's rcoa-pool (no DAD, only an SA naming the RCoA binds it); the
# node's charon asks for an address (vips = ::, INTERNAL_IP6_ADDRESS)
# and its updown hook hands it to hmip (security.rst). strongSwan's
# transport proxy mode takes the SAs' addresses from the configured
# selectors, not the negotiated ones: each identity's pool holds the one
# address its selectors name (security.rst). The ARs' options have R set
# (the default). DAD on the MAP's link, and proxy-nd, so that a DAD the
# MAP ran would show.
POOL=2001:db8:100::1:0/112
VIP=2001:db8:100::1:1
VIP2=2001:db8:100::1:2
on "$map1" sysctl -qw net.ipv6.conf.c0.accept_dad=1 \
	net.ipv6.conf.c0.dad_transmits=1
check "hmip map change rcoa-pool $POOL mode proxy-nd" \
	on "$map1" "$HMIP" map change $MAP1 rcoa-pool $POOL mode proxy-nd
check_eq "map show names the pool" "$POOL" \
	"$(on "$map1" "$HMIP" -j map show $MAP1 | jq -r '.[0].rcoa_pools[0]')"
cat >"$TMP/updown" <<EOF
#!/bin/sh
# charon's updown hook on the mobile node: the allocated RCoA to hmip.
case \$PLUTO_VERB in
up-*) exec $HMIP mn change dev m0 rcoa "\${PLUTO_MY_SOURCEIP%%/*}" ;;
esac
EOF
chmod +x "$TMP/updown"
pool_conf="pools {
	rcoa-mn {
		addrs = $VIP-$VIP
	}
	rcoa-mn2 {
		addrs = $VIP2-$VIP2
	}
}"
ike_load map "$(ike_mh_conf mn "local_addrs = $MAP1
	pools = rcoa-mn" map1.hmip.test mn.hmip.test $MAP1/128 $VIP/128 $PSK)
$(ike_mh_conf mn2 "local_addrs = $MAP1
	pools = rcoa-mn2" map1.hmip.test mn2.hmip.test $MAP1/128 $VIP2/128 $PSK2)
$pool_conf"
# IKE from the LCoA (RFC 5380 section 12.1): registered, the node's
# kernel picks the RCoA (a home address) as source for the MAP.
ike_load mn "$(ike_mh_conf map1 "remote_addrs = $MAP1
	local_addrs = $(mn_get "m['lcoa']")
	vips = ::" mn.hmip.test map1.hmip.test $VIP/128 $MAP1/128 $PSK \
	"updown = $TMP/updown")"
# The old IKE_SA's address went with the move (roam events off): no
# DELETE can leave from it.
swanctl_in mn --terminate --ike map1 --force >/dev/null
dad=$(counter "$map1" map_dad_started)
t0=$(date +%s%N)
check "rfc4877-9: charon negotiates a new IKE_SA with an address from the MAP's pool (INTERNAL_IP6_ADDRESS)" \
	swanctl_in mn --initiate --child mh --timeout 60 || diag
log "IKEv2 negotiation with the configuration payload: $((($(date +%s%N) - t0) / 1000000)) ms"
log "$(swanctl_in mn --list-sas)"
mn_rcoa()
{
	on "$mn" "$HMIP" -j mn show dev m0 | jq -r '.[0].rcoa // empty'
}
has_rcoa()
{
	[[ -n $(mn_rcoa) ]]
}
wait_for 10 has_rcoa
check_eq "the updown hook gave hmip the allocated RCoA" "$VIP" "$(mn_rcoa)"
vip_registered()
{
	mn_true "cur.get('state') == 'registered' and cur.get('rcoa') == '$VIP' and cur.get('map') == '$MAP1'"
}
check "rfc5380-6.1: the node registers the allocated RCoA with the MAP" \
	wait_for 30 vip_registered || diag
check_eq "rfc4877-9: the MAP's binding records the CHILD_SA of the allocation" \
	"esp $(spi "$map1" $VIP $MAP1)" \
	"$(on "$map1" "$HMIP" -j binding show rcoa $VIP |
		jq -r '.[0] | "\(.sa_proto) \(.sa_spi)"')"
check_eq "rfc5380-A: no DAD for an allocated RCoA (map_dad_started)" \
	"$dad" "$(counter "$map1" map_dad_started)"
check "rfc5380-6.1: the correspondent reaches the node at the allocated RCoA" \
	on "$cn" ping -6 -c 1 -W 5 $VIP

# After the move: a new IKE_SA from the new LCoA (above), then a CHILD_SA
# rekey; the binding follows it and the correspondent still gets through.
old_spi=$(spi "$map1" $VIP $MAP1)
succ=$(counter "$map1" map_bu_sa_successor)
check "after a move and a new IKE_SA: charon rekeys the CHILD_SA" \
	swanctl_in mn --rekey --child mh
new_vip_spi()
{
	local s

	s=$(spi "$map1" $VIP $MAP1)
	[[ -n $s && $s != "$old_spi" ]]
}
check "... the MAP holds one new inbound SA for the allocated RCoA" \
	wait_for 30 new_vip_spi || diag
check "rfc5380-12.1: ... the next refresh comes under it and the binding follows (map_bu_sa_successor)" \
	wait_for 30 counter_above "$map1" map_bu_sa_successor "$succ" || diag
check "... and the correspondent still reaches the node" \
	on "$cn" ping -6 -c 1 -W 5 $VIP

# mn2, the other identity, asks its charon for mn's allocated RCoA: the
# MAP's charon gives it another address, and no CHILD_SA for mn's.
on "$mn2" "$HMIP" mn del dev m0
swanctl_in mn2 --terminate --ike map1 --force >/dev/null
ike_load mn2 "$(ike_mh_conf map1 "remote_addrs = $MAP1
	vips = ::" mn2.hmip.test map1.hmip.test $VIP/128 $MAP1/128 $PSK2)"
check_fail "rfc5380-12.1: the MAP refuses mn2 a CHILD_SA for the RCoA it allocated to mn" \
	swanctl_in mn2 --initiate --child mh --timeout 60
log "$(swanctl_in mn2 --list-sas)"
check_eq "... and holds no second SA for that RCoA" 1 \
	"$(spis "$map1" $VIP $MAP1 | grep -c .)"
# An SA whose selector covers the pool, not one RCoA (manually keyed
# here: IKE would not narrow to it) binds none of its addresses.
FREE=2001:db8:100::1:ff
on "$mn2" ip xfrm state add src $LCOA2 dst $MAP1 proto esp spi 0x3001 \
	mode transport enc 'cbc(aes)' "0x$(printf '%032x' 1)" \
	auth-trunc 'hmac(sha256)' "0x$(printf '%064x' 2)" 128
on "$mn2" ip xfrm policy add dir out src $LCOA2/128 dst $MAP1/128 \
	proto 135 tmpl proto esp mode transport
on "$map1" ip xfrm state add src $LCOA2 dst $MAP1 proto esp spi 0x3001 \
	mode transport replay-window 32 enc 'cbc(aes)' "0x$(printf '%032x' 1)" \
	auth-trunc 'hmac(sha256)' "0x$(printf '%064x' 2)" 128 \
	sel src $POOL dst $MAP1/128 proto 135
notalloc=$(counter "$map1" map_bu_reject_not_allocated)
on "$mn2" "$MHSEND" -a "$LCOA2" "$LCOA2" $MAP1 $FREE 1 400
check "rfc5380-6.2: a pool address under an SA whose selector covers the pool is refused, 129 (map_bu_reject_not_allocated)" \
	wait_for 10 counter_above "$map1" map_bu_reject_not_allocated "$notalloc"
check_eq "... and not bound" "" \
	"$(on "$map1" "$HMIP" -j binding show rcoa $FREE | jq -r '.[0].rcoa // empty')"
check_eq "mn's binding of the allocated RCoA did not change" \
	"$(mn_get "m['lcoa']") esp $(spi "$map1" $VIP $MAP1)" \
	"$(on "$map1" "$HMIP" -j binding show rcoa $VIP |
		jq -r '.[0] | "\(.lcoa) \(.sa_proto) \(.sa_spi)"')"

# Without an allocated RCoA the node forms one again (its CHILD_SA
# names the allocated one: registering it is the first half's case).
check "hmip mn change rcoa none" on "$mn" "$HMIP" mn change dev m0 rcoa none
check "rfc5380-6: without an allocated RCoA the node forms its RCoA from the MAP's prefix again" \
	wait_for 10 mn_true "cur.get('rcoa') == '$RCOA'"

finish
