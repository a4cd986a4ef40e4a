"""Count the primes below 200,000 with a pool of two worker processes."""

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
    # Under the spawn and forkserver start methods (forkserver is Linux's
    # default from Python 3.14), each worker imports this file to find
    # `count_primes`, and there `__name__` is not "__main__". Without this
    # guard, every worker would try to start a pool of its own, and fail
    # with RuntimeError.
    step = LIMIT // JOBS
    jobs = [(i * step, (i + 1) * step) for i in range(JOBS)]
    with Pool(processes=2) as pool:
        counts = pool.map(count_primes, jobs)
    print(f"jobs: {JOBS}, workers: 2")
    print(f"primes below {LIMIT:,}: {sum(counts)}")
    print(f"sequential: {count_primes((0, LIMIT))}")
