#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Namespaces die while Mobility Headers flood in: hmip's counters, its
# control socket and its rate limiter must outlive every device a packet
# can arrive on (Documentation/design.rst, "Per network namespace").
#
#   fl: mhflood -> br0 -+- p0 ---- eth0 :t0   (fe80::ff:fe00:100)
#                       +- p1 ---- eth0 :t1   (fe80::ff:fe00:101)
#                       ...
#                       +- pN-1 -- eth0 :tN-1
#
# No role anywhere: hmip's Mobility Header handler serves every namespace.
# Each target gets Care-of Tests (counted, then dropped: no role handles
# them) and messages of an unknown type (answered with a Binding Error
# through the control socket, whose route lookup fails: no route back to
# the off-link sources) in turn. Each round deletes all its namespaces in
# one go: the kernel dismantles them in few batches, each namespace's
# exits running while the flood still arrives on the veths of the others
# and, until the core unregisters them, on its own.
#
# timeout: 600
# exclusive: it floods, and deletes dozens of namespaces at once
# shellcheck disable=SC2154 # setup_ns assigns the namespace variables
# shellcheck disable=SC2317 # functions run through check and wait_for

# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

# Both kernels went down in the first round before the fix; the debug
# kernel makes and dismantles namespaces several times slower.
ROUNDS=${NETNS_EXIT_ROUNDS:-5}
[[ ${FLAVOUR:-} == debug ]] && ROUNDS=${NETNS_EXIT_ROUNDS:-3}
TARGETS=${NETNS_EXIT_TARGETS:-24}
# Sources of the flood: off-link for the targets, each packet another.
SRC=2001:db8:ff::1

setup_ns fl
ns_nodad "$fl"
# The targets' link-local addresses come from their MAC addresses
# (02:00:00:00:01:ii, EUI-64); the flooder knows them, no resolution.
{
	echo "link add br0 type bridge"
	echo "link set br0 up"
	for ((i = 0; i < TARGETS; i++)); do
		printf 'neigh add fe80::ff:fe00:1%02x lladdr 02:00:00:00:01:%02x dev br0 nud permanent\n' "$i" "$i"
	done
} | on "$fl" ip -batch -

TMP=$(mktemp -d /tmp/hmip-netns-exit.XXXXXX)
on_exit rm -rf "$TMP"
# Not through on(): $! must be mhflood itself.
MHFLOOD_SECONDS=3600 MHFLOOD_DEV=br0 ip netns exec "$fl" "$MHFLOOD" mh $SRC \
	fe80::ff:fe00:100 1 4,42 "$TARGETS" >"$TMP/flood" 2>&1 &
flood=$!

veths_gone() {
	[[ -z $(ip -n "$fl" -o link show type veth) ]]
}

tx_error=0 rounds_ok=0 reached=0 gone_ok=0 suffix=$(mktemp -u XXXXXX)
for ((r = 0; r < ROUNDS; r++)); do
	t0=$EPOCHREALTIME
	targets=()
	for ((i = 0; i < TARGETS; i++)); do
		targets+=("nx$r-$i-$suffix")
	done
	NS_LIST+=("${targets[@]}")
	printf 'netns add %s\n' "${targets[@]}" | ip -batch -
	# eth0 is made in its namespace, and up, by the flooder's "ip": no
	# process in each target.
	for ((i = 0; i < TARGETS; i++)); do
		printf 'link add eth0 netns %s address 02:00:00:00:01:%02x up type veth peer name p%d\n' \
			"${targets[i]}" "$i" "$i"
		printf 'link set p%d master br0 up\n' "$i"
	done | on "$fl" ip -batch -

	# The last one made is the last to finish DAD: when it counts the
	# flood, the others do too.
	last=${targets[TARGETS - 1]}
	if wait_for 30 counter_above "$last" mh_rx_cot 0 &&
		wait_for 10 counter_above "$last" mh_rx_unknown_type 0; then
		reached=$((reached + 1))
	fi
	if ((r == 0)); then
		tx_error=$(counter "$last" mh_tx_error)
	fi

	# All at once: one "ip netns del" after the other, no process
	# start in between, so the kernel takes them in few batches.
	printf 'netns del %s\n' "${targets[@]}" | ip -batch -
	if wait_for 120 veths_gone; then
		gone_ok=$((gone_ok + 1))
		# Gone: no namespace of this round to remove at exit.
		NS_LIST=("$fl")
	fi
	kill -0 "$flood" 2>/dev/null && rounds_ok=$((rounds_ok + 1))
	log "round $((r + 1)): $TARGETS namespaces made, flooded and deleted in $(_elapsed "$t0" "$EPOCHREALTIME") s"
done

check_eq "the flood reached every round's namespaces (Care-of Tests and unknown types counted)" \
	"$ROUNDS" "$reached"
check "rfc6275-9.3.3: they answered with Binding Errors through the control socket (mh_tx_error: no route back)" \
	test "${tx_error:-0}" -gt 0
check_eq "$ROUNDS rounds of $TARGETS namespaces deleted at once under the flood: all gone" \
	"$ROUNDS" "$gone_ok"
check_eq "the flood went on through every round" "$ROUNDS" "$rounds_ok"
kill "$flood" 2>/dev/null
wait "$flood" 2>/dev/null
[[ -s $TMP/flood ]] && log "mhflood: $(cat "$TMP/flood")"
check "hmip still answers in the flooding namespace" \
	on "$fl" "$HMIP" stats show mh_rx
finish
