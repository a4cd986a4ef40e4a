"""Python's locks: with-blocks, Condition, Semaphore and Barrier.

Locks in Python: a with-block, an exception inside one, a Condition,
a Semaphore and a Barrier."""

import threading
import time

# A lock is held for the length of a with-block, and released at its end,
# however the block ends.
stock = {"warehouse": 100, "shop": 0}
stock_lock = threading.Lock()


def move_crates(label):
    with stock_lock:
        stock["warehouse"] -= 10
        stock["shop"] += int(label)  # raises ValueError for "ten"


def report(failure):
    # A one-line report instead of the full traceback.
    print(f"{failure.thread.name} died: {failure.exc_type.__name__}: {failure.exc_value}")


threading.excepthook = report
mover = threading.Thread(target=move_crates, args=("ten",), name="mover")
mover.start()
mover.join()
# The with-block released the lock as the exception left it. The half-done
# move is there for the next thread to see, and nothing warns it.
print(f"lock is free again: {stock_lock.acquire(blocking=False)}")
print(f"after the failed move: {stock}, total {sum(stock.values())}")
stock_lock.release()

# Condition: sleep until something is true, re-checked on every wake-up.
counter = []
counter_changed = threading.Condition()


def baker():
    for loaf in range(1, 4):
        time.sleep(0.05)
        with counter_changed:
            counter.append(f"loaf {loaf}")
            print(f"baker: {len(counter)} on the counter")
            counter_changed.notify()


with counter_changed:
    print("assistant: waiting for 3 loaves")
    threading.Thread(target=baker).start()
    counter_changed.wait_for(lambda: len(counter) >= 3)
    print(f"assistant: woke up to {len(counter)} loaves")

# Semaphore: at most 2 of these 5 threads inside at once.
seats = threading.Semaphore(2)
inside = 0
most_inside = 0
count_lock = threading.Lock()


def diner():
    global inside, most_inside
    with seats:
        with count_lock:
            inside += 1
            most_inside = max(most_inside, inside)
        time.sleep(0.02)
        with count_lock:
            inside -= 1


diners = [threading.Thread(target=diner) for _ in range(5)]
for d in diners:
    d.start()
for d in diners:
    d.join()
print(f"semaphore of 2: at most {most_inside} diners inside at once")

# Barrier: nobody passes until all have arrived.
everyone_has_counted = threading.Barrier(4)
log = []


def worker(number):
    time.sleep(0.02 * number)
    log.append(f"worker {number}: counted its share")
    everyone_has_counted.wait()
    log.append(f"worker {number}: adding up")


workers = [threading.Thread(target=worker, args=(n,)) for n in range(1, 5)]
for w in workers:
    w.start()
for w in workers:
    w.join()
phase_one_first = all("counted" in line for line in log[:4])
print(f"barrier: all 4 counted before anyone added up: {phase_one_first}")
