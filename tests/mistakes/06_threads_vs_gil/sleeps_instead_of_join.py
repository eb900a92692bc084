# expect: not-joined
# Waits for the threads with a sleep "long enough" for 1000 numbers instead of join().
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

    for k, (a, b) in enumerate(slices(n, n_threads)):
        threading.Thread(target=work, args=(k, a, b)).start()
    time.sleep(0.12 + n * 1e-6)
    return sum(parts)


def measure(n, n_threads):
    t0 = time.perf_counter()
    sum_of_squares(0, n)
    t1 = time.perf_counter()
    sum_with_threads(n, n_threads)
    t2 = time.perf_counter()
    return {"sequential": t1 - t0, "threads": t2 - t1}

