#!/usr/bin/env python3
"""Benchmark (not a test): how long "Run from the page" takes from the click
to the first line of output, for a listing that is already built.

Starts `workbook serve` (the binary cargo built, target/debug/workbook) on a
free port, reads the token from the address it prints, and sends the request
the Run button sends (POST /__threadwork/run?listing=FILE with the token
header and the cookie the printed address sets). It times, from sending the
request, the first byte of the answer and the first line of the listing's
own output ("out"); the first request builds the listing if needed and is
reported apart, as "warm-up". Prints one line per run and the median, with
`nproc` and the load average. Figures go in CONTRIBUTING.md ("Run from the
page").

    python3 benches/run_latency.py [RUNS] [LISTING]
    (defaults: 10, listings/ch02-threads/src/bin/spawn_join.rs)

Build the tool first: `cargo build -p workbook`.
"""

import json
import os
import re
import socket
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(port, method, target, headers):
    """Sends one request; yields (seconds since sending, line) for each line
    of the (chunked) answer as it arrives."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=120)
    head = f"{method} {target} HTTP/1.1\r\n" + "".join(
        f"{k}: {v}\r\n" for k, v in headers.items()
    )
    start = time.monotonic()
    sock.sendall((head + "Content-Length: 0\r\n\r\n").encode())
    buffer = b""
    with sock:
        while True:
            data = sock.recv(65536)
            if not data:
                break
            buffer += data
            while b"\n" in buffer:
                line, buffer = buffer.split(b"\n", 1)
                yield time.monotonic() - start, line.decode("utf-8", "replace")


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    listing = sys.argv[2] if len(sys.argv) > 2 else "listings/ch02-threads/src/bin/spawn_join.rs"
    exe = os.path.join(ROOT, "target", "debug", "workbook")
    if not os.path.exists(exe):
        sys.exit("run_latency.py: build the tool first: cargo build -p workbook")
    port = free_port()
    server = subprocess.Popen(
        [exe, "serve", "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        token = None
        deadline = time.monotonic() + 120
        while token is None and time.monotonic() < deadline:
            line = server.stdout.readline()
            if not line:
                break
            found = re.search(r"\?token=([0-9a-f]+)", line)
            if found:
                token = found.group(1)
        if token is None:
            sys.exit("run_latency.py: serve printed no address with a token")
        host = f"127.0.0.1:{port}"
        headers = {
            "Host": host,
            "Origin": f"http://{host}",
            "X-Threadwork-Token": token,
            "Cookie": f"threadwork_token_{port}={token}",
        }
        target = "/__threadwork/run?listing=" + listing.replace("/", "%2F")
        rows = []
        for index in range(runs + 1):
            first_byte = first_out = None
            end = None
            for seconds, line in request(port, "POST", target, headers):
                if first_byte is None:
                    first_byte = seconds
                if not line.startswith("{"):
                    continue
                event = json.loads(line)
                if "out" in event and first_out is None:
                    first_out = seconds
                if "end" in event:
                    end = event
            if first_out is None:
                sys.exit(f"run_latency.py: no output from {listing}: {end}")
            label = "warm-up" if index == 0 else f"run {index}"
            print(
                f"{label:8} first byte {first_byte * 1000:7.1f} ms   "
                f"first line {first_out * 1000:7.1f} ms   end {end}"
            )
            if index > 0:
                rows.append(first_out)
        load = open("/proc/loadavg").read().split()[:3]
        print(
            f"{listing}: median click-to-first-line {statistics.median(rows) * 1000:.1f} ms "
            f"(min {min(rows) * 1000:.1f}, max {max(rows) * 1000:.1f}) over {runs} runs; "
            f"nproc {os.cpu_count()}, load {' '.join(load)}"
        )
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
