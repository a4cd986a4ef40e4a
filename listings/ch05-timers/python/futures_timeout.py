"""concurrent.futures with a timeout: keep what finished, report the rest."""

import time
from concurrent.futures import ThreadPoolExecutor, TimeoutError, as_completed, wait

JOBS = [("thumbnail", 0.05), ("checksum", 0.08), ("transcode", 0.8), ("preview", 0.12)]


def job(name, seconds):
    time.sleep(seconds)
    return name


start = time.monotonic()
with ThreadPoolExecutor(max_workers=4) as pool:
    futures = {pool.submit(job, name, seconds): name for name, seconds in JOBS}

    # as_completed hands out futures as they finish, and raises
    # TimeoutError when the deadline (counted from this call) passes.
    try:
        for future in as_completed(futures, timeout=0.3):
            print(f"as_completed: {future.result()} done")
    except TimeoutError:
        print(f"as_completed: TimeoutError at {time.monotonic() - start:.2f} s")

    # wait() splits them into done and not done instead of raising.
    done, not_done = wait(futures, timeout=0)
    print(f"wait: done {sorted(futures[f] for f in done)}")
    print(f"wait: not done {sorted(futures[f] for f in not_done)}")
    print(f"leaving the with block at {time.monotonic() - start:.2f} s")
# Leaving it shut the pool down, which waits for jobs still running.
print(f"left the with block at {time.monotonic() - start:.2f} s")

# executor.map keeps input order, so its timeout (also counted from the
# call) trips on the first late result, although a later one is done.
start = time.monotonic()
with ThreadPoolExecutor(max_workers=2) as pool:
    results = pool.map(job, ["slow", "quick"], [0.4, 0.05], timeout=0.2)
    yielded = []
    try:
        for name in results:
            yielded.append(name)
    except TimeoutError:
        print(f"map: TimeoutError at {time.monotonic() - start:.2f} s, yielded {yielded}")
print(f"map: (the quick job needs 0.05 s); the pool shut down at {time.monotonic() - start:.2f} s")
