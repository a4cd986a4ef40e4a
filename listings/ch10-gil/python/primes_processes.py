"""The prime count on one process per core.

The same count on one process per core. Each process has its own
interpreter and its own GIL; the blocks go out and the counts come back
pickled through pipes."""

import multiprocessing
import os
import sys
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


def count_block(start):
    return sum(1 for n in range(start, min(start + BLOCK, N)) if is_prime(n))


def main():
    workers = os.cpu_count() or 1
    started = time.perf_counter()  # starting the processes is part of the cost
    with multiprocessing.Pool(workers) as pool:
        count = sum(pool.map(count_block, range(0, N, BLOCK)))
    elapsed = time.perf_counter() - started
    print(f"primes below {N}: {count}")
    print(f"workers: {workers}")
    print(f"seconds: {elapsed:.3f}")


if __name__ == "__main__":
    main()
