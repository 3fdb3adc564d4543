#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# hmip: the command line of the tool, checked with the exact words it
# prints: usage, prefixes, errors and exit statuses (0 ok, 1 failed,
# 2 refused by the kernel, 3 no module, 255 bad usage, as hmip.8 says),
# the ranges of the help, -n, -batch, aliases, and write errors.
#
# Needs no hmip module: where the module is loaded, the checks that expect
# the not-loaded message are skipped (the VM suite covers those commands).
#
#   tests/cli.sh [path/to/hmip]
#
# One "ok"/"not ok" line per check; exit status 1 if any failed.

HMIP=${1:-./hmip}
NOT_LOADED='hmip: the hmip kernel module is not loaded (try: modprobe hmip)'
failures=0
n=0
errfile=$(mktemp) || exit 1
ns=hmip-cli-$$
trap 'rm -f "$errfile"; ip netns del "$ns" 2>/dev/null' EXIT

# run ARGS...: run hmip, keeping $out, $err and $rc
run() {
	out=$("$HMIP" "$@" 2>"$errfile")
	rc=$?
	err=$(cat "$errfile")
}

result() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		echo "#   command: hmip ${*:3}"
		echo "#   status $rc, stdout: ${out:0:200}"
		echo "#   stderr: $err"
		failures=$((failures + 1))
	fi
}

# expect STATUS STDERR ARGS...: hmip ARGS exits with STATUS and prints
# exactly STDERR on stderr
expect() {
	local status=$1 stderr=$2
	shift 2
	run "$@"
	[ "$rc" = "$status" ] && [ "$err" = "$stderr" ]
	result $? "hmip $* -> $status${stderr:+: $stderr}" "$@"
}

# usage LINE HELP ARGS...: a usage error, one line: LINE and a hint to
# run HELP
usage() {
	local line=$1 hint=$2
	shift 2
	expect 255 "$line; try \"$hint\"" "$@"
}

# help PREFIX ARGS...: help on stdout beginning with PREFIX, status 0
help() {
	local prefix=$1
	shift
	run "$@"
	[ "$rc" = 0 ] && [ -z "$err" ] && [ "${out#"$prefix"}" != "$out" ]
	result $? "hmip $* prints its help" "$@"
}

try='hmip help'
try_stats='hmip stats help'
try_config='hmip config help'
try_monitor='hmip monitor help'
try_map='hmip map help'
try_binding='hmip binding help'
try_ar='hmip ar help'
try_mn='hmip mn help'
try_ha='hmip ha help'

run -V
version=$(cat "$(dirname "$0")/../../../VERSION")
[ "$rc" = 0 ] && [[ "$out" =~ ^hmip\ $version,\ uapi\ [0-9]+,\ module\ .+$ ]]
result $? "hmip -V prints the version of VERSION, the uapi's and the module's" -V
expect 0 "" -Version

help "Usage: hmip [ OPTIONS ] OBJECT" help
help "Usage: hmip [ OPTIONS ] OBJECT" -h
help "Usage: hmip [ OPTIONS ] OBJECT" --help
help "Usage: hmip [ OPTIONS ] OBJECT" he
usage 'hmip: ambiguous object "h" (could be: ha, help)' "hmip help" h
help "Usage: hmip stats" stats help
help "Usage: hmip stats" st h
help "Usage: hmip stats" stats show help
help "Usage: hmip config" config help
help "Usage: hmip config" config set help
help "Usage: hmip monitor" monitor help
help "Usage: hmip monitor" mon he
help "Usage: hmip map" map help
help "Usage: hmip map" map add help
help "Usage: hmip map" map add 2001:db8::1 dev lo help
help "Usage: hmip map" ma ch help
help "Usage: hmip map" map del help
help "Usage: hmip map" map show help
help "Usage: hmip binding" binding help
help "Usage: hmip binding" b sh help
help "Usage: hmip binding" binding del help
help "Usage: hmip binding" binding flush map 2001:db8::1 help

usage 'hmip: no object given' "$try"
usage 'hmip: unknown object "foo"' "$try" foo
usage 'hmip: unknown object ""' "$try" ''
usage 'hmip: unknown option "-x"' "$try" -x stats
usage 'hmip: unknown option "-"' "$try" - stats
usage 'hmip: unknown option "-version"' "$try" -version
usage 'hmip: "-n" needs a value' "$try" -n
usage 'hmip: "-netns" needs a value' "$try" -netns
usage 'hmip: invalid network namespace name "a/b"' "$try" -n a/b stats
usage 'hmip: invalid network namespace name ".."' "$try" -n .. stats
usage 'hmip: stats: unknown command "foo"' "$try_stats" stats foo
usage 'hmip: config: ambiguous command "s" (could be: show, set)' \
	"$try_config" config s
usage 'hmip: config show: unexpected argument "x"' "$try_config" config show x
usage 'hmip: config set: nothing to set' "$try_config" config set
usage 'hmip: config set: unknown argument "foo"' "$try_config" \
	config set foo 1
usage 'hmip: config set: ambiguous argument "err-ratelimit-" (could be:'\
' err-ratelimit-ms, err-ratelimit-burst)' \
	"$try_config" config set err-ratelimit- 1
usage 'hmip: config set: "err-ratelimit-ms" needs a value' "$try_config" \
	config set err-ratelimit-ms
usage 'hmip: config set: "err-ratelimit-burst" needs a value' "$try_config" \
	config set err-ratelimit-ms 1 err-ratelimit-b
usage 'hmip: config set: "err-ratelimit-ms" is given twice' "$try_config" \
	config set err-ratelimit-ms 1 err-ratelimit-m 2
for bad in '' x 12x -1 +1 ' 1' '1 ' 0x10 1.5 3600001 4294967296 99999999999999999999; do
	usage "hmip: config set: invalid err-ratelimit-ms \"$bad\" (expected 0 to 3600000)" \
		"$try_config" config set err-ratelimit-ms "$bad"
done
for bad in 0 1001; do
	usage "hmip: config set: invalid err-ratelimit-burst \"$bad\" (expected 1 to 1000)" \
		"$try_config" config set err-ratelimit-burst "$bad"
done
usage 'hmip: monitor: "count" needs a value' "$try_monitor" monitor count
usage 'hmip: monitor: invalid count "0" (expected 1 to 4294967295)' \
	"$try_monitor" monitor count 0
usage 'hmip: monitor: "count" is given twice' "$try_monitor" \
	monitor count 1 count 2
usage 'hmip: monitor: unknown argument "foo"' "$try_monitor" monitor foo

usage 'hmip: ambiguous object "m" (could be: map, mn, monitor)' "$try" m
usage 'hmip: map: unknown command "foo"' "$try_map" map foo
usage 'hmip: map add: missing ADDRESS' "$try_map" map add
usage 'hmip: map add: missing ADDRESS before "dev"' "$try_map" \
	map add dev lo
usage 'hmip: map add: invalid address "foo"' "$try_map" map add foo dev lo
usage 'hmip: map add: invalid address "10.0.0.1"' "$try_map" \
	map add 10.0.0.1 dev lo
usage 'hmip: map add: missing "dev IFACE"' "$try_map" map add 2001:db8::1
usage 'hmip: map add: missing "dev IFACE"' "$try_map" \
	map add 2001:db8::1 pref 3
help "Usage: hmip ar" ar help
help "Usage: hmip ar" ar add dev lo help
usage 'hmip: ar add: missing "dev IFACE"' "$try_ar" ar add map 2001:db8::1
usage 'hmip: ar add: give one of "map ADDRESS", "relay-from IFACE", "neighbour ADDRESS"' \
	"$try_ar" ar add dev lo
usage 'hmip: ar add: give one of "map ADDRESS", "relay-from IFACE", "neighbour ADDRESS"' \
	"$try_ar" ar add dev lo map 2001:db8::1 relay-from lo
usage 'hmip: ar change: a relay has nothing to change' "$try_ar" \
	ar change dev lo relay-from lo
usage 'hmip: ar add: invalid watch "yes" (expected on or off)' "$try_ar" \
	ar add dev lo map 2001:db8::1 watch yes
usage 'hmip: ar del: "map" is given twice' "$try_ar" \
	ar del dev lo map 2001:db8::1 map 2001:db8::2
for bad in 0 16 256; do
	usage "hmip: ar add: invalid dist \"$bad\" (expected 1 to 15)" "$try_ar" \
		ar add dev lo map 2001:db8::1 dist "$bad"
done
usage 'hmip: ar add: invalid pref "16" (expected 0 to 15)' "$try_ar" \
	ar add dev lo map 2001:db8::1 pref 16
usage 'hmip: ar add: invalid buffer-packets "0" (expected 1 to 65536)' \
	"$try_ar" ar add dev lo map 2001:db8::1 buffer-packets 0
usage 'hmip: ar change: invalid buffer-lifetime "99" (expected 100 to 60000)' \
	"$try_ar" ar change dev lo map 2001:db8::1 buffer-lifetime 99
usage 'hmip: ar add: invalid require-ipsec "yes" (expected on or off)' \
	"$try_ar" ar add dev lo map 2001:db8::1 require-ipsec yes
usage 'hmip: ar add: only "ar prepare" takes "mn ADDRESS"' "$try_ar" \
	ar add dev lo map 2001:db8::1 mn 2001:db8::2
usage 'hmip: ar prepare: expected "dev IFACE mn ADDRESS neighbour ADDRESS"' \
	"$try_ar" ar prepare dev lo mn 2001:db8::1
usage 'hmip: ar prepare: "map" is not an argument of "ar prepare"' \
	"$try_ar" ar prepare dev lo map 2001:db8::1
usage 'hmip: ar change: invalid probe-interval "99" (expected 100 to 3600000)' \
	"$try_ar" ar change dev lo map 2001:db8::1 probe-interval 99
usage 'hmip: ar change: invalid retry-interval "3600001" (expected 100 to 3600000)' \
	"$try_ar" ar change dev lo map 2001:db8::1 retry-interval 3600001
usage 'hmip: ar replace: invalid retry-time "3600001" (expected 0 to 3600000)' \
	"$try_ar" ar replace dev lo map 2001:db8::1 retry-time 3600001
usage 'hmip: ar replace: give one of "map ADDRESS", "relay-from IFACE", "neighbour ADDRESS"' \
	"$try_ar" ar replace dev lo
# a name no interface can have is a usage error, found before any lookup
for bad in '' . .. a/b 'a b' a:1 0123456789abcdef; do
	usage "hmip: ar add: invalid dev \"$bad\" (expected an interface name)" \
		"$try_ar" ar add dev "$bad" map 2001:db8::1
done
usage 'hmip: ar add: invalid relay-from "a/b" (expected an interface name)' \
	"$try_ar" ar add dev lo relay-from a/b
usage 'hmip: map add: invalid dev "a b" (expected an interface name)' \
	"$try_map" map add 2001:db8::1 dev 'a b'
usage 'hmip: mn show: invalid dev ".." (expected an interface name)' \
	"$try_mn" mn show dev ..
expect 1 'hmip: ar add: no interface "hmip-none0"' \
	ar add dev hmip-none0 map 2001:db8::1
expect 1 'hmip: map add: no interface "hmip-none0"' \
	map add 2001:db8::1 dev hmip-none0
expect 1 'hmip: map change: no interface "hmip-none0"' \
	map change 2001:db8::1 dev hmip-none0
usage 'hmip: map add: "dev" needs a value' "$try_map" map add 2001:db8::1 dev
usage 'hmip: map add: "pref" needs a value' "$try_map" \
	map add 2001:db8::1 dev lo pref
usage 'hmip: map add: "dev" is given twice' "$try_map" \
	map add 2001:db8::1 dev lo dev lo
usage 'hmip: map add: unknown argument "foo"' "$try_map" \
	map add 2001:db8::1 dev lo foo 1
usage 'hmip: map add: ambiguous argument "max-" (could be: max-lifetime, max-bindings)' \
	"$try_map" map add 2001:db8::1 dev lo max- 1
for bad in '' x -1 0x1 16 256; do
	usage "hmip: map add: invalid pref \"$bad\" (expected 0 to 15)" \
		"$try_map" map add 2001:db8::1 dev lo pref "$bad"
done
for bad in 0 3 262141 4294967296; do
	usage "hmip: map change: invalid max-lifetime \"$bad\" (expected 4 to 262140)" \
		"$try_map" map change 2001:db8::1 max-lifetime "$bad"
done
for bad in 0 16777217 1e6; do
	usage "hmip: map change: invalid max-bindings \"$bad\" (expected 1 to 16777216)" \
		"$try_map" map change 2001:db8::1 max-b "$bad"
done
usage 'hmip: map change: invalid require-ipsec "yes" (expected on or off)' \
	"$try_map" map change 2001:db8::1 require-ipsec yes
for bad in '' on off required 1; do
	usage "hmip: map add: invalid altcoa \"$bad\" (expected optional or require)" \
		"$try_map" map add 2001:db8::1 dev lo altcoa "$bad"
done
for bad in '' bridged proxy routed- ROUTED 1; do
	usage "hmip: map add: invalid mode \"$bad\" (expected proxy-nd or routed)" \
		"$try_map" map add 2001:db8::1 dev lo mode "$bad"
done
usage 'hmip: map change: invalid mode "proxy" (expected proxy-nd or routed)' \
	"$try_map" map change 2001:db8::1 mode proxy
for bad in '' 4141 0 05380 rfc5380; do
	usage "hmip: map add: invalid rfc \"$bad\" (expected 4140 or 5380)" \
		"$try_map" map add 2001:db8::1 dev lo rfc "$bad"
done
usage 'hmip: map add: ambiguous argument "r" (could be: require-ipsec, rfc, rcoa-pool)' \
	"$try_map" map add 2001:db8::1 dev lo r 4140
usage 'hmip: map add: "mode" needs a value' "$try_map" \
	map add 2001:db8::1 dev lo mode
usage 'hmip: map change: "access-router" needs a value' "$try_map" \
	map change 2001:db8::1 access-router
usage 'hmip: map change: "access-router ADDRESS" needs "serves PREFIX/LEN"' \
	"$try_map" map change 2001:db8::1 access-router 2001:db8:a::1 \
	2001:db8:a::/64
usage 'hmip: map change: an access router'"'"'s prefix is 1 to 128 bits long' \
	"$try_map" map change 2001:db8::1 access-router 2001:db8:a::1 serves ::/0
usage 'hmip: map change: "buffer" needs a value' "$try_map" \
	map change 2001:db8::1 access-router 2001:db8:a::1 serves 2001:db8:a::/64 \
	buffer
usage 'hmip: map change: invalid buffer "yes" (expected on or off)' \
	"$try_map" map change 2001:db8::1 access-router 2001:db8:a::1 serves \
	2001:db8:a::/64 buffer yes
usage 'hmip: map change: "access-router none" with access routers' \
	"$try_map" map change 2001:db8::1 access-router 2001:db8:a::1 serves \
	2001:db8:a::/64 access-router none
usage 'hmip: map add: "mode" is given twice' "$try_map" \
	map add 2001:db8::1 dev lo mode routed mo proxy-nd
usage 'hmip: map add: ambiguous argument "m" (could be: max-lifetime, max-bindings, mode)' \
	"$try_map" map add 2001:db8::1 dev lo m routed
usage 'hmip: map add: "tunnel" needs a value' "$try_map" \
	map add 2001:db8::1 dev lo tunnel
for bad in '' 0123456789abcdef hmip-tunnel-name-much-too-long; do
	usage "hmip: map add: invalid tunnel name \"$bad\" (expected 1 to 15 characters)" \
		"$try_map" map add 2001:db8::1 dev lo tunnel "$bad"
done
for bad in a/b 'a b' a:b hmip%x hmip%d%d %; do
	usage "hmip: map add: invalid tunnel name \"$bad\" (no '/', ':' or blank, \"%d\" at most once)" \
		"$try_map" map add 2001:db8::1 dev lo tunnel "$bad"
done
usage 'hmip: mn replace: invalid tunnel name "a/b" (no '"'/', ':'"' or blank, "%d" at most once)' \
	"$try_mn" mn replace dev lo tunnel a/b
usage 'hmip: map add: "tunnel" is given twice' "$try_map" \
	map add 2001:db8::1 dev lo tunnel a t b
usage 'hmip: map change: "tunnel" is only for "map add"' \
	"$try_map" map change 2001:db8::1 tunnel hmip7
usage 'hmip: map change: "tunnel" is only for "map add"' \
	"$try_map" ma ch 2001:db8::1 mode routed tu
for bad in 2001:db8:: 2001:db8::/ 2001:db8::/129 2001:db8::/-1 2001:db8::/6x \
	   x/64 10.0.0.0/8 /64; do
	usage "hmip: map change: invalid prefix \"$bad\" (expected ADDRESS/LEN, LEN 0 to 128)" \
		"$try_map" map change 2001:db8::1 onlink-prefix "$bad"
done
usage 'hmip: map change: "onlink-prefix none" cannot go with prefixes' \
	"$try_map" map change 2001:db8::1 onlink-prefix 2001:db8::/64 onl none
usage 'hmip: map change: "forward-prefix none" cannot go with prefixes' \
	"$try_map" map change 2001:db8::1 forward-prefix none forw 2001:db8::/64
prefixes=()
for i in $(seq 33); do
	prefixes+=(onlink-prefix "2001:db8:$i::/64")
done
usage 'hmip: map change: too many "onlink-prefix" (at most 32)' \
	"$try_map" map change 2001:db8::1 "${prefixes[@]}"
usage 'hmip: map change: nothing to change' "$try_map" map change 2001:db8::1
usage 'hmip: map del: missing ADDRESS' "$try_map" map del
usage 'hmip: map del: unexpected argument "dev"' "$try_map" \
	map del 2001:db8::1 dev lo
usage 'hmip: map show: invalid address "x"' "$try_map" map show x
usage 'hmip: map show: unexpected argument "y"' "$try_map" map show ::1 y
usage 'hmip: binding: unknown command "fo"' "$try_binding" binding fo
usage 'hmip: binding show: unknown argument "foo"' "$try_binding" \
	binding show foo
usage 'hmip: binding show: "rcoa" needs a value' "$try_binding" \
	binding show rcoa
usage 'hmip: binding show: invalid address "x"' "$try_binding" \
	binding show map x
usage 'hmip: binding show: "map" is given twice' "$try_binding" \
	binding show map ::1 map ::2
usage 'hmip: binding del: missing "rcoa ADDRESS"' "$try_binding" binding del
usage 'hmip: binding del: unknown argument "map"' "$try_binding" \
	binding del map ::1
usage 'hmip: binding del: unknown argument "2001:db8::1"' "$try_binding" \
	binding del 2001:db8::1
usage 'hmip: binding flush: unknown argument "rcoa"' "$try_binding" \
	binding flush rcoa ::1

help "Usage: hmip ha" ha help
help "Usage: hmip ha" ha replace help
usage 'hmip: ha replace: missing "dev IFACE"' "$try_ha" ha replace 2001:db8::1
usage 'hmip: ha replace: missing ADDRESS' "$try_ha" ha replace
for bad in 3 262141; do
	usage "hmip: ha replace: invalid max-lifetime \"$bad\" (expected 4 to 262140)" \
		"$try_ha" ha replace 2001:db8::1 dev lo max-lifetime "$bad"
done
for bad in 0 16777217; do
	usage "hmip: ha change: invalid max-bindings \"$bad\" (expected 1 to 16777216)" \
		"$try_ha" ha change 2001:db8::1 max-bindings "$bad"
done
usage 'hmip: ha change: invalid pref "256" (expected 0 to 255)' "$try_ha" \
	ha change 2001:db8::1 pref 256

help "Usage: hmip mn" mn help
help "Usage: hmip mn" mn add help
help "Usage: hmip mn" mn add dev lo policy nearest help
help "Usage: hmip mn" mn ch help
help "Usage: hmip mn" mn del help
help "Usage: hmip mn" mn show help
usage 'hmip: mn: unknown command "foo"' "$try_mn" mn foo
usage 'hmip: mn add: missing "dev IFACE"' "$try_mn" mn add
usage 'hmip: mn add: missing "dev IFACE"' "$try_mn" mn add lifetime 600
usage 'hmip: mn change: missing "dev IFACE"' "$try_mn" mn change policy nearest
usage 'hmip: mn del: missing "dev IFACE"' "$try_mn" mn del
usage 'hmip: mn change: nothing to change' "$try_mn" mn change dev lo
usage 'hmip: mn add: unknown argument "foo"' "$try_mn" mn add dev lo foo 1
usage 'hmip: mn add: unknown argument "lo"' "$try_mn" mn add lo
usage 'hmip: mn add: "dev" needs a value' "$try_mn" mn add dev
usage 'hmip: mn add: "lifetime" needs a value' "$try_mn" mn add dev lo l
usage 'hmip: mn add: "policy" is given twice' "$try_mn" \
	mn add dev lo policy nearest p furthest
expect 1 'hmip: mn add: no interface "hmip-none0"' mn add dev hmip-none0
expect 1 'hmip: mn show: no interface "hmip-none0"' mn show dev hmip-none0
for bad in '' near Nearest furthest- 0 1; do
	usage "hmip: mn add: invalid policy \"$bad\" (expected furthest, nearest or fixed)" \
		"$try_mn" mn add dev lo policy "$bad"
done
usage 'hmip: mn add: "policy fixed" needs "map ADDRESS"' "$try_mn" \
	mn add dev lo policy fixed
usage 'hmip: mn change: "policy fixed" needs "map ADDRESS"' "$try_mn" \
	mn change dev lo policy fixed lifetime 600
usage 'hmip: mn add: "map ADDRESS" goes with "policy fixed" only' "$try_mn" \
	mn add dev lo map 2001:db8::1 policy nearest
usage 'hmip: mn add: invalid address "x"' "$try_mn" mn add dev lo map x
for bad in '' 0 3 262141 4294967296 -4 0x10 1e3; do
	usage "hmip: mn add: invalid lifetime \"$bad\" (expected 4 to 262140)" \
		"$try_mn" mn add dev lo lifetime "$bad"
done
usage 'hmip: mn change: invalid require-ipsec "yes" (expected on or off)' \
	"$try_mn" mn change dev lo require-ipsec yes
for bad in '' 0123456789abcdef; do
	usage "hmip: mn add: invalid tunnel name \"$bad\" (expected 1 to 15 characters)" \
		"$try_mn" mn add dev lo tunnel "$bad"
done
usage 'hmip: mn add: invalid prefix "2001:db8:1::5" (expected ADDRESS/LEN, LEN 0 to 128)' \
	"$try_mn" mn add dev lo home 2001:db8:1::5 ha 2001:db8:1::1
usage 'hmip: mn add: "home" needs a prefix length from 1 to 128' "$try_mn" \
	mn add dev lo home 2001:db8:1::5/0 ha 2001:db8:1::1
usage 'hmip: mn add: invalid mode "mip" (expected hmip or mipv6)' "$try_mn" \
	mn add dev lo mode mip
usage 'hmip: mn add: invalid address "x"' "$try_mn" mn add dev lo ha x
usage 'hmip: mn change: "tunnel" is only for "mn add"' "$try_mn" \
	mn change dev lo tunnel hmipmn7
usage 'hmip: mn del: unexpected argument "policy"' "$try_mn" \
	mn del dev lo policy nearest
usage 'hmip: mn show: unexpected argument "lifetime"' "$try_mn" \
	mn show lifetime 600
usage 'hmip: mn show: "dev" needs a value' "$try_mn" mn show dev

expect 1 'hmip: stats show: cannot open network namespace "hmip-cli-none": No such file or directory' \
	-n hmip-cli-none stats
# the words are read before -n enters the namespace: a usage error wins
usage 'hmip: map add: invalid address "foo"' "$try_map" \
	-n hmip-cli-none map add foo dev lo
usage 'hmip: map add: invalid pref "16" (expected 0 to 15)' "$try_map" \
	-n hmip-cli-none map add 2001:db8::1 dev lo pref 16
usage 'hmip: mn add: invalid dev "a/b" (expected an interface name)' "$try_mn" \
	-n hmip-cli-none mn add dev a/b
usage 'hmip: "-batch" needs a value' "$try" -batch
usage 'hmip: unexpected argument "map" after "-batch FILE"' "$try" \
	-batch /dev/null map show

# Other names of commands, as ip(8) takes them; errors give the canonical one
usage 'hmip: map del: missing ADDRESS' "$try_map" map delete
usage 'hmip: map del: missing ADDRESS' "$try_map" map dele
usage 'hmip: map del: missing ADDRESS' "$try_map" map d
usage 'hmip: map show: invalid address "x"' "$try_map" map ls x
usage 'hmip: map show: invalid address "x"' "$try_map" map list x
usage 'hmip: map show: invalid address "x"' "$try_map" map l x
usage 'hmip: binding del: missing "rcoa ADDRESS"' "$try_binding" binding delete
usage 'hmip: binding show: unknown argument "foo"' "$try_binding" binding ls foo
usage 'hmip: config show: unexpected argument "x"' "$try_config" config list x
usage 'hmip: ar del: give one of "map ADDRESS", "relay-from IFACE", "neighbour ADDRESS"' "$try_ar" \
	ar delete dev lo
usage 'hmip: mn del: missing "dev IFACE"' "$try_mn" mn delete
usage 'hmip: mn show: unexpected argument "lifetime"' "$try_mn" mn ls lifetime 1
usage 'hmip: map replace: missing "dev IFACE"' "$try_map" map replace 2001:db8::1
usage 'hmip: mn replace: missing "dev IFACE"' "$try_mn" mn rep lifetime 600
usage 'hmip: map: unknown command ""' \
	"$try_map" map ''
help "Usage: hmip map" map replace help
help "Usage: hmip save" save help
usage 'hmip: save: unexpected argument "x"' 'hmip save help' save x
usage 'hmip: ambiguous object "s" (could be: stats, save)' "$try" s

# -batch FILE: a command a line, errors with FILE:LINE, stops at the first
# failure unless -force; the exit status is that of the first failure
batchdir=$(mktemp -d) || exit 1
trap 'rm -rf "$errfile" "$batchdir"; ip netns del "$ns" 2>/dev/null' EXIT
cat >"$batchdir/ok" <<'EOB'
# a comment, then a blank line

map help   # help, then a comment
  ar   h
EOB
run -batch "$batchdir/ok"
[ "$rc" = 0 ] && [ -z "$err" ] && [ "${out#Usage: hmip map}" != "$out" ] &&
	grep -q '^Usage: hmip ar' <<<"$out"
result $? "-batch runs each line, skips comments and blank lines" -batch ok
run -batch - <"$batchdir/ok"
[ "$rc" = 0 ] && [ -z "$err" ] && grep -q '^Usage: hmip ar' <<<"$out"
result $? "-batch - reads stdin" -batch -
cat >"$batchdir/bad" <<'EOB'
map help
# line 2
map add 2001:db8::1 dev lo pref 16
mn add dev "a b"
ar help
EOB
bad=$batchdir/bad
run -batch "$bad"
[ "$rc" = 255 ] && [ "$err" = "hmip: $bad:3: map add: invalid pref \"16\" (expected 0 to 15); try \"hmip map help\"" ] &&
	grep -q '^Usage: hmip map' <<<"$out" && ! grep -q '^Usage: hmip ar' <<<"$out"
result $? "-batch stops at the first failed line, which its error names" -batch bad
run -force -batch "$bad"
[ "$rc" = 255 ] && [ "$err" = "hmip: $bad:3: map add: invalid pref \"16\" (expected 0 to 15); try \"hmip map help\"
hmip: $bad:4: mn add: invalid dev \"a b\" (expected an interface name); try \"hmip mn help\"" ] &&
	grep -q '^Usage: hmip ar' <<<"$out"
result $? "-force -batch goes on after failed lines, quotes keep blanks" -force -batch bad
printf 'map help\nmap add 2001:db8::1 dev hmip-none0\nfoo\n' >"$batchdir/mixed"
run -f -b "$batchdir/mixed"
[ "$rc" = 1 ] && [ "$err" = "hmip: $batchdir/mixed:2: map add: no interface \"hmip-none0\"
hmip: $batchdir/mixed:3: unknown object \"foo\"; try \"hmip help\"" ]
result $? "-f -b: the exit status is the first failed line's" -f -b mixed
printf 'map add 2001:db8::1 dev "lo\n' >"$batchdir/quote"
expect 255 "hmip: $batchdir/quote:1: unterminated quote; try \"hmip help\"" \
	-batch "$batchdir/quote"
expect 1 "hmip: cannot open \"$batchdir/none\": No such file or directory" \
	-batch "$batchdir/none"
expect 0 "" -batch /dev/null

"$HMIP" help >/dev/full 2>"$errfile"
rc=$?
err=$(cat "$errfile")
out=
[ "$rc" = 1 ] && [ "$err" = 'hmip: cannot write the output: No space left on device' ]
result $? "output lost on a full disk is an error" help '>/dev/full'

run stats
if [ "$err" = "$NOT_LOADED" ]; then
	# every command that needs the kernel gets this far, and no further
	expect 3 "$NOT_LOADED" stats
	expect 3 "$NOT_LOADED" stats show
	expect 3 "$NOT_LOADED" st sh
	expect 3 "$NOT_LOADED" -j -p stats show some_counter
	expect 3 "$NOT_LOADED" config
	expect 3 "$NOT_LOADED" c sh
	expect 3 "$NOT_LOADED" config set err-ratelimit-ms 0 err-ratelimit-burst 1000
	expect 3 "$NOT_LOADED" co se err-ratelimit-b 010
	expect 3 "$NOT_LOADED" monitor
	expect 3 "$NOT_LOADED" monitor count 1
	expect 3 "$NOT_LOADED" -- stats
	expect 3 "$NOT_LOADED" map
	expect 3 "$NOT_LOADED" -j map show 2001:db8::1
	expect 3 "$NOT_LOADED" map add 2001:db8::1 dev lo pref 10 \
		max-lifetime 600 max-bindings 65536 \
		onlink-prefix 2001:db8:200::/64 onlink-prefix 2001:db8:201::/64 \
		forward-prefix 2001:db8:300::/64 require-ipsec on \
		altcoa optional
	expect 3 "$NOT_LOADED" map change 2001:db8::1 al require
	expect 3 "$NOT_LOADED" ma a 2001:db8::1 d lo p 15 max-l 4 max-b 1 \
		on 2001:db8::/64 f none re off rf 4140
	expect 3 "$NOT_LOADED" map add 2001:db8::1 dev lo mode routed \
		tunnel hmip7
	expect 3 "$NOT_LOADED" ma a 2001:db8::1 d lo mo proxy-nd \
		t 0123456789abcde
	expect 3 "$NOT_LOADED" map add 2001:db8::1 dev lo tunnel 'hmip%d'
	expect 3 "$NOT_LOADED" map change 2001:db8::1 onlink-prefix none
	expect 3 "$NOT_LOADED" map change 2001:db8::1 mode routed
	expect 3 "$NOT_LOADED" map del 2001:db8::1
	expect 3 "$NOT_LOADED" binding
	expect 3 "$NOT_LOADED" -j binding show map 2001:db8::1 rcoa 2001:db8::a
	expect 3 "$NOT_LOADED" b d rcoa 2001:db8::a
	expect 3 "$NOT_LOADED" binding flush
	expect 3 "$NOT_LOADED" binding flush map 2001:db8::1
	expect 3 "$NOT_LOADED" mn
	expect 3 "$NOT_LOADED" -j mn show dev lo
	expect 3 "$NOT_LOADED" mn add dev lo
	expect 3 "$NOT_LOADED" mn add dev lo policy nearest lifetime 4 \
		require-ipsec off tunnel 'hmipmn%d'
	expect 3 "$NOT_LOADED" mn a d lo ma 2001:db8::1 l 262140 re on t hmipmn7
	expect 3 "$NOT_LOADED" mn add dev lo rfc 4140
	expect 3 "$NOT_LOADED" ar role set rfc 5380
	expect 3 "$NOT_LOADED" ar role
	expect 3 "$NOT_LOADED" mn add dev lo policy fixed map 2001:db8::1
	expect 3 "$NOT_LOADED" mn add dev lo home 2001:db8:1::5/64 \
		ha 2001:db8:1::1 mode mipv6
	expect 3 "$NOT_LOADED" mn change dev lo policy furthest
	expect 3 "$NOT_LOADED" mn change dev lo map 2001:db8::1
	expect 3 "$NOT_LOADED" mn del dev lo
	expect 3 "$NOT_LOADED" map replace 2001:db8::1 dev lo pref 15 tunnel hmip7
	expect 3 "$NOT_LOADED" ar replace dev lo map 2001:db8::1 dist 15
	expect 3 "$NOT_LOADED" ar replace dev lo relay-from lo
	expect 3 "$NOT_LOADED" mn replace dev lo lifetime 600
	expect 3 "$NOT_LOADED" map delete 2001:db8::1
	expect 3 "$NOT_LOADED" map ls
	expect 3 "$NOT_LOADED" mn list
	expect 3 "$NOT_LOADED" stats ls
	run save
	[ "$rc" = 3 ] && [ "$err" = "$NOT_LOADED" ] && [ "$out" = "# hmip save" ]
	result $? "hmip save -> 3: $NOT_LOADED" save
	printf 'map help\nstats\nmap help\n' >"$batchdir/kernel"
	run -batch "$batchdir/kernel"
	[ "$rc" = 3 ] && [ "$err" = "$NOT_LOADED" ] &&
		[ "$(grep -c '^Usage: hmip map' <<<"$out")" = 1 ]
	result $? "-batch: no module stops the batch with status 3" -batch kernel
	if ip netns add "$ns" 2>/dev/null; then
		expect 3 "$NOT_LOADED" -n "$ns" stats show
		expect 3 "$NOT_LOADED" --netns "$ns" stats show
	else
		echo "# SKIP: -n NETNS (cannot add a network namespace)"
	fi
else
	echo "# SKIP: the hmip module is loaded (or stats failed: $err)"
fi

[ "$failures" = 0 ] || { echo "# $failures of $n checks failed"; exit 1; }
echo "# all $n checks passed"
