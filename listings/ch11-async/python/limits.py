"""A bounded asyncio.Queue and a Semaphore.

Two limits: a bounded asyncio.Queue makes a fast producer wait for a slow
consumer, and a Semaphore caps how many tasks are inside a block at once."""

import asyncio
import time


async def producer(queue, log):
    for page in range(1, 6):
        started = time.perf_counter()
        await queue.put(page)  # waits while the queue holds maxsize items
        waited = time.perf_counter() - started
        log.append(f"put page {page} after waiting {waited * 1000:.0f} ms")
    await queue.put(None)  # no more pages


async def consumer(queue):
    printed = []
    while (page := await queue.get()) is not None:
        await asyncio.sleep(0.05)  # printing a page takes 50 ms
        printed.append(page)
    return printed


async def download(book, gate, counts):
    async with gate:  # at most `gate`'s value of these blocks at once
        counts["inside"] += 1
        counts["most"] = max(counts["most"], counts["inside"])
        await asyncio.sleep(0.1)
        counts["inside"] -= 1
    return book


async def main():
    queue = asyncio.Queue(maxsize=2)
    log = []
    _, printed = await asyncio.gather(producer(queue, log), consumer(queue))
    print("\n".join(log))
    print(f"printed pages {printed}")

    gate = asyncio.Semaphore(3)
    counts = {"inside": 0, "most": 0}
    started = time.perf_counter()
    books = await asyncio.gather(*(download(book, gate, counts) for book in range(10)))
    elapsed = time.perf_counter() - started
    print(f"downloaded {len(books)} books, at most {counts['most']} at once, in {elapsed:.2f} s")


asyncio.run(main())
