"""Graceful shutdown in Python on SIGTERM or SIGINT.

Graceful shutdown: a thread waits for SIGTERM or SIGINT with sigwait and
sets a threading.Event; main stops accepting work, the workers drain the
queue, and the file is flushed before exit. (Unix only: sigwait.)"""

import os
import queue
import signal
import tempfile
import threading
import time

WORKERS = 4

stop = threading.Event()
received = []


STOP_SIGNALS = {signal.SIGTERM, signal.SIGINT}


def wait_for_stop_signal():
    # An ordinary thread, not a signal handler: it sleeps in sigwait until
    # one of the blocked signals is pending, takes it, and sets the event
    # the way any thread may.
    signum = signal.sigwait(STOP_SIGNALS)
    received.append(signal.Signals(signum).name)
    stop.set()


def worker(jobs, out, out_lock):
    while True:
        record = jobs.get()
        if record is None:  # the sentinel: no more work
            return
        time.sleep(0.025)  # handling a record takes time
        with out_lock:
            out.write(f"record {record}\n")


def main():
    # Block the signals before any thread starts: threads inherit the mask,
    # so no thread is interrupted by them and no handler runs. They stay
    # pending until the waiting thread takes them. For SIGINT this also means
    # Ctrl-C raises no KeyboardInterrupt at some random line of main.
    signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    threading.Thread(target=wait_for_stop_signal, daemon=True).start()

    path = os.path.join(tempfile.gettempdir(), f"ch07-service-{os.getpid()}.py.txt")
    out = open(path, "w")
    out_lock = threading.Lock()
    jobs = queue.Queue()
    workers = [
        threading.Thread(target=worker, args=(jobs, out, out_lock))
        for _ in range(WORKERS)
    ]
    for w in workers:
        w.start()

    # Stands in for a service manager that stops the program after 0.5 s.
    threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGTERM)).start()

    accepted = 0
    while not stop.is_set():
        accepted += 1
        jobs.put(accepted)
        stop.wait(0.01)  # the next record arrives 10 ms later
    print(f"main: {received[0]} set the stop flag")
    print(f"main: accepted {accepted} records, and no more")

    for _ in workers:
        jobs.put(None)  # one sentinel per worker, after the real work
    for w in workers:
        w.join()
    out.close()  # flushes
    with open(path) as f:
        records = len(f.readlines())
    print(f"main: flushed {records} records; exiting with status 0")
    os.remove(path)


if __name__ == "__main__":
    main()
