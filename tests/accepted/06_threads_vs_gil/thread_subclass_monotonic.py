# Right way: a Thread subclass keeping its partial sum; measured with time.monotonic.
import threading
import time


def sum_of_squares(start: int, stop: int) -> int:
    total = 0
    for i in range(start, stop):
        total += i * i
    return total


class Part(threading.Thread):
    def __init__(self, start, stop):
        super().__init__()
        self.bounds, self.total = (start, stop), 0

    def run(self):
        self.total = sum_of_squares(*self.bounds)


def sum_with_threads(n, n_threads):
    edges = [n * k // n_threads for k in range(n_threads + 1)]
    parts = [Part(edges[k], edges[k + 1]) for k in range(n_threads)]
    for p in parts:
        p.start()
    for p in parts:
        p.join()
    return sum(p.total for p in parts)


def _timed(func, *args):
    start = time.monotonic()
    func(*args)
    return time.monotonic() - start


def measure(n, n_threads):
    return {"threads": _timed(sum_with_threads, n, n_threads), "sequential": _timed(sum_of_squares, 0, n)}
