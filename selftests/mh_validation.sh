#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# RFC 6275 section 9.2: how every node that runs hmip validates a received
# Mobility Header. scapy (selftests/lib/hmiptest.py) plays the peer and
# decodes the answers; tshark decodes the Binding Error independently.
#
#   +--------------------+          +--------------------+
#   | sender (scapy)     |          | node (hmip)        |
#   | p0 2001:db8:1::1   |----------| n0 2001:db8:1::2   |
#   +--------------------+          +--------------------+
#   other: a third netns whose counters must not move
#
# timeout: 600

. "$(dirname "$(readlink -f "$0")")/lib.sh"
. "$SELFTESTS/lib/peer.sh"


P=2001:db8:1::1
N=2001:db8:1::2

setup_ns sender node other
veth_link "$sender" p0 "$node" n0
on "$sender" ip -6 addr add $P/64 dev p0 nodad
on "$node" ip -6 addr add $N/64 dev n0 nodad
wait_for 10 on "$sender" ping -6 -c1 -W1 $N

# Unlimited answers for the validation checks; the limiter has its own.
on "$node" "$HMIP" config set err-ratelimit-ms 0
peer_start "$sender"

probe()
{
	peer mh --iface p0 --src $P --dst $N --expect 1 --wait 1.5 "$@"
}

# count EXPR: how many of the replies in $out satisfy EXPR (over r)
count()
{
	peer count "$1" "$out"
}

# 1. Payload Proto must be 59.
out=$(probe --type 0 --proto 6)
check_eq "rfc6275-9.2: Payload Proto 6 gets Parameter Problem code 0 at the field" \
	1 "$(count 'r["kind"] == "icmp" and r["type"] == 4 and r["code"] == 0 and r["info"] == 40 and r["inner_nh"] == 135')"

# 2. Header Len must fit the type: a BU needs 1.
out=$(probe --type 5 --hlen 0)
check_eq "rfc6275-9.2: BU with Header Len 0 gets Parameter Problem at Header Len" \
	1 "$(count 'r["kind"] == "icmp" and r["type"] == 4 and r["code"] == 0 and r["info"] == 41')"

# 3. A bad checksum is dropped without an answer.
out=$(probe --type 0 --bad-csum)
check_eq "rfc6275-9.2: bad checksum is dropped silently" \
	0 "$(count 'r["kind"] != "sent"')"

# 4. An unknown type gets a Binding Error with status 2.
pcap=$(mktemp /tmp/hmip-be.XXXXXX.pcap)
out=$(probe --type 42 --pcap "$pcap")
check_eq "rfc6275-9.2: unknown MH type gets Binding Error status 2" \
	1 "$(count "r['kind'] == 'mh' and r['msg'] == 'be' and r['status'] == 2 and r['src'] == '$N' and r['dst'] == '$P' and r['home'] == '::'")"
check_eq "rfc6275-6.1.1: Binding Error checksum verifies with the pseudo-header" \
	1 "$(count 'r["kind"] == "mh" and r["csum_ok"]')"
check_eq "tshark decodes the Binding Error as status 2" \
	"7 2" "$(tshark -r "$pcap" -Y "mip6.mhtype == 7" -T fields -E separator=' ' \
		-e mip6.mhtype -e mip6.be.status 2>/dev/null)"
rm -f "$pcap"

# 5. Header Len beyond the packet: truncated.
out=$(probe --type 5 --hlen 2 --length 16)
check_eq "Header Len past the end of the packet is dropped silently" \
	0 "$(count 'r["kind"] != "sent"')"

# 6. A valid message no role handles: counted by type, no answer; octets
#    past Header Len are ignored (Payload Proto 59 is No Next Header).
out=$(probe --type 0 --trailer 0102030405060708)
check_eq "valid BRR with trailing octets is accepted and not answered" \
	0 "$(count 'r["kind"] != "sent"')"

# 7. The counters say exactly what happened, in this netns only.
json=$(on "$node" "$HMIP" -j stats show)
expect='{"mh_rx": 6, "mh_rx_brr": 1, "mh_rx_bu": 0, "mh_rx_unknown_type": 1,
	"mh_drop_truncated": 1, "mh_drop_bad_checksum": 1,
	"mh_drop_bad_payload_proto": 1, "mh_drop_bad_header_len": 1,
	"mh_drop_unhandled": 1, "mh_tx_be": 1, "mh_tx_ratelimited": 0,
	"icmp_tx_param_problem": 2, "mh_tx_error": 0}'
check_eq "hmip stats show -j counts every message and drop exactly" \
	"" "$(peer py '
got = json.loads(argv[0])
want = json.loads(argv[1])
print(" ".join("%s=%s(want %s)" % (k, got.get(k), v)
               for k, v in want.items() if got.get(k) != v))' "$json" "$expect")"
check_eq "another netns's counters do not move" \
	"" "$(peer py '
print(" ".join(k for k, v in json.loads(argv[0]).items() if v))' \
		"$(on "$other" "$HMIP" -j stats show)")"

# 8. Binding Errors are rate limited per destination.
on "$node" "$HMIP" config set err-ratelimit-ms 60000 err-ratelimit-burst 2
out=$(probe --type 42 --count 5 --expect 0)
check_eq "Binding Errors to one destination stop at the burst (2 of 5)" \
	2 "$(count 'r["kind"] == "mh" and r["msg"] == "be"')"
check_eq "the 3 suppressed Binding Errors are counted" \
	3 "$(counter "$node" mh_tx_ratelimited)"

# 9. So are Parameter Problems, by the same limiter, before the kernel's
#    own (which would let 6 of 5 through: its burst).
on "$node" "$HMIP" config set err-ratelimit-ms 60000 err-ratelimit-burst 2
out=$(probe --type 0 --proto 6 --count 5 --expect 0)
check_eq "Parameter Problems to one destination stop at the burst (2 of 5)" \
	2 "$(count 'r["kind"] == "icmp" and r["type"] == 4')"
check_eq "the 3 suppressed ones are counted in icmp_tx_ratelimited" \
	"3 4" "$(counter "$node" icmp_tx_ratelimited) $(counter "$node" icmp_tx_param_problem)"

finish
