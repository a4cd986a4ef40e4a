"""The dining philosophers in Python: deadlock, then lock ordering.

The dining philosophers in Python: a certain deadlock, detected with
timed acquires, and lock ordering as the fix."""

import threading
import time

PHILOSOPHERS = 5
MEALS = 20
PATIENCE = 0.5  # seconds a philosopher waits for the second fork


def forks_of(philosopher):
    return philosopher, (philosopher + 1) % PHILOSOPHERS


def left_then_right():
    forks = [threading.Lock() for _ in range(PHILOSOPHERS)]
    all_holding_left = threading.Barrier(PHILOSOPHERS)
    all_done_waiting = threading.Barrier(PHILOSOPHERS)
    stuck = {}

    def philosopher(me):
        left, right = forks_of(me)
        with forks[left]:
            all_holding_left.wait()
            # acquire(timeout=...) returns False instead of waiting forever.
            if forks[right].acquire(timeout=PATIENCE):
                forks[right].release()
            else:
                stuck[me] = (left, right)
            all_done_waiting.wait()

    threads = [threading.Thread(target=philosopher, args=(p,)) for p in range(PHILOSOPHERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return stuck


def lower_fork_first():
    forks = [threading.Lock() for _ in range(PHILOSOPHERS)]
    meals = [0] * PHILOSOPHERS

    def philosopher(me):
        first, second = sorted(forks_of(me))
        for _ in range(MEALS):
            with forks[first]:
                time.sleep(0.001)
                with forks[second]:
                    time.sleep(0.001)
                    meals[me] += 1

    threads = [threading.Thread(target=philosopher, args=(p,)) for p in range(PHILOSOPHERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return meals


stuck = left_then_right()
holder = {held: p for p, (held, _) in stuck.items()}
for p, (held, wanted) in sorted(stuck.items()):
    print(f"philosopher {p} holds fork {held}, gave up on fork {wanted}, held by philosopher {holder[wanted]}")
print(f"deadlock: {len(stuck)} of {PHILOSOPHERS} philosophers stuck in a circle")
print(f"lower-numbered fork first: meals eaten {lower_fork_first()}")
