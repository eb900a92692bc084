"""Kata 06 — threads against the GIL.

`sum_of_squares` is given: keep it as it is. It is pure Python arithmetic: CPU-bound work, no waiting.
Write `sum_with_threads`, which shares that work between several threads, and `measure`, which times it
against the plain loop. Then look at the numbers and read why threads do not help here.
Read README.md (or README.fr.md) for the whole exercise, then run `kata check 06`.
"""

import threading
import time


def sum_of_squares(start: int, stop: int) -> int:
    """Given: the sum of i * i for i in range(start, stop), computed by a plain Python loop."""
    total = 0
    for i in range(start, stop):
        total += i * i
    return total


def sum_with_threads(n: int, n_threads: int) -> int:
    """The sum of i * i for i in range(n), computed by `n_threads` threads: cut range(n) into `n_threads`
    slices that cover it exactly once, let each thread call sum_of_squares(start, stop) on its slice, all
    threads at the same time, join them, and return the total."""
    raise NotImplementedError("write sum_with_threads()")


def measure(n: int, n_threads: int) -> dict[str, float]:
    """Measure, in seconds of wall-clock time, how long sum_of_squares(0, n) takes, then how long
    sum_with_threads(n, n_threads) takes. Return {"sequential": <seconds>, "threads": <seconds>}."""
    raise NotImplementedError("write measure()")


if __name__ == "__main__":
    n, n_threads = 3_000_000, 4
    print("same result:", sum_with_threads(n, n_threads) == sum_of_squares(0, n))
    times = measure(n, n_threads)
    print(f"sequential: {times['sequential']:.2f} s   {n_threads} threads: {times['threads']:.2f} s")
