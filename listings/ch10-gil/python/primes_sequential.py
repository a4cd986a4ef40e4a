"""The prime count on one thread: the baseline.

Counts the primes below N by trial division. The threaded and
multiprocess versions are measured against this run."""

import sys
import time

N = int(sys.argv[1]) if len(sys.argv) > 1 else 250_000


def is_prime(n):
    if n < 2:
        return False
    divisor = 2
    while divisor * divisor <= n:
        if n % divisor == 0:
            return False
        divisor += 1
    return True


def main():
    started = time.perf_counter()
    count = sum(1 for n in range(N) if is_prime(n))
    elapsed = time.perf_counter() - started
    print(f"primes below {N}: {count}")
    print("workers: 1")
    print(f"seconds: {elapsed:.3f}")


if __name__ == "__main__":
    main()
