# Right way: measure keeps the best of three runs of each version; results gathered with a lock.
import threading
import time


def sum_of_squares(start: int, stop: int) -> int:
    total = 0
    for i in range(start, stop):
        total += i * i
    return total


def sum_with_threads(n, n_threads):
    size, extra = divmod(n, n_threads)
    total = [0]
    lock = threading.Lock()

    def work(a, b):
        s = sum_of_squares(a, b)
        with lock:
            total[0] += s

    threads, start = [], 0
    for k in range(n_threads):
        stop = start + size + (k < extra)
        threads.append(threading.Thread(target=work, args=(start, stop)))
        start = stop
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return total[0]


def measure(n, n_threads):
    best_seq = best_thr = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        sum_of_squares(0, n)
        best_seq = min(best_seq, time.perf_counter() - t0)
        t0 = time.perf_counter()
        sum_with_threads(n, n_threads)
        best_thr = min(best_thr, time.perf_counter() - t0)
    return {"sequential": best_seq, "threads": best_thr}
