#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Fast handovers at the mobile node with the MAP as anchor (RFC 5568
# sections 3.2, 3.3, 6.2.2, 6.3; RFC 4140 Appendix A, figure A.2). hmip's
# mobile node, registered with map1 through ar1, prepares the move to ar2
# ("hmip mn prepare"), sends the Fast Binding Update to the real MAP from
# its LCoA and takes the Fast Binding Acknowledgment; on ar2's link it
# announces the new care-of address with an Unsolicited Neighbor
# Advertisement and registers from it. Then scapy plays the access
# router: an unsolicited Proxy Router Advertisement (network-initiated)
# prepares, taken from the default router only; with the MAP out of reach
# a refusal forged by scapy is shown, and a move without an FBack sends
# the FBU again from the new care-of address (reactive mode). tshark
# decodes what the node sends.
#
#   cn ---- map1 (100::1) ---- ar1 (a1::/64) ---+
#    |          \------------- ar2 (a2::/64) ---+-- air --- mn (m0)
#    +----- map2 (200::1) ---- ar3 (a3::/64)     (one bridge per AR)
#
# Load: the node retransmits its FBU for 3.75 s only. A check that the
# FBU went out looks at the counter, not at a state a slow poll can miss;
# the forged FBack that must find the FBU in flight is tried again, with
# a new preparation, when a loaded guest let it time out first.
#
# timeout: 600
# exclusive: its waits no longer depend on the guest's load, but have not yet run side by side on the debug kernel

. "$(dirname "$(readlink -f "$0")")/lib.sh"
. "$SELFTESTS/lib/ar.sh"
. "$SELFTESTS/lib/peer.sh"
. "$SELFTESTS/lib/mn_net.sh"

require_cmd radvd tshark tcpdump jq

AR1=2001:db8:a1::1
AR2=2001:db8:a2::1
AP2=02:00:00:00:a2:01
AP1=02:00:00:00:a1:01
TMP=$(mktemp -d /tmp/hmip-fmip-mn.XXXXXX)
on_exit rm -rf "$TMP"

MN_MAC=02:00:00:00:00:10
mn_net_setup $MN_MAC
# tshark's bytes, with or without colons; its booleans, 1 or True.
MAC_RE='02:\?00:\?00:\?00:\?00:\?10'
# scapy on map1 forges a Fast Binding Acknowledgment below.
peer_start "$map1"
on "$map1" "$HMIP" map add $MAP1 dev c0 mode routed require-ipsec off
on "$ar1" "$HMIP" ar add dev d0 map $MAP1 valid-lifetime 600
on "$ar2" "$HMIP" ar add dev d0 map $MAP1 valid-lifetime 600
AR2_MAC=$(on "$ar2" ip -j link show d0 | jq -r '.[0].address')
on "$ar1" "$HMIP" ar add dev d0 neighbour $AR2 prefix 2001:db8:a2::/64 \
	ap $AP2 lla "$AR2_MAC"
radvd_start "$ar1" d0 2001:db8:a1::/64
AR1_RADVD=$RADVD_PIDFILE
radvd_start "$ar2" d0 2001:db8:a2::/64
AR2_RADVD=$RADVD_PIDFILE

move_to()
{
	on "$mn" ip link set m0 down
	on "$air" ip link set pm nomaster
	on "$air" ip link set pm master br$1
	on "$mn" ip link set m0 up
}

fbu_is() {
	[[ $(mn_fmip fbu) == "$1" ]]
}

# fbu_sent_since N: the FBU of a new preparation went out (mn_fbu_tx
# above N), in flight or given up since ("timeout")
fbu_sent_since() {
	counter_above "$mn" mn_fbu_tx "$1" &&
		[[ $(mn_fmip fbu) == @(sent|timeout) ]]
}

arrival_is() {
	[[ $(mn_fmip arrival) == "$1" ]]
}

monitor_start "$mn" "$TMP/monitor"
pcap=$TMP/mn.pcap
capture_start "$mn" m0 "$pcap" ip6
check "hmip mn add dev m0" \
	on "$mn" "$HMIP" mn add dev m0 require-ipsec off lifetime 120
check "rfc4140-6.1: registered with map1 from an LCoA of ar1's link" \
	wait_for 60 registered_with $MAP1 2001:db8:a1:
RCOA=$(mn_get "cur['rcoa']")
PCOA=$(mn_get "m['lcoa']")
SEQ=$(mn_get "cur['seq']")

# ------------------------------------------- predictive: FBU, FBack, UNA

check "hmip mn prepare dev m0 ar ar2" \
	on "$mn" "$HMIP" mn prepare dev m0 ar $AR2
check "rfc5568-6.2.2: the FBU once ready; map1's FBack makes it acked" \
	wait_for 10 fbu_is acked
NCOA=$(mn_fmip ncoa)
FSEQ=$(mn_fmip fbu_seq)
check_eq "rfc6275-9.5.1: the FBU numbered after the last Binding Update" \
	$(((SEQ + 1) & 0xffff)) "$FSEQ"
check_eq "the FBack's status shown, no UNA yet" "0 False" \
	"$(mn_fmip fback_status) $(mn_fmip una)"
check_eq "rfc4140-A: map1's binding moved to the NCoA" "$NCOA" \
	"$(map1_binding_lcoa "$RCOA")"
check "hmip monitor: mn-fback, acked" \
	wait_for 5 grep -q "mn-fback dev m0 .*fast-handover ready ar $AR2 ncoa $NCOA fbu acked" "$TMP/monitor"
check_eq "the counters: one FBU, its FBack taken" "1 1 0" \
	"$(counter "$mn" mn_fbu_tx) $(counter "$mn" mn_fback_rx) $(counter "$mn" mn_fback_refused)"

# ar2 stays silent until the node registered: the NCoA is the node's own
# doing, not the kernel's answer to ar2's advertisement.
on "$ar2" kill "$(cat "$AR2_RADVD")"
move_to 2
check "rfc5568-6.3: on ar2's link, registered with map1 from the NCoA before any router advertisement" \
	wait_for 30 registered_with $MAP1 "$NCOA"
check_eq "rfc5568-6.3: no advertisement heard (no router known), the NCoA assumed" \
	"- assumed 1" \
	"$(mn_get "m.get('router', '-')") $(mn_fmip arrival) $(counter "$mn" mn_ncoa_onlink)"
check "rfc4429: the NCoA on m0 (optimistic or, DAD off, preferred)" \
	grep -q "inet6 $NCOA/64 " <<<"$(on "$mn" ip -6 addr show dev m0)"
routes=$(on "$mn" ip -6 route show default)
log "$routes"
check "rfc5568-3.1: the default route through ar2's address of the PrRtAdv, on-link, behind an advertisement's" \
	grep -q "^default via $AR2 dev m0 proto ra metric 1025 .*onlink" <<<"$routes"
check_eq "rfc5568-6.3: one UNA, no reactive FBU after an FBack" "1 0 True" \
	"$(counter "$mn" mn_una_tx) $(counter "$mn" mn_fbu_reactive_tx) $(mn_fmip una)"
radvd_start "$ar2" d0 2001:db8:a2::/64
check "rfc4862-5.5.3: ar2's advertisement confirms the NCoA" \
	wait_for 10 arrival_is confirmed
routes=$(on "$mn" ip -6 route show default)
log "$routes"
check_eq "rfc4861-6.3.4: one default route, ar2's own through its link-local address" \
	"1 1" "$(grep -c . <<<"$routes") $(grep -c '^default via fe80:.* dev m0 proto ra ' <<<"$routes")"
check "rfc4862-5.5.3: the NCoA's lifetimes are the advertisement's, not the 30 s it had" \
	test "$(on "$mn" ip -j -6 addr show dev m0 | jq "[.[0].addr_info[] |
		select(.local == \"$NCOA\") | select(.valid_life_time > 3600 and
		.preferred_life_time > 3600)] | length")" = 1
capture_stop "$pcap"

decoded=$(tshark -r "$pcap" -Y "mip6.mhtype == 8" -T fields -E separator=' ' \
	-e ipv6.src -e ipv6.dst -e ipv6.opt.mipv6.home_address -e mip6.fbu.seqnr \
	-e mip6.fbu.a_flag -e mip6.acoa.acoa -e mip6.lla.optcode -e mip6.lla \
	2>/dev/null | sort -u)
log "$decoded"
check "rfc5568-6.3.1: tshark decodes the FBU: from the PCoA to map1, RCoA in the Home Address option, A, NCoA in the Alternate CoA option, the node's link-layer address (code 2)" \
	grep -qix "$PCOA $MAP1 $RCOA $FSEQ [1t][a-z]* $NCOA 2 $MAC_RE" <<<"$decoded"
decoded=$(tshark -r "$pcap" -Y "mip6.mhtype == 9" -T fields -E separator=' ' \
	-e ipv6.dst -e ipv6.routing.type -e mip6.fback.status \
	-e mip6.fback.seqnr 2>/dev/null | sort -u)
log "$decoded"
check "rfc5568-6.3.2: the FBack came to the PCoA through a type 2 routing header" \
	grep -qx "$PCOA 2 0 $FSEQ" <<<"$decoded"
decoded=$(tshark -r "$pcap" -Y "icmpv6.type == 136 && ipv6.src == $NCOA" \
	-T fields -E separator=' ' -e ipv6.dst -e ipv6.hlim \
	-e icmpv6.nd.na.flag.r -e icmpv6.nd.na.flag.s -e icmpv6.nd.na.flag.o \
	-e icmpv6.nd.na.target_address -e icmpv6.opt.linkaddr 2>/dev/null)
log "$decoded"
check "rfc5568-6.3: tshark decodes the UNA: from the NCoA to all nodes, R, S and O clear, target the NCoA, its link-layer address" \
	grep -qix "ff02::1 255 [0f][a-z]* [0f][a-z]* [0f][a-z]* $NCOA $MAC_RE" <<<"$decoded"
# frame FILTER: the number of the first frame of $pcap that FILTER takes
frame() {
	tshark -r "$pcap" -Y "$1" -T fields -e frame.number 2>/dev/null |
		head -n1
}
bu=$(frame "mip6.mhtype == 5 && ipv6.src == $NCOA && ipv6.dst == $MAP1 &&
	ipv6.opt.mipv6.home_address == $RCOA && mip6.acoa.acoa == $NCOA")
ra=$(frame "icmpv6.type == 134 && icmpv6.opt.prefix == 2001:db8:a2::")
check "rfc5568-6.3: tshark decodes the Binding Update from the NCoA (to map1, the RCoA, the NCoA as Alternate CoA) before ar2's first advertisement (frames ${bu:-none}, ${ra:-none})" \
	test -n "$bu" -a -n "$ra" -a "${bu:-0}" -lt "${ra:-0}"

# -------------------------------- network-initiated: scapy as ar2, no MAP

AR2_LL=$(mn_get "m.get('router')")
check "the node's default router is ar2's link-local address ($AR2_LL)" \
	grep -q "inet6 $AR2_LL/" <<<"$(on "$ar2" ip -6 addr show dev d0)"
LCOA=$(mn_get "m['lcoa']")
prrtadv() {
	peer_in "$ar2" prrtadv --iface d0 --dst "$LCOA" --ap $AP1 \
		--nar $AR1 --nar-lla 02:00:00:00:a1:fe --prefix 2001:db8:a1:: \
		--wait 0 "$@" >/dev/null
}
# What the node sends to map1 is lost from here: no FBack comes.
on "$ar2" ip -6 route add blackhole $MAP1/128
pcap=$TMP/react.pcap
capture_start "$mn" m0 "$pcap" ip6
prrtadv --src fe80::99
check "rfc5568-3.3: an unsolicited PrRtAdv not from the default router is dropped, counted" \
	wait_for 5 test "$(counter "$mn" mn_prrtadv_drop_not_router)" = 1
check_eq "... and prepares nothing" "acked 0" \
	"$(mn_fmip fbu) $(counter "$mn" mn_prrtadv_network)"
tx=$(counter "$mn" mn_fbu_tx)
prrtadv --src "$AR2_LL"
check "rfc5568-3.3: an unsolicited PrRtAdv from the default router prepares: ready, the FBU sent" \
	wait_for 5 fbu_sent_since "$tx"
check_eq "network-initiated, for the router of its tuple" "True $AR1 1" \
	"$(mn_fmip network_initiated) $(mn_fmip ar) $(counter "$mn" mn_prrtadv_network)"
# refuse: map1's FBack of status 129 for the FBU in flight, forged by
# scapy; true once the node took it. Given up ("timeout") before it came:
# prepared again, 3 rounds at most.
refuse() {
	local i tx

	for i in 1 2 3; do
		if ! fbu_is sent; then
			tx=$(counter "$mn" mn_fbu_tx)
			prrtadv --src "$AR2_LL"
			wait_for 5 fbu_sent_since "$tx" || continue
		fi
		peer mh --iface c0 --src $MAP1 --dst "$LCOA" --rh2 "$RCOA" \
			--type 9 --hlen 1 --wait 0 --body \
			"$(printf '8100%04x000001020000' "$(mn_fmip fbu_seq)")" >/dev/null
		wait_for 5 eval '! fbu_is sent'
		fbu_is refused && return 0
		log "refuse: round $i: the FBU was $(mn_fmip fbu) (seq $(mn_fmip fbu_seq)), FBacks dropped for their number: $(counter "$mn" mn_fback_drop_seq)"
	done
	return 1
}
check "rfc5568-6.3.2: an FBack with status 129: refused" refuse
check_eq "its status shown, counted" "129 1" \
	"$(mn_fmip fback_status) $(counter "$mn" mn_fback_refused)"

tx=$(counter "$mn" mn_fbu_tx)
prrtadv --src "$AR2_LL"
check "a second unsolicited PrRtAdv: a new preparation, its FBU sent" \
	wait_for 5 fbu_sent_since "$tx"
move_to 1
check "rfc5568-3.2: no FBack before the move: the FBU again from the NCoA" \
	wait_for 30 test "$(counter "$mn" mn_fbu_reactive_tx)" = 1
check "registered with map1 from ar1's link" \
	wait_for 30 registered_with $MAP1 2001:db8:a1:
capture_stop "$pcap"
on "$ar2" ip -6 route del blackhole $MAP1/128
NCOA=$(mn_get "m['lcoa']")
decoded=$(tshark -r "$pcap" -Y "mip6.mhtype == 8 && ipv6.src == $NCOA" -T fields \
	-E separator=' ' -e ipv6.dst -e ipv6.opt.mipv6.home_address \
	-e mip6.acoa.acoa 2>/dev/null | sort -u)
log "$decoded"
check_eq "rfc5568-3.2: tshark decodes the reactive FBU: from the NCoA to map1, the RCoA, the NCoA as Alternate CoA" \
	"$MAP1 $RCOA $NCOA" "$decoded"
una=$(frame "icmpv6.type == 136 && ipv6.src == $NCOA && ipv6.dst == ff02::1 &&
	icmpv6.nd.na.flag.o == 0 && icmpv6.nd.na.target_address == $NCOA")
fbu=$(frame "mip6.mhtype == 8 && ipv6.src == $NCOA")
check "rfc5568-6.3: the UNA (all nodes, O clear, target the NCoA) went before it (frames ${una:-none}, ${fbu:-none})" \
	test -n "$una" -a -n "$fbu" -a "${una:-0}" -lt "${fbu:-0}"
# --------------------------- a move that ends elsewhere: nothing remains

check "hmip mn prepare dev m0 ar ar2, from ar1's link" \
	on "$mn" "$HMIP" mn prepare dev m0 ar $AR2
check "rfc5568-6.2.2: its FBU acked" wait_for 10 fbu_is acked
NCOA=$(mn_fmip ncoa)
# Back in ar1's cell, which speaks only once the node assumed ar2's.
on "$ar1" kill "$(cat "$AR1_RADVD")"
move_to 1
check "the link up again: the NCoA in ar2's prefix assumed" \
	wait_for 10 arrival_is assumed
radvd_start "$ar1" d0 2001:db8:a1::/64
check "rfc4861-6.3.4: ar1's advertisement, without ar2's prefix: the NCoA removed" \
	wait_for 10 arrival_is removed
check "... and registered with map1 from ar1's prefix" \
	wait_for 30 registered_with $MAP1 2001:db8:a1:
check_eq "rfc5568-6.3: nothing of the prepared cell remains: no NCoA, no route through ar2" \
	"0 0 1" "$(on "$mn" ip -6 addr show dev m0 | grep -c "inet6 $NCOA/") $(on "$mn" ip -6 route show | grep -c "via $AR2 ") $(counter "$mn" mn_ncoa_removed)"
check_eq "every FBack counted: taken or dropped" \
	"$(counter "$mn" mh_rx_fback)" \
	"$(($(counter "$mn" mn_fback_rx) + $(counter "$mn" mn_fback_drop_no_rh2) +
	$(counter "$mn" mn_fback_drop_unknown) + $(counter "$mn" mn_fback_drop_unprotected) +
	$(counter "$mn" mn_fback_drop_backlog) + $(counter "$mn" mn_fback_drop_seq)))"

finish
