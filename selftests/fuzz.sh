#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# hmipfuzz (selftests/tools/hmipfuzz.c) at a MAP, a mobile node and an
# access router at once: Mobility Headers of every type and option (RFC
# 6275 sections 6.1, 6.2), router advertisements with MAP options (RFC
# 4140 section 5) and generic netlink requests, mostly nearly valid. Then:
# every Mobility Header is accounted for by the counters, memory stayed
# bounded, the kernel reported nothing, and each role still works.
#
#   map (routed MAP 100::1, require-ipsec off, max-bindings 8)
#    a0 f::1
#     |
#    f0 f::2    fz (hmipfuzz; routes between the others)
#    e0 e::1 ------------------- u0 e::2  ar (radvd on d0; hmip's MAP
#    air (a bridge) ---- pa ---- d0 a1::1     option, relay-from u0)
#         `------------- pm ---- m0  mn (hmip mn, require-ipsec off)
#
# Every role namespace also has a veth pair gz0/gz1 (ifindex 100, 101)
# and 2001:db8:300::1 on lo: the generic netlink requests name those (and
# random ones), so that they add and delete MAPs, options and mobile nodes
# of their own while the ones the packets aim at stay.
#
# HMIP_FUZZ_N inputs, a third each: packets (to the MAP, the node and the
# router), advertisements, requests. The default is 50000 on both
# kernels (the coverage checks below need that many: some outcomes come
# once in 10000 inputs). HMIP_FUZZ_SEED is the seed (default random),
# HMIP_FUZZ_FIRST the number of the first input (default 0): the same
# seed, first input and count send the same inputs again. The seed and
# the count are printed; the kernel log gets a line every 1000 inputs
# ("hmipfuzz: input N"). "make fuzz N=... [SEED=...] [FIRST=...]" runs it
# alone on the debug kernel (selftests/fuzz_long.sh).
#
# exclusive: it floods
# timeout: 900

. "$(dirname "$(readlink -f "$0")")/lib.sh"
. "$SELFTESTS/lib/peer.sh"
. "$SELFTESTS/lib/ar.sh"

HMIPFUZZ=$SELFTESTS/tools/hmipfuzz
[[ -x $HMIPFUZZ ]] || HMIPFUZZ=$SELFTESTS/hmipfuzz

require_cmd radvd jq

MAP=2001:db8:100::1
MAXB=8
N=${HMIP_FUZZ_N:-50000}
SEED=${HMIP_FUZZ_SEED:-}
FIRST=${HMIP_FUZZ_FIRST:-0}
TMP=$(mktemp -d /tmp/hmip-fuzz.XXXXXX)
on_exit rm -rf "$TMP"

# The kernel log from here on: the harness fails the run on any report,
# this test names the input that was being sent.
dmesg_from=$(dmesg | wc -l)

setup_ns map fz ar mn
ns_nodad "$map" "$fz" "$ar" "$mn"
veth_link "$map" a0 "$fz" f0
veth_link "$fz" e0 "$ar" u0
veth_link "$ar" d0 "$fz" pa
veth_link "$mn" m0 "$fz" pm
# One ip process a namespace (each costs a good part of a second under
# emulation). The node's default router is the access router alone: the
# advertisements of the fuzz come from routers that do not exist.
gz="link add gz0 index 100 type veth peer name gz1 index 101
link set gz0 up
link set gz1 up
addr add 2001:db8:300::1/64 dev lo"
ip -n "$fz" -batch - <<EOF
link add air type bridge
link set air up
link set pa master air
link set pm master air
addr add 2001:db8:f::2/64 dev f0
addr add 2001:db8:e::1/64 dev e0
route add 2001:db8:100::/64 via 2001:db8:f::1
route add 2001:db8:a1::/64 via 2001:db8:e::2
EOF
ip -n "$map" -batch - <<EOF
addr add 2001:db8:f::1/64 dev a0
addr add $MAP/64 dev lo
route add default via 2001:db8:f::2
$gz
EOF
ip -n "$ar" -batch - <<EOF
addr add 2001:db8:e::2/64 dev u0
addr add 2001:db8:a1::1/64 dev d0
addr add fe80::1/64 dev d0
route add default via 2001:db8:e::1
$gz
EOF
on "$mn" sysctl -qw net.ipv6.conf.m0.accept_ra_defrtr=0
ip -n "$mn" -batch - <<EOF
route add default via fe80::1 dev m0
$gz
EOF
on "$fz" sysctl -qw net.ipv6.conf.all.forwarding=1 \
	net.ipv6.conf.all.accept_ra=0
on "$ar" sysctl -qw net.ipv6.conf.all.forwarding=1

# scapy starts while the fuzz runs; the last checks need it.
peer_start "$fz"

check "a routed MAP, require-ipsec off, max-bindings $MAXB" \
	on "$map" "$HMIP" map add $MAP dev a0 mode routed require-ipsec off \
	max-bindings $MAXB
# radvd complains of each advertisement of the fuzz: into a file.
radvd_start "$ar" d0 2001:db8:a1::/64 2>"$TMP/radvd.log"
# Dist 15, Pref 15: the node's furthest MAP whatever most advertisements
# of the fuzz say, so that it keeps the registration the fuzzer's
# acknowledgements name.
check "the access router advertises the MAP and relays from u0" \
	on "$ar" "$HMIP" ar add dev d0 map $MAP dist 15 pref 15
on "$ar" "$HMIP" ar role set rfc 4140	# relays are RFC 4140's
on "$ar" "$HMIP" ar add dev d0 relay-from u0
check "hmip mn add (require-ipsec off)" \
	on "$mn" "$HMIP" mn add dev m0 require-ipsec off

mn_reg() {
	"$HMIP" -n "$mn" -j mn show dev m0 | jq -e --arg map "$1" '.[0] |
		.lcoa as $l | .registrations[] | select(.current and
		.state == "registered" and .map == $map and .lcoa == $l and
		($l | startswith("2001:db8:a1:")))' >/dev/null
}
check "the mobile node registers with the MAP" wait_for 60 mn_reg $MAP
LCOA=$("$HMIP" -n "$mn" -j mn show dev m0 | jq -r '.[0].lcoa')
RCOA=$("$HMIP" -n "$mn" -j mn show dev m0 |
	jq -r '.[0].registrations[] | select(.current) | .rcoa')
log "the mobile node: LCoA $LCOA, RCoA $RCOA"

# ------------------------------------------------------------------ fuzz

stats_json() {
	"$HMIP" -n "$1" -j stats show
}

# Objects of the bindings' cache, after a shrink (which frees what
# KASAN holds in quarantine and the per-cpu slabs keep), once freeing
# (after RCU grace periods) is over: two reads half a second apart agree.
slab=/sys/kernel/slab/hmip_binding
slab_read() {
	echo 1 >$slab/shrink
	cut -d' ' -f1 $slab/objects
}
slab_still() {
	local a b

	a=$(slab_read)
	nap 0.5
	b=$(slab_read)
	[[ $a == "$b" ]] && echo "$b" >"$TMP/objs"
}
slab_objs() {
	wait_for 20 slab_still
	cat "$TMP/objs"
}
objs_before=$(slab_objs)

# radvd stopped while the counters of router advertisements are read:
# none is then between the hooks and ICMPv6.
radvd_signal() {
	local p

	for p in $(ip netns pids "$ar"); do
		[[ $(cat /proc/$p/comm 2>/dev/null) == radvd ]] && kill -"$1" "$p"
	done
}
snmp() {
	on "$mn" awk -v k="$1" '$1 == k { print $2 }' /proc/net/dev_snmp6/m0
}
# "RAs counted by hmip's hook, RAs ICMPv6 counted, checksum errors"
ra_counts() {
	radvd_signal STOP
	nap 0.3
	echo "$(stats_json "$mn" | jq '.mn_ra_rx + .mn_ra_drop_bad +
		.mn_ra_drop_policy') $(snmp Icmp6InRouterAdvertisements) $(snmp Icmp6InCsumErrors)"
	radvd_signal CONT
}
read -r hook0 in_ra0 in_csum0 < <(ra_counts)

args=(
	--mh map=$MAP --mh ar=2001:db8:e::2
	--mh-rh2 "mn=$LCOA,$RCOA,$MAP"
	--addr $MAP --addr "$LCOA" --addr "$RCOA" --addr 2001:db8:a1::1
	--addr 2001:db8:e::2 --addr 2001:db8:f::2 --addr 2001:db8:200::1
	--addr 2001:db8:300::1 --rcoa-prefix $MAP
	--ra-if e0 --ra-if air
	--genl "/run/netns/$map" --genl "/run/netns/$ar" --genl "/run/netns/$mn"
	--genl-addr 2001:db8:300::1 --genl-ifindex 100 --genl-ifindex 101
	--stats "$TMP/stats" --first "$FIRST" ${SEED:+--seed "$SEED"}
)
log "hmipfuzz ${args[*]} $N"
t0=$SECONDS
out=$(on "$fz" "$HMIPFUZZ" "${args[@]}" "$N" 2>"$TMP/err")
rc=$?
log "$out"
[[ -s $TMP/err ]] && log "$(head -n 40 "$TMP/err")"
fuzz_s=$((SECONDS - t0))
fstat() {
	awk -v k="$1" '$1 == k { print $2; f = 1 } END { if (!f) print 0 }' \
		"$TMP/stats"
}
log "generic netlink requests that succeeded, by command: $(awk -F'[_ ]' \
	'/^genl_ok_cmd_/ { printf "%s%s:%s", sep, $4, $5; sep = " " }' "$TMP/stats")"
SEED=$(fstat seed)
log "seed $SEED, inputs $FIRST to $((FIRST + N - 1)) in $fuzz_s s: to send them again, make fuzz N=$N SEED=$SEED FIRST=$FIRST"
check_eq "hmipfuzz sent $N inputs (seed $SEED), every request answered" 0 "$rc"

# A report that does not panic the kernel (lockdep, RCU): its lines, and
# the last of hmipfuzz's lines before the first of them.
reports=$(dmesg | tail -n +$((dmesg_from + 1)) | awk '
	/hmipfuzz: input [0-9]+/ { if (!n) last = $0 }
	/WARNING:|BUG:|Oops|general protection|KASAN|UBSAN|refcount_t:|list_(add|del) corruption|ODEBUG|circular locking|recursive locking|suspicious RCU|inconsistent lock state|unreferenced object/ {
		if (!n++) print "after: " last
		if (n <= 20) print
	}')
if [[ -n $reports ]]; then
	fail "the kernel reported nothing during the fuzz" "$reports"
else
	pass "the kernel reported nothing during the fuzz"
fi

# ------------------------------------------------------------ accounting

# Every Mobility Header that reached hmip (mh_rx) ends in exactly one of
# the validation drops (RFC 6275 9.2) or is counted by type; the types
# no role handles are counted as unhandled; every Binding Update (type
# 5) ends in one outcome of the MAP's, every Binding Acknowledgement
# (type 6) in one of the mobile node's, once its worker has taken those
# it queued, every Fast Binding Acknowledgement (type 9) in one of the
# mobile node's. Each holds at any quiet moment, in every namespace.
MH_DROPS='.mh_drop_truncated + .mh_drop_nomem + .mh_drop_bad_checksum +
	.mh_drop_bad_payload_proto + .mh_drop_bad_header_len +
	.mh_rx_unknown_type'
MH_TYPES='.mh_rx_brr + .mh_rx_hoti + .mh_rx_coti + .mh_rx_hot + .mh_rx_cot +
	.mh_rx_bu + .mh_rx_ba + .mh_rx_be + .mh_rx_fbu + .mh_rx_fback +
	.mh_rx_hi + .mh_rx_hack'
MH_UNHANDLED='.mh_rx_brr + .mh_rx_hoti + .mh_rx_coti + .mh_rx_hot +
	.mh_rx_cot + .mh_rx_be'
BU_OUTCOMES='.map_bu_accepted + .map_bu_deregistered +
	.map_bu_drop_bad_option + .map_bu_drop_no_hao + .map_bu_drop_no_ipsec +
	.map_bu_reject_prohibited + .map_bu_reject_resources +
	.map_bu_reject_home_reg + .map_bu_reject_not_map_prefix +
	.map_bu_reject_not_map + .map_bu_reject_duplicate +
	.map_bu_reject_seq + .map_bu_reject_sa_mismatch'
HACK_OUTCOMES='.map_hack_accepted + .map_hack_ncoa_invalid +
	.map_hack_refused + .map_hack_drop_not_map + .map_hack_drop_no_ipsec +
	.map_hack_drop_unknown'
BA_OUTCOMES='.mn_ba_accepted + .mn_ba_rejected + .mn_ba_resync +
	.mn_ba_drop_no_rh2 + .mn_ba_drop_unknown + .mn_ba_drop_unprotected +
	.mn_ba_drop_malformed + .mn_ba_drop_seq + .mn_ba_drop_backlog'
# Every Handover Initiate (type 14) ends in one of the access router's.
HI_OUTCOMES='.ar_hi_drop_malformed + .ar_hi_drop_no_ncoa + .ar_hi_drop_no_lla +
	.ar_hi_drop_not_map + .ar_hi_drop_no_ipsec + .ar_hack_tx_valid +
	.ar_hack_tx_invalid + .ar_hack_tx_no_resources +
	.ar_hack_tx_ratelimited + .ar_hack_tx_error'
FBACK_OUTCOMES='.mn_fback_rx + .mn_fback_drop_no_rh2 + .mn_fback_drop_unknown +
	.mn_fback_drop_unprotected + .mn_fback_drop_backlog +
	.mn_fback_drop_seq'
# "rx drops types unhandled unhandled_by_type bu bu_outcomes ba
# ba_outcomes hack hack_outcomes hi hi_outcomes fback fback_outcomes" of
# the stats of a namespace in $TMP/NS.json
sums() {
	jq -r "[.mh_rx, $MH_DROPS, $MH_TYPES, .mh_drop_unhandled,
		$MH_UNHANDLED, .mh_rx_bu, $BU_OUTCOMES, .mh_rx_ba,
		$BA_OUTCOMES, .mh_rx_hack, $HACK_OUTCOMES, .mh_rx_hi,
		$HI_OUTCOMES, .mh_rx_fback, $FBACK_OUTCOMES] | map(tostring) |
		join(\" \")" "$TMP/$1.json"
}
# Reads the stats of the namespace of ROLE into $TMP/ROLE.json; true
# when they balance.
balanced() {
	local rx drops types unh unh_t bu bu_o ba ba_o ha ha_o hi hi_o fb fb_o

	stats_json "$2" >"$TMP/$1.json" || return 1
	read -r rx drops types unh unh_t bu bu_o ba ba_o ha ha_o hi hi_o fb fb_o \
		< <(sums "$1")
	((rx == drops + types && unh == unh_t && bu == bu_o && ba == ba_o &&
	  ha == ha_o && hi == hi_o && fb == fb_o))
}
declare -A NS_OF=([map]=$map [mn]=$mn [ar]=$ar)
for role in map mn ar; do
	# Counters read one by one move under traffic (the node's own
	# registration goes on): wait for a moment when nothing is in flight.
	wait_for 30 balanced "$role" "${NS_OF[$role]}"
	read -r rx drops types unh unh_t bu bu_o ba ba_o ha ha_o hi hi_o fb fb_o \
		< <(sums "$role")
	log "$role: mh_rx $rx = drops $drops + by type $types; unhandled $unh ($unh_t); BU $bu ($bu_o); BA $ba ($ba_o); HAck $ha ($ha_o); HI $hi ($hi_o); FBack $fb ($fb_o)"
	check_eq "rfc6275-9.2: $role: every Mobility Header is a validation drop or counted by type" \
		"$rx" $((drops + types))
	check_eq "$role: every type no role handles is counted unhandled" \
		"$unh" "$unh_t"
	check_eq "$role: every Binding Update ends in one counted outcome" \
		"$bu" "$bu_o"
	check_eq "$role: every Binding Acknowledgement ends in one counted outcome" \
		"$ba" "$ba_o"
	check_eq "rfc5568-6.2.1.2: $role: every Handover Acknowledge ends in one counted outcome" \
		"$ha" "$ha_o"
	check_eq "rfc5568-6.2.1: $role: every Handover Initiate ends in one counted outcome" \
		"$hi" "$hi_o"
	check_eq "rfc5568-6.2.3: $role: every Fast Binding Acknowledgement ends in one counted outcome" \
		"$fb" "$fb_o"
done

jm=$(<"$TMP/map.json")
jn=$(<"$TMP/mn.json")
ja=$(<"$TMP/ar.json")
for role in map mn ar; do
	log "$role: the counters the fuzz moved: $(jq -r 'to_entries |
		map(select(.value > 0) | "\(.key) \(.value)") | join(", ")' \
		"$TMP/$role.json")"
done
log "Mobility Headers sent: map $(fstat mh_to_map), ar $(fstat mh_to_ar), mn $(fstat mh_to_mn); reached hmip: map $(jq .mh_rx <<<"$jm"), ar $(jq .mh_rx <<<"$ja"), mn $(jq .mh_rx <<<"$jn")"
# The fuzz reaches past validation into the roles: a check that the
# generators still know the formats.
# nonzero JSON COUNTER...: every COUNTER of JSON is above 0 (else names
# those that are not)
nonzero() {
	local json=$1 zero

	shift
	zero=$(jq -r '. as $j | [$ARGS.positional[] | select($j[.] <= 0)] |
		join(" ")' --args "$@" <<<"$json")
	[[ -z $zero ]] && return 0
	echo "still 0: $zero"
	return 1
}
# A deregistration needs a binding that the fuzz made, for the same home
# address, still there: about one in 10000 inputs. Under 50000 inputs
# (HMIP_FUZZ_N) the fuzz may well make none.
rare=map_bu_deregistered
if ((N < 50000)); then
	log "deregistrations: $(jq .map_bu_deregistered <<<"$jm") (not required under 50000 inputs)"
	rare=
fi
# shellcheck disable=SC2086 # $rare: one name or none
check "the fuzz reached the MAP's binding code (accepted, refused, each error${rare:+, deregistered})" \
	nonzero "$jm" map_bu_accepted map_bu_reject_resources \
	$rare map_bu_drop_bad_option map_bu_reject_seq \
	map_bu_reject_home_reg map_bu_reject_not_map_prefix \
	map_bu_reject_duplicate map_bu_reject_prohibited map_bu_drop_no_hao \
	mh_rx_unknown_type mh_drop_bad_checksum mh_drop_bad_header_len \
	mh_drop_bad_payload_proto mh_drop_truncated mh_drop_unhandled
handled=$(jq '{handled: (.mn_ba_drop_seq + .mn_ba_resync + .mn_ba_rejected +
	.mn_ba_accepted)}' <<<"$jn")
check "the fuzz reached the mobile node's acknowledgements (queued and handled, malformed, no RH2)" \
	nonzero "$(jq -s add - <<<"$jn $handled")" handled \
	mn_ba_drop_malformed mn_ba_drop_no_rh2 mn_ba_drop_unknown
check "the fuzz reached the access router's relay (learned, refused)" \
	nonzero "$ja" ar_relay_rx_opt ar_relay_drop_invalid \
	ar_relay_drop_dist ar_relay_drop_bad_ra ar_relay_drop_unconfigured \
	ar_relay_drop_full
check "the fuzz reached the mobile node's MAP options (learned, refused)" \
	nonzero "$jn" mn_ra_rx mn_ra_drop_bad mn_opt_drop_invalid

# Router advertisements: the mobile node's hook sees each one the kernel
# receives on m0 before ICMPv6 does, and counts it once (learned, or
# dropped as bad or by policy) unless it is not one it reads (a code
# other than 0, shorter than 16 octets). So, with the kernel's own
# counters of m0: hook <= RAs received + checksum errors (every RA the
# hook counted reached ICMPv6), and hook >= RAs received - the RAs the
# fuzzer sent that the hook does not read. Counted over the fuzz, radvd
# stopped while they are read.
read -r hook in_ra in_csum < <(ra_counts)
hook=$((hook - hook0))
in_ra=$((in_ra - in_ra0))
in_csum=$((in_csum - in_csum0))
unread=$(($(fstat ra_on_air) - $(fstat ra_hookable_air)))
log "mobile node, over the fuzz: RAs counted by hmip $hook; by the kernel on m0 $in_ra (and $in_csum checksum errors); sent unread by hmip $unread"
check "rfc4140-7.2: every router advertisement is counted at most once" \
	test "$hook" -le $((in_ra + in_csum))
check "... and none the node reads goes uncounted" \
	test "$hook" -ge $((in_ra - unread))

# ---------------------------------------------------------------- bounds

learned=$("$HMIP" -n "$ar" -j ar show | jq '[.[] | select(.kind == "learned")] | length')
check "the access router's learned options stay bounded ($learned of 64)" \
	test "$learned" -le 64
opts=$("$HMIP" -n "$mn" -j mn show dev m0 | jq '.[0].options | length')
check "the mobile node's MAP options stay bounded ($opts of 16)" \
	test "$opts" -le 16
held=$(on "$map" "$HMIP" -j map show | jq --arg m $MAP '.[] | select(.address == $m) | .bindings')
check "the MAP holds at most max-bindings bindings ($held of $MAXB)" \
	test "$held" -le $MAXB
# The bindings' objects: what flushing them gives back to the slab. SLUB
# may merge the cache with another of its size (Debian's kernel does),
# whose objects then count too: the difference before and after a flush
# holds only the bindings'. The debug kernel never merges (KASAN): there
# the growth over the whole fuzz is checked as well.
objs=$(slab_objs)
on "$map" "$HMIP" binding flush
objs_flushed=$(slab_objs)
aliases=$(cat $slab/aliases)
log "hmip_binding slab objects: $objs_before before the fuzz, $objs after it, $objs_flushed once its bindings were flushed ($aliases other caches merged into it)"
check "memory is bounded: the bindings' objects at most max-bindings" \
	test $((objs - objs_flushed)) -le $((MAXB + 8))
if ((aliases == 0)); then
	check "... and the fuzz left no other binding object allocated" \
		test $((objs_flushed - objs_before)) -le 8
else
	skip "... and the fuzz left no other binding object allocated" \
		"the cache is merged with another: the debug kernel checks it"
fi

# ---------------------------------------------------- still working

for role in map mn ar; do
	check "$role: hmip stats show still answers" \
		on "${NS_OF[$role]}" "$HMIP" stats show mh_rx
done
# What the fuzz may have changed, as it was (its requests changed the
# rate limits, flushed bindings and filled the learned options).
for ns in "$map" "$ar" "$mn"; do
	on "$ns" "$HMIP" config set err-ratelimit-ms 100 err-ratelimit-burst 10
done
out=$(peer bu --iface f0 --src 2001:db8:f::2 --dst $MAP \
	--hao 2001:db8:100::7777 --seq 1 --lifetime 100)
# f0 also forwards the mobile node's own Binding Acks: only ours count.
check_eq "rfc4140-6.2: a valid Binding Update gets an accepting Binding Ack" 1 \
	"$(count "r.get('msg') == 'ba' and r['status'] == 0 and r['dst'] == '2001:db8:f::2'" <<<"$out")"
on "$ar" "$HMIP" ar del dev d0 relay-from u0
on "$ar" "$HMIP" ar add dev d0 relay-from u0
on "$mn" "$HMIP" mn del dev m0
on "$mn" "$HMIP" mn add dev m0 require-ipsec off
check "the mobile node, added again, registers with the MAP" \
	wait_for 60 mn_reg $MAP ||
	log "$("$HMIP" -n "$mn" -j mn show dev m0; on "$map" "$HMIP" map show)"
finish
