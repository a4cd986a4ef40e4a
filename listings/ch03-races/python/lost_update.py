"""Four threads add 1 to a shared counter, two ways, and count what was lost."""

import platform
import threading
import time

THREADS = 4
counter = 0


def add_in_one_statement(times):
    global counter
    for _ in range(times):
        counter += 1


def read_pause_write(times):
    global counter
    for _ in range(times):
        seen = counter  # read
        time.sleep(0)  # pause: another thread may run now
        counter = seen + 1  # write back what this thread saw, plus one


def run(label, add, times):
    global counter
    counter = 0
    threads = [threading.Thread(target=add, args=(times,)) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    expected = THREADS * times
    print(f"{label}, {times} times per thread: expected {expected}, counted {counter}")
    print(f"  lost by {label}: {expected - counter}")


print(f"{platform.python_implementation()} {platform.python_version()}, {THREADS} threads")
run("counter += 1", add_in_one_statement, 1_000_000)
run("read, pause, write back", read_pause_write, 10_000)
