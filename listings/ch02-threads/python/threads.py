"""Threads in Python: arguments, names, joining, and getting results back."""

import threading
from concurrent.futures import ThreadPoolExecutor


def sum_of_squares(first, last):
    return sum(n * n for n in range(first, last + 1))


# One thread, with arguments and a name. join() waits, but the value that
# sum_of_squares returned is thrown away: join() itself returns None.
squares = threading.Thread(target=sum_of_squares, args=(1, 1000), name="squares")
squares.start()
print(f"join() returned {squares.join()!r}")

# The usual workaround: each thread writes its result somewhere shared.
results = {}


def worker(index, first, last):
    me = threading.current_thread().name
    results[index] = (me, sum_of_squares(first, last))


workers = [
    threading.Thread(target=worker, args=(i, i * 250 + 1, i * 250 + 250), name=f"worker-{i}")
    for i in range(4)
]
for w in workers:
    w.start()
for w in workers:
    w.join()
for index in sorted(results):
    name, total = results[index]
    print(f"{name} stored {total}")
print(f"total: {sum(total for _, total in results.values())}")

# concurrent.futures does hand results back: Future.result() waits for one.
with ThreadPoolExecutor(max_workers=4) as pool:
    futures = [pool.submit(sum_of_squares, i * 250 + 1, i * 250 + 250) for i in range(4)]
    print(f"futures: {[f.result() for f in futures]}")


# Subclassing Thread: the object carries its own work and its own result.
class WordCounter(threading.Thread):
    def __init__(self, title, text):
        super().__init__(name=f"counter: {title}")
        self.title = title
        self.text = text
        self.words = None

    def run(self):
        self.words = len(self.text.split())


counter = WordCounter("Salt", "Salt and pepper")
counter.start()
counter.join()
print(f"{counter.name} counted {counter.words} words")
try:
    counter.start()
except RuntimeError as error:
    print(f"starting it again: RuntimeError: {error}")
