"""asyncio's first moves.

A coroutine object that waits to be awaited, a task that runs without being
awaited, gather and as_completed, and two ways to put a deadline on a wait."""

import asyncio
import time

STARTED = time.perf_counter()


def clock():
    return f"{time.perf_counter() - STARTED:.2f} s"


async def nap(name, seconds):
    print(f"  {name}: body starts at {clock()}")
    await asyncio.sleep(seconds)
    return name


async def main():
    # Calling an `async def` function runs none of its body: it returns an
    # object that describes the work.
    coroutine = nap("coroutine", 0.05)
    print(f"nap() returned a {type(coroutine).__name__} object at {clock()}")
    await asyncio.sleep(0.1)
    print(f"0.1 s later nothing has run; now await it at {clock()}")
    print("awaited:", await coroutine)

    # create_task hands the coroutine to the event loop, which starts it the
    # next time main() waits, whether or not anyone awaits the task.
    task = asyncio.create_task(nap("task", 0.05))
    print(f"created a task at {clock()}")
    await asyncio.sleep(0.1)
    print(f"task.done() = {task.done()} without ever awaiting it")

    # gather runs them together and returns results in the order given.
    started = time.perf_counter()
    results = await asyncio.gather(nap("300 ms", 0.3), nap("100 ms", 0.1), nap("200 ms", 0.2))
    print(f"gather: {results} in {time.perf_counter() - started:.2f} s")

    # as_completed yields them in the order they finish.
    finished = []
    for next_done in asyncio.as_completed([nap(f"{ms} ms", ms / 1000) for ms in (300, 100, 200)]):
        finished.append(await next_done)
    print(f"as_completed: {finished}")

    # A deadline: wait_for cancels the awaited work when time runs out...
    try:
        await asyncio.wait_for(nap("wait_for", 1.0), timeout=0.1)
    except TimeoutError:
        print(f"wait_for: TimeoutError at {clock()}")
    # ...and so does the `asyncio.timeout` block (Python 3.11 and later).
    try:
        async with asyncio.timeout(0.1):
            await nap("timeout block", 1.0)
    except TimeoutError:
        print(f"asyncio.timeout: TimeoutError at {clock()}")


asyncio.run(main())
