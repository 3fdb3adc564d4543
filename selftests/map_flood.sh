#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A flood of Binding Updates for 100k distinct RCoAs: the MAP holds at most
# max-bindings of them, memory stays bounded, every update is accounted
# for, the host keeps answering, and a dump of thousands of bindings works.
#
#   flooder (mhflood)                  map (hmip)
#   f0 2001:db8:200::2 ------------- a0 2001:db8:200::1, 2001:db8:100::1
#   probe 2001:db8:201::2 ---------- b0 2001:db8:201::1
#
# exclusive: a flood of 100k Binding Updates and a mass expiry; it measures memory
# timeout: 1800

. "$(dirname "$(readlink -f "$0")")/lib.sh"

MAP=2001:db8:100::1
FLOODS=100000
MAX=5000
# Bindings of 4 s for the mass expiry.
EXPIRING=20000
# The debug kernel is there for KASAN and lockdep on the same paths, not
# for volume: floods eight times and twice max-bindings.
if [[ ${FLAVOUR:-} == debug ]]; then
	FLOODS=40000
	EXPIRING=10000
fi

setup_ns flooder map probe
ns_nodad "$flooder" "$map" "$probe"
veth_link "$flooder" f0 "$map" a0
veth_link "$probe" p0 "$map" b0
on "$flooder" ip -6 addr add 2001:db8:200::2/64 dev f0
on "$flooder" ip -6 route add 2001:db8:100::/64 via 2001:db8:200::1
on "$probe" ip -6 addr add 2001:db8:201::2/64 dev p0
on "$probe" ip -6 route add default via 2001:db8:201::1
on "$map" ip -6 addr add 2001:db8:200::1/64 dev a0
on "$map" ip -6 addr add 2001:db8:201::1/64 dev b0
on "$map" ip -6 addr add $MAP/64 dev a0
wait_for 10 on "$flooder" ping -6 -c1 -W1 $MAP

stat()
{
	jq -r ".$2" <<<"$1"
}

# The flood's backlog has drained when hmip's count of received Binding
# Updates stays still for half a second.
drained()
{
	local a b

	a=$(counter "$map" mh_rx_bu)
	nap 0.5
	b=$(counter "$map" mh_rx_bu)
	[[ $a == "$b" ]]
}

slab_objs()
{
	# Objects of the bindings' slab cache. SLUB may merge it with a cache
	# of the same size, whose sysfs entry this then is: the difference
	# before and after still counts the bindings.
	cut -d' ' -f1 /sys/kernel/slab/hmip_binding/objects
}

check "MAP with max-bindings $MAX" on "$map" "$HMIP" map add $MAP dev a0 \
	max-bindings $MAX max-lifetime 262140 require-ipsec off
objs_before=$(slab_objs)
mem_before=$(awk '/^MemAvailable/ { print $2 }' /proc/meminfo)

sent=$(on "$flooder" "$MHFLOOD" bu 2001:db8:200::2 $MAP 2001:db8:100::1:0 $FLOODS distinct 1 100)
log "$sent"
flood_s=$(echo "$sent" | awk '{ print int($4) + 1 }')
check "the MAP still answers ping during the aftermath" \
	on "$probe" ping -6 -c 3 -i 0.2 -W 2 $MAP

# Let the backlog drain, then count.
wait_for 60 drained
json=$(on "$map" "$HMIP" -j stats show)
rx=$(stat "$json" mh_rx_bu)
log "Binding Updates that reached hmip: $rx of $FLOODS"
check "most of the flood reached the MAP" test "$rx" -ge $((FLOODS / 2))
check_eq "exactly max-bindings bindings were created" $MAX "$(stat "$json" binding_created)"
check_eq "every other update was refused for resources (130)" $((rx - MAX)) \
	"$(stat "$json" map_bu_reject_resources)"
check_eq "every update was answered or rate limited" "$rx" \
	$(($(stat "$json" mh_tx_ba) + $(stat "$json" mh_tx_ratelimited) + $(stat "$json" mh_tx_error)))
# The default limiter: a burst of 10, then one every 100 ms, for the
# flood's duration and the few seconds it took to drain.
ba_max=$((10 + (flood_s + 5) * 10))
check "the answers to one flooder were rate limited (at most $ba_max)" \
	test "$(stat "$json" mh_tx_ba)" -le $ba_max
check_eq "map show counts $MAX bindings" $MAX \
	"$(on "$map" "$HMIP" -j map show | jq '.[0].bindings')"

objs=$(slab_objs)
log "hmip_binding slab objects: $objs (before the flood: $objs_before)"
check "memory is bounded: at most max-bindings binding objects" \
	test $((objs - objs_before)) -le $((MAX + 64))
mem_after=$(awk '/^MemAvailable/ { print $2 }' /proc/meminfo)
log "MemAvailable: $mem_before kB before, $mem_after kB after"
check "the flood cost less than 64 MiB" test $((mem_before - mem_after)) -lt 65536

check_eq "a dump lists all $MAX bindings" $MAX \
	"$(on "$map" "$HMIP" -j binding show | jq length)"

check "binding flush" on "$map" "$HMIP" binding flush
check_eq "nothing left after the flush" 0 \
	"$(on "$map" "$HMIP" -j map show | jq '.[0].bindings')"
out=$(on "$flooder" "$PY" "$HMIPTEST" bu --iface f0 --src 2001:db8:200::2 \
	--dst $MAP --hao 2001:db8:100::77 --seq 1 --lifetime 65535)
check_eq "a legitimate registration works after the flood" 1 \
	"$(echo "$out" | "$PY" "$HMIPTEST" count "r.get('msg') == 'ba' and r['status'] == 0")"
# Mass expiry: thousands of bindings due within seconds of each other go
# in batches, and the host keeps answering meanwhile. (On a slow kernel the
# flood itself lasts longer than their lifetime; they expire all along.)
check "max-bindings raised for the expiry flood" \
	on "$map" "$HMIP" map change $MAP max-bindings 20000
json=$(on "$map" "$HMIP" -j stats show)
created0=$(stat "$json" binding_created)
expired0=$(stat "$json" binding_expired)
log "$(on "$flooder" "$MHFLOOD" bu 2001:db8:200::2 $MAP 2001:db8:100::2:0 $EXPIRING distinct 1 1)"
check "the MAP answers ping while they expire" \
	on "$probe" ping -6 -c 5 -i 0.5 -W 2 $MAP
all_expired()
{
	test "$(on "$map" "$HMIP" -j map show | jq '.[0].bindings')" = 1
}
check "every one of them expires" wait_for 30 all_expired
json=$(on "$map" "$HMIP" -j stats show)
made=$(($(stat "$json" binding_created) - created0))
log "4 s bindings made: $made"
check "thousands of 4 s bindings were made" test "$made" -ge 5000
check_eq "each expiry was counted" "$made" \
	$(($(stat "$json" binding_expired) - expired0))

slab_back()
{
	# Freed objects may wait in per-cpu slabs: far fewer than 20000.
	test "$(slab_objs)" -le $((objs_before + 1024))
}
# KASAN keeps freed objects in quarantine a while: there, the kmemleak
# scan at the end of the run is what proves nothing leaked.
if dmesg | grep -q KernelAddressSanitizer; then
	skip "the freed bindings go back to the slab" "KASAN quarantines freed objects"
else
	check "the freed bindings go back to the slab" wait_for 10 slab_back
fi

finish
