"""A producer and a consumer sharing a bounded queue.Queue.

A producer and a consumer sharing a queue.Queue(maxsize=5): put() waits
while the queue is full, and a None at the end tells the consumer to stop."""

import queue
import threading
import time

start = time.monotonic()
print_lock = threading.Lock()  # so that two threads' lines never mix


def say(text):
    with print_lock:
        print(f"[{(time.monotonic() - start) * 1000:4.0f} ms] {text}")


jobs = queue.Queue(maxsize=5)


def consumer():
    time.sleep(0.3)  # busy elsewhere before it takes its first job
    taken = 0
    while True:
        job = jobs.get()
        if job is None:  # the sentinel: no more jobs are coming
            break
        taken += 1
        say(f"consumer: took {job}")
        time.sleep(0.05)
    say(f"consumer: got None, stopping after {taken} jobs")


worker = threading.Thread(target=consumer)
worker.start()
for job in range(1, 9):
    jobs.put(job)  # waits while 5 jobs are in the queue
    say(f"producer: put {job}")
jobs.put(None)
say("producer: put None")
worker.join()
