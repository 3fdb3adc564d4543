#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# smoke: hmip is loaded, namespaces talk IPv6 across it, and the module
# unloads and loads again while traffic flows and several namespaces live.
#
#   a: veth0 2001:db8:1::1/64 ---- veth0 2001:db8:1::2/64 :b
#   x1 x2 x3: idle namespaces, alive across the reload
#
# timeout: 300
# exclusive: it unloads and reloads the module
# shellcheck disable=SC2154 # setup_ns assigns the namespace variables

# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

check "module loaded" test -d /sys/module/hmip

setup_ns a b x1 x2 x3
veth_link "$a" veth0 "$b" veth0
on "$a" ip -6 addr add 2001:db8:1::1/64 dev veth0
on "$b" ip -6 addr add 2001:db8:1::2/64 dev veth0
check "DAD completes on the veth pair" wait_for 15 dad_done "$a" "$b"
check "ping a -> b over IPv6" on "$a" ping -6 -c 3 -i 0.2 -W 2 2001:db8:1::2

# Tests capture with filters (tcpdump, tshark and scapy compile them to
# classic BPF, attached with SO_ATTACH_FILTER): make sure that works here.
cap=$(mktemp -d)
on_exit rm -rf "$cap"
on "$b" timeout 30 tcpdump -Z root -n -i veth0 -c 2 -w "$cap/echo.pcap" \
	'icmp6 and ip6[40] == 128' 2>"$cap/tcpdump.err" &
capture=$!
wait_for 10 grep -q "listening on" "$cap/tcpdump.err"
on "$a" ping -6 -c 2 -i 0.2 -W 2 2001:db8:1::2 >/dev/null
wait "$capture"
check_eq "tcpdump capture filter sees the 2 echo requests" 2 \
	"$(tcpdump -n -r "$cap/echo.pcap" 2>/dev/null | grep -c "echo request")"

# Traffic for 10 s, still flowing while the module goes and comes back.
on "$a" ping -6 -q -f -w 10 2001:db8:1::2 >"$cap/flood.txt" 2>&1 &
flood=$!
sleep 1
check "rmmod hmip with traffic and 5 namespaces" rmmod hmip
check "hmip gone from /sys/module" test ! -e /sys/module/hmip
err=$("$HMIP" stats 2>&1 >/dev/null)
check_eq "hmip without the module exits 3 (hmip.8)" 3 $?
check_eq "... and says so in one line" \
	"hmip: the hmip kernel module is not loaded (try: modprobe hmip)" "$err"
check_eq "hmip -V without the module says so" "module not loaded" \
	"$("$HMIP" -V | sed 's/.*, //')"
check "insmod hmip again" insmod "$HMIP_KO"
if kill -0 "$flood" 2>/dev/null; then
	log "the flood was still running across the reload"
else
	log "the flood ended before the reload finished"
fi
wait "$flood"
log "flood: $(grep transmitted "$cap/flood.txt")"
received=$(sed -nE 's/.* ([0-9]+) received.*/\1/p' "$cap/flood.txt")
check "ping flood got replies" test "${received:-0}" -gt 0
check "ping a -> b after the reload" on "$a" ping -6 -c 3 -i 0.2 -W 2 2001:db8:1::2
check "module loaded at the end" test -d /sys/module/hmip

finish
