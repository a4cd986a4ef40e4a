"""concurrent.futures: submit, map, as_completed, and a task that raises.

concurrent.futures in four moves: submit and result, map, as_completed,
and a task that raises."""

import time
from concurrent.futures import ThreadPoolExecutor, as_completed


def square_sum(n):
    return sum(k * k for k in range(1, n + 1))


def nap(ms):
    time.sleep(ms / 1000)
    return ms


def page_count(text):
    return int(text)  # raises ValueError on "many"


with ThreadPoolExecutor(max_workers=4) as pool:
    # submit returns a Future at once; result() waits for the value.
    future = pool.submit(square_sum, 1000)
    print("submit/result:", future.result())

    # map gives the results in the order of the inputs...
    print("map:", list(pool.map(nap, [300, 100, 200])))

    # ...as_completed in the order the tasks finish.
    futures = {pool.submit(nap, ms): ms for ms in [300, 100, 200]}
    print("as_completed:", [f.result() for f in as_completed(futures)])

    # An exception stays inside its future until result() raises it again.
    pages = [pool.submit(page_count, text) for text in ["312", "many", "45"]]
    for text, future in zip(["312", "many", "45"], pages):
        try:
            print(f"page_count({text!r}) =", future.result())
        except ValueError as error:
            print(f"page_count({text!r}) raised ValueError: {error}")
# Leaving the `with` block waits for every task: shutdown(wait=True).
print("pool shut down")
