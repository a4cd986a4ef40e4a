"""Where the time goes: downloads, then arithmetic, each timed.

Downloads some books from a slow local server, then does some arithmetic,
one step after another, and times each part."""

import http.server
import os
import threading
import time
import urllib.request

BOOKS = 10
LATENCY = 0.100  # seconds the server waits before it answers
PRIMES_BELOW = 100_000  # Python is slower than Rust: a smaller job
SQUARES_UP_TO = 1_000_000


class SlowBookServer(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        time.sleep(LATENCY)  # a server far away, or a busy one
        book_id = self.path.removeprefix("/books/")
        if not book_id.isdigit():
            self.send_error(404)
            return
        body = f"book {book_id}: the thread waits for the lock\n".encode() * 70
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass  # one line per request would drown the timings


def is_prime(n):
    if n < 2:
        return False
    divisor = 2
    while divisor * divisor <= n:
        if n % divisor == 0:
            return False
        divisor += 1
    return True


def main():
    # Port 0: the system picks a free port. A daemon thread does not keep
    # the program alive once main() returns.
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), SlowBookServer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base_url = f"http://127.0.0.1:{server.server_address[1]}/books/"
    # Talk to 127.0.0.1 directly, even if a proxy is configured.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    started = time.perf_counter()
    size = 0
    for book_id in range(BOOKS):
        with opener.open(f"{base_url}{book_id}", timeout=5) as response:
            size += len(response.read())
    waiting = time.perf_counter() - started
    print(f"downloaded {BOOKS} books, {size} bytes")

    started = time.perf_counter()
    squares = sum(k * k for k in range(1, SQUARES_UP_TO + 1))
    primes = sum(1 for n in range(PRIMES_BELOW) if is_prime(n))
    computing = time.perf_counter() - started
    print(f"sum of squares up to {SQUARES_UP_TO}: {squares}")
    print(f"primes below {PRIMES_BELOW}: {primes}")

    total = waiting + computing
    print()
    print("where the time went:")
    print(f"  waiting for the network: {waiting:.2f} s ({waiting / total:.0%})")
    print(f"  computing:               {computing:.2f} s ({computing / total:.0%})")
    print(f"  total:                   {total:.2f} s")
    print()
    print(f"cores: {os.cpu_count()}")


if __name__ == "__main__":
    main()
