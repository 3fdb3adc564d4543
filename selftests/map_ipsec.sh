#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# RFC 4140 section 12.1 on the MAP: Binding Updates must come through an
# ESP or AH transport-mode SA, the binding stays with the SA that made it,
# and the answer goes back under the MAP's outbound policy. The mobile
# nodes are namespaces with "ip xfrm" states and policies, as
# Documentation/security.rst writes them, sending their Binding Updates
# through their own kernel's xfrm (selftests/tools/mhsend: a raw MH socket
# with the Home Address option as ancillary data). An attacker without an
# SA floods and replays.
#
#   mn1  m0 2001:db8:200::2 ------ a0 2001:db8:200::1  map (hmip)
#        lo 2001:db8:100::a (home)     2001:db8:100::1 (MAP, on a0)
#   mn2  n0 2001:db8:201::2 ------ b0 2001:db8:201::1
#        lo 2001:db8:100::b (home)
#   atk  t0 2001:db8:202::2 ------ c0 2001:db8:202::1
#
# timeout: 1500

. "$(dirname "$(readlink -f "$0")")/lib.sh"

require_cmd tshark

MAP=2001:db8:100::1
LCOA1=2001:db8:200::2
RCOA1=2001:db8:100::a
LCOA2=2001:db8:201::2
RCOA2=2001:db8:100::b
LCOA3=2001:db8:202::2
RCOA3=2001:db8:100::c

# Built in on the debug kernel, modules on Debian's.
modprobe -q -a esp6 ah6 xfrm_user 2>/dev/null

setup_ns mn1 mn2 atk map
ns_nodad "$mn1" "$mn2" "$atk" "$map"
veth_link "$mn1" m0 "$map" a0
veth_link "$mn2" n0 "$map" b0
veth_link "$atk" t0 "$map" c0
on "$map" ip -6 addr add 2001:db8:200::1/64 dev a0
on "$map" ip -6 addr add 2001:db8:201::1/64 dev b0
on "$map" ip -6 addr add 2001:db8:202::1/64 dev c0
on "$map" ip -6 addr add $MAP/64 dev a0
on "$mn1" ip -6 addr add $LCOA1/64 dev m0
on "$mn1" ip -6 route add 2001:db8:100::/64 via 2001:db8:200::1
on "$mn2" ip -6 addr add $LCOA2/64 dev n0
on "$mn2" ip -6 route add 2001:db8:100::/64 via 2001:db8:201::1
on "$atk" ip -6 addr add $LCOA3/64 dev t0
on "$atk" ip -6 route add 2001:db8:100::/64 via 2001:db8:202::1
# The RCoA is each mobile node's home address towards the MAP: a type 2
# routing header is accepted only for an address flagged "home".
on "$mn1" ip -6 addr add $RCOA1/128 dev lo home nodad
on "$mn2" ip -6 addr add $RCOA2/128 dev lo home nodad
# From the LCoA: the home-flagged RCoA would be the source otherwise, and
# the MAP has no route back to it before the binding.
wait_for 10 on "$mn1" ping -6 -c1 -W1 -I $LCOA1 $MAP
wait_for 10 on "$mn2" ping -6 -c1 -W1 -I $LCOA2 $MAP
wait_for 10 on "$atk" ping -6 -c1 -W1 $MAP

on "$map" "$HMIP" config set err-ratelimit-ms 0
check "hmip map add (require-ipsec on by default)" \
	on "$map" "$HMIP" map add $MAP dev a0
check_eq "map show: require-ipsec is on" true \
	"$(on "$map" "$HMIP" -j map show | jq '.[0].require_ipsec')"

stat()
{
	counter "$map" "$1"
}

xfrm_stat()
{
	# xfrm_stat NS NAME: a counter of /proc/net/xfrm_stat in NS
	on "$1" awk -v n="$2" '$1 == n { print $2 }' /proc/net/xfrm_stat
}

binding()
{
	# binding RCOA KEY: one field of the binding, "none" when absent
	on "$map" "$HMIP" -j binding show rcoa "$1" 2>/dev/null |
		jq -rs --arg k "$2" '.[0][0][$k] // "none"'
}

diag()
{
	# What both ends' xfrm saw, for the log when something fails.
	log "map xfrm_stat: $(on "$map" awk '$2 != 0' /proc/net/xfrm_stat | tr '\n' ' ')"
	log "mn1 xfrm_stat: $(on "$mn1" awk '$2 != 0' /proc/net/xfrm_stat | tr '\n' ' ')"
	log "$(on "$map" ip -s xfrm state)"
	log "$(on "$map" "$HMIP" stats show | grep -v ' 0$')"
}

# Keys: a different one for each SA, derived from its SPI.
alg()
{
	# alg PROTO SPI: the algorithm arguments of "ip xfrm state add"
	local auth enc

	auth=0x$(printf '%064x' $(($2 * 7919)))
	enc=0x$(printf '%032x' $(($2 * 104729)))
	case $1 in
	esp) echo "enc cbc(aes) $enc auth-trunc hmac(sha256) $auth 128" ;;
	ah) echo "auth-trunc hmac(sha256) $auth 128" ;;
	esac
}

sa_setup()
{
	# sa_setup PROTO MN LCOA RCOA SPI_UP SPI_DOWN: the SAs and policies of
	# one mobile node, on it and on the MAP (Documentation/security.rst)
	local p=$1 mn=$2 lcoa=$3 rcoa=$4 up=$5 down=$6

	# shellcheck disable=SC2046 # alg gives words
	{
	# The mobile node: BU out under SPI_UP, BA in under SPI_DOWN after
	# its type 2 routing header was processed.
	on "$mn" ip xfrm state add src $lcoa dst $MAP proto $p spi $up \
		mode transport $(alg $p $up) &&
	on "$mn" ip xfrm state add src $MAP dst $rcoa proto $p spi $down \
		mode transport replay-window 32 $(alg $p $down) &&
	on "$mn" ip xfrm policy add dir out src $lcoa/128 dst $MAP/128 \
		proto 135 tmpl proto $p mode transport &&
	on "$mn" ip xfrm policy add dir in src $MAP/128 dst $rcoa/128 \
		proto 135 tmpl proto $p mode transport \
		tmpl src $MAP dst $rcoa proto route2 mode ro &&
	# The MAP: BU in under SPI_UP (replay window on), BA out under
	# SPI_DOWN by a policy for {MAP -> RCoA, MH type 6}.
	on "$map" ip xfrm state add src $lcoa dst $MAP proto $p spi $up \
		mode transport replay-window 32 $(alg $p $up) &&
	on "$map" ip xfrm state add src $MAP dst $rcoa proto $p spi $down \
		mode transport $(alg $p $down) &&
	on "$map" ip xfrm policy add dir out src $MAP/128 dst $rcoa/128 \
		proto 135 type 6 tmpl proto $p mode transport
	}
}

sa_flush()
{
	local ns

	for ns in "$mn1" "$mn2" "$map"; do
		on "$ns" ip xfrm policy flush
		on "$ns" ip xfrm state flush proto esp
		on "$ns" ip xfrm state flush proto ah
	done
}

# The mobile nodes' type 2 routing header states (route optimization, any
# care-of address), for the BAs they get.
check "mn1: route optimization state for the type 2 routing header" \
	on "$mn1" ip xfrm state add src $MAP dst $RCOA1 proto route2 mode ro coa ::
check "mn2: route optimization state for the type 2 routing header" \
	on "$mn2" ip xfrm state add src $MAP dst $RCOA2 proto route2 mode ro coa ::
# The attacker takes the unprotected BA (require-ipsec off) the same way.
on "$atk" ip -6 addr add $RCOA3/128 dev lo home nodad
on "$atk" ip xfrm state add src $MAP dst $RCOA3 proto route2 mode ro coa ::
on "$atk" ip xfrm policy add dir in src $MAP/128 dst $RCOA3/128 proto 135 \
	tmpl src $MAP dst $RCOA3 proto route2 mode ro

decode()
{
	# decode FILE: what tshark sees, one line per packet:
	# SRC DST esp|ah|- SPI HAO RH2 MH-TYPE BA-STATUS ("-" when absent)
	tshark -r "$1" -T fields -E separator=, -E occurrence=f \
		-e ipv6.src -e ipv6.dst -e esp.spi -e ah.spi \
		-e ipv6.opt.mipv6.home_address \
		-e ipv6.routing.mipv6.home_address \
		-e mip6.mhtype -e mip6.ba.status 2>/dev/null |
	awk -F, '{
		for (i = NF + 1; i <= 8; i++)
			$i = ""
		sec = "-"; spi = "-"
		if ($3 != "") { sec = "esp"; spi = $3 }
		else if ($4 != "") { sec = "ah"; spi = $4 }
		# tshark writes 0x00001001, the test names it 0x1001
		if (spi != "-") {
			spi = tolower(spi)
			sub(/^0x0*/, "0x", spi)
			if (spi == "0x")
				spi = "0x0"
		}
		out = $1 " " $2 " " sec " " spi
		for (i = 5; i <= 8; i++)
			out = out " " ($i == "" ? "-" : $i)
		print out
	}'
}

pcap=$(mktemp /tmp/hmip-ipsec.XXXXXX.pcap)
replay=$(mktemp /tmp/hmip-replay.XXXXXX.pcap)
on_exit rm -f "$pcap" "$replay"

# An unprotected BU: dropped without an answer with require-ipsec on,
# accepted with it off, and the binding then has no SA.
drop0=$(stat map_bu_drop_no_ipsec)
out=$(on "$atk" "$MHSEND" $LCOA3 $MAP $RCOA3 1 400 3)
check_eq "rfc4140-12.1: an unprotected BU gets no answer" "no ba" "$out"
check_eq "rfc4140-12.1: and is counted in map_bu_drop_no_ipsec" \
	$((drop0 + 1)) "$(stat map_bu_drop_no_ipsec)"
check_eq "rfc4140-12.1: and makes no binding" none "$(binding $RCOA3 lcoa)"
check "require-ipsec off" on "$map" "$HMIP" map change $MAP require-ipsec off
out=$(on "$atk" "$MHSEND" $LCOA3 $MAP $RCOA3 2 400 3)
check_eq "require-ipsec off: the unprotected BU is accepted" \
	"ba status 0 seq 2 lifetime 400" "$out"
check_eq "require-ipsec off: the binding exists" $LCOA3 "$(binding $RCOA3 lcoa)"
check_eq "require-ipsec off: and records no SA" none "$(binding $RCOA3 sa_proto)"
check "require-ipsec on again" on "$map" "$HMIP" map change $MAP require-ipsec on
check "binding del" on "$map" "$HMIP" binding del rcoa $RCOA3

round()
{
	local p=$1 up1=$2 down1=$3 up2=$4 down2=$5 seq=$6
	local hdr before out ok a1=() a2=()

	# ESP leaves the IPv6 source out: the LCoA goes in an Alternate
	# Care-of Address option too (RFC 4877 section 4.1; map_altcoa tests
	# it). AH covers the source, and its BUs go without one.
	case $p in
	esp) hdr=ESP; a1=(-a $LCOA1); a2=(-a $LCOA2) ;;
	ah) hdr=AH ;;
	esac

	check "$p: SAs and policies of mn1" \
		sa_setup $p "$mn1" $LCOA1 $RCOA1 $up1 $down1
	check "$p: SAs and policies of mn2" \
		sa_setup $p "$mn2" $LCOA2 $RCOA2 $up2 $down2

	# MN1 registers through its SA; the wire sees only ESP (AH).
	capture_start "$map" a0 "$pcap"
	out=$(on "$mn1" "$MHSEND" "${a1[@]}" $LCOA1 $MAP $RCOA1 $seq 400 5)
	capture_stop "$pcap"
	check_eq "rfc4140-12.1 $p: mn1 registers through its SA, BA status 0 back through it" \
		"ba status 0 seq $seq lifetime 400" "$out" || diag
	check_eq "$p: the binding records the SA: protocol" $p "$(binding $RCOA1 sa_proto)"
	check_eq "$p: the binding records the SA: SPI" $((up1)) "$(binding $RCOA1 sa_spi)"
	check_eq "$p: the binding records the SA: destination" $MAP "$(binding $RCOA1 sa_dst)"
	check "$p: hmip binding show prints the SA" \
		grep -q "sa $p spi $(printf '0x%08x' $((up1))) sa-dst $MAP" \
		<<<"$(on "$map" "$HMIP" binding show rcoa $RCOA1)"
	wire=$(decode "$pcap")
	log "$wire"
	if [[ $p == esp ]]; then
		bu="$LCOA1 $MAP esp $up1 $RCOA1 - - -"
		ba="$MAP $LCOA1 esp $down1 - $RCOA1 - -"
	else
		bu="$LCOA1 $MAP ah $up1 $RCOA1 - 5 -"
		ba="$MAP $LCOA1 ah $down1 - $RCOA1 6 0"
	fi
	check_eq "rfc4140-12.1 $p: tshark: the BU is $hdr (SPI $up1) behind the HAO" \
		1 "$(grep -cxF "$bu" <<<"$wire")"
	check_eq "rfc4140-12.1 $p: tshark: the BA is $hdr (SPI $down1) behind the RH2" \
		1 "$(grep -cxF "$ba" <<<"$wire")"
	check_eq "rfc4140-12.1 $p: tshark: no Mobility Header without $hdr" 0 \
		"$(awk '$3 == "-" && $7 != "-"' <<<"$wire" | wc -l)"
	if [[ $p == esp ]]; then
		check_eq "rfc4140-12.1 esp: tshark: no Mobility Header in the clear at all" \
			0 "$(awk '$7 != "-"' <<<"$wire" | wc -l)"
	fi

	# MN2, with its own valid SA, registers its own RCoA, then tries MN1's.
	out=$(on "$mn2" "$MHSEND" "${a2[@]}" $LCOA2 $MAP $RCOA2 1 400 5)
	check_eq "$p: mn2 registers its own RCoA through its own SA" \
		"ba status 0 seq 1 lifetime 400" "$out"
	before=$(stat map_bu_reject_sa_mismatch)
	out=$(on "$mn2" "$MHSEND" "${a2[@]}" $LCOA2 $MAP $RCOA1 $((seq + 100)) 400 3)
	log "mn2's BU for mn1's RCoA: $out"
	check_eq "rfc4140-12.1 $p: mn2's BU for mn1's RCoA is rejected and counted" \
		$((before + 1)) "$(stat map_bu_reject_sa_mismatch)"
	check_eq "rfc4140-12.1 $p: the 129 answer goes under mn1's SA: mn2 gets nothing" \
		"no ba" "$out"
	check_eq "$p: mn1's binding unchanged (LCoA, seq, SA)" \
		"$LCOA1 $seq $((up1))" \
		"$(binding $RCOA1 lcoa) $(binding $RCOA1 seq) $(binding $RCOA1 sa_spi)"

	# A protected BU captured and replayed verbatim.
	capture_start "$map" a0 "$replay" "ip6 src host $LCOA1 and ip6 dst host $MAP"
	out=$(on "$mn1" "$MHSEND" "${a1[@]}" $LCOA1 $MAP $RCOA1 $((seq + 1)) 400 5)
	capture_stop "$replay"
	check_eq "$p: mn1 refreshes" "ba status 0 seq $((seq + 1)) lifetime 400" "$out"
	before=$(xfrm_stat "$map" XfrmInStateSeqError)
	ok=$(stat mh_rx_bu)
	on "$mn1" "$PY" "$HMIPTEST" replay --iface m0 --pcap "$replay"
	replayed()
	{
		test "$(xfrm_stat "$map" XfrmInStateSeqError)" -gt "$before"
	}
	check "rfc4140-12.1 $p: the replayed BU fails the $hdr replay window (XfrmInStateSeqError)" \
		wait_for 10 replayed
	check_eq "$p: the replay never reached hmip" "$ok" "$(stat mh_rx_bu)"
	check_eq "$p: mn1's binding unchanged after the replay" "$LCOA1 $((seq + 1))" \
		"$(binding $RCOA1 lcoa) $(binding $RCOA1 seq)"
}

round esp 0x1001 0x1002 0x2001 0x2002 10

# Between rounds: new SAs, new SPIs; the old bindings belong to SAs that
# are gone, so they go too.
sa_flush
check "binding flush" on "$map" "$HMIP" binding flush

round ah 0x3001 0x3002 0x4001 0x4002 20

# An SA whose selector names one RCoA (sel src RCOA/128 on the MAP's
# inbound state) protects Binding Updates for that RCoA only: the MAP holds
# them to the selector as xfrm's inbound policy check would.
RCOA5=2001:db8:100::e
# The attacker's SA is an AEAD one, and its outbound state and policy
# match any source address, so that it keeps working when the node moves.
LCOA3B=2001:db8:202::3
atk_sa()
{
	local key

	key=0x$(printf '%040x' $((0x5001 * 7919)))
	on "$atk" ip xfrm state add src :: dst $MAP proto esp spi 0x5001 \
		mode transport aead 'rfc4106(gcm(aes))' $key 128 &&
	on "$atk" ip xfrm policy add dir out src ::/0 dst $MAP/128 \
		proto 135 tmpl proto esp mode transport &&
	on "$map" ip xfrm state add src $LCOA3 dst $MAP proto esp spi 0x5001 \
		mode transport replay-window 32 \
		aead 'rfc4106(gcm(aes))' $key 128 \
		sel src $RCOA3/128 dst $MAP/128
}
check "atk: an ESP (AEAD) SA of its own, pinned to $RCOA3 on the MAP" atk_sa
out=$(on "$atk" "$MHSEND" -a $LCOA3 $LCOA3 $MAP $RCOA3 40 400 5)
check_eq "rfc4140-12.1: a BU for the RCoA the SA's selector names is accepted" \
	"ba status 0 seq 40 lifetime 400" "$out"
check_eq "rfc4140-12.1: and its binding records that SA" \
	"esp $((0x5001))" "$(binding $RCOA3 sa_proto) $(binding $RCOA3 sa_spi)"
on "$atk" ip -6 addr add $LCOA3B/64 dev t0
out=$(on "$atk" "$MHSEND" -a $LCOA3B $LCOA3B $MAP $RCOA3 41 400 5)
check_eq "the node moves: its BU from the new LCoA, same SA, is accepted" \
	"ba status 0 seq 41 lifetime 400" "$out"
check_eq "the node moves: the binding follows, still with its SA" \
	"$LCOA3B $((0x5001))" "$(binding $RCOA3 lcoa) $(binding $RCOA3 sa_spi)"
drop0=$(stat map_bu_drop_no_ipsec)
out=$(on "$atk" "$MHSEND" -a $LCOA3 $LCOA3 $MAP $RCOA5 1 400 3)
check_eq "rfc4140-12.1: a BU for another RCoA under that SA gets no answer" \
	"no ba" "$out"
check_eq "rfc4140-12.1: it counts as unprotected (map_bu_drop_no_ipsec)" \
	$((drop0 + 1)) "$(stat map_bu_drop_no_ipsec)"
check_eq "rfc4140-12.1: and makes no binding" none "$(binding $RCOA5 lcoa)"

# A rekey, as IKE does it: a new SA, new SPI, for the same peer and
# selector; the node switches to it, the MAP drops the old one after.
atk_sa_new()
{
	# atk_sa_new SPI [SELECTOR...]: a new SA from the attacker's node,
	# and the node's outbound state for it in place of OLD
	local spi=$1 old=$2 key
	shift 2

	key=0x$(printf '%040x' $((spi * 7919)))
	on "$map" ip xfrm state add src $LCOA3 dst $MAP proto esp spi $spi \
		mode transport replay-window 32 \
		aead 'rfc4106(gcm(aes))' $key 128 sel "$@" &&
	on "$atk" ip xfrm state add src :: dst $MAP proto esp spi $spi \
		mode transport aead 'rfc4106(gcm(aes))' $key 128 &&
	on "$atk" ip xfrm state del src :: dst $MAP proto esp spi $old
}
succ0=$(stat map_bu_sa_successor)
mism0=$(stat map_bu_reject_sa_mismatch)
check "rekey: SA 0x5003, same peer and selector as 0x5001" \
	atk_sa_new 0x5003 0x5001 src $RCOA3/128 dst $MAP/128
out=$(on "$atk" "$MHSEND" -a $LCOA3B $LCOA3B $MAP $RCOA3 42 400 5)
check_eq "rekey: the refresh under the new SA is accepted, no 129" \
	"ba status 0 seq 42 lifetime 400" "$out"
check_eq "rekey: the binding moves to the new SA (map_bu_sa_successor)" \
	"$((0x5003)) $((succ0 + 1)) $mism0" \
	"$(binding $RCOA3 sa_spi) $(stat map_bu_sa_successor) $(stat map_bu_reject_sa_mismatch)"
check_eq "rekey: the binding names the SA's peer" $LCOA3 \
	"$(binding $RCOA3 sa_peer)"
on "$map" ip xfrm state del src $LCOA3 dst $MAP proto esp spi 0x5001
# The same peer with another selector is another SA, not a successor.
check "another SA of the same peer, with another selector (proto 135)" \
	atk_sa_new 0x5005 0x5003 src $RCOA3/128 dst $MAP/128 proto 135
out=$(on "$atk" "$MHSEND" -a $LCOA3B $LCOA3B $MAP $RCOA3 43 400 5)
check_eq "rfc4140-12.1: a BU under it is refused with 129" \
	"ba status 129 seq 43 lifetime 0" "$out"
check_eq "rfc4140-12.1: counted in map_bu_reject_sa_mismatch; the binding keeps its SA" \
	"$((mism0 + 1)) $((0x5003)) 42" \
	"$(stat map_bu_reject_sa_mismatch) $(binding $RCOA3 sa_spi) $(binding $RCOA3 seq)"
check "binding del $RCOA3" on "$map" "$HMIP" binding del rcoa $RCOA3

# The attacker floods unprotected BUs (distinct RCoAs) and malformed
# Mobility Headers; paced, so that every packet reaches the MAP.
slab_objs()
{
	cut -d' ' -f1 /sys/kernel/slab/hmip_binding/objects
}
FLOOD=1000
BAD=200
objs0=$(slab_objs)
rx0=$(stat mh_rx_bu)
drop0=$(stat map_bu_drop_no_ipsec)
csum0=$(stat mh_drop_bad_checksum)
trunc0=$(stat mh_drop_truncated)
created0=$(stat binding_created)
log "$(on "$atk" env MHFLOOD_PPS=500 "$MHFLOOD" bu $LCOA3 $MAP 2001:db8:100::1:0 $FLOOD distinct 1 400)"
on "$atk" "$PY" - $LCOA3 $MAP $RCOA3 $BAD <<'EOF'
import socket, struct, sys, time
src, dst, hoa = (socket.inet_pton(socket.AF_INET6, a) for a in sys.argv[1:4])
n = int(sys.argv[4])

def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff

def packet(mh):
    # IPv6, Destination Options (PadN 4, HAO), the Mobility Header given
    dopt = bytes([135, 2, 1, 2, 0, 0, 201, 16]) + hoa
    body = dopt + mh
    return struct.pack("!IHBB", 6 << 28, len(body), 60, 64) + src + dst + body

bu = bytearray([59, 1, 5, 0, 0, 0, 0, 1, 0x88, 0, 0, 100, 1, 2, 0, 0])
good = csum(hoa + dst + struct.pack("!IxxxB", len(bu), 135) + bytes(bu))
struct.pack_into("!H", bu, 4, good ^ 0x5555)    # a wrong checksum
short = bytes([59, 0, 5, 0])                       # 4 of the 8 announced
s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_RAW)
for i in range(n):
    s.sendto(packet(bytes(bu)), (sys.argv[2], 0))
    s.sendto(packet(short), (sys.argv[2], 0))
    time.sleep(0.004)
EOF
flood_done()
{
	test $(($(stat mh_rx_bu) - rx0)) -ge $FLOOD &&
		test $(($(stat mh_drop_bad_checksum) - csum0)) -ge $BAD &&
		test $(($(stat mh_drop_truncated) - trunc0)) -ge $BAD
}
wait_for 30 flood_done
check_eq "flood: every unprotected BU reached hmip once" $FLOOD $(($(stat mh_rx_bu) - rx0))
check_eq "flood: every one dropped as unprotected (map_bu_drop_no_ipsec)" $FLOOD \
	$(($(stat map_bu_drop_no_ipsec) - drop0))
check_eq "flood: every bad checksum counted (mh_drop_bad_checksum)" $BAD \
	$(($(stat mh_drop_bad_checksum) - csum0))
check_eq "flood: every truncated header counted (mh_drop_truncated)" $BAD \
	$(($(stat mh_drop_truncated) - trunc0))
check_eq "flood: no binding created" "$created0" "$(stat binding_created)"
check_eq "flood: the MAP holds mn1's and mn2's bindings only" 2 \
	"$(on "$map" "$HMIP" -j map show | jq '.[0].bindings')"
objs=$(slab_objs)
log "hmip_binding slab objects: $objs (before the flood: $objs0)"
check "flood: memory bounded (no binding objects allocated)" \
	test $((objs - objs0)) -le 64
out=$(on "$mn1" "$MHSEND" $LCOA1 $MAP $RCOA1 30 400 5)
check_eq "flood: mn1's protected registration still works" \
	"ba status 0 seq 30 lifetime 400" "$out"

# Only CAP_NET_ADMIN changes MAPs and bindings.
as_nobody()
{
	on "$map" setpriv --reuid=nobody --regid=nogroup --clear-groups \
		--inh-caps=-all --bounding-set=-all "$@"
}
refused_nobody()
{
	# refused_nobody NAME ARGS...: EPERM, with the extended ACK's text
	local name=$1 err rc
	shift

	err=$(as_nobody "$HMIP" "$@" 2>&1 >/dev/null)
	rc=$?
	log "$err"
	check "nobody: $name fails" test $rc -ne 0
	check "nobody: $name: refused with the extack text" \
		grep -q "needs CAP_NET_ADMIN" <<<"$err"
}
on "$map" ip -6 addr add 2001:db8:101::1/64 dev a0
refused_nobody "map add" map add 2001:db8:101::1 dev a0
refused_nobody "map change" map change $MAP require-ipsec off
refused_nobody "map del" map del $MAP
refused_nobody "binding del" binding del rcoa $RCOA1
refused_nobody "binding flush" binding flush
check_eq "nobody changed nothing: one MAP, require-ipsec on, mn1's binding" \
	"1 true $LCOA1" \
	"$(on "$map" "$HMIP" -j map show | jq -r '"\(length) \(.[0].require_ipsec)"') $(binding $RCOA1 lcoa)"
check "nobody can read the bindings" as_nobody "$HMIP" binding show

# Where a mobile node is and the SA it keys with are CAP_NET_ADMIN's to
# know (location privacy, RFC 4140 section 6.6): nobody sees the binding,
# not its LCoA or SA, in a dump, a lookup or an event.
check_eq "rfc4140-6.6: nobody's dump has no LCoA and no SA" "$RCOA1 null null" \
	"$(as_nobody "$HMIP" -j binding show | jq -r --arg r $RCOA1 \
		'.[] | select(.rcoa == $r) | "\(.rcoa) \(.lcoa) \(.sa_spi)"')"
check_eq "rfc4140-6.6: nor nobody's lookup of one RCoA" "$MAP null null" \
	"$(as_nobody "$HMIP" -j binding show rcoa $RCOA1 |
		jq -r '.[0] | "\(.map) \(.lcoa) \(.sa_proto)"')"
check_eq "rfc4140-6.6: root's has both" "$LCOA1 ah" \
	"$(binding $RCOA1 lcoa) $(binding $RCOA1 sa_proto)"
evnobody=$(mktemp /tmp/hmip-ev.XXXXXX)
evroot=$(mktemp /tmp/hmip-ev.XXXXXX)
on_exit rm -f "$evnobody" "$evroot"
as_nobody "$HMIP" -j monitor >"$evnobody" 2>&1 &
# A config-changed event (root provokes them until nobody hears one).
check "nobody's monitor listens (the events group is open)" \
	wait_for 60 _monitor_hears "$map" "$evnobody" err-ratelimit-ms 0
monitor_start "$map" "$evroot" -j
out=$(on "$mn1" "$MHSEND" $LCOA1 $MAP $RCOA1 31 400 5)
refreshed()
{
	grep -q binding-refreshed "$1"
}
check "root's monitor prints the refresh" wait_for 10 refreshed "$evroot"
check "nobody's monitor prints it too" wait_for 10 refreshed "$evnobody"
check_eq "rfc4140-6.6: root's event has the LCoA and the SA" "$LCOA1 ah" \
	"$(grep binding-refreshed "$evroot" | jq -r '"\(.lcoa) \(.sa_proto)"')"
check_eq "rfc4140-6.6: nobody's has neither" "$RCOA1 null null" \
	"$(grep binding-refreshed "$evnobody" | jq -r '"\(.rcoa) \(.lcoa) \(.sa_proto)"')"

# The tunnel caches its outer route per binding (tunnel/tunnel.c): a policy
# added or deleted while packets flow must apply from the next packet on.
# The MAP's own pings to the RCoA go into the tunnel (nothing answers).
outer()
{
	# outer: "plain N esp N" for the MAP's packets to LCOA1 in $pcap
	tshark -r "$pcap" -Y "ipv6.src == $MAP && ipv6.dst == $LCOA1" -T fields \
		-e esp.spi -e ipv6.nxt 2>/dev/null |
	awk -F'\t' '$1 == "" && $2 ~ /^41(,|$)/ { p++ } $1 != "" { e++ }
		END { printf "plain %d esp %d\n", p, e }'
}
ping_rcoa()
{
	on "$map" ping -6 -c2 -i0.2 -W1 $RCOA1 >/dev/null 2>&1
}
capture_start "$map" a0 "$pcap" "ip6 dst host $LCOA1"
ping_rcoa
capture_stop "$pcap"
check_eq "tunnel: without a policy the outer packets leave plain (and the route is cached)" \
	"plain 2 esp 0" "$(outer)"
# shellcheck disable=SC2046 # alg gives words
on "$map" ip xfrm state add src $MAP dst $LCOA1 proto esp spi 0x7001 \
	mode transport $(alg esp 0x7001)
on "$map" ip xfrm policy add dir out src $MAP/128 dst $LCOA1/128 proto 41 \
	tmpl proto esp mode transport
capture_start "$map" a0 "$pcap" "ip6 dst host $LCOA1"
ping_rcoa
capture_stop "$pcap"
check_eq "tunnel: a policy added while the route is cached applies to the next packets (ESP)" \
	"plain 0 esp 2" "$(outer)"
on "$map" ip xfrm policy del dir out src $MAP/128 dst $LCOA1/128 proto 41
capture_start "$map" a0 "$pcap" "ip6 dst host $LCOA1"
ping_rcoa
capture_stop "$pcap"
check_eq "tunnel: and once it is deleted they leave plain again" \
	"plain 2 esp 0" "$(outer)"

finish
