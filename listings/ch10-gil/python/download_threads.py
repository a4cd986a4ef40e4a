"""Ten downloads, in turn and on threads: waiting lets go of the GIL.

Waiting does not need the GIL: ten downloads from a local server that
takes 100 ms to answer each request, first one after another, then on one
thread per book. The program starts the server itself, on 127.0.0.1."""

import http.server
import threading
import time
import urllib.request

BOOKS = 10
LATENCY = 0.100  # seconds the server sleeps before each answer


class SlowServer(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        time.sleep(LATENCY)
        body = f"the text of {self.path}\n".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass  # keep the output to the timings


class Server(http.server.ThreadingHTTPServer):
    # One thread per request, so requests never queue behind each other, and
    # room for every connection at once (the default backlog is 5; when it is
    # full, a new connection's SYN is dropped, and the client resends it only
    # after about a second).
    request_queue_size = 64


def download(opener, url, sizes, slot):
    with opener.open(url, timeout=5) as response:
        sizes[slot] = len(response.read())  # each thread writes its own slot


def main():
    server = Server(("127.0.0.1", 0), SlowServer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    urls = [f"http://127.0.0.1:{server.server_address[1]}/books/{i}" for i in range(BOOKS)]
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # no proxy

    sizes = [0] * BOOKS
    started = time.perf_counter()
    for slot, url in enumerate(urls):
        download(opener, url, sizes, slot)
    one_by_one = time.perf_counter() - started

    sizes = [0] * BOOKS
    started = time.perf_counter()
    threads = [
        threading.Thread(target=download, args=(opener, url, sizes, slot))
        for slot, url in enumerate(urls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    on_threads = time.perf_counter() - started
    server.shutdown()

    print(f"books: {BOOKS}, each answered after {LATENCY * 1000:.0f} ms")
    print(f"all {sum(1 for size in sizes if size > 0)} books arrived on the threads")
    print(f"one after another: {one_by_one:.2f} s = {one_by_one / LATENCY:.1f} latencies")
    print(f"one thread per book: {on_threads:.2f} s = {on_threads / LATENCY:.1f} latencies")


if __name__ == "__main__":
    main()
