#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""The third-party peer of the hmip selftests.

Packets the module receives are built here with scapy, the way another
implementation would build them, and what the module sends back is parsed
here, never by hmip's own code. Mobility Header checksums are verified with
our own pseudo-header sum (scapy 2.5 gets it wrong for decoded headers with
padding, see shared/spec/peer-tools.md).

Every subcommand prints one JSON object per line on stdout, so shell tests
can pick fields with the `jq`-less helper `field` in lib.sh or with python.

  mh     send a (possibly malformed) Mobility Header, report the replies
  bu     send a Binding Update, report the replies (Binding Acks, errors)
  udp    send UDP datagrams with a chosen traffic class, hop limit and
         Tunnel Encapsulation Limit option, report the ICMPv6 errors
  ns     send a Neighbour Solicitation (a DAD probe from :: by default),
         report the Neighbour Advertisements
  na     send a Neighbour Advertisement, well formed or not (no scapy)
  ra     capture router advertisements (live, or from a pcap file),
         optionally after sending a Router Solicitation; report each
         with its MAP options as scapy's ICMPv6NDOptMAP decodes them
  rewrite  an on-path attacker: take the first packet of a flow off the
         link and send it on with another source address
  genl   send a raw generic netlink request to the hmip family, report
         the error and extack message (for hostile-attribute tests)
  race   send an add request for a dummy interface while deleting it,
         many times; report the adds that succeeded and those refused
  serve  a long-lived peer: imports scapy once, runs the subcommands
         lib/peer.sh sends it (fast under emulation)
  zygote imports scapy once for a whole run (run_tests.sh) and forks a
         serving peer into a test's namespace for each lib/peer.sh
         peer_start
  count  read JSON lines on stdin, print how many satisfy a Python
         expression over `r` (the decoded line)
  get    read one JSON object on stdin, print the value at a key path
"""

import argparse
import json
import os
import socket
import struct
import sys
import threading
import time
import types


sc = types.SimpleNamespace()
# A zygote's peer: a pidfd of the test it serves, so that it ends with the
# test even when the test is killed before its exit hooks run.
_watch = None


def load_scapy():
    """scapy takes seconds to import under emulation: only the packet
    subcommands pay for it, once per process."""
    if hasattr(sc, "IPv6"):
        return
    import logging
    # It warns about interfaces it cannot use in a fresh netns.
    logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
    # scapy.data parses Wireshark's 2 MB table of MAC vendors ("manuf",
    # there since tshark is installed) on import: 40% of scapy's start-up,
    # for names no test prints. It is hidden from that one lookup.
    exists = os.path.exists
    os.path.exists = lambda p: not str(p).endswith("/manuf") and exists(p)
    try:
        import scapy.data  # noqa: F401
    finally:
        os.path.exists = exists
    # Only what is used: "scapy.all" loads every layer, which costs
    # seconds more under emulation with the root filesystem on 9p.
    from scapy.config import conf
    from scapy.layers import inet6 as si
    from scapy.packet import Raw
    from scapy.sendrecv import AsyncSniffer, send, sendp
    from scapy.utils import wrpcap
    from scapy.layers import l2  # Ether, to decode sniffed frames
    sc.conf, sc.Raw, sc.AsyncSniffer, sc.send, sc.wrpcap, sc.l2 = (
        conf, Raw, AsyncSniffer, send, wrpcap, l2)
    sc.sendp = sendp
    sc.rdpcap = __import__("scapy.utils", fromlist=["rdpcap"]).rdpcap
    from scapy.layers.inet import UDP
    sc.UDP = UDP
    for name in ("ICMPv6NDOptMAP", "ICMPv6ND_RA", "HAO", "IPv6",
                 "ICMPv6ND_NS", "HBHOptUnknown", "IPv6ExtHdrHopByHop",
                 "IPv6ExtHdrDestOpt", "IPv6ExtHdrRouting",
                 "ICMPv6EchoRequest", "MIP6MH_BU", "MIP6MH_Generic",
                 "MIP6OptBRAdvice", "ICMPv6HAADRequest", "ICMPv6HAADReply",
                 "ICMPv6MPSol", "ICMPv6MPAdv", "ICMPv6NDOptPrefixInfo"):
        setattr(sc, name, getattr(si, name))

IPPROTO_ROUTING = 43
IPPROTO_DSTOPTS = 60
IPPROTO_HOPOPTS = 0
IPPROTO_ICMPV6 = 58
IPPROTO_MH = 135
IPPROTO_NONE = 59

# Shortest Header Len per MH type (RFC 6275 6.1.2-6.1.9).
MIN_HLEN = {0: 0, 1: 1, 2: 1, 3: 2, 4: 2, 5: 1, 6: 1, 7: 2}

MH_OPT_NAMES = {0: "pad1", 1: "padn", 2: "bra", 3: "altcoa", 4: "nonce",
                5: "auth"}


def inet_sum(data):
    """Ones' complement sum of 16-bit words, folded, not inverted."""
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xffff) + (total >> 16)
    return total


def mh_checksum(src, dst, mh):
    """RFC 6275 6.1.1: pseudo-header (src, dst, length, 135) plus the MH
    with its checksum field zeroed."""
    mh = mh[:4] + b"\0\0" + mh[6:]
    pseudo = (socket.inet_pton(socket.AF_INET6, src) +
              socket.inet_pton(socket.AF_INET6, dst) +
              struct.pack("!IxxxB", len(mh), IPPROTO_MH))
    return (~inet_sum(pseudo + mh)) & 0xffff


def ntop(b):
    return socket.inet_ntop(socket.AF_INET6, bytes(b))


def parse_mh_options(data):
    opts = []
    i = 0
    while i < len(data):
        if data[i] == 0:
            i += 1
            continue
        if i + 2 > len(data):
            opts.append({"type": "malformed"})
            break
        otype, olen = data[i], data[i + 1]
        body = data[i + 2:i + 2 + olen]
        opt = {"type": MH_OPT_NAMES.get(otype, otype), "len": olen}
        if otype == 2 and olen == 2:
            opt["refresh"] = struct.unpack("!H", body)[0]
        if otype == 3 and olen == 16:
            opt["addr"] = ntop(body)
        if otype != 1:
            opts.append(opt)
        i += 2 + olen
    return opts


def describe(pkt_bytes):
    """Walk an IPv6 packet's headers by hand and describe the Mobility
    Header or ICMPv6 message at the end; None for anything else."""
    if len(pkt_bytes) < 40 or pkt_bytes[0] >> 4 != 6:
        return None
    src = ntop(pkt_bytes[8:24])
    dst = ntop(pkt_bytes[24:40])
    out = {"src": src, "dst": dst, "hlim": pkt_bytes[7],
           "tclass": ((pkt_bytes[0] & 0xf) << 4) | (pkt_bytes[1] >> 4)}
    nh = pkt_bytes[6]
    off = 40
    hoa = None
    rh2 = None
    while nh in (IPPROTO_HOPOPTS, IPPROTO_ROUTING, IPPROTO_DSTOPTS):
        if off + 8 > len(pkt_bytes):
            return None
        nxt, hlen = pkt_bytes[off], pkt_bytes[off + 1]
        end = off + (hlen + 1) * 8
        if nh == IPPROTO_ROUTING:
            out["rh_type"] = pkt_bytes[off + 2]
            out["rh_segleft"] = pkt_bytes[off + 3]
            if pkt_bytes[off + 2] == 2 and hlen == 2:
                rh2 = ntop(pkt_bytes[off + 8:off + 24])
                out["rh2"] = rh2
        elif nh == IPPROTO_DSTOPTS:
            i = off + 2
            while i < end:
                if pkt_bytes[i] == 0:
                    i += 1
                    continue
                ot, ol = pkt_bytes[i], pkt_bytes[i + 1]
                if ot == 0xc9 and ol == 16:
                    hoa = ntop(pkt_bytes[i + 2:i + 18])
                    out["hao"] = hoa
                i += 2 + ol
        nh = nxt
        off = end
    body = pkt_bytes[off:]
    if nh == IPPROTO_ICMPV6 and len(body) >= 8:
        out["kind"] = "icmp"
        out["type"], out["code"] = body[0], body[1]
        out["info"] = struct.unpack("!I", body[4:8])[0]
        if out["type"] in (ND_NS, ND_NA) and len(body) >= 24:
            out["target"] = ntop(body[8:24])
            out["flags"] = "".join(n for n, b in (("R", 0x80), ("S", 0x40),
                                                 ("O", 0x20))
                                   if body[4] & b)
            return out
        if out["type"] == ICMPV6_HAAD_REQUEST:
            # What a mobile node sends (RFC 6275 6.5), by our own parser.
            pseudo = pkt_bytes[8:40] + struct.pack("!IxxxB", len(body),
                                                   IPPROTO_ICMPV6)
            out["csum_ok"] = inet_sum(pseudo + body) == 0xffff
            out["msg"] = "haad_request"
            out["id"] = struct.unpack("!H", body[4:6])[0]
            out["len"] = len(body)
            return out
        if out["type"] == ICMPV6_MPS:
            # A mobile node's (RFC 6275 6.7): the checksum's pseudo-header
            # has the home address of its Home Address option (6.3).
            pseudo = socket.inet_pton(socket.AF_INET6, hoa or src) + \
                socket.inet_pton(socket.AF_INET6, rh2 or dst) + \
                struct.pack("!IxxxB", len(body), IPPROTO_ICMPV6)
            out["csum_ok"] = inet_sum(pseudo + body) == 0xffff
            out["msg"] = "mps"
            out["id"] = struct.unpack("!H", body[4:6])[0]
            out["len"] = len(body)
            return out
        if out["type"] == ICMPV6_HAAD_REPLY:
            # Decoded by scapy, checked by our own sum.
            pseudo = pkt_bytes[8:40] + struct.pack("!IxxxB", len(body),
                                                   IPPROTO_ICMPV6)
            out["csum_ok"] = inet_sum(pseudo + body) == 0xffff
            r = sc.IPv6(pkt_bytes).getlayer(sc.ICMPv6HAADReply)
            if r is not None:
                out["msg"] = "haad_reply"
                out["id"] = int(r.id)
                out["addresses"] = [str(a) for a in r.addresses]
            return out
        if out["type"] == ICMPV6_MPA:
            # The pseudo-header's destination is the final one, the home
            # address of the type 2 routing header (RFC 6275 6.4).
            pseudo = socket.inet_pton(socket.AF_INET6, src) + \
                socket.inet_pton(socket.AF_INET6, rh2 or dst) + \
                struct.pack("!IxxxB", len(body), IPPROTO_ICMPV6)
            out["csum_ok"] = inet_sum(pseudo + body) == 0xffff
            r = sc.ICMPv6MPAdv(body)
            out["msg"] = "mpa"
            out["id"] = int(r.id)
            out["m"] = bool(r.flags & 2)
            out["o"] = bool(r.flags & 1)
            out["prefixes"] = []
            pi = r.getlayer(sc.ICMPv6NDOptPrefixInfo)
            while pi is not None:
                out["prefixes"].append({
                    "prefix": "%s/%d" % (pi.prefix, pi.prefixlen),
                    "l": int(pi.L), "a": int(pi.A),
                    "valid": int(pi.validlifetime),
                    "preferred": int(pi.preferredlifetime)})
                pi = pi.payload.getlayer(sc.ICMPv6NDOptPrefixInfo)
            return out
        if out["type"] == ICMPV6_FMIP:
            return describe_fmip(pkt_bytes[8:40], body, out)
        inner = body[8:]
        if len(inner) >= 40:
            out["inner_src"] = ntop(inner[8:24])
            out["inner_dst"] = ntop(inner[24:40])
            out["inner_nh"] = inner[6]
        return out
    if nh != IPPROTO_MH or len(body) < 8:
        return None
    mh_len = (body[1] + 1) * 8
    mh = body[:mh_len]
    out["kind"] = "mh"
    out["proto"], out["hlen"], out["mhtype"] = body[0], body[1], body[2]
    out["csum"] = struct.unpack("!H", mh[4:6])[0]
    # The checksum pseudo-header uses the home address (HAO) as source and
    # the final destination (type 2 routing header) as destination.
    out["csum_ok"] = mh_checksum(hoa or src, rh2 or dst, mh) == out["csum"]
    t = out["mhtype"]
    if t == 6 and len(mh) >= 12:
        out["msg"] = "ba"
        out["status"], flags = mh[6], mh[7]
        out["k"] = bool(flags & 0x80)
        out["seq"], out["lifetime"] = struct.unpack("!HH", mh[8:12])
        out["options"] = parse_mh_options(mh[12:])
    elif t == 9 and len(mh) >= 12:
        # Fast Binding Acknowledgement (RFC 5568 6.3.2): a Binding Ack's
        # layout.
        out["msg"] = "fback"
        out["status"], flags = mh[6], mh[7]
        out["k"] = bool(flags & 0x80)
        out["seq"], out["lifetime"] = struct.unpack("!HH", mh[8:12])
        out["options"] = parse_mh_options(mh[12:])
    elif t == 15 and len(mh) >= 10:
        describe_hack(mh, out)
    elif t == 7 and len(mh) >= 24:
        out["msg"] = "be"
        out["status"] = mh[6]
        out["home"] = ntop(mh[8:24])
    elif t == 5 and len(mh) >= 12:
        out["msg"] = "bu"
        out["seq"], flags, out["lifetime"] = struct.unpack("!HHH", mh[6:12])
        out["flags"] = "".join(n for n, b in (("A", 0x8000), ("H", 0x4000),
                                             ("L", 0x2000), ("K", 0x1000),
                                             ("M", 0x0800)) if flags & b)
        out["options"] = parse_mh_options(mh[12:])
    return out


def describe_hack(mh, out):
    """A Handover Acknowledge (RFC 5568 6.2.1.2) by our own parser:
    sequence number, code, and its options, the IPv6 Address option (34,
    IANA's type for RFC 5568 6.4.2: code, prefix length, address) read
    whole."""
    out["msg"] = "hack"
    out["seq"] = struct.unpack("!H", mh[6:8])[0]
    out["reserved"], out["code"] = mh[8], mh[9]
    opts, i = [], 10
    while i < len(mh):
        if mh[i] == 0:
            i += 1
            continue
        if i + 2 > len(mh) or i + 2 + mh[i + 1] > len(mh):
            opts.append({"type": "malformed"})
            break
        t, ln = mh[i], mh[i + 1]
        if t == 34 and ln == 18:
            opts.append({"type": "ipaddr", "code": mh[i + 2],
                         "plen": mh[i + 3],
                         "addr": ntop(mh[i + 4:i + 20])})
        elif t != 1:
            opts.append({"type": t, "len": ln})
        i += 2 + ln
    out["options"] = opts


def lla_str(b):
    return ":".join("%02x" % x for x in b)


def describe_fmip(addrs, body, out):
    """RtSolPr and PrRtAdv (RFC 5568 6.1) by our own parser: subtype,
    identifier, checksum, and every option in order: Link-Layer Address
    (19: code, lla with its padding), IP Address/Prefix (17: code, plen,
    addr), MAP (23: map, dist, pref, lifetime), others by type."""
    pseudo = addrs + struct.pack("!IxxxB", len(body), IPPROTO_ICMPV6)
    out["csum_ok"] = inet_sum(pseudo + body) == 0xffff
    out["subtype"] = body[4]
    out["msg"] = {2: "rtsolpr", 3: "prrtadv"}.get(body[4], "fmip")
    out["id"] = struct.unpack("!H", body[6:8])[0]
    opts = []
    i = 8
    while i + 2 <= len(body):
        t, ln = body[i], body[i + 1] * 8
        if not ln or i + ln > len(body):
            opts.append({"type": t, "bad": True})
            break
        o = body[i:i + ln]
        d = {"type": t}
        if t == 19 and ln >= 8:
            d["code"] = o[2]
            d["lla"] = lla_str(o[3:])
        elif t == 17 and ln == 24:
            d["code"], d["plen"] = o[2], o[3]
            d["addr"] = ntop(o[8:24])
        elif t == 23 and ln == 24:
            d["dist"], d["pref"] = o[2] >> 4, o[2] & 0xf
            d["lifetime"] = struct.unpack("!I", o[4:8])[0]
            d["map"] = ntop(o[8:24])
        opts.append(d)
        i += ln
    out["options"] = opts
    return out


def fmip_lla_opt(code, lla):
    """A Link-Layer Address option (RFC 5568 6.4.3), padded to 8n."""
    b = bytes([19, 0, code]) + (bytes.fromhex(lla.replace(":", ""))
                                if lla else b"")
    b += bytes(-len(b) % 8)
    return b[:1] + bytes([len(b) // 8]) + b[2:]


def cmd_rtsolpr(args):
    """Routers Solicitations for Proxy Advertisement (RFC 5568 6.1.1)
    written out octet by octet: a New Access Point option (code 1) per
    --ap, the wildcard (code 0) for "*", and a Source Link-Layer Address
    option (code 2) with --lla; spoiled with --bad-csum or --hlim."""
    opts = b""
    if args.lla:
        opts += fmip_lla_opt(2, args.lla)
    for ap in args.ap or []:
        opts += fmip_lla_opt(0, None) if ap == "*" else fmip_lla_opt(1, ap)
    pkts = []
    for i in range(args.count):
        body = struct.pack("!BBHBBH", ICMPV6_FMIP, args.code, 0, 2, 0,
                           (args.id + i) & 0xffff) + opts
        pseudo = socket.inet_pton(socket.AF_INET6, args.src) + \
            socket.inet_pton(socket.AF_INET6, args.dst) + \
            struct.pack("!IxxxB", len(body), IPPROTO_ICMPV6)
        csum = ~inet_sum(pseudo + body) & 0xffff
        if args.bad_csum:
            csum ^= 0x5555
        body = body[:2] + struct.pack("!H", csum) + body[4:]
        pkts.append(sc.IPv6(src=args.src, dst=args.dst, nh=IPPROTO_ICMPV6,
                            hlim=args.hlim) / sc.Raw(body))
    return pkts


def cmd_prrtadv(args):
    """An unsolicited Proxy Router Advertisement (RFC 5568 6.1.2, Code 1:
    network-initiated, Identifier 0) as an access router sends it: the
    tuple of one new router, New Access Point (19 code 1), its link-layer
    address (19 code 3), its IP address (17 code 3) and prefix (17 code
    4), written out octet by octet."""
    def ipaddr_opt(code, plen, addr):
        return bytes([17, 3, code, plen, 0, 0, 0, 0]) + \
            socket.inet_pton(socket.AF_INET6, addr)
    opts = fmip_lla_opt(1, args.ap) + fmip_lla_opt(3, args.nar_lla) + \
        ipaddr_opt(3, 128, args.nar) + \
        ipaddr_opt(4, args.plen, args.prefix)
    body = struct.pack("!BBHBBH", ICMPV6_FMIP, args.code, 0, 3, 0,
                       args.id) + opts
    pseudo = socket.inet_pton(socket.AF_INET6, args.src) + \
        socket.inet_pton(socket.AF_INET6, args.dst) + \
        struct.pack("!IxxxB", len(body), IPPROTO_ICMPV6)
    csum = ~inet_sum(pseudo + body) & 0xffff
    body = body[:2] + struct.pack("!H", csum) + body[4:]
    return [sc.IPv6(src=args.src, dst=args.dst, nh=IPPROTO_ICMPV6,
                    hlim=255) / sc.Raw(body)]


class Exchange:
    """Capture on @iface while packets are sent, then describe replies."""

    def __init__(self, iface, pcap=None, keep_na=False, esp_in=None):
        sc.conf.route6.resync()
        self.iface = iface
        self.pcap = pcap
        self.keep_na = keep_na
        # An ESP SA that replies may come under: they are decrypted, then
        # described, with "esp": True.
        self.esp_in = esp_in
        self.pkts = []
        self.ready = threading.Event()
        # No capture filter: scapy compiles one by running tcpdump, which
        # takes seconds under emulation; describe() skips what is not IPv6.
        self.sniffer = sc.AsyncSniffer(iface=iface, prn=self.pkts.append,
                                       store=False,
                                       started_callback=self.ready.set)
        self.sent = []
        self.sent_t = []

    def __enter__(self):
        self.sniffer.start()
        # The sniffer opens its socket in a thread; its "running" flag is
        # set before that, the started callback after.
        if not self.ready.wait(60):
            raise RuntimeError("the sniffer did not start")
        return self

    def send(self, pkt):
        self.sent.append(bytes(pkt[sc.IPv6]))
        self.sent_t.append(round(time.time(), 6))
        if sc.l2.Ether in pkt:
            sc.sendp(pkt, iface=self.iface, verbose=0)
        else:
            sc.send(pkt, iface=self.iface, verbose=0)

    def replies(self):
        out = []
        for p in list(self.pkts):
            if sc.IPv6 not in p:
                continue
            raw = bytes(p[sc.IPv6])
            if raw in self.sent:
                continue
            esp = False
            if self.esp_in and sc.ESP in p[sc.IPv6]:
                try:
                    raw = bytes(self.esp_in.decrypt(sc.IPv6(raw)))
                    esp = True
                except Exception:  # noqa: BLE001 (another SA's: skipped)
                    continue
            d = describe(raw)
            if d is None:
                continue
            if esp:
                d["esp"] = True
            # Neighbour discovery and MLD are not answers, unless the
            # question was a Neighbour Solicitation.
            if d["kind"] == "icmp" and d["type"] >= 128 and not (
                    self.keep_na and d["type"] == ND_NA) and \
                    d["type"] not in (ICMPV6_HAAD_REQUEST,
                                      ICMPV6_HAAD_REPLY, ICMPV6_MPA,
                                      ICMPV6_FMIP):
                continue
            d["t"] = round(float(p.time), 6)
            out.append(d)
        return out

    def finish(self, wait, expect=None):
        """Listen up to @wait seconds; with @expect, stop as soon as that
        many answers are in (checks for silence use the full wait)."""
        end = time.time() + wait
        while time.time() < end:
            if expect and len(self.replies()) >= expect:
                break
            time.sleep(0.05)
        self.sniffer.stop()
        if self.pcap:
            sc.wrpcap(self.pcap, self.pkts)
        return self.replies()

    def __exit__(self, *exc):
        if self.sniffer.running:
            self.sniffer.stop()


def ip6(args, nh=None):
    kw = {"src": args.src, "dst": args.dst}
    if nh is not None:
        kw["nh"] = nh
    return sc.IPv6(**kw)


def with_ext_headers(args, mh):
    """IPv6 / [RH2] / [DestOpt(HAO)] / MH bytes, as RFC 6275 orders them.
    The MH goes in as raw bytes, so each header's Next Header is set here."""
    hdrs = []
    if getattr(args, "rh2", None):
        hdrs.append(sc.IPv6ExtHdrRouting(type=2, segleft=1,
                                         addresses=[args.rh2]))
    if getattr(args, "hao", None):
        hdrs.append(sc.IPv6ExtHdrDestOpt(options=[sc.HAO(hoa=args.hao)]))
    first = IPPROTO_ROUTING if getattr(args, "rh2", None) else (
        IPPROTO_DSTOPTS if hdrs else IPPROTO_MH)
    pkt = ip6(args, nh=first)
    for i, h in enumerate(hdrs):
        h.nh = IPPROTO_DSTOPTS if i + 1 < len(hdrs) else IPPROTO_MH
        pkt = pkt / h
    return pkt / sc.Raw(mh)


def finalize_mh(args, mh_bytes):
    """Fix the checksum with the right pseudo-header unless asked not to."""
    mh = bytearray(mh_bytes)
    if args.csum is not None:
        mh[4:6] = struct.pack("!H", args.csum)
    else:
        src = getattr(args, "hao", None) or args.src
        dst = getattr(args, "rh2", None) or args.dst
        mh[4:6] = struct.pack("!H", mh_checksum(src, dst, bytes(mh)))
        if args.bad_csum:
            mh[4] ^= 0xff
    return bytes(mh) + bytes(args.trailer)


def cmd_mh(args):
    """A Mobility Header of any type, built with MIP6MH_Generic so that every
    field can be wrong on purpose."""
    mhtype = args.type
    hlen = args.hlen
    if hlen is None:
        hlen = MIN_HLEN.get(mhtype, 0)
    body = bytes.fromhex(args.body) if args.body else b""
    total = (hlen + 1) * 8 if args.length is None else args.length
    body = (body + bytes(max(0, total - 6 - len(body))))[:max(0, total - 6)]
    gen = sc.MIP6MH_Generic(nh=args.proto, len=hlen, mhtype=mhtype, res=0,
                         cksum=0, msg=body)
    mh = finalize_mh(args, bytes(gen))
    return [with_ext_headers(args, mh) for _ in range(args.count)]


def cmd_bu(args):
    """Binding Updates built with scapy's MIP6MH_BU (flags "AM" = A|M)."""
    pkts = []
    for i in range(args.count):
        opts = []
        if args.bra is not None:
            opts.append(sc.MIP6OptBRAdvice(rinter=args.bra))
        bu = sc.MIP6MH_BU(seq=(args.seq + i) & 0xffff, flags=args.flags,
                       mhtime=args.lifetime, cksum=0, options=opts)
        pkts.append(with_ext_headers(args, finalize_mh(args, bytes(bu))))
    # --also SEQ:LIFETIME: more BUs right after, with their own numbers
    # (a late one that must meet the state the first left).
    for also in args.also or []:
        seq, lifetime = (int(x) for x in also.split(":"))
        bu = sc.MIP6MH_BU(seq=seq & 0xffff, flags=args.flags,
                          mhtime=lifetime, cksum=0, options=[])
        pkts.append(with_ext_headers(args, finalize_mh(args, bytes(bu))))
    return pkts


def cmd_fbu(args):
    """A Fast Binding Update (RFC 5568 6.3.1), byte by byte: scapy has no
    layer for MH type 8. Fixed part as a Binding Update's, then PadN to
    the Alternate Care-of Address option's 8n+6 alignment, the option with
    the NCoA (none without --ncoa)."""
    body = struct.pack("!HHH", args.seq & 0xffff, args.flags, args.lifetime)
    if args.ncoa:
        body += bytes([1, 0]) + bytes([3, 16]) + \
            socket.inet_pton(socket.AF_INET6, args.ncoa)
    else:
        body += bytes([1, 0])
    mh = bytes([IPPROTO_NONE, 0, 8, 0, 0, 0]) + body
    mh += bytes(-len(mh) % 8)
    mh = mh[:1] + bytes([len(mh) // 8 - 1]) + mh[2:]
    return [with_ext_headers(args, finalize_mh(args, mh))]


def mh_pad_to(b, rem):
    """Pad @b (a Mobility Header so far) so that the next option starts
    at 8n + @rem: Pad1 or PadN (RFC 6275 6.2)."""
    n = (rem - len(b)) % 8
    if n == 1:
        return b + bytes([0])
    if n:
        return b + bytes([1, n - 2]) + bytes(n - 2)
    return b


def fbu_lla_bytes(args):
    """A Fast Binding Update (RFC 5568 6.2.2) with, after the fixed part,
    a Mobility Header Link-Layer Address option (6.4.4, code 2) with
    --lla, then the Alternate Care-of Address option with --ncoa at
    8n+6."""
    mh = bytes([IPPROTO_NONE, 0, 8, 0, 0, 0]) + \
        struct.pack("!HHH", args.seq & 0xffff, args.flags, args.lifetime)
    if args.lla:
        lla = bytes.fromhex(args.lla.replace(":", ""))
        mh += bytes([7, 1 + len(lla), 2]) + lla
    mh = mh_pad_to(mh, 6) + bytes([3, 16]) + \
        socket.inet_pton(socket.AF_INET6, args.ncoa)
    mh = mh_pad_to(mh, 0)
    return mh[:1] + bytes([len(mh) // 8 - 1]) + mh[2:]


def hack_packet(src, dst, seq, code):
    """A Handover Acknowledge (RFC 5568 6.2.1.2) written out: Sequence #
    copied from the HI, Code, padded to 16 octets."""
    mh = bytes([IPPROTO_NONE, 1, 15, 0, 0, 0]) + \
        struct.pack("!HBB", seq & 0xffff, 0, code) + bytes([1, 4]) + bytes(4)
    mh = mh[:4] + struct.pack("!H", mh_checksum(src, dst, mh)) + mh[6:]
    return sc.IPv6(src=src, dst=dst, nh=IPPROTO_MH) / sc.Raw(mh)


def describe_hi(raw):
    """A Handover Initiate (RFC 5568 6.2.1.1) right after the IPv6
    header, by our own parser: sequence number, S and U, code, checksum,
    and its options in order with their offsets in the message: mh_lla
    (7: code, lla), ipaddr (34, IANA's type for RFC 5568 6.4.2: code,
    plen, addr); None for anything else."""
    if len(raw) < 56 or raw[6] != IPPROTO_MH or raw[42] != 14:
        return None
    src, dst = ntop(raw[8:24]), ntop(raw[24:40])
    mh = raw[40:40 + (raw[41] + 1) * 8]
    out = {"kind": "mh", "msg": "hi", "src": src, "dst": dst,
           "mhtype": 14, "hlen": raw[41],
           "csum_ok": mh_checksum(src, dst, mh) ==
           struct.unpack("!H", mh[4:6])[0]}
    out["seq"], flags, out["code"] = struct.unpack("!HBB", mh[6:10])
    out["s"], out["u"] = bool(flags & 0x80), bool(flags & 0x40)
    opts = []
    i = 10
    while i < len(mh):
        if mh[i] == 0:
            i += 1
            continue
        t, ln = mh[i], mh[i + 1]
        o = mh[i + 2:i + 2 + ln]
        if t == 7:
            opts.append({"type": "mh_lla", "off": i, "code": o[0],
                         "lla": lla_str(o[1:])})
        elif t == 34 and ln == 18:
            opts.append({"type": "ipaddr", "off": i, "code": o[0],
                         "plen": o[1], "addr": ntop(o[2:18])})
        elif t != 1:
            opts.append({"type": t, "off": i})
        i += 2 + ln
    out["options"] = opts
    return out


def cmd_fbu_hi(args):
    """Play the mobile node and the new access router of a fast handover
    at a MAP: send a Fast Binding Update (fbu_lla_bytes()) from --src,
    listen for the MAP's Handover Initiates to --ar and, when --hack is
    given, answer the --answer'th with a Handover Acknowledge of that
    code from --hack-src (default --ar). Prints the HIs (describe_hi())
    and the other answers (describe()), one JSON line each, and the
    HAck sent ({"kind": "sent", "msg": "hack"}), each with its time."""
    fbu = with_ext_headers(args, finalize_mh(args, fbu_lla_bytes(args)))
    # --esp-mn: the node's SA to the MAP (its outbound one protects the
    # FBU); --esp-ar: the AR's, outbound for the HAck, inbound for the HI.
    if args.esp_mn:
        fbu = esp_sas(args.esp_mn)[0].encrypt(sc.IPv6(bytes(fbu)))
    ar_out, ar_in = esp_sas(args.esp_ar) if args.esp_ar else (None, None)

    def his_of(pkts):
        his = []
        for p in pkts:
            if sc.IPv6 not in p:
                continue
            raw, esp = bytes(p[sc.IPv6]), False
            if ar_in and raw[6] == 50:
                try:
                    raw = bytes(ar_in.decrypt(sc.IPv6(raw)))
                    esp = True
                except Exception:  # noqa: BLE001 (another SA's)
                    continue
            h = describe_hi(raw)
            if h and h["dst"] == args.ar:
                h["esp"] = esp
                h["t"] = round(float(p.time), 6)
                his.append(h)
        return his

    answered = None
    with Exchange(args.iface, args.pcap) as ex:
        ex.send(fbu)
        end = time.time() + args.wait
        while time.time() < end:
            his = his_of(list(ex.pkts))
            if args.hack is not None and answered is None and \
                    len(his) >= args.answer:
                hi = his[args.answer - 1]
                hack = hack_packet(args.hack_src or args.ar, hi["src"],
                                   hi["seq"] + args.hack_seq_delta,
                                   args.hack)
                ex.send(ar_out.encrypt(hack) if ar_out else hack)
                answered = ex.sent_t[-1]
            if args.expect and len(ex.replies()) >= args.expect:
                break
            # --fbacks: done with the MAP's answers, however many HIs
            # a slow answer let it send.
            if args.fbacks and sum(r.get("msg") == "fback"
                                   for r in ex.replies()) >= args.fbacks:
                break
            time.sleep(0.02)
        ex.sniffer.stop()
        if args.pcap:
            sc.wrpcap(args.pcap, ex.pkts)
        out = his_of(list(ex.pkts))
        out += [r for r in ex.replies() if r.get("mhtype") != 14]
    if answered is not None:
        print(json.dumps({"kind": "sent", "msg": "hack", "t": answered}))
    for r in sorted(out, key=lambda r: r["t"]):
        print(json.dumps(r, sort_keys=True))
    return 0


def cmd_hack(args):
    """One Handover Acknowledge (hack_packet()), --seq and --code."""
    return [hack_packet(args.src, args.dst, args.seq, args.code)]
def mh_opt_align(body, n, off=6):
    """PadN (or Pad1) so that an option starts at 8n + @n, the message's
    first @off octets being the Mobility Header's fixed start."""
    pad = (n - (off + len(body))) % 8
    if pad == 1:
        return body + b"\0"
    if pad:
        return body + bytes([1, pad - 2]) + bytes(pad - 2)
    return body


def cmd_hi(args):
    """A Handover Initiate (RFC 5568 6.2.1.1) as a MAP sends it to the new
    access router (RFC 4140 Appendix A), written out since scapy has no
    layer for MH type 14: sequence number, the S and U flags, the Code,
    then the mobile node's Link-Layer Address option (7, code 2) and the
    IPv6 Address options of the PCoA (34, IANA's type, code 1) and the
    NCoA (code 2), each aligned 8n+4 as section 6.4.2 asks."""
    flags = sum(b for n, b in (("S", 0x80), ("U", 0x40)) if n in args.flags)
    body = struct.pack("!HBB", args.seq & 0xffff, flags, args.code)
    if args.lla:
        lla = bytes.fromhex(args.lla.replace(":", ""))
        body = mh_opt_align(body, 0)
        body += bytes([7, 1 + len(lla), 2]) + lla
    for code, addr in ((1, args.pcoa), (2, args.ncoa)):
        if addr:
            body = mh_opt_align(body, 4)
            body += bytes([34, 18, code, 128]) + \
                socket.inet_pton(socket.AF_INET6, addr)
    body = mh_opt_align(body, 0)
    gen = sc.MIP6MH_Generic(nh=IPPROTO_NONE, len=(6 + len(body)) // 8 - 1,
                            mhtype=14, res=0, cksum=0, msg=body)
    return [with_ext_headers(args, finalize_mh(args, bytes(gen)))]


def cmd_una(args):
    """An Unsolicited Neighbor Advertisement (RFC 5568 6.3) as a mobile node
    sends it on the new link: from the NCoA to all nodes, target the NCoA,
    R, S and O clear, its link-layer address in a Target Link-Layer Address
    option; built by scapy, sent on the link layer from that address."""
    from scapy.layers.inet6 import ICMPv6ND_NA, ICMPv6NDOptDstLLAddr
    flags = {n: int(n in args.flags) for n in "RSO"}
    pkt = sc.l2.Ether(src=args.lla, dst="33:33:00:00:00:01") / \
        sc.IPv6(src=args.src, dst="ff02::1", hlim=args.hlim) / \
        ICMPv6ND_NA(tgt=args.target or args.src, **flags)
    if args.tlla:
        pkt = pkt / ICMPv6NDOptDstLLAddr(lladdr=args.tlla)
    return [pkt]


def cmd_stream(args):
    """UDP datagrams numbered from 0 (a 4-octet sequence number as
    payload), as a correspondent sends them: the order and pace they
    arrive in are read from a capture."""
    return [sc.IPv6(src=args.src, dst=args.dst) /
            sc.UDP(sport=args.sport, dport=args.dport) /
            sc.Raw(struct.pack("!I", i) + bytes(args.size))
            for i in range(args.count)]


def cmd_tunnel(args):
    """IPv6-in-IPv6 as a mobile node's reverse tunnel sends it: outer
    @src -> @dst, inner @inner_src -> @inner_dst, an echo request inside."""
    inner = sc.IPv6(src=args.inner_src, dst=args.inner_dst) / \
        sc.ICMPv6EchoRequest(id=0x4d4e, seq=1)
    return [ip6(args, nh=41) / inner for _ in range(args.count)]


def cmd_udp(args):
    """UDP as a correspondent sends it, with the traffic class and hop
    limit given and, with --tel, a Destination Options header holding a
    Tunnel Encapsulation Limit option (RFC 2473 section 5.1)."""
    pkt = sc.IPv6(src=args.src, dst=args.dst, tc=args.tclass,
                  hlim=args.hlim)
    if args.hbh:
        # Padding only: the limit's header is then not the first one.
        pkt = pkt / sc.IPv6ExtHdrHopByHop()
    if args.tel is not None:
        pkt = pkt / sc.IPv6ExtHdrDestOpt(options=[
            sc.HBHOptUnknown(otype=IPV6_TLV_TNL_ENCAP_LIMIT,
                             optdata=bytes([args.tel]))])
    pkt = pkt / sc.UDP(sport=args.sport, dport=args.dport) / \
        sc.Raw(bytes(args.size))
    return [pkt for _ in range(args.count)]


def solicited_node(addr):
    b = socket.inet_pton(socket.AF_INET6, addr)
    return ntop(bytes.fromhex("ff0200000000000000000001ff") + b[13:])


def cmd_ns(args):
    """A Neighbour Solicitation for @target to its solicited-node address;
    from :: it is a Duplicate Address Detection probe (RFC 4862 5.4.2)."""
    args.dst = args.dst or solicited_node(args.target)
    # On the link layer: scapy finds no route for a multicast destination.
    mac = "33:33:" + ":".join("%02x" % b for b in socket.inet_pton(
        socket.AF_INET6, args.dst)[12:])
    return [sc.l2.Ether(dst=mac) /
            sc.IPv6(src=args.src, dst=args.dst, hlim=255) /
            sc.ICMPv6ND_NS(tgt=args.target) for _ in range(args.count)]


def cmd_haad(args):
    """Home Agent Address Discovery Requests (RFC 6275 section 6.5), built
    by scapy; --bad-csum spoils the checksum."""
    pkts = []
    for i in range(args.count):
        pkt = sc.IPv6(src=args.src, dst=args.dst) / \
            sc.ICMPv6HAADRequest(id=(args.id + i) & 0xffff, code=args.code)
        if args.bad_csum:
            good = sc.IPv6(bytes(pkt))[sc.ICMPv6HAADRequest].cksum
            pkt[sc.ICMPv6HAADRequest].cksum = good ^ 0x5555
        pkts.append(pkt)
    return pkts


def haad_reply(src, dst, ident, addrs, kind):
    """A Home Agent Address Discovery Reply (RFC 6275 6.6) written out
    octet by octet, spoiled as @kind says: good, length (8 octets short
    of a whole address), code (1), csum, id (another identifier), empty
    (a link-local address only)."""
    if kind == "empty":
        addrs = ["fe80::1"]
    body = b"".join(socket.inet_pton(socket.AF_INET6, a) for a in addrs)
    if kind == "length":
        body = body[:-8]
    if kind == "id":
        ident ^= 0x8000
    body = struct.pack("!BBHHH", ICMPV6_HAAD_REPLY, kind == "code", 0,
                       ident & 0xffff, 0) + body
    pseudo = socket.inet_pton(socket.AF_INET6, src) + \
        socket.inet_pton(socket.AF_INET6, dst) + \
        struct.pack("!IxxxB", len(body), IPPROTO_ICMPV6)
    csum = ~inet_sum(pseudo + body) & 0xffff
    if kind == "csum":
        csum ^= 0x5555
    body = body[:2] + struct.pack("!H", csum) + body[4:]
    return sc.IPv6(src=src, dst=dst, nh=IPPROTO_ICMPV6) / sc.Raw(body)


def cmd_describe(args):
    """What describe() makes of each IPv6 packet of a capture (tcpdump's,
    on an Ethernet link), one JSON line each, its time in "t"."""
    for p in sc.rdpcap(args.pcap):
        if sc.IPv6 not in p:
            continue
        d = describe(bytes(p[sc.IPv6]))
        if d is not None:
            d["t"] = round(float(p.time), 6)
            print(json.dumps(d, sort_keys=True))
    return 0


def cmd_haad_answer(args):
    """Play the home agents' side of discovery: listen on @iface for a
    mobile node's Home Agent Address Discovery Requests (RFC 6275 11.4.1);
    after the --requests'th, answer it from --src with one reply of each
    --reply kind, in that order (haad_reply()). Prints each request heard,
    one JSON line (describe(), its time in "t"); status 1 when fewer
    came within --wait seconds."""
    addrs = args.addresses.split(",")
    with Exchange(args.iface, args.pcap) as ex:
        if args.ready:
            open(args.ready, "w").close()
        end = time.time() + args.wait
        reqs = []
        while time.time() < end and len(reqs) < args.requests:
            time.sleep(0.05)
            reqs = [d for d in ex.replies()
                    if d.get("msg") == "haad_request"]
        if len(reqs) >= args.requests:
            last = reqs[args.requests - 1]
            for kind in args.reply:
                ex.send(haad_reply(args.src, last["src"], last["id"], addrs,
                                   kind))
        ex.finish(0.2)
    for r in reqs:
        print(json.dumps(r, sort_keys=True))
    return 0 if len(reqs) >= args.requests else 1


def esp_sas(spec):
    """OUT_SPI:IN_SPI:ENC_KEY:AUTH_KEY (hex) -> the two transport-mode SAs
    of "ip xfrm state ... enc 'cbc(aes)' ENC auth-trunc 'hmac(sha1)' AUTH
    96", for what is sent and what comes back."""
    from scapy.layers.ipsec import ESP, SecurityAssociation
    sc.ESP = ESP
    out_spi, in_spi, enc, auth = spec.split(":")
    enc, auth = bytes.fromhex(enc), bytes.fromhex(auth)
    return [SecurityAssociation(ESP, spi=int(spi, 0), crypt_algo="AES-CBC",
                                crypt_key=enc, auth_algo="HMAC-SHA1-96",
                                auth_key=auth)
            for spi in (out_spi, in_spi)]


def cmd_mps(args):
    """Mobile Prefix Solicitations (RFC 6275 section 6.7) from a care-of
    address, the home address in a Home Address option; scapy sums the
    checksum over the home address. --bad-csum spoils it, --code sets a
    code other than 0, --no-hao leaves the option out."""
    pkts = []
    for i in range(args.count):
        pkt = sc.IPv6(src=args.src, dst=args.dst)
        if not args.no_hao:
            pkt = pkt / sc.IPv6ExtHdrDestOpt(options=[sc.HAO(hoa=args.hao)])
        pkt = pkt / sc.ICMPv6MPSol(id=(args.id + i) & 0xffff,
                                   code=args.code)
        if args.bad_csum:
            good = sc.IPv6(bytes(pkt))[sc.ICMPv6MPSol].cksum
            pkt[sc.ICMPv6MPSol].cksum = good ^ 0x5555
        pkts.append(pkt)
    return pkts


# ------------------------------------------------ router advertisements

IPV6_TLV_TNL_ENCAP_LIMIT = 4
ICMPV6_HAAD_REQUEST = 144
ICMPV6_HAAD_REPLY = 145
ICMPV6_MPS = 146
ICMPV6_MPA = 147
ICMPV6_FMIP = 154  # RFC 5568 section 6: RtSolPr (2), PrRtAdv (3)
ND_RA = 134
ND_NS = 135
ND_NA = 136


def describe_ra(raw, t):
    """An RA as scapy decodes it, with our own checks of the ICMPv6
    checksum and the IPv6 payload length; None for anything else."""
    if len(raw) < 56 or raw[0] >> 4 != 6 or raw[6] != IPPROTO_ICMPV6 or \
            raw[40] != ND_RA:
        return None
    plen = struct.unpack("!H", raw[4:6])[0]
    body = raw[40:]
    pseudo = raw[8:40] + struct.pack("!IxxxB", len(body), IPPROTO_ICMPV6)
    out = {"src": ntop(raw[8:24]), "dst": ntop(raw[24:40]), "hlim": raw[7],
           "len": len(raw), "plen_ok": plen == len(body),
           "csum_ok": inet_sum(pseudo + body) == 0xffff, "t": t}
    # Option types in order, walked by hand (scapy hides unknown ones).
    types, off = [], 56
    while off + 2 <= len(raw) and raw[off + 1]:
        types.append(raw[off])
        off += raw[off + 1] * 8
    out["opt_types"] = types
    pkt = sc.IPv6(raw)
    maps, i = [], 1
    while True:
        m = pkt.getlayer(sc.ICMPv6NDOptMAP, i)
        if m is None:
            break
        maps.append({"dist": int(m.dist), "pref": int(m.pref),
                     "r": int(m.R), "lifetime": int(m.validlifetime),
                     "addr": str(m.addr), "len": int(m.len)})
        i += 1
    out["maps"] = maps
    return out


def cmd_ra_send(args):
    """One router advertisement from @src to all nodes on @iface: a
    prefix (autonomous, on-link) and MAP options, each given as
    ADDR,DIST,PREF,R,LIFETIME[,RESERVED] for scapy's ICMPv6NDOptMAP, or
    raw:HEX for an option written out octet by octet."""
    si = __import__("scapy.layers.inet6", fromlist=["ICMPv6NDOptPrefixInfo"])
    prefix, plen = args.prefix.split("/")
    ra = si.ICMPv6ND_RA(routerlifetime=args.router_lifetime)
    if args.ha_info:
        pref, life = (int(x) for x in args.ha_info.split(","))
        ra.H = 1
    p = (ra /
         si.ICMPv6NDOptPrefixInfo(prefix=prefix, prefixlen=int(plen), L=1,
                                  A=1, validlifetime=3600,
                                  preferredlifetime=3600))
    for o in args.option:
        if o.startswith("raw:"):
            p = p / sc.Raw(bytes.fromhex(o[4:]))
            continue
        f = o.split(",")
        res = int(f[5], 0) if len(f) > 5 else 0
        p = p / sc.ICMPv6NDOptMAP(dist=int(f[1]), pref=int(f[2]),
                                  R=int(f[3]), res=res,
                                  validlifetime=int(f[4]), addr=f[0])
    if args.ha_info:
        p = p / si.ICMPv6NDOptHAInfo(pref=pref, lifetime=life)
    src = socket.inet_pton(socket.AF_INET6, args.src)
    first = int.from_bytes(src, "big")
    sc.sendp([sc.l2.Ether(dst="33:33:00:00:00:01") /
              sc.IPv6(src=socket.inet_ntop(socket.AF_INET6,
                                           (first + i).to_bytes(16, "big")),
                      dst="ff02::1", hlim=255) / p
              for i in range(args.count)],
             iface=args.iface, verbose=0)
    return 0


def send_rs(iface):
    """A Router Solicitation from the kernel's raw ICMPv6 socket (it fills
    in the checksum), hop limit 255, to all-routers."""
    ifindex = socket.if_nametoindex(iface)
    s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, IPPROTO_ICMPV6)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_HOPS, 255)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_IF, ifindex)
    s.sendto(bytes([133, 0, 0, 0, 0, 0, 0, 0]), ("ff02::2", 0, 0, ifindex))
    s.close()


def cmd_ra(args):
    if args.read:
        pkts = sc.rdpcap(args.read)
    else:
        sc.conf.route6.resync()
        pkts = []
        ready = threading.Event()
        sniffer = sc.AsyncSniffer(iface=args.iface, prn=pkts.append,
                                  store=False, started_callback=ready.set)
        sniffer.start()
        if not ready.wait(60):
            raise RuntimeError("the sniffer did not start")
        if args.ready:
            open(args.ready, "w").close()
        if args.rs:
            send_rs(args.iface)
        end = time.time() + args.wait
        while time.time() < end:
            ras = [describe_ra(bytes(p[sc.IPv6]), 0) for p in list(pkts)
                   if sc.IPv6 in p]
            ras = [r for r in ras if r is not None]
            if args.expect and len(ras) >= args.expect:
                break
            if args.until and any(eval(args.until, {}, {"r": r})
                                  for r in ras):
                break
            time.sleep(0.2)
        sniffer.stop()
        if args.pcap:
            sc.wrpcap(args.pcap, pkts)
    for p in pkts:
        if sc.IPv6 not in p:
            continue
        d = describe_ra(bytes(p[sc.IPv6]), round(float(p.time), 6))
        if d is not None:
            print(json.dumps(d, sort_keys=True))
    return 0


# ---------------------------------------------------------------- netlink

NETLINK_GENERIC = 16
SOL_NETLINK = 270
NETLINK_EXT_ACK = 11
NETLINK_CAP_ACK = 10
NLM_F_REQUEST = 1
NLM_F_ACK = 4
NLMSG_ERROR = 2
GENL_ID_CTRL = 16
CTRL_CMD_GETFAMILY = 3
CTRL_ATTR_FAMILY_ID = 1
CTRL_ATTR_FAMILY_NAME = 2
NLMSGERR_ATTR_MSG = 1
NLMSGERR_ATTR_OFFS = 2
NLMSGERR_ATTR_MISS_TYPE = 5
NLA_F_NESTED = 1 << 15


def nla(atype, payload):
    hdr = struct.pack("=HH", 4 + len(payload), atype)
    pad = (4 - len(payload) % 4) % 4
    return hdr + payload + b"\0" * pad


def parse_nla(data):
    out = []
    i = 0
    while i + 4 <= len(data):
        alen, atype = struct.unpack("=HH", data[i:i + 4])
        if alen < 4:
            break
        out.append((atype & 0x3fff, data[i + 4:i + alen]))
        i += (alen + 3) & ~3
    return out


def genl_request(sock, family, cmd, attrs, flags=NLM_F_REQUEST | NLM_F_ACK,
                 version=1):
    seq = int(time.time()) & 0xffffff
    payload = struct.pack("=BBH", cmd, version, 0) + attrs
    msg = struct.pack("=IHHII", 16 + len(payload), family, flags, seq,
                      0) + payload
    sock.send(msg)
    replies = []
    while True:
        data = sock.recv(65536)
        i = 0
        while i + 16 <= len(data):
            mlen, mtype, mflags, mseq, _ = struct.unpack("=IHHII",
                                                         data[i:i + 16])
            body = data[i + 16:i + mlen]
            if mtype == NLMSG_ERROR:
                err = struct.unpack("=i", body[:4])[0]
                # With NETLINK_CAP_ACK only the request's header follows.
                tlvs = parse_nla(body[4 + 16:])
                ext = {}
                for t, v in tlvs:
                    if t == NLMSGERR_ATTR_MSG:
                        ext["msg"] = v.rstrip(b"\0").decode()
                    elif t == NLMSGERR_ATTR_OFFS:
                        ext["offset"] = struct.unpack("=I", v)[0]
                    elif t == NLMSGERR_ATTR_MISS_TYPE:
                        ext["missing_type"] = struct.unpack("=I", v)[0]
                return err, ext, replies
            replies.append((mtype, body))
            i += (mlen + 3) & ~3


def genl_socket():
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
    s.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
    s.setsockopt(SOL_NETLINK, NETLINK_CAP_ACK, 1)
    s.bind((0, 0))
    return s


def genl_family_id(sock, name):
    err, ext, replies = genl_request(
        sock, GENL_ID_CTRL, CTRL_CMD_GETFAMILY,
        nla(CTRL_ATTR_FAMILY_NAME, name.encode() + b"\0"))
    for _, body in replies:
        for t, v in parse_nla(body[4:]):
            if t == CTRL_ATTR_FAMILY_ID:
                return struct.unpack("=H", v[:2])[0]
    raise SystemExit("family %s not found (error %d)" % (name, err))


def build_attr(spec):
    """TYPE:HEX, TYPE:u32=N, TYPE:u16=N, TYPE:str=TEXT or TYPE:{...} nested,
    where ... is a comma-separated list of the same."""
    atype, _, val = spec.partition(":")
    atype = int(atype, 0)
    if val.startswith("{") and val.endswith("}"):
        inner = split_top(val[1:-1])
        return nla(atype | NLA_F_NESTED, b"".join(build_attr(s)
                                                  for s in inner))
    if val.startswith("u32="):
        return nla(atype, struct.pack("=I", int(val[4:], 0)))
    if val.startswith("u16="):
        return nla(atype, struct.pack("=H", int(val[4:], 0)))
    if val.startswith("u8="):
        return nla(atype, struct.pack("=B", int(val[3:], 0)))
    if val.startswith("str="):
        return nla(atype, val[4:].encode() + b"\0")
    return nla(atype, bytes.fromhex(val))


def split_top(s):
    parts, depth, cur = [], 0, ""
    for ch in s:
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
            continue
        depth += ch == "{"
        depth -= ch == "}"
        cur += ch
    if cur:
        parts.append(cur)
    return parts


def in_netns(name, fn):
    """Call @fn with this thread in the network namespace @name (as "ip
    netns" names them), then come back: what @fn opens stays there."""
    import ctypes
    libc = ctypes.CDLL(None, use_errno=True)
    clone_newnet = 0x40000000
    home = os.open("/proc/self/ns/net", os.O_RDONLY)
    target = os.open("/run/netns/" + name, os.O_RDONLY)
    try:
        if libc.setns(target, clone_newnet):
            raise OSError(ctypes.get_errno(), "setns " + name)
        try:
            return fn()
        finally:
            libc.setns(home, clone_newnet)
    finally:
        os.close(target)
        os.close(home)


def cmd_genl(args):
    s = in_netns(args.netns, genl_socket) if args.netns else genl_socket()
    fam = genl_family_id(s, "hmip")
    attrs = b"".join(build_attr(a) for a in args.attr)
    err, ext, replies = genl_request(s, fam, args.cmd, attrs,
                                     version=args.version)
    out = {"error": err, "errno": os.strerror(-err) if err else "",
           "replies": len(replies)}
    out.update(ext)
    print(json.dumps(out))
    return 0


NETLINK_ROUTE = 0
RTM_NEWLINK = 16
RTM_DELLINK = 17
NLM_F_EXCL = 0x200
NLM_F_CREATE = 0x400
IFLA_IFNAME = 3
IFLA_LINKINFO = 18
IFLA_GROUP = 27
IFLA_INFO_KIND = 1
IFF_UP = 1


def nl_ack(sock):
    """The errno of the next acknowledgment on @sock (0 or negative)."""
    while True:
        data = sock.recv(65536)
        i = 0
        while i + 16 <= len(data):
            mlen, t = struct.unpack("=IH", data[i:i + 6])
            if t == NLMSG_ERROR:
                return struct.unpack("=i", data[i + 16:i + 20])[0]
            i += (mlen + 3) & ~3


def nl_msg(mtype, flags, body):
    return struct.pack("=IHHII", 16 + len(body), mtype,
                       NLM_F_REQUEST | NLM_F_ACK | flags, 0, 0) + body


def rtnl_link_msg(mtype, flags, index=0, attrs=b""):
    """An RTM_*LINK request."""
    return nl_msg(mtype, flags, struct.pack("=BBHiII", socket.AF_UNSPEC, 0,
                                            0, index, 0, 0) + attrs)


def dummy_add(sock, name, group=0, up=False):
    attrs = (nla(IFLA_IFNAME, name.encode() + b"\0") +
             nla(IFLA_LINKINFO | NLA_F_NESTED,
                 nla(IFLA_INFO_KIND, b"dummy")))
    if group:
        attrs += nla(IFLA_GROUP, struct.pack("=I", group))
    flags = IFF_UP if up else 0
    sock.send(nl_msg(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL,
                     struct.pack("=BBHiII", socket.AF_UNSPEC, 0, 0, 0,
                                 flags, flags) + attrs))
    err = nl_ack(sock)
    if err:
        raise SystemExit("cannot add dummy %s: %s" % (name, os.strerror(-err)))
    return socket.if_nametoindex(name)


def cmd_race(args):
    """Send an hmip add request (--cmd, --attr with IFINDEX standing for
    the interface) for a fresh dummy interface while another thread
    deletes that interface, --rounds times: the add checks that the
    interface exists, and its unregistration must find what the add made.
    Both requests are built beforehand and leave together (a barrier).

    By default the deletion comes after a random delay up to the time an
    add takes alone (measured first, or --delay-max-us), so that over the
    rounds it lands anywhere inside the add. With --hold N, N other dummy
    interfaces (up) are deleted at once first, one request that holds the
    RTNL a while; the deletion queues behind it, then the add is sent: it
    finds the interface, and whatever it does under the RTNL comes after
    the interface is gone. Prints the adds that succeeded and those
    refused, by errno."""
    import random
    rt = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_ROUTE)
    rt.bind((0, 0))
    hs = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_ROUTE)
    hs.bind((0, 0))
    gs = genl_socket()
    fam = genl_family_id(gs, "hmip")

    def add_msg(idx):
        attrs = b"".join(build_attr(a.replace("IFINDEX", str(idx)))
                         for a in args.attr)
        return nl_msg(fam, 0, struct.pack("=BBH", args.cmd, 1, 0) + attrs)

    delay = args.delay_max_us / 1e6
    if not delay and not args.hold:
        took = []
        for i in range(3):
            idx = dummy_add(rt, "%s%d" % (args.prefix, i))
            msg = add_msg(idx)
            t0 = time.monotonic()
            gs.send(msg)
            nl_ack(gs)
            took.append(time.monotonic() - t0)
            rt.send(rtnl_link_msg(RTM_DELLINK, 0, idx))
            nl_ack(rt)
        delay = sorted(took)[1]
    res = {"rounds": args.rounds, "added": 0, "refused": {},
           "delay_max_us": int(delay * 1e6), "hold": args.hold}
    hold_group = 4242
    hold_msg = rtnl_link_msg(RTM_DELLINK, 0, 0,
                             nla(IFLA_GROUP, struct.pack("=I", hold_group)))
    gap = args.gap_us / 1e6
    for i in range(args.rounds):
        idx = dummy_add(rt, "%s%d" % (args.prefix, i))
        for j in range(args.hold):
            dummy_add(hs, "%sh%d" % (args.prefix, j), hold_group, up=True)
        amsg = add_msg(idx)
        dmsg = rtnl_link_msg(RTM_DELLINK, 0, idx)
        go = threading.Barrier(3 if args.hold else 2)
        out = {}

        def adder():
            go.wait()
            if args.hold:
                time.sleep(2 * gap)
            gs.send(amsg)
            out["err"] = nl_ack(gs)

        def holder():
            go.wait()
            hs.send(hold_msg)
            nl_ack(hs)

        threads = [threading.Thread(target=adder)]
        if args.hold:
            threads.append(threading.Thread(target=holder))
        for t in threads:
            t.start()
        pause = gap if args.hold else random.uniform(0, delay)
        go.wait()
        time.sleep(pause)
        rt.send(dmsg)
        nl_ack(rt)
        for t in threads:
            t.join()
        if out["err"]:
            name = os.strerror(-out["err"])
            res["refused"][name] = res["refused"].get(name, 0) + 1
        else:
            res["added"] += 1
    print(json.dumps(res))
    return 0


def input_lines(args):
    """The data to read: the DATA argument when given (the peer has no
    useful stdin), standard input otherwise."""
    if args.data is not None:
        return args.data.splitlines()
    return sys.stdin.read().splitlines()


def cmd_count(args):
    n = 0
    for line in input_lines(args):
        line = line.strip()
        if not line.startswith("{"):
            continue
        r = json.loads(line)
        try:
            if eval(args.expr, {}, {"r": r}):  # noqa: S307 (test input)
                n += 1
        except (KeyError, TypeError):
            pass
    print(n)
    return 0


def cmd_get(args):
    v = json.loads("\n".join(input_lines(args)))
    for k in args.path.split("."):
        v = v[int(k)] if isinstance(v, list) else v[k]
    print(json.dumps(v) if isinstance(v, (dict, list)) else v)
    return 0


def cmd_replay(args):
    """Send one frame of a pcap file again, byte for byte, on @iface: a
    replay as an attacker on the link would send it (no scapy needed)."""
    with open(args.pcap, "rb") as f:
        data = f.read()
    magic = struct.unpack("<I", data[:4])[0]
    order = "<" if magic in (0xa1b2c3d4, 0xa1b23c4d) else ">"
    off, frames = 24, []
    while off + 16 <= len(data):
        caplen = struct.unpack(order + "IIII", data[off:off + 16])[2]
        frames.append(data[off + 16:off + 16 + caplen])
        off += 16 + caplen
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((args.iface, 0))
    s.send(frames[args.index])
    s.close()
    return 0


def cmd_na(args):
    """A Neighbour Advertisement for @target, built octet by octet so that
    its code, flags and checksum can be wrong on purpose, sent to all
    nodes (or @dst) on @iface through a packet socket: the kernel adds the
    link-layer header, nothing checks the rest."""
    src = socket.inet_pton(socket.AF_INET6, args.src)
    dst = socket.inet_pton(socket.AF_INET6, args.dst)
    flags = sum(b for n, b in (("R", 0x80), ("S", 0x40), ("O", 0x20))
                if n in args.flags)
    na = bytearray(struct.pack("!BBHB3x", ND_NA, args.code, 0, flags) +
                   socket.inet_pton(socket.AF_INET6, args.target))
    pseudo = src + dst + struct.pack("!IxxxB", len(na), IPPROTO_ICMPV6)
    csum = ~inet_sum(pseudo + bytes(na)) & 0xffff
    if args.bad_csum:
        csum ^= 0x5555
    na[2:4] = struct.pack("!H", csum)
    pkt = struct.pack("!IHBB", 6 << 28, len(na), IPPROTO_ICMPV6, 255) + \
        src + dst + bytes(na)
    mac = bytes([0x33, 0x33]) + dst[12:] if dst[0] == 0xff else \
        bytes.fromhex(args.mac.replace(":", ""))
    s = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM)
    s.sendto(pkt, (args.iface, 0x86dd, 0, 0, mac))
    s.close()
    print(json.dumps({"sent": "na", "target": args.target,
                      "code": args.code, "bad_csum": args.bad_csum}))
    return 0


def upper_layer(pkt):
    """The upper-layer protocol of an IPv6 packet: its extension headers
    (hop-by-hop, routing, destination options) walked by hand."""
    nh, off = pkt[6], 40
    while nh in (IPPROTO_HOPOPTS, IPPROTO_ROUTING, IPPROTO_DSTOPTS):
        if off + 2 > len(pkt):
            return None
        nh, off = pkt[off], off + (pkt[off + 1] + 1) * 8
    return nh


def cmd_rewrite(args):
    """An attacker on the path: the first packet from @src to @dst whose
    upper layer is @proto, heard on @iface (the test's own rule keeps the
    router from forwarding it), is sent on with @new_src as its IPv6 source
    and nothing else changed: what ESP, which leaves the IPv6 header out,
    cannot detect (RFC 4877 section 4.1). No scapy: a packet socket hears,
    a raw IPv6 socket sends the header as given."""
    src = socket.inet_pton(socket.AF_INET6, args.src)
    dst = socket.inet_pton(socket.AF_INET6, args.dst)
    lis = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
                        socket.htons(0x86dd))
    lis.bind((args.iface, 0))
    lis.settimeout(0.2)
    if args.ready:
        open(args.ready, "w").close()
    end = time.time() + args.wait
    while time.time() < end:
        try:
            frame, addr = lis.recvfrom(65535)
        except socket.timeout:
            continue
        pkt = bytearray(frame[14:])
        # addr[2], the packet type: 4 is PACKET_OUTGOING
        if addr[2] == 4 or len(pkt) < 40 or pkt[8:24] != src or \
                pkt[24:40] != dst or upper_layer(pkt) != args.proto:
            continue
        pkt[8:24] = socket.inet_pton(socket.AF_INET6, args.new_src)
        out = socket.socket(socket.AF_INET6, socket.SOCK_RAW,
                            socket.IPPROTO_RAW)
        out.sendto(bytes(pkt), (args.dst, 0))
        out.close()
        print(json.dumps({"rewritten": 1, "len": len(pkt),
                          "src": args.new_src, "proto": args.proto}))
        return 0
    print(json.dumps({"rewritten": 0}))
    return 1


def cmd_py(args):
    """Run a test's Python snippet with its words in argv, in the peer:
    no interpreter start per snippet."""
    exec(args.code, {"argv": args.args, "json": json,  # noqa: S102
                     "sys": sys, "socket": socket, "struct": struct})
    return 0


# ------------------------------------------------------------------- main

def add_addr_args(p):
    p.add_argument("--iface", required=True)
    p.add_argument("--src", required=True)
    p.add_argument("--dst", required=True)
    p.add_argument("--hao", help="Home Address option with this address")
    p.add_argument("--rh2", help="type 2 routing header with this address")
    p.add_argument("--csum", type=lambda x: int(x, 0),
                   help="put this checksum instead of the right one")
    p.add_argument("--bad-csum", action="store_true")
    p.add_argument("--trailer", type=lambda x: bytes.fromhex(x), default=b"",
                   help="bytes after the Mobility Header (hex)")
    p.add_argument("--count", type=int, default=1)
    p.add_argument("--interval", type=float, default=0.0)
    p.add_argument("--wait", type=float, default=1.0,
                   help="seconds to listen for replies after sending")
    p.add_argument("--pcap", help="save the capture here (for tshark)")
    p.add_argument("--expect", type=int,
                   help="stop listening once this many answers arrived")


def read_request(fd, buf):
    """One request from the FIFO @fd: its word count, then the words, each
    followed by a NUL. Returns the words and what was read beyond them."""
    while True:
        parts = buf.split(b"\0")
        if len(parts) > 1:
            n = int(parts[0])
            if len(parts) > n + 1:
                rest = b"\0".join(parts[n + 1:])
                return [w.decode() for w in parts[1:n + 1]], rest
        if _watch is not None:
            import select
            ready, _, _ = select.select([fd, _watch], [], [])
            if _watch in ready:
                os._exit(0)
        chunk = os.read(fd, 65536)
        if not chunk:
            raise EOFError
        buf += chunk


def cmd_serve(args):
    """Answer requests through two FIFOs in @fifo_dir, "req" and "resp"
    (lib/peer.sh makes them): scapy is imported once, which under
    emulation saves seconds per packet exchange, and the caller starts no
    process per request (a shell writes and reads FIFOs itself). A
    request is its word count and the subcommand's argv, each followed by
    a NUL; the answer is what the subcommand printed, then a line "#rc=N"
    with its exit status, then a NUL. Both FIFOs stay open read-write on
    both ends, so that neither side's open() waits for the other. Once
    the peer listens, @fifo_dir/ready holds the seconds this process
    took to get there."""
    import contextlib
    import io
    import traceback
    if not args.lazy:
        load_scapy()
    req = os.open(os.path.join(args.fifo_dir, "req"), os.O_RDWR)
    resp = os.open(os.path.join(args.fifo_dir, "resp"), os.O_RDWR)
    ready = os.path.join(args.fifo_dir, "ready")
    with open(ready + ".tmp", "w") as f:
        f.write("%.2f\n" % process_age())
    os.rename(ready + ".tmp", ready)
    pending = b""
    while True:
        argv, pending = read_request(req, pending)
        buf = io.StringIO()
        try:
            with contextlib.redirect_stdout(buf):
                rc = run_request(argv)
        except SystemExit as e:
            rc = e.code if isinstance(e.code, int) else 2
        except Exception:  # noqa: BLE001 (reported to the caller)
            buf.write(traceback.format_exc())
            rc = 1
        out = buf.getvalue().replace("\0", "")
        if out and not out.endswith("\n"):
            out += "\n"
        data = (out + "#rc=%d\n" % (rc or 0)).encode() + b"\0"
        while data:
            data = data[os.write(resp, data):]


def cmd_zygote(args):
    """Import scapy once for a whole run and fork a serving peer (as
    cmd_serve) for each request on the FIFO @dir/req: one line of tab
    separated words, the peer's FIFO directory, the network namespace to
    serve in, and the pid of the test's shell. Under the debug kernel a
    scapy import costs tens of seconds of CPU (the root filesystem is on
    9p); a fork costs a fraction of a second. The peer writes its errors
    to the test's stderr, runs in the test's working directory and ends
    with the test."""
    import signal
    import traceback
    req = os.open(os.path.join(args.dir, "req"), os.O_RDWR)
    try:
        load_scapy()
    except Exception:  # noqa: BLE001 (each peer imports it, or reports)
        traceback.print_exc()
    ready = os.path.join(args.dir, "ready")
    with open(ready + ".tmp", "w") as f:
        f.write("%.2f\n" % process_age())
    os.rename(ready + ".tmp", ready)
    # Peers are reaped by the kernel: the zygote never waits for them.
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    buf = b""
    while True:
        chunk = os.read(req, 4096)
        if not chunk:
            return 0
        buf += chunk
        while b"\n" in buf:
            line, buf = buf.split(b"\n", 1)
            words = line.decode(errors="replace").split("\t")
            if len(words) != 3:
                print("zygote: bad request %r" % line, file=sys.stderr)
                continue
            sys.stdout.flush()
            sys.stderr.flush()
            if os.fork():
                continue
            rc = 1
            try:
                os.close(req)
                rc = zygote_peer(*words)
            except BaseException:  # noqa: BLE001 (the child must not return)
                traceback.print_exc()
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(rc or 0)


def zygote_peer(fifo_dir, ns, pid):
    """A forked zygote becomes the peer of the test whose shell is @pid,
    in the network namespace @ns, serving @fifo_dir."""
    import ctypes
    import signal
    global _watch
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    os.setsid()
    # First: a test already gone leaves nothing behind.
    _watch = os.pidfd_open(int(pid))
    err = os.open("/proc/%s/fd/2" % pid, os.O_WRONLY | os.O_APPEND)
    os.dup2(err, 1)
    os.dup2(err, 2)
    os.close(err)
    null = os.open("/dev/null", os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    os.chdir(os.readlink("/proc/%s/cwd" % pid))
    libc = ctypes.CDLL(None, use_errno=True)
    target = os.open("/run/netns/" + ns, os.O_RDONLY)
    if libc.setns(target, 0x40000000):  # CLONE_NEWNET
        raise OSError(ctypes.get_errno(), "setns " + ns)
    os.close(target)
    with open(os.path.join(fifo_dir, "pid"), "w") as f:
        f.write("%d\n" % os.getpid())
    if hasattr(sc, "conf"):
        # What scapy learnt at import was the zygote's namespace.
        from scapy.interfaces import get_working_if
        sc.conf.ifaces.reload()
        sc.conf.route6.resync()
        sc.conf.iface = get_working_if()
    return cmd_serve(argparse.Namespace(fifo_dir=fifo_dir, lazy=True))


def run_request(argv):
    """One request of a serve: "--netns NS" first runs it with this
    process in the namespace NS (lib/peer.sh: peer_in), so that one scapy
    import serves every namespace of a test."""
    if argv[:1] != ["--netns"]:
        return main(argv)

    def in_ns():
        if hasattr(sc, "conf"):
            sc.conf.ifaces.reload()
        return main(argv[2:])
    try:
        return in_netns(argv[1], in_ns)
    finally:
        if hasattr(sc, "conf"):
            sc.conf.ifaces.reload()


def process_age():
    """Seconds since this process started (interpreter start-up included),
    from /proc: field 22 of stat is the start time in clock ticks after
    boot."""
    with open("/proc/self/stat") as f:
        start = int(f.read().rsplit(")", 1)[1].split()[19])
    with open("/proc/uptime") as f:
        up = float(f.read().split()[0])
    return up - start / os.sysconf("SC_CLK_TCK")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawTextHelpFormatter)
    sub = ap.add_subparsers(dest="action", required=True)

    p = sub.add_parser("mh", help="send a Mobility Header of any shape")
    add_addr_args(p)
    p.add_argument("--type", type=int, required=True)
    p.add_argument("--proto", type=int, default=IPPROTO_NONE)
    p.add_argument("--hlen", type=int, help="Header Len field")
    p.add_argument("--length", type=int,
                   help="octets actually sent (default: what hlen says)")
    p.add_argument("--body", help="message data after the 6 header octets")

    p = sub.add_parser("bu", help="send a Binding Update")
    add_addr_args(p)
    p.add_argument("--seq", type=int, default=1)
    p.add_argument("--flags", default="AM",
                   help='scapy flag letters, e.g. "AM"')
    p.add_argument("--lifetime", type=int, default=100,
                   help="in units of 4 s")
    p.add_argument("--bra", type=int, help="add a Binding Refresh Advice")
    p.add_argument("--also", action="append", metavar="SEQ:LIFETIME",
                   help="then a BU with this sequence number and lifetime "
                   "(lifetime in 4 s units)")

    p = sub.add_parser("fbu", help="send a Fast Binding Update")
    add_addr_args(p)
    p.add_argument("--seq", type=int, default=1)
    p.add_argument("--flags", type=lambda x: int(x, 0), default=0x8000,
                   help="the flags field (default A)")
    p.add_argument("--lifetime", type=int, default=100,
                   help="in units of 4 s")
    p.add_argument("--ncoa", help="Alternate Care-of Address option")

    p = sub.add_parser("fbu-hi", help="a Fast Binding Update, and the new "
                       "access router's answer to the MAP's HI")
    add_addr_args(p)
    p.add_argument("--seq", type=int, default=1)
    p.add_argument("--flags", type=lambda x: int(x, 0), default=0x8000)
    p.add_argument("--lifetime", type=int, default=100)
    p.add_argument("--ncoa", required=True)
    p.add_argument("--lla", help="the node's link-layer address (MH-LLA)")
    p.add_argument("--ar", required=True, help="the new access router")
    p.add_argument("--hack", type=int, help="answer with this code")
    p.add_argument("--fbacks", type=int, default=0,
                   help="stop once this many FBacks came (0: --expect)")
    p.add_argument("--answer", type=int, default=1,
                   help="answer the HI of this number (1: the first)")
    p.add_argument("--hack-src", help="the HAck's source (default --ar)")
    p.add_argument("--hack-seq-delta", type=int, default=0)
    p.add_argument("--esp-mn", metavar="OUT_SPI:IN_SPI:ENC_HEX:AUTH_HEX",
                   help="the FBU under this ESP SA (esp_sas())")
    p.add_argument("--esp-ar", metavar="OUT_SPI:IN_SPI:ENC_HEX:AUTH_HEX",
                   help="the HAck under this SA, the HI under the other")

    p = sub.add_parser("hack", help="send a Handover Acknowledge")
    add_addr_args(p)
    p.add_argument("--seq", type=int, required=True)
    p.add_argument("--code", type=int, default=0)
    p = sub.add_parser("hi", help="send a Handover Initiate (FMIPv6)")
    add_addr_args(p)
    p.add_argument("--seq", type=int, default=1)
    p.add_argument("--flags", default="", help='letters of "SU"')
    p.add_argument("--code", type=int, default=0)
    p.add_argument("--lla", help="the mobile node's link-layer address")
    p.add_argument("--pcoa", help="IPv6 Address option, code 1")
    p.add_argument("--ncoa", help="IPv6 Address option, code 2")
    p.add_argument("--esp", metavar="OUT_SPI:IN_SPI:ENC_HEX:AUTH_HEX",
                   help="send under ESP (AES-CBC, HMAC-SHA1-96, transport), "
                   "decrypt what comes back under IN_SPI")

    p = sub.add_parser("una", help="send an Unsolicited Neighbor "
                       "Advertisement (FMIPv6)")
    p.add_argument("--iface", required=True)
    p.add_argument("--src", required=True, help="the NCoA")
    p.add_argument("--target", help="default: the source")
    p.add_argument("--lla", required=True, help="link-layer source")
    p.add_argument("--tlla", help="Target Link-Layer Address option")
    p.add_argument("--flags", default="", help='letters of "RSO"')
    p.add_argument("--hlim", type=int, default=255)
    p.add_argument("--count", type=int, default=1)
    p.add_argument("--interval", type=float, default=0.0)
    p.add_argument("--wait", type=float, default=0.0)
    p.add_argument("--pcap")
    p.add_argument("--expect", type=int)

    p = sub.add_parser("stream", help="send numbered UDP datagrams")
    add_addr_args(p)
    p.add_argument("--sport", type=int, default=4000)
    p.add_argument("--dport", type=int, default=9)
    p.add_argument("--size", type=int, default=12, help="octets after "
                   "the number")

    p = sub.add_parser("tunnel", help="send reverse-tunnel packets")
    add_addr_args(p)
    p.add_argument("--inner-src", required=True)
    p.add_argument("--inner-dst", required=True)

    p = sub.add_parser("udp", help="send UDP, report ICMPv6 errors")
    add_addr_args(p)
    p.add_argument("--tclass", type=lambda x: int(x, 0), default=0)
    p.add_argument("--hlim", type=int, default=64)
    p.add_argument("--hbh", action="store_true",
                   help="a Hop-by-Hop Options header (padding) first")
    p.add_argument("--tel", type=int,
                   help="Tunnel Encapsulation Limit option with this limit")
    p.add_argument("--sport", type=int, default=4000)
    p.add_argument("--dport", type=int, default=9)
    p.add_argument("--size", type=int, default=16, help="payload octets")

    p = sub.add_parser("ns", help="send a Neighbour Solicitation")
    p.add_argument("--iface", required=True)
    p.add_argument("--src", default="::")
    p.add_argument("--dst", help="default: the target's solicited-node")
    p.add_argument("--target", required=True)
    p.add_argument("--count", type=int, default=1)
    p.add_argument("--interval", type=float, default=0.0)
    p.add_argument("--wait", type=float, default=1.0)
    p.add_argument("--pcap")
    p.add_argument("--expect", type=int)

    def icmp_query(name, help, src_help=None, dst_help=None):
        """An ICMPv6 query sent COUNT times, the answers reported."""
        q = sub.add_parser(name, help=help)
        q.add_argument("--iface", required=True)
        q.add_argument("--src", required=True, help=src_help)
        q.add_argument("--dst", required=True, help=dst_help)
        q.add_argument("--id", type=int, default=1)
        q.add_argument("--code", type=int, default=0)
        q.add_argument("--count", type=int, default=1)
        q.add_argument("--interval", type=float, default=0.0)
        q.add_argument("--bad-csum", action="store_true")
        q.add_argument("--wait", type=float, default=1.0)
        q.add_argument("--pcap")
        q.add_argument("--expect", type=int)
        return q

    icmp_query("haad", "send a Home Agent Address Discovery Request, "
               "report the replies")
    p = icmp_query("mps", "send a Mobile Prefix Solicitation, report the "
                   "advertisements", "the care-of address", "the home agent")
    p.add_argument("--hao", required=True, help="the home address")
    p.add_argument("--no-hao", action="store_true")
    p.add_argument("--esp", metavar="OUT_SPI:IN_SPI:ENC_HEX:AUTH_HEX",
                   help="send under ESP (AES-CBC, HMAC-SHA1-96, transport), "
                   "decrypt what comes back under IN_SPI")

    p = icmp_query("rtsolpr", "send a Router Solicitation for Proxy "
                   "Advertisement (FMIPv6), report the PrRtAdv")
    p.add_argument("--ap", action="append",
                   help="a New Access Point's link-layer address, or *")
    p.add_argument("--lla", help="the sender's link-layer address")
    p.add_argument("--hlim", type=int, default=255)

    p = icmp_query("prrtadv", "send an unsolicited Proxy Router "
                   "Advertisement (FMIPv6, network-initiated)")
    p.set_defaults(code=1, id=0)
    p.add_argument("--ap", required=True,
                   help="the new access point's link-layer address")
    p.add_argument("--nar", required=True, help="the new router's address")
    p.add_argument("--nar-lla", required=True,
                   help="the new router's link-layer address")
    p.add_argument("--prefix", required=True, help="its prefix")
    p.add_argument("--plen", type=int, default=64)

    p = sub.add_parser("describe", help="describe the packets of a pcap")
    p.add_argument("--pcap", required=True)

    p = sub.add_parser("haad-answer", help="answer a mobile node's home "
                       "agent discovery requests, good and spoiled replies")
    p.add_argument("--iface", required=True)
    p.add_argument("--src", required=True, help="the replies' source")
    p.add_argument("--addresses", required=True,
                   help="the home agents of a reply, comma-separated")
    p.add_argument("--requests", type=int, default=1,
                   help="answer the request heard this many times")
    p.add_argument("--reply", action="append", default=[],
                   choices=("good", "length", "code", "csum", "id", "empty"))
    p.add_argument("--wait", type=float, default=30.0)
    p.add_argument("--pcap")
    p.add_argument("--ready", help="create this file once listening")

    p = sub.add_parser("ra", help="capture router advertisements")
    p.add_argument("--iface")
    p.add_argument("--read", help="decode this pcap file instead")
    p.add_argument("--rs", action="store_true",
                   help="send a Router Solicitation once listening")
    p.add_argument("--wait", type=float, default=10.0)
    p.add_argument("--expect", type=int,
                   help="stop once this many advertisements arrived")
    p.add_argument("--until", help="stop once an advertisement satisfies "
                   "this Python expression over r (its JSON line)")
    p.add_argument("--pcap", help="save the capture here (for tshark)")
    p.add_argument("--ready", help="create this file once listening")

    p = sub.add_parser("ra-send", help="send a router advertisement")
    p.add_argument("--iface", required=True)
    p.add_argument("--src", required=True)
    p.add_argument("--prefix", required=True, help="PREFIX/LEN")
    p.add_argument("--router-lifetime", type=int, default=1800)
    p.add_argument("--ha-info", metavar="PREF,LIFETIME",
                   help="H flag and a Home Agent Information option")
    p.add_argument("--count", type=int, default=1,
                   help="that many, each from the next source address")
    p.add_argument("option", nargs="*",
                   help="ADDR,DIST,PREF,R,LIFETIME[,RESERVED] or raw:HEX")

    p = sub.add_parser("genl", help="raw generic netlink request")
    p.add_argument("--cmd", type=int, required=True)
    p.add_argument("--netns", help="send it from this network namespace")
    p.add_argument("--version", type=int, default=1)
    p.add_argument("--attr", action="append", default=[])

    p = sub.add_parser("race", help="add for an interface being deleted")
    p.add_argument("--cmd", type=int, required=True)
    p.add_argument("--attr", action="append", default=[],
                   help="as genl's; IFINDEX stands for the interface")
    p.add_argument("--rounds", type=int, default=30)
    p.add_argument("--prefix", default="race",
                   help="the dummy interfaces' names: PREFIX0, ...")
    p.add_argument("--delay-max-us", type=int, default=0,
                   help="default: the time one add takes alone")
    p.add_argument("--hold", type=int, default=0,
                   help="delete this many dummies first, holding the RTNL")
    p.add_argument("--gap-us", type=int, default=2000,
                   help="with --hold: between the requests")

    p = sub.add_parser("count", help="count matching JSON lines on stdin")
    p.add_argument("expr")
    p.add_argument("data", nargs="?", help="the lines (default: stdin)")

    p = sub.add_parser("get", help="a value from the JSON object on stdin")
    p.add_argument("path", help="dot-separated keys, e.g. mh_rx")
    p.add_argument("data", nargs="?", help="the object (default: stdin)")

    p = sub.add_parser("replay", help="send a frame of a pcap file again")
    p.add_argument("--iface", required=True)
    p.add_argument("--pcap", required=True)
    p.add_argument("--index", type=int, default=0)

    p = sub.add_parser("na", help="send a Neighbour Advertisement")
    p.add_argument("--iface", required=True)
    p.add_argument("--src", required=True)
    p.add_argument("--dst", default="ff02::1")
    p.add_argument("--mac", help="link-layer destination, for unicast")
    p.add_argument("--target", required=True)
    p.add_argument("--code", type=int, default=0)
    p.add_argument("--flags", default="O", help='letters of "RSO"')
    p.add_argument("--bad-csum", action="store_true")

    p = sub.add_parser("rewrite", help="send a heard packet on, new source")
    p.add_argument("--iface", required=True, help="where to hear it")
    p.add_argument("--src", required=True)
    p.add_argument("--dst", required=True)
    p.add_argument("--proto", type=int, required=True,
                   help="its upper-layer protocol (50: ESP)")
    p.add_argument("--new-src", required=True)
    p.add_argument("--wait", type=float, default=10.0)
    p.add_argument("--ready", help="create this file once listening")

    p = sub.add_parser("py", help="run Python code with argv = ARGS")
    p.add_argument("code")
    p.add_argument("args", nargs="*")

    p = sub.add_parser("serve", help="run subcommands sent through FIFOs")
    p.add_argument("--fifo-dir", required=True,
                   help="the directory of the FIFOs req and resp")
    p.add_argument("--lazy", action="store_true",
                   help="import scapy with the first packet subcommand")

    p = sub.add_parser("zygote", help="fork a serving peer per request")
    p.add_argument("--dir", required=True,
                   help="the directory of the request FIFO req")

    args = ap.parse_args(argv)
    if args.action == "serve":
        return cmd_serve(args)
    if args.action == "zygote":
        return cmd_zygote(args)
    if args.action == "genl":
        return cmd_genl(args)
    if args.action == "race":
        return cmd_race(args)
    if args.action == "count":
        return cmd_count(args)
    if args.action == "get":
        return cmd_get(args)
    if args.action == "py":
        return cmd_py(args)
    if args.action == "replay":
        return cmd_replay(args)
    if args.action == "rewrite":
        return cmd_rewrite(args)
    if args.action == "na":
        return cmd_na(args)

    load_scapy()
    if args.action == "ra":
        return cmd_ra(args)
    if args.action == "ra-send":
        return cmd_ra_send(args)
    if args.action == "haad-answer":
        return cmd_haad_answer(args)
    if args.action == "describe":
        return cmd_describe(args)
    if args.action == "fbu-hi":
        return cmd_fbu_hi(args)
    pkts = {"mh": cmd_mh, "bu": cmd_bu, "fbu": cmd_fbu, "hack": cmd_hack,
            "tunnel": cmd_tunnel, "udp": cmd_udp,
            "ns": cmd_ns, "haad": cmd_haad,
            "mps": cmd_mps, "rtsolpr": cmd_rtsolpr, "hi": cmd_hi,
            "una": cmd_una, "stream": cmd_stream,
            "prrtadv": cmd_prrtadv}[args.action](args)
    esp_in = None
    if getattr(args, "esp", None):
        sa_out, esp_in = esp_sas(args.esp)
        pkts = [sa_out.encrypt(sc.IPv6(bytes(p))) for p in pkts]
    with Exchange(args.iface, args.pcap,
                  keep_na=args.action == "ns", esp_in=esp_in) as ex:
        for i, pkt in enumerate(pkts):
            if i and args.interval:
                time.sleep(args.interval)
            ex.send(pkt)
        replies = ex.finish(args.wait, args.expect)
        # When each packet left, for tests that time the answers.
        for t in ex.sent_t:
            print(json.dumps({"kind": "sent", "t": t}))
        for r in replies:
            print(json.dumps(r, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
