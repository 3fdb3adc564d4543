#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Traffic for the data-plane tests: a TCP transfer whose bytes are
compared end to end, and a numbered UDP stream whose losses are counted.

  xfer.py tcp-recv --addr A --port P --out FILE     (prints "ready")
  xfer.py tcp-send --addr A --port P --file FILE [--rate KBPS] [--src S]
  xfer.py tcp-feed --addr A --port P --ctl FIFO [--src S]
  xfer.py udp-recv --addr A --port P --count N --timeout S [--log FILE]
  xfer.py udp-send --addr A --port P --count N [--size B] [--src S]
                   [--rate PPS] [--log FILE]

tcp-feed holds one connection open and sends each file named on a line
written to FIFO, until the line "end" (for a connection kept across
moves).

udp-recv prints how many distinct datagrams of the N arrived; with --log
it writes a line "TIME SEQ" per datagram (TIME: seconds since the epoch,
as bash's $EPOCHREALTIME), for the demo's pictures; udp-send's --log
writes the same line per datagram, just before it is sent.
"""
import argparse
import errno
import socket
import sys
import time


def tcp_recv(a):
    srv = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind((a.addr, a.port))
    srv.listen(1)
    srv.settimeout(a.timeout)
    print("ready", flush=True)
    conn, _ = srv.accept()
    # A connection that breaks ends the transfer, not the test.
    conn.settimeout(a.timeout)
    with conn, open(a.out, "wb") as f:
        while True:
            chunk = conn.recv(65536)
            if not chunk:
                break
            f.write(chunk)
            f.flush()
    return 0


def connect(a):
    """A TCP connection to a.addr, a.port. An ICMPv6 error for the SYN
    fails a connect at once; one came so, cause not found, before the
    move in a debug-kernel run of mn_handover. The connect is not what a
    test measures, so on EHOSTUNREACH or ENETUNREACH it is tried again,
    a second apart, up to 5 times, each retry said on stderr (the
    test's log), where a recurrence shows."""
    for tries in range(6):
        s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
        if a.src:
            s.bind((a.src, 0))
        s.settimeout(a.timeout)
        try:
            s.connect((a.addr, a.port))
            return s
        except OSError as e:
            s.close()
            if tries == 5 or e.errno not in (errno.EHOSTUNREACH,
                                             errno.ENETUNREACH):
                raise
            print("xfer.py: connect: %s, again in 1 s" % e.strerror,
                  file=sys.stderr, flush=True)
            time.sleep(1)


def tcp_send(a):
    s = connect(a)
    with open(a.file, "rb") as f:
        data = f.read()
    step = 16384
    start = time.time()
    for off in range(0, len(data), step):
        s.sendall(data[off:off + step])
        if a.rate:
            # Paced, so that a handover test can move in the middle.
            due = start + (off + step) / (a.rate * 1024.0)
            delay = due - time.time()
            if delay > 0:
                time.sleep(delay)
    s.shutdown(socket.SHUT_WR)
    # The receiver closes once it has everything.
    s.recv(1)
    s.close()
    return 0


def tcp_feed(a):
    s = connect(a)
    print("connected", flush=True)
    # Opened again after each writer: a writer's end left open in the
    # shell would be inherited by every process it starts.
    done = False
    while not done:
        with open(a.ctl) as ctl:
            for line in ctl:
                if line.strip() == "end":
                    done = True
                    break
                with open(line.strip(), "rb") as f:
                    s.sendall(f.read())
    s.shutdown(socket.SHUT_WR)
    s.recv(1)
    s.close()
    return 0


def udp_recv(a):
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
    s.bind((a.addr, a.port))
    print("ready", flush=True)
    seen = set()
    log = open(a.log, "w") if a.log else None
    s.settimeout(a.timeout)
    try:
        while len(seen) < a.count:
            data = s.recv(65536)
            seq = int.from_bytes(data[:4], "big")
            seen.add(seq)
            if log:
                log.write("%.6f %d\n" % (time.time(), seq))
    except socket.timeout:
        pass
    if log:
        log.close()
    print(len(seen))
    return 0


def udp_send(a):
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    if a.src:
        s.bind((a.src, 0))
    pad = bytes(max(0, a.size - 4))
    log = open(a.log, "w") if a.log else None
    start = time.monotonic()
    for i in range(a.count):
        if log:
            log.write("%.6f %d\n" % (time.time(), i))
        s.sendto(i.to_bytes(4, "big") + pad, (a.addr, a.port))
        if a.rate:
            # --rate: datagrams per second, on a fixed schedule
            delay = start + (i + 1) / a.rate - time.monotonic()
            if delay > 0:
                time.sleep(delay)
        elif i % 20 == 19:
            # A steady stream, not a burst that any queue would drop.
            time.sleep(0.01)
    if log:
        log.close()
    return 0


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    for name in ("tcp-recv", "tcp-send", "tcp-feed", "udp-recv",
                 "udp-send"):
        p = sub.add_parser(name)
        p.add_argument("--addr", required=True)
        p.add_argument("--port", type=int, required=True)
        p.add_argument("--src")
        p.add_argument("--out")
        p.add_argument("--file")
        p.add_argument("--rate", type=float, default=0)
        p.add_argument("--count", type=int, default=0)
        p.add_argument("--size", type=int, default=200)
        p.add_argument("--timeout", type=float, default=600)
        p.add_argument("--log")
        p.add_argument("--ctl")
    a = ap.parse_args()
    return {"tcp-recv": tcp_recv, "tcp-send": tcp_send,
            "tcp-feed": tcp_feed, "udp-recv": udp_recv,
            "udp-send": udp_send}[a.cmd](a)


if __name__ == "__main__":
    sys.exit(main())
