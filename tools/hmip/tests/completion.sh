#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# hmip: the bash completion (tools/hmip/hmip.bash-completion), run as bash
# runs it: COMP_WORDS and COMP_CWORD set, _hmip called, COMPREPLY read.
# The addresses come from "hmip -j OBJECT show": a stand-in hmip first in
# PATH answers with a MAP, a home agent and a binding in the namespace
# "ns1" only, so that -n is seen to reach it.
#
#   tests/completion.sh [path/to/hmip.bash-completion]
#
# One "ok"/"not ok" line per check; exit status 1 if any failed.

completion=${1:-$(dirname "$0")/../hmip.bash-completion}
failures=0
n=0
stub=$(mktemp -d) || exit 1
trap 'rm -rf "$stub"' EXIT

cat >"$stub/hmip" <<'STUB'
#!/bin/bash
# "hmip -n ns1 -j OBJECT show", as the kernel would answer it
[[ $1 == -n && $2 == ns1 ]] || exit 3
case "$4 $5" in
"map show") echo '[{"address":"2001:db8:100::1","dev":"eth0"},{"address":"2001:db8:101::1","dev":"eth1"}]' ;;
"ha show") echo '[{"address":"2001:db8:200::1","dev":"eth2","home_agents":[]}]' ;;
"binding show") echo '[{"rcoa":"2001:db8:100::5","lcoa":"2001:db8:300::5"}]' ;;
"stats show") echo '{"bu_received":1,"ba_sent":2}' ;;
*) exit 1 ;;
esac
STUB
chmod +x "$stub/hmip"
export PATH=$stub:$PATH

# shellcheck source=tools/hmip/hmip.bash-completion
source "$completion" || exit 1

# complete WORDS...: COMPREPLY for the line "WORDS" with the cursor in
# (at the end of) its last word, sorted, one line
complete_line()
{
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMP_LINE="$*"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_hmip
	printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ' | sed 's/ $//'
}

# expect WANT WORDS...: the completions of the line are exactly WANT
expect()
{
	local want=$1 got
	shift
	got=$(complete_line "$@")
	n=$((n + 1))
	if [[ $got == "$want" ]]; then
		echo "ok $n - hmip ${*:2}<TAB> -> $want"
	else
		echo "not ok $n - hmip ${*:2}<TAB> -> $want"
		echo "#   got: $got"
		failures=$((failures + 1))
	fi
}

expect "ar binding config ha help map mn monitor save stats" hmip ''
expect "ha help" hmip h
expect "map mn monitor" hmip -j m
expect "-Version -batch -force -help -json -netns -pretty" hmip -
expect "add change del delete help list ls replace show" hmip map ''
expect "del delete" hmip ar de
expect "del flush help show" hmip binding ''
expect "set show" hmip config s
expect "err-ratelimit-burst err-ratelimit-ms" hmip config set err
expect "count help" hmip monitor ''
# addresses that "show -j" prints, in the namespace of -n
expect "2001:db8:100::1 2001:db8:101::1" hmip -n ns1 map change ''
expect "2001:db8:101::1" hmip -n ns1 map del 2001:db8:101
expect "" hmip map change ''
expect "2001:db8:200::1" hmip -n ns1 ha replace 2
expect "2001:db8:100::5" hmip -n ns1 binding del rcoa ''
expect "2001:db8:100::1 2001:db8:101::1" hmip -n ns1 ar replace dev lo map ''
expect "ba_sent bu_received" hmip -n ns1 stats show ''
# keywords and their words
expect "dev" hmip ar add ''
expect "map relay-from" hmip ar replace dev lo ''
expect "dist" hmip ar change dev lo map 2001:db8::1 di
expect "forward-prefix" hmip map add 2001:db8::1 dev lo f
expect "tunnel" hmip ha replace 2001:db8::1 dev lo t
expect "" hmip ha change 2001:db8::1 t
expect "proxy-nd routed" hmip map replace 2001:db8::1 mode ''
expect "off on" hmip ha add 2001:db8::1 require-ipsec ''
expect "fixed furthest nearest" hmip mn replace dev lo policy ''
expect "dev" hmip mn del ''
expect "ha home" hmip mn add dev lo h
expect "discover" hmip mn change dev lo ha ''
expect "hmip mipv6" hmip mn replace dev lo mode ''
# interface names, of this namespace
expect "lo" hmip mn add dev l
expect "lo" hmip ar add dev lo relay-from l
# no words where a number or a file goes
expect "" hmip map add 2001:db8::1 pref ''
expect "" hmip monitor count ''

if ((failures)); then
	echo "# $failures of $n checks failed"
	exit 1
fi
echo "# all $n checks passed"
