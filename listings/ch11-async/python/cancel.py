"""Cancelling in asyncio.

Cancelling in asyncio: cancel() throws CancelledError into the task at the
await where it waits, the task may clean up, and a TaskGroup cancels the
rest of its tasks when one of them fails."""

import asyncio


async def worker(name, seconds, log):
    try:
        log.append(f"{name}: waiting {seconds} s")
        await asyncio.sleep(seconds)
        log.append(f"{name}: finished")
    except asyncio.CancelledError:
        log.append(f"{name}: CancelledError raised at its await; cleaning up")
        raise  # let the cancellation finish; swallowing it would hide it
    finally:
        log.append(f"{name}: finally block ran")


async def failing(log):
    await asyncio.sleep(0.05)
    log.append("failing: raising ValueError")
    raise ValueError("bad page")


async def main():
    log = []
    task = asyncio.create_task(worker("cancelled", 10, log))
    await asyncio.sleep(0.05)
    task.cancel()  # only a request: it takes effect when the task next runs
    try:
        await task
    except asyncio.CancelledError:
        log.append(f"main: awaiting the task raised CancelledError; cancelled() = {task.cancelled()}")
    print("\n".join(log))

    log = []
    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(worker("sibling", 10, log))
            group.create_task(failing(log))
    except* ValueError as errors:
        log.append(f"main: TaskGroup raised {[str(e) for e in errors.exceptions]}")
    print("\n".join(log))


asyncio.run(main())
