#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# "mn add" and "ar add" racing the deletion of their interface: an add
# checks that the interface exists, and the interface's unregistration
# (NETDEV_UNREGISTER) ends what was added for it. Whichever comes first,
# no entry may outlive its interface: one for a dead ifindex would never
# be collected.
#
#   a: up0 (a dummy that stays: the relays' downstream side)
#      mr0, mr1, ... ao0, ... rl0, ...: dummies, each deleted while an add
#      for it runs (the peer's "race")
#
# "mn add" makes its tunnel device under the RTNL: the deletion is put
# right there, every round (race --hold: 16 other dummies deleted at once
# hold the RTNL, the deletion queues behind them, then the add is sent; it
# finds the interface, and makes its tunnel device once the interface is
# gone). "ar add" takes no RTNL: the deletion comes after a random delay
# up to the time one add takes alone.
#
# exclusive: its deletions hold the RTNL, which every other test needs
# timeout: 300
# shellcheck disable=SC2154 # setup_ns assigns the namespace variables
# shellcheck disable=SC2317 # functions run through check and wait_for

# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=selftests/lib/peer.sh
source "$SELFTESTS/lib/peer.sh"

require_cmd jq

# Numbers from include/uapi/linux/hmip.h.
CMD_AR_ADD=12
CMD_MN_ADD=16
A_AR=7
A_AR_IFINDEX=1
A_AR_MAP_ADDR=2
A_AR_RELAY_FROM=7
A_MN=8
A_MN_IFINDEX=1
A_MN_REQUIRE_IPSEC=5
ROUNDS=20

setup_ns a
on "$a" ip link add up0 type dummy
up0=$(ip -n "$a" -j link show up0 | jq '.[0].ifindex')
peer_start "$a" --lazy

mn_count() {
	"$HMIP" -n "$a" -j mn show | jq length
}

mn_tunnels() {
	ip -n "$a" -o link show | grep -c hmipmn
}

# The role of a deleted interface ends in a work item: a moment later.
mn_gone() {
	[[ $(mn_count) == 0 && $(mn_tunnels) == 0 ]]
}

ar_count() {
	"$HMIP" -n "$a" -j ar show | jq '[.[] | select(.kind != "learned")] | length'
}

# race NAME PREFIX HOLD CMD ATTR...: the peer's race, its summary logged;
# true when every round ran, an add refused or not.
race() {
	local name=$1 prefix=$2 hold=$3 cmd=$4 out
	shift 4

	out=$(peer race --rounds "$ROUNDS" --prefix "$prefix" --hold "$hold" \
		--cmd "$cmd" "${@/#/--attr=}") || { log "$name: $out"; return 1; }
	log "$name: $out"
	jq -e ".added + ([.refused[]] | add // 0) == $ROUNDS" <<<"$out" >/dev/null
}

check "mn add raced the deletion of its interface $ROUNDS times" \
	race "mn add" mr 16 $CMD_MN_ADD \
	"$A_MN:{$A_MN_IFINDEX:u32=IFINDEX,$A_MN_REQUIRE_IPSEC:u8=0}"
wait_for 20 mn_gone
check_eq "no mobile node entry is left for an interface that is gone" \
	0 "$(mn_count)"
check_eq "... nor a tunnel device of one" 0 "$(mn_tunnels)"

check "ar add (a MAP option) raced the deletion of its interface $ROUNDS times" \
	race "ar add map" ao 0 $CMD_AR_ADD \
	"$A_AR:{$A_AR_IFINDEX:u32=IFINDEX,$A_AR_MAP_ADDR:20010db8010000000000000000000001}"
check "ar add (a relay) raced the deletion of its upstream interface $ROUNDS times" \
	race "ar add relay" rl 0 $CMD_AR_ADD \
	"$A_AR:{$A_AR_IFINDEX:u32=$up0,$A_AR_RELAY_FROM:u32=IFINDEX}"
check_eq "no access router entry is left for an interface that is gone" \
	0 "$(ar_count)"
finish
