"""Kata 04 — reference solution."""

import multiprocessing


def sum_of_squares(start: int, stop: int) -> int:
    total = 0
    for i in range(start, stop):
        total += i * i
    return total


def slices(n: int, workers: int) -> list[tuple[int, int]]:
    """`workers` consecutive (start, stop) ranges that cover 0..n-1 exactly once."""
    size, extra = divmod(n, workers)
    bounds, start = [], 0
    for k in range(workers):
        stop = start + size + (1 if k < extra else 0)  # the first `extra` slices take one more number
        bounds.append((start, stop))
        start = stop
    return bounds


def parallel_sum_of_squares(n: int, workers: int) -> int:
    # sum_of_squares is defined at the top level of the module: a worker started with spawn imports this
    # module again and finds it by name. One slice per process: few, big messages.
    with multiprocessing.Pool(workers) as pool:
        return sum(pool.starmap(sum_of_squares, slices(n, workers)))


if __name__ == "__main__":
    import time

    n, workers = 10_000_000, multiprocessing.cpu_count()
    started = time.perf_counter()
    expected = sum_of_squares(0, n)
    print(f"one loop:              {time.perf_counter() - started:.2f} s")
    started = time.perf_counter()
    result = parallel_sum_of_squares(n, workers)
    print(f"{workers} processes:           {time.perf_counter() - started:.2f} s  (same result: {result == expected})")
