#!/usr/bin/env python3
"""The host side of the network benchmark (bench/net/measure.sh): talks to bench_net.c's
services through QEMU's hostfwd ports on 127.0.0.1. Every wait is bounded; prints one line
of figures per command, or "error: ..." and exits 1.
    host.py udp-flood PORT SIZE SECONDS RATE   datagrams to the UDP sink at RATE/s for
                                               SECONDS, then its count ("STAT")
    host.py udp-echo PORT SIZE N TIMEOUT       N round trips to the UDP echo, one at a time,
                                               after 10 not counted: the first counted starts
                                               with 'B', the last with 'E' (the trace markers)
    host.py tcp-send PORT BYTES TIMEOUT        BYTES to the TCP sink, then the end of stream
    host.py tcp-recv PORT TIMEOUT              the TCP source's stream, to its end
    host.py control PORT IPERF_PORT            asks for an lwiperf client to IPERF_PORT"""
import socket
import sys
import time


def fail(msg):
    print("error: " + msg)
    sys.exit(1)


def udp_flood(port, size, seconds, rate):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(2)
    data = b"x" * size
    sent = 0
    start = time.time()
    # bursts of a millisecond's worth, paced, so that the sender takes no more of the host
    # than the rate needs
    burst = max(1, rate // 1000)
    while time.time() - start < seconds:
        for _ in range(burst):
            try:
                s.sendto(data, ("127.0.0.1", port))
                sent += 1
            except OSError:
                pass
        ahead = start + sent / rate - time.time()
        if ahead > 0:
            time.sleep(ahead)
    elapsed = time.time() - start
    time.sleep(1)
    for _ in range(10):
        s.sendto(b"STAT", ("127.0.0.1", port))
        try:
            reply = s.recv(100).split()
            break
        except socket.timeout:
            continue
    else:
        fail("no answer to STAT from the UDP sink")
    got, nbytes, ms = int(reply[0]), int(reply[1]), int(reply[2])
    print("sent %d in %.2f s (%.0f/s); received %d in %d ms; %d bytes" %
          (sent, elapsed, sent / elapsed, got, ms, nbytes))


def udp_echo(port, size, n, timeout):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(timeout)
    pad = b"." * (size - 1)
    kinds = [b"w"] * 10 + [b"B"] + [b"c"] * (n - 2) + [b"E"]
    start = None
    for i, k in enumerate(kinds):
        if i == 10:
            start = time.time()
        data = k + pad
        s.sendto(data, ("127.0.0.1", port))
        try:
            back = s.recv(65536)
        except socket.timeout:
            fail("datagram %d of %d not echoed within %d s" % (i, len(kinds), timeout))
        if back != data:
            fail("datagram %d echoed wrong: %d bytes" % (i, len(back)))
    elapsed = time.time() - start
    print("%d round trips of %d-byte datagrams in %.3f s: %.0f/s" % (n, size, elapsed, n / elapsed))


def tcp_send(port, nbytes, timeout):
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    start = time.time()
    chunk = bytes(range(256)) * 256
    left = nbytes
    while left > 0:
        s.sendall(chunk[:min(left, len(chunk))])
        left -= min(left, len(chunk))
    s.shutdown(socket.SHUT_WR)
    if s.recv(1) != b"":
        fail("the TCP sink sent data")
    s.close()
    print("%d bytes sent in %.3f s" % (nbytes, time.time() - start))


def tcp_recv(port, timeout):
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    start = time.time()
    got = 0
    while True:
        b = s.recv(65536)
        if not b:
            break
        got += len(b)
    s.close()
    print("%d bytes received in %.3f s" % (got, time.time() - start))


def control(port, iperf_port):
    s = socket.create_connection(("127.0.0.1", port), timeout=30)
    s.sendall(b"%d\n" % iperf_port)
    reply = s.recv(100).decode(errors="replace").strip()
    s.close()
    if reply != "started":
        fail("control: " + reply)
    print(reply)


def main(a):
    try:
        if a[0] == "udp-flood" and len(a) == 5:
            udp_flood(int(a[1]), int(a[2]), float(a[3]), int(a[4]))
        elif a[0] == "udp-echo" and len(a) == 5:
            udp_echo(int(a[1]), int(a[2]), int(a[3]), float(a[4]))
        elif a[0] == "tcp-send" and len(a) == 4:
            tcp_send(int(a[1]), int(a[2]), float(a[3]))
        elif a[0] == "tcp-recv" and len(a) == 3:
            tcp_recv(int(a[1]), float(a[2]))
        elif a[0] == "control" and len(a) == 3:
            control(int(a[1]), int(a[2]))
        else:
            fail("usage: see host.py's docstring")
    except OSError as e:
        fail("%s: %s" % (a[0], e))


main(sys.argv[1:])
