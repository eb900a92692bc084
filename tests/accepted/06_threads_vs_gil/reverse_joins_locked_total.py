# Right way: every thread started, then joined in reverse order; the parts summed under a lock as they come.

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
    total = 0
    lock = threading.Lock()

    def work(start: int, stop: int) -> None:
        nonlocal total
        part = sum_of_squares(start, stop)
        with lock:
            total += part

    threads = [threading.Thread(target=work, args=(a, b)) for a, b in slices]
    for thread in threads:
        thread.start()
    for thread in reversed(threads):
        thread.join()
    return total


def measure(n: int, n_threads: int) -> dict[str, float]:
    started = time.perf_counter()
    sum_of_squares(0, n)
    sequential = time.perf_counter() - started
    started = time.perf_counter()
    sum_with_threads(n, n_threads)
    threads = time.perf_counter() - started
    return {"sequential": sequential, "threads": threads}

