# expect: not-joined
# Joins only the last thread started, as if it were the last to finish.
import threading
import time


def sum_of_squares(start, stop):
    total = 0
    for i in range(start, stop):
        total += i * i
    return total


def slices(n, n_threads):
    size, extra = divmod(n, n_threads)
    out, start = [], 0
    for k in range(n_threads):
        stop = start + size + (1 if k < extra else 0)
        out.append((start, stop))
        start = stop
    return out


def sum_with_threads(n, n_threads):
    parts = [0] * n_threads

    def work(k, a, b):
        parts[k] = sum_of_squares(a, b)

    threads = [threading.Thread(target=work, args=(k, a, b)) for k, (a, b) in enumerate(slices(n, n_threads))]
    for t in threads:
        t.start()
    threads[-1].join()
    return sum(parts)


def measure(n, n_threads):
    t0 = time.perf_counter()
    sum_of_squares(0, n)
    t1 = time.perf_counter()
    sum_with_threads(n, n_threads)
    t2 = time.perf_counter()
    return {"sequential": t1 - t0, "threads": t2 - t1}

