"""A blocking call stalls asyncio's one thread.

One thread runs the event loop, so a coroutine that calls time.sleep stops
every other task: a ticker that should tick every 10 ms shows how long it was
kept waiting. run_in_executor moves the blocking call to a thread."""

import asyncio
import time

TICK = 0.010


async def ticker(stop, gaps):
    last = time.perf_counter()
    while not stop.is_set():
        await asyncio.sleep(TICK)
        now = time.perf_counter()
        gaps.append(now - last)
        last = now


async def measure(name, job):
    stop, gaps = asyncio.Event(), []
    ticking = asyncio.create_task(ticker(stop, gaps))
    await asyncio.sleep(0.05)  # let it tick a few times first
    await job()
    await asyncio.sleep(0.05)
    stop.set()
    await ticking
    print(f"{name}: longest gap between ticks {max(gaps) * 1000:.0f} ms")


async def main():
    loop = asyncio.get_running_loop()

    async def time_sleep():
        time.sleep(0.2)  # blocks the thread that runs the loop

    async def asyncio_sleep():
        await asyncio.sleep(0.2)  # gives the loop back while it waits

    async def in_executor():
        await loop.run_in_executor(None, time.sleep, 0.2)  # a pool thread waits

    print(f"a ticker that should tick every {TICK * 1000:.0f} ms, while a coroutine waits 200 ms:")
    await measure("time.sleep(0.2)", time_sleep)
    await measure("await asyncio.sleep(0.2)", asyncio_sleep)
    await measure("run_in_executor(None, time.sleep)", in_executor)


asyncio.run(main())
