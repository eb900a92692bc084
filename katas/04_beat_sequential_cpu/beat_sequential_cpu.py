"""Kata 04 — beat the sequential loop on the CPU.

Split the work of `sum_of_squares` between several processes so that it finishes sooner than one loop.
Read README.md (or README.fr.md) for the whole exercise, then run `kata check 04`.
"""

import multiprocessing


def sum_of_squares(start: int, stop: int) -> int:
    """Given (keep it): the sum of i*i for i in range(start, stop), one number at a time, in pure Python.
    Pure CPU work: while it runs, its thread holds the GIL."""
    total = 0
    for i in range(start, stop):
        total += i * i
    return total


def parallel_sum_of_squares(n: int, workers: int) -> int:
    """Return the sum of i*i for i in range(n), computed in `workers` processes.

    Cut range(n) into `workers` slices that cover 0, 1, ..., n-1 exactly once, have each process sum the
    squares of one slice, and add up their answers. It must also work with the `spawn` start method."""
    raise NotImplementedError("write parallel_sum_of_squares()")


if __name__ == "__main__":
    import time

    n, workers = 10_000_000, multiprocessing.cpu_count()
    started = time.perf_counter()
    expected = sum_of_squares(0, n)
    print(f"one loop:              {time.perf_counter() - started:.2f} s")
    started = time.perf_counter()
    result = parallel_sum_of_squares(n, workers)
    print(f"{workers} processes:           {time.perf_counter() - started:.2f} s  (same result: {result == expected})")
