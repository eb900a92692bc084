"""Kata 06 — reference solution."""

import threading
import time


def sum_of_squares(start: int, stop: int) -> int:
    """Given: the sum of i * i for i in range(start, stop), computed by a plain Python loop."""
    total = 0
    for i in range(start, stop):
        total += i * i
    return total


def sum_with_threads(n: int, n_threads: int) -> int:
    size, extra = divmod(n, n_threads)
    slices, start = [], 0
    for k in range(n_threads):
        stop = start + size + (1 if k < extra else 0)
        slices.append((start, stop))
        start = stop
    partial = [0] * n_threads

    def work(k: int, start: int, stop: int) -> None:
        partial[k] = sum_of_squares(start, stop)

    threads = [threading.Thread(target=work, args=(k, a, b)) for k, (a, b) in enumerate(slices)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(partial)


def measure(n: int, n_threads: int) -> dict[str, float]:
    started = time.perf_counter()
    sum_of_squares(0, n)
    sequential = time.perf_counter() - started
    started = time.perf_counter()
    sum_with_threads(n, n_threads)
    threads = time.perf_counter() - started
    return {"sequential": sequential, "threads": threads}


if __name__ == "__main__":
    n, n_threads = 3_000_000, 4
    print("same result:", sum_with_threads(n, n_threads) == sum_of_squares(0, n))
    times = measure(n, n_threads)
    print(f"sequential: {times['sequential']:.2f} s   {n_threads} threads: {times['threads']:.2f} s")
