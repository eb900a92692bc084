# Right way: ThreadPoolExecutor(max_workers=n_threads) over ceil-sized slices; perf_counter_ns.
import threading
import time


def sum_of_squares(start: int, stop: int) -> int:
    total = 0
    for i in range(start, stop):
        total += i * i
    return total


from concurrent.futures import ThreadPoolExecutor


def sum_with_threads(n, n_threads):
    size = -(-n // n_threads)
    bounds = [(min(k * size, n), min((k + 1) * size, n)) for k in range(n_threads)]
    with ThreadPoolExecutor(max_workers=n_threads) as pool:
        return sum(pool.map(lambda b: sum_of_squares(*b), bounds))


def measure(n, n_threads):
    t0 = time.perf_counter_ns()
    sum_of_squares(0, n)
    t1 = time.perf_counter_ns()
    sum_with_threads(n, n_threads)
    t2 = time.perf_counter_ns()
    return {"sequential": (t1 - t0) / 1e9, "threads": (t2 - t1) / 1e9}
