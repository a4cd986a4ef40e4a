"""Count primes below 2,000,000 with a pool of worker processes."""

from multiprocessing import Pool


def is_prime(n):
    if n < 2:
        return False
    d = 2
    while d * d <= n:
        if n % d == 0:
            return False
        d += 1
    return True


def count_primes(job):
    start, end = job
    return sum(1 for n in range(start, end) if is_prime(n))


LIMIT = 200_000
JOBS = 8

if __name__ == "__main__":
    # Without this guard, every worker that re-imports this file to find
    # `count_primes` would start a pool of its own.
    step = LIMIT // JOBS
    jobs = [(i * step, (i + 1) * step) for i in range(JOBS)]
    with Pool(processes=2) as pool:
        counts = pool.map(count_primes, jobs)
    print(f"jobs: {JOBS}, workers: 2")
    print(f"primes below {LIMIT:,}: {sum(counts)}")
    print(f"sequential: {count_primes((0, LIMIT))}")
