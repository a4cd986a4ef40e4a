"""Workers on one queue, with task_done() and join().

Three workers share one queue. task_done() and join() let the main
thread wait until every job is finished while the workers live on; one
None per worker stops them at the end."""

import queue
import threading
import time

jobs = queue.Queue()
finished = []
finished_lock = threading.Lock()


def worker():
    while True:
        image = jobs.get()
        if image is None:
            jobs.task_done()
            return
        time.sleep(0.01 * image)  # resizing image n takes n × 10 ms
        with finished_lock:
            finished.append(image)
        jobs.task_done()  # one call for every get(), or join() waits for ever


workers = [threading.Thread(target=worker) for _ in range(3)]
for w in workers:
    w.start()

for image in range(1, 7):
    jobs.put(image)
jobs.join()  # returns once task_done() has matched every put()
alive = sum(w.is_alive() for w in workers)
print(f"join() returned: {len(finished)} of 6 jobs done, {alive} workers still alive")

for image in range(7, 10):
    jobs.put(image)
jobs.join()
print(f"join() returned again: {len(finished)} of 9 jobs done")

for _ in workers:
    jobs.put(None)  # one sentinel per worker: each stops at the first it gets
for w in workers:
    w.join()
print(f"all workers stopped; every job done once: {sorted(finished) == list(range(1, 10))}")
