#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The generic netlink family and the hmip tool: policies refuse hostile
# attributes with an extack message and lose no state, only CAP_NET_ADMIN
# changes state, settings and events are per netns.
#
#   a, b: two unconnected namespaces; requests go to one, the other must
#   not notice
#
# timeout: 600

. "$(dirname "$(readlink -f "$0")")/lib.sh"
. "$SELFTESTS/lib/peer.sh"


setup_ns a b

# Numbers from include/uapi/linux/hmip.h.
CMD_STATS_GET=1
CMD_CONFIG_GET=2
CMD_CONFIG_SET=3
A_CONFIG=3
A_CFG_MS=1
A_CFG_BURST=2
CMD_MN_ADD=16
CMD_MN_SET=17
CMD_MN_DEL=18
A_MN=8
A_MN_IFINDEX=1
A_MN_POLICY=2
A_MN_FIXED_MAP=3
A_MN_LIFETIME=4
A_MN_REQUIRE_IPSEC=5
A_MN_TUNNEL_NAME=6
A_MN_LCOA=8

# Requests from a Python peer in $a: one interpreter for all of them.
peer_start "$a" --lazy

genl()
{
	peer genl "$@"
}

config()
{
	on "${1:-$a}" "$HMIP" -j config show
}

defaults='{"err_ratelimit_ms":100,"err_ratelimit_burst":10}'
check_eq "config show -j gives the defaults" "$defaults" \
	"$(config | tr -d ' \n')"

# A good request changes the setting and only in its netns.
check "config set changes a setting" \
	on "$a" "$HMIP" config set err-ratelimit-ms 250 err-ratelimit-burst 3
check_eq "config show reads it back" \
	'{"err_ratelimit_ms":250,"err_ratelimit_burst":3}' "$(config | tr -d ' \n')"
check_eq "another netns keeps its own settings" "$defaults" \
	"$(config "$b" | tr -d ' \n')"

check_eq "hmip -n NETNS acts in that netns, like ip -n" \
	'{"err_ratelimit_ms":250,"err_ratelimit_burst":3}' \
	"$("$HMIP" -n "$a" -j config show | tr -d ' \n')"

# The tool: a value out of the kernel's range is refused by the tool
# itself (a usage error, 255), in one line giving that range; the kernel's
# own policy refuses it too (the raw requests below).
err=$(on "$a" "$HMIP" config set err-ratelimit-ms 3600001 2>&1 >/dev/null)
rc=$?
check_eq "hmip refuses a value out of the kernel's range itself (exit 255)" \
	255 $rc
check_eq "hmip prints exactly one error line" 1 "$(echo "$err" | wc -l)"
check "the error line gives the range of the kernel's policy" \
	grep -q "expected 0 to 3600000" <<<"$err"
err=$(on "$a" "$HMIP" config set err-ratelimit-burst 0 2>&1 >/dev/null)
check "a burst of 0 is refused" grep -q "expected 1 to 1000" <<<"$err"
err=$(on "$a" "$HMIP" config set bogus 1 2>&1 >/dev/null)
check "hmip names an unknown argument in one line" \
	test "$(echo "$err" | wc -l)" = 1 -a -n "$(grep bogus <<<"$err")"

# Hostile requests, sent raw: each is refused with an errno and a message.
hostile()
{
	local name=$1
	shift
	local out
	out=$(genl "$@")
	check "$name" peer py '
r = json.loads(argv[0])
sys.exit(0 if r["error"] < 0 and (r.get("msg") or "missing_type" in r) else 1)' "$out"
	log "$out"
}

hostile "config set without settings is refused with extack" \
	--cmd $CMD_CONFIG_SET
hostile "empty settings nest is refused" \
	--cmd $CMD_CONFIG_SET --attr "$A_CONFIG:{}"
hostile "a u16 where the policy wants u32 is refused" \
	--cmd $CMD_CONFIG_SET --attr "$A_CONFIG:{$A_CFG_MS:u16=5}"
hostile "value out of range is refused" \
	--cmd $CMD_CONFIG_SET --attr "$A_CONFIG:{$A_CFG_BURST:u32=1001}"
hostile "unknown attribute inside the nest is refused" \
	--cmd $CMD_CONFIG_SET --attr "$A_CONFIG:{9:u32=1}"
hostile "unknown top-level attribute is refused" \
	--cmd $CMD_CONFIG_SET --attr "77:u32=1"
hostile "settings attribute that is not a nest is refused" \
	--cmd $CMD_CONFIG_SET --attr "$A_CONFIG:u32=1"
hostile "an attribute on stats get is refused" \
	--cmd $CMD_STATS_GET --attr "$A_CONFIG:{$A_CFG_MS:u32=5}"
# The genl core answers unknown commands itself, without a message.
check_eq "an unknown command is refused with EOPNOTSUPP" -95 \
	"$(genl --cmd 200 | jq .error)"
out=$(genl --cmd $CMD_CONFIG_SET \
	--attr "$A_CONFIG:{$A_CFG_MS:u32=7,$A_CFG_BURST:u32=5000}")
check_eq "a request with one bad setting changes nothing" \
	'{"err_ratelimit_ms":250,"err_ratelimit_burst":3}' "$(config | tr -d ' \n')"
out=$(genl --cmd $CMD_CONFIG_GET)
check_eq "config get still answers after the abuse" 0 \
	"$(jq .error <<<"$out")"

# Only CAP_NET_ADMIN changes state; anyone may read.
as_nobody()
{
	on "$a" setpriv --reuid=nobody --regid=nogroup --clear-groups \
		--inh-caps=-all --bounding-set=-all "$@"
}
err=$(as_nobody "$HMIP" config set err-ratelimit-ms 1 2>&1 >/dev/null)
rc=$?
check_eq "nobody cannot change settings (the kernel refuses: exit 2)" 2 $rc
check "nobody is told what is missing (the extack names CAP_NET_ADMIN)" \
	grep -q "needs CAP_NET_ADMIN" <<<"$err"
out=$(as_nobody "$PY" "$HMIPTEST" genl --cmd $CMD_CONFIG_SET \
	--attr "$A_CONFIG:{$A_CFG_MS:u32=1}")
check_eq "nobody's request gets EPERM with that extack message" \
	"-1 needs CAP_NET_ADMIN in the user namespace of the network namespace" \
	"$(jq -r '"\(.error) \(.msg)"' <<<"$out")"
check_eq "nobody's attempt changed nothing" \
	'{"err_ratelimit_ms":250,"err_ratelimit_burst":3}' "$(config | tr -d ' \n')"
check "nobody can read the counters" as_nobody "$HMIP" stats show

# Events: a change is announced on the events group of its netns only.
evfile=$(mktemp /tmp/hmip-ev.XXXXXX)
evother=$(mktemp /tmp/hmip-ev.XXXXXX)
on "$a" "$HMIP" -j monitor count 1 >"$evfile" &
mon=$!
on "$b" "$HMIP" -j monitor >"$evother" &
mon_other=$!
# The monitor has no ready signal: repeat the change until it is heard.
wait_for 30 sh -c "ip netns exec $a $HMIP config set err-ratelimit-burst 4 &&
	test -s $evfile"
wait $mon
check_eq "monitor prints the config-changed event" 1 \
	"$(count 'r["event"] == "config-changed" and r["err_ratelimit_burst"] == 4 and r["err_ratelimit_ms"] == 250' <"$evfile")"
kill $mon_other
wait $mon_other 2>/dev/null
check_eq "a monitor in another netns sees nothing" "" "$(cat "$evother")"
rm -f "$evfile" "$evother"

# The mobile node's commands, hostile too: nothing is created or changed.
on "$a" ip link add d0 type dummy
on "$a" ip link set d0 up
ifi=$(on "$a" cat /sys/class/net/d0/ifindex)
mn_show()
{
	on "$a" "$HMIP" -j mn show | tr -d ' \n'
}
hostile "mn add without an entry is refused" --cmd $CMD_MN_ADD
hostile "mn add without the interface is refused" \
	--cmd $CMD_MN_ADD --attr "$A_MN:{$A_MN_POLICY:u8=0}"
hostile "mn add with interface index 0 is refused" \
	--cmd $CMD_MN_ADD --attr "$A_MN:{$A_MN_IFINDEX:u32=0}"
hostile "mn add with an interface of another netns is refused" \
	--cmd $CMD_MN_ADD --attr "$A_MN:{$A_MN_IFINDEX:u32=99999}"
hostile "mn add with policy 9 is refused" \
	--cmd $CMD_MN_ADD --attr "$A_MN:{$A_MN_IFINDEX:u32=$ifi,$A_MN_POLICY:u8=9}"
hostile "mn add with a 2-octet fixed MAP is refused" \
	--cmd $CMD_MN_ADD --attr "$A_MN:{$A_MN_IFINDEX:u32=$ifi,$A_MN_FIXED_MAP:0102}"
hostile "mn add with lifetime 0 is refused" \
	--cmd $CMD_MN_ADD --attr "$A_MN:{$A_MN_IFINDEX:u32=$ifi,$A_MN_LIFETIME:u32=0}"
hostile "mn add with lifetime 262141 is refused" \
	--cmd $CMD_MN_ADD --attr "$A_MN:{$A_MN_IFINDEX:u32=$ifi,$A_MN_LIFETIME:u32=262141}"
hostile "mn add with require-ipsec 2 is refused" \
	--cmd $CMD_MN_ADD --attr "$A_MN:{$A_MN_IFINDEX:u32=$ifi,$A_MN_REQUIRE_IPSEC:u8=2}"
hostile "mn add with a 20-character tunnel name is refused" \
	--cmd $CMD_MN_ADD --attr "$A_MN:{$A_MN_IFINDEX:u32=$ifi,$A_MN_TUNNEL_NAME:str=abcdefghijklmnopqrst}"
hostile "mn add with the read-only LCoA is refused" \
	--cmd $CMD_MN_ADD --attr "$A_MN:{$A_MN_IFINDEX:u32=$ifi,$A_MN_LCOA:20010db8000000000000000000000001}"
hostile "mn set on an interface without the role is refused" \
	--cmd $CMD_MN_SET --attr "$A_MN:{$A_MN_IFINDEX:u32=$ifi,$A_MN_LIFETIME:u32=60}"
hostile "mn del on an interface without the role is refused" \
	--cmd $CMD_MN_DEL --attr "$A_MN:{$A_MN_IFINDEX:u32=$ifi}"
check_eq "none of them made a mobile node" "[]" "$(mn_show)"
check "mn add dev d0 lifetime 120" on "$a" "$HMIP" mn add dev d0 lifetime 120
before=$(mn_show)
hostile "mn set with lifetime 0 is refused" \
	--cmd $CMD_MN_SET --attr "$A_MN:{$A_MN_IFINDEX:u32=$ifi,$A_MN_LIFETIME:u32=0}"
hostile "mn set with a good lifetime and a bad policy is refused" \
	--cmd $CMD_MN_SET --attr "$A_MN:{$A_MN_IFINDEX:u32=$ifi,$A_MN_LIFETIME:u32=60,$A_MN_POLICY:u8=7}"
hostile "a second mn add on the interface is refused" \
	--cmd $CMD_MN_ADD --attr "$A_MN:{$A_MN_IFINDEX:u32=$ifi}"
check_eq "the mobile node is as it was" "$before" "$(mn_show)"
err=$(on "$a" "$HMIP" mn change dev d0 lifetime 0 2>&1 >/dev/null)
rc=$?
check "hmip mn change lifetime 0: non-zero exit, one line" \
	test $rc -ne 0 -a "$(echo "$err" | wc -l)" = 1
err=$(as_nobody "$HMIP" mn del dev d0 2>&1 >/dev/null)
rc=$?
check "nobody cannot delete the mobile node" test $rc -ne 0
check "... and is told it needs CAP_NET_ADMIN" grep -q "needs CAP_NET_ADMIN" <<<"$err"
check "nobody can read it" as_nobody "$HMIP" mn show
check "mn del dev d0" on "$a" "$HMIP" mn del dev d0
check_eq "no mobile node left" "[]" "$(mn_show)"

finish
