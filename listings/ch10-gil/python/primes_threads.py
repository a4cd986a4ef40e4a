"""The prime count on one thread per core.

The same count on one thread per core. Each thread takes every k-th
block of numbers, so that no thread gets only the big, slow ones."""

import os
import sys
import threading
import time

N = int(sys.argv[1]) if len(sys.argv) > 1 else 250_000
BLOCK = 10_000


def is_prime(n):
    if n < 2:
        return False
    divisor = 2
    while divisor * divisor <= n:
        if n % divisor == 0:
            return False
        divisor += 1
    return True


def count_blocks(first_block, step, results, slot):
    count = 0
    for start in range(first_block * BLOCK, N, step * BLOCK):
        count += sum(1 for n in range(start, min(start + BLOCK, N)) if is_prime(n))
    results[slot] = count  # each thread writes only its own slot


def main():
    workers = os.cpu_count() or 1
    results = [0] * workers
    started = time.perf_counter()
    threads = [
        threading.Thread(target=count_blocks, args=(w, workers, results, w))
        for w in range(workers)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    print(f"primes below {N}: {sum(results)}")
    print(f"workers: {workers}")
    print(f"seconds: {elapsed:.3f}")


if __name__ == "__main__":
    main()
