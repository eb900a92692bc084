# Right way: a @synchronized decorator whose wrapper closes over one lock for the whole class (no attribute names
# the lock: the checks find it in the closure and model it).
import functools
import threading


def synchronized(method):
    lock = threading.Lock()

    @functools.wraps(method)
    def wrapper(*args, **kwargs):
        with lock:
            return method(*args, **kwargs)
    return wrapper


class Counter:
    def __init__(self):
        self.value = 0

    @synchronized
    def increment(self):
        current = self.value
        self.value = current + 1


def count_with_threads(n_threads, increments_per_thread):
    counter = Counter()

    def work():
        for _ in range(increments_per_thread):
            counter.increment()

    threads = [threading.Thread(target=work) for _ in range(n_threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return counter.value
