"""Many waiters: Python threads against asyncio tasks.

The Rust listing's 2,000 waits of 100 ms, once as threading.Thread and once
as asyncio tasks, with the wall time and the memory (resident set, from
/proc, so Linux only) each waiter added while all of them waited. With
--rows it prints the rows for the Rust listing's table instead."""

import asyncio
import os
import platform
import sys
import threading
import time

WAITERS = 2_000
WAIT = 0.1  # seconds


def resident_kib():
    """This process's resident memory in KiB, from /proc (Linux); 0 elsewhere."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def per_waiter(before, during, count):
    return max(during - before, 0) / count


async def with_tasks(count):
    before = resident_kib()
    started = time.perf_counter()
    waiters = [asyncio.create_task(asyncio.sleep(WAIT)) for _ in range(count)]
    await asyncio.sleep(0)  # every task runs to its sleep, and each one waits
    during = resident_kib()
    await asyncio.gather(*waiters)
    return time.perf_counter() - started, per_waiter(before, during, count)


def with_threads(count):
    """Like the Rust listing; returns None when a thread could not start."""
    before = resident_kib()
    started = time.perf_counter()
    all_started = threading.Barrier(count + 1)

    def wait():
        try:
            all_started.wait()
        except threading.BrokenBarrierError:
            return  # not every thread could start: give up
        time.sleep(WAIT)

    waiters = []
    try:
        for _ in range(count):
            waiter = threading.Thread(target=wait)
            waiter.start()  # RuntimeError when the system has no thread to give
            waiters.append(waiter)
    except RuntimeError:
        all_started.abort()  # frees the threads already waiting at the barrier
        for waiter in waiters:
            waiter.join()
        return len(waiters), None
    all_started.wait()  # every thread exists now, and each one waits
    during = resident_kib()
    for waiter in waiters:
        waiter.join()
    return count, (time.perf_counter() - started, per_waiter(before, during, count))


def measure():
    """The rows (name, waiters, seconds, KiB per waiter) and notes about them."""
    notes = []
    task_time, task_kib = asyncio.run(with_tasks(WAITERS))
    rows = [("asyncio tasks", WAITERS, task_time, task_kib)]
    count = WAITERS
    while count > 0:
        started, result = with_threads(count)
        if result is not None:
            rows.insert(0, ("Python threads", count, *result))
            break
        count = started // 2
        notes.append(f"only {started} threads could start; measuring {count} instead")
    if count == 0:
        notes.append("no thread could start: the Python threads row is left out")
    return rows, notes


def main():
    rows, notes = measure()
    version = f"Python {platform.python_version()}"
    if "--rows" in sys.argv[1:]:
        # For the Rust listing: tab-separated, one row or note a line.
        print(f"version\t{version}")
        for name, count, seconds, kib in rows:
            print(f"row\t{name}\t{seconds:.4f}\t{kib:.2f}")
        for note in notes:
            print(f"note\t{note}")
        return
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    machine = f"{platform.machine()} {sys.platform}, {cores} cores"
    print(f"{WAITERS} waiters, each waiting {WAIT * 1000:.0f} ms; {machine}; {version}")
    print("| waiters as     | wall time | memory per waiter |")
    print("|----------------|-----------|-------------------|")
    for name, count, seconds, kib in rows:
        print(f"| {name:<14} | {seconds:7.3f} s | {kib:11.1f} KiB |")
    for note in notes:
        print(note)
    if len(rows) == 2:
        (_, _, thread_time, thread_kib), (_, _, task_time, task_kib) = rows
        print(f"wall time, Python threads / asyncio tasks: {thread_time / task_time:.1f}")
        ratio = thread_kib / max(task_kib, 0.1)
        print(f"memory per waiter, Python threads / asyncio tasks: {ratio:.0f}")


if __name__ == "__main__":
    try:
        main()
        if sys.stdout is not None:  # None when started with stdout closed
            sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly. Point stdout at
        # /dev/null so that Python's own flush at exit cannot fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
