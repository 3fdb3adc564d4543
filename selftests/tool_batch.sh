#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The hmip tool against the kernel, as a script would use it (issue 17):
# exit statuses that tell a usage error from a kernel refusal, the ranges
# of the help accepted at both ends by the kernel's policy, interfaces
# looked up in the namespace of -n, "replace" verbs that add or change and
# can run again, "delete"/"ls", -batch with -force, hmip save replayed
# by -batch, and -V naming the loaded module's version. (tools/hmip/tests/cli.sh checks the rest of the
# command line on the host, smoke.sh the status without the module.)
#
#   a: MAP 2001:db8:100::1 and access router on a0, d1 a dummy with
#      home agent 2001:db8:200::1
#      a0 ---- b0 :b, the mobile node role
#
# timeout: 300
# shellcheck disable=SC2154 # setup_ns assigns the namespace variables

# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

MAP=2001:db8:100::1
HA=2001:db8:200::1

setup_ns a b
ns_nodad "$a" "$b"
veth_link "$a" a0 "$b" b0
on "$a" ip link add d1 type dummy
on "$a" ip link set d1 up
on "$a" ip -6 addr add $MAP/64 dev a0
on "$a" ip -6 addr add $HA/64 dev d1
tmp=$(mktemp -d)
on_exit rm -rf "$tmp"

# st NS ARGS...: hmip's exit status; its stderr in $tmp/err
st()
{
	local ns=$1
	shift
	on "$ns" "$HMIP" "$@" >/dev/null 2>"$tmp/err"
	echo $?
}

# js NS OBJECT JQ: a field of "hmip -j OBJECT show" in NS
js()
{
	on "$1" "$HMIP" -j "$2" show | jq -c "$3"
}

version=$(cat /sys/module/hmip/version 2>/dev/null)
check "the module has a MODULE_VERSION" test -n "$version"
check_eq "hmip -V: the tool's, the uapi's and the loaded module's version, one string" \
	"hmip $version, uapi 1, module $version" "$("$HMIP" -V)"

# Exit statuses, as hmip.8 (and ip(8), where it has them) say.
check_eq "exit 2 when the kernel refuses (map add of an address not the node's)" \
	2 "$(st "$a" map add 2001:db8:999::1 dev a0)"
check "... in one line with the kernel's extack message" \
	test "$(wc -l <"$tmp/err")" = 1 -a -n "$(grep 'map add: Error: ' "$tmp/err")"
log "$(cat "$tmp/err")"
check_eq "exit 255 for a usage error (pref 16), the kernel never asked" \
	255 "$(st "$a" map add $MAP dev a0 pref 16)"
check_eq "... and nothing was added" "[]" "$(js "$a" map .)"
check_eq "exit 1 for an interface the namespace does not have" \
	1 "$(st "$a" map add $MAP dev b0)"
check_eq "hmip -n NS looks the interface up in NS (a0 is not in this one)" \
	0 "$(st "$b" -n "$a" map add $MAP dev a0 pref 0 max-lifetime 4 max-bindings 1)"

# The ends of every range the help gives: the kernel takes them all.
check_eq "the kernel takes the low ends: pref 0, max-lifetime 4, max-bindings 1" \
	'[0,4,1]' "$(js "$a" map '.[0] | [.pref, .max_lifetime, .max_bindings]')"
check "the kernel takes the high ends: pref 15, max-lifetime 262140, max-bindings 16777216" \
	on "$a" "$HMIP" map change $MAP pref 15 max-lifetime 262140 \
	max-bindings 16777216
check "the kernel takes dist 1, pref 0, probe-interval 100, retry-interval 100, retry-time 0" \
	on "$a" "$HMIP" ar add dev a0 map $MAP dist 1 pref 0 \
	probe-interval 100 retry-interval 100 retry-time 0 valid-lifetime 0
check "the kernel takes dist 15, pref 15, the intervals' 3600000, valid-lifetime 4294967295" \
	on "$a" "$HMIP" ar change dev a0 map $MAP dist 15 pref 15 \
	probe-interval 3600000 retry-interval 3600000 retry-time 3600000 \
	valid-lifetime 4294967295
check "the kernel takes err-ratelimit-ms 0 and err-ratelimit-burst 1" \
	on "$a" "$HMIP" config set err-ratelimit-ms 0 err-ratelimit-burst 1
check "the kernel takes err-ratelimit-ms 3600000 and err-ratelimit-burst 1000" \
	on "$a" "$HMIP" config set err-ratelimit-ms 3600000 \
	err-ratelimit-burst 1000
check "the kernel takes mn lifetime 4, then 262140" \
	on "$b" "$HMIP" -batch - <<EOF
mn add dev b0 lifetime 4
mn change dev b0 lifetime 262140
EOF

# Other names: delete, ls, list.
check_eq "map ls prints what map show prints" \
	"$(on "$a" "$HMIP" map show)" "$(on "$a" "$HMIP" map ls)"
check "map delete removes the MAP" on "$a" "$HMIP" map delete $MAP
check "ar delete removes the option" on "$a" "$HMIP" ar delete dev a0 map $MAP
check "mn delete removes the role" on "$b" "$HMIP" mn delete dev b0
check_eq "list: nothing left" "[][][]" \
	"$(on "$a" "$HMIP" -j map list)$(on "$a" "$HMIP" -j ar list)$(on "$b" "$HMIP" -j mn list)"

# replace: adds, then changes to the settings given; again changes nothing.
check "map replace adds a MAP" \
	on "$a" "$HMIP" map replace $MAP dev a0 pref 3 tunnel hmiprp%d
check_eq "... with its settings and tunnel" '[3,"hmiprp0"]' \
	"$(js "$a" map '.[0] | [.pref, .tunnel]')"
check "map replace of that MAP changes it" \
	on "$a" "$HMIP" map replace $MAP dev a0 pref 7 max-lifetime 60 tunnel x
check_eq "... to the settings given, the tunnel kept" '[7,60,"hmiprp0"]' \
	"$(js "$a" map '.[0] | [.pref, .max_lifetime, .tunnel]')"
before=$(on "$a" "$HMIP" -j map show)
check "map replace again, the same" \
	on "$a" "$HMIP" map replace $MAP dev a0 pref 7 max-lifetime 60
check_eq "... changes nothing" "$before" "$(on "$a" "$HMIP" -j map show)"
check "ar replace adds an option" \
	on "$a" "$HMIP" ar replace dev a0 map $MAP dist 2
check "ar replace of that option changes it" \
	on "$a" "$HMIP" ar replace dev a0 map $MAP dist 3 pref 4
check_eq "... one option, with the settings given" '[[3,4]]' \
	"$(js "$a" ar '[.[] | select(.kind == "static") | [.dist, .pref]]')"
check "ar replace of a relay, twice" on "$a" "$HMIP" -batch - <<EOF
ar role set rfc 4140
ar replace dev a0 relay-from d1
ar replace dev a0 relay-from d1
EOF
check_eq "... one relay" 1 "$(js "$a" ar '[.[] | select(.kind == "relay")] | length')"
check "mn replace adds the role" on "$b" "$HMIP" mn replace dev b0 lifetime 60
check "mn replace changes it" \
	on "$b" "$HMIP" mn replace dev b0 lifetime 120 policy nearest
check "mn replace with dev alone leaves it" on "$b" "$HMIP" mn replace dev b0
check_eq "... with the settings of the last change" '["nearest",120]' \
	"$(js "$b" mn '.[0] | [.policy, .lifetime]')"
check "ha replace adds a home agent" \
	on "$a" "$HMIP" ha replace $HA dev d1 require-ipsec off tunnel hmiphrp%d
check "ha replace of that home agent changes it" \
	on "$a" "$HMIP" ha replace $HA dev d1 require-ipsec off pref 7 \
	prefix 2001:db8:200::/64 prefix 2001:db8:201::/64 tunnel x
check_eq "... to the settings given, the tunnel kept" \
	'[7,["2001:db8:200::/64","2001:db8:201::/64"],"hmiphrp0"]' \
	"$(js "$a" ha '.[0] | [.pref, .prefixes, .tunnel]')"
before=$(on "$a" "$HMIP" -j ha show)
check "ha replace again, the same" \
	on "$a" "$HMIP" ha replace $HA dev d1 require-ipsec off pref 7 \
	prefix 2001:db8:200::/64 prefix 2001:db8:201::/64
check_eq "... changes nothing" "$before" "$(on "$a" "$HMIP" -j ha show)"
check_eq "replace still refuses what add refuses (exit 2)" \
	2 "$(st "$a" map replace 2001:db8:999::1 dev a0)"

# -batch: a file of commands, applied to an empty namespace, then again.
on "$a" "$HMIP" -batch - <<EOF
ar del dev a0 relay-from d1
ar del dev a0 map $MAP
map del $MAP
EOF
conf=$tmp/hmip.conf
cat >"$conf" <<EOF
# hmip configuration of namespace a

config set err-ratelimit-ms 250 err-ratelimit-burst 5
map replace $MAP dev a0 pref 9 mode routed   # the MAP
ar replace dev a0 map $MAP dist 1 pref 9
ar role set rfc 4140
	ar replace dev a0 relay-from d1
EOF
check_eq "-n NS -batch FILE applies a configuration (comments, blank lines)" \
	0 "$(st "$b" -n "$a" -batch "$conf")"
state()
{
	on "$a" "$HMIP" -j -batch - <<EOF
config show
map show
ar show
EOF
}
first=$(state)
log "$first"
check_eq "... every line of it" '[250,5,9,"routed",2]' \
	"$(jq -sc '[.[0].err_ratelimit_ms, .[0].err_ratelimit_burst, .[1][0].pref, .[1][0].mode, (.[2] | length)]' <<<"$first")"
check_eq "the same batch again succeeds" 0 "$(st "$a" -batch "$conf")"
check_eq "... and changes nothing" "$first" "$(state)"

bad=$tmp/bad.conf
cat >"$bad" <<EOF
config set err-ratelimit-burst 6
# the kernel refuses line 3
map del 2001:db8:999::1
config set err-ratelimit-burst 7
EOF
check_eq "-batch stops at a line the kernel refuses, exit 2" \
	2 "$(st "$a" -batch "$bad")"
check "... its one error line names the file and line 3" \
	test "$(wc -l <"$tmp/err")" = 1 -a \
	-n "$(grep -F "$bad:3: map del: Error: " "$tmp/err")"
log "$(cat "$tmp/err")"
check_eq "... lines before it ran, none after" 6 \
	"$(js "$a" config .err_ratelimit_burst)"
check_eq "-force -batch goes on after it, exit 2 still" \
	2 "$(st "$a" -force -batch "$bad")"
check_eq "... the line after it ran" 7 "$(js "$a" config .err_ratelimit_burst)"

# hmip save: the configuration as commands -batch replays exactly.
for ns in "$a" "$b"; do
	on "$ns" "$HMIP" save >"$tmp/saved" 2>"$tmp/err"
	check "hmip save in ${ns%%-*}" test $? = 0 -a ! -s "$tmp/err"
	log "$(cat "$tmp/saved")"
	cp "$tmp/saved" "$tmp/saved.$ns"
done
check "... prints the MAP, the option and the relay as replace commands" \
	grep -q "^map replace $MAP dev a0 pref 9 .* mode routed tunnel hmip" \
	"$tmp/saved.$a"
check "... the home agent, without its bindings and Home Agents List" \
	grep -qx "ha replace $HA dev d1 prefix 2001:db8:200::/64 prefix 2001:db8:201::/64 require-ipsec off max-lifetime [0-9]* max-bindings [0-9]* pref 7 tunnel hmiphrp0" \
	"$tmp/saved.$a"
check "... and the mobile node" \
	grep -q "^mn replace dev b0 policy nearest lifetime 120 " "$tmp/saved.$b"
on "$a" "$HMIP" -batch - <<EOF
ar del dev a0 relay-from d1
ar del dev a0 map $MAP
map del $MAP
ha del $HA
config set err-ratelimit-ms 100 err-ratelimit-burst 10
EOF
on "$b" "$HMIP" mn del dev b0
check_eq "the emptied namespaces save nothing but the settings" "" \
	"$(on "$a" "$HMIP" save | grep -v '^#\|^config set\|^ar role set')$(on "$b" "$HMIP" save | grep -v '^#\|^config set\|^ar role set')"
for ns in "$a" "$b"; do
	check_eq "hmip -batch replays the save of ${ns%%-*}" 0 \
		"$(st "$ns" -batch "$tmp/saved.$ns")"
	check_eq "... exactly: save prints it again" \
		"$(cat "$tmp/saved.$ns")" "$(on "$ns" "$HMIP" save)"
	check_eq "... and replayed again it changes nothing" 0 \
		"$(st "$ns" -batch "$tmp/saved.$ns")"
done

# Configuration the kernel drops with its interface is said: an event on
# hmip monitor and a kernel log line, one per object. (The interfaces get
# names of this test's own first: the kernel log is every test's.)
on "$a" ip link set d1 down
on "$a" ip link set d1 name tbrelay0
on "$a" ip link set a0 down
on "$a" ip link set a0 name tbar0
on "$b" ip link set b0 down
on "$b" ip link set b0 name tbmn0
monitor_start "$a" "$tmp/mon.a"
monitor_start "$b" "$tmp/mon.b"
on "$a" ip link del tbrelay0
check "ar-removed on hmip monitor: the relay went with its upstream interface" \
	wait_for 10 grep -q "^ar-removed dev tbar0 relay-from " "$tmp/mon.a"
check "... and the kernel log says so, naming it" \
	wait_for 10 sh -c "dmesg | grep -q 'hmip: access router relay .* removed with its interface tbrelay0\$'"
on "$b" ip link del tbmn0
check "mn-removed on hmip monitor: the role went with its interface" \
	wait_for 10 grep -q "^mn-removed dev " "$tmp/mon.b"
check "... and the kernel log names it" \
	wait_for 10 sh -c "dmesg | grep -q 'hmip: mobile node role removed with its interface tbmn0\$'"
check "ar-removed on hmip monitor: the option of the MAP went with the veth peer" \
	wait_for 10 grep -q "^ar-removed dev .* map $MAP" "$tmp/mon.a"
check "... and the kernel log names the MAP and the interface" \
	wait_for 10 sh -c "dmesg | grep -q 'hmip: access router option of MAP $MAP removed with its interface tbar0\$'"
check_eq "nothing of them is left" "[][]" \
	"$(on "$a" "$HMIP" -j ar show)$(on "$b" "$HMIP" -j mn show)"
log "$(cat "$tmp/mon.a" "$tmp/mon.b")"

finish
