# Right way: a class-level lock, futures waited for, the thread pool left open (its idle threads stay alive).
import threading
from concurrent.futures import ThreadPoolExecutor, wait


class Counter:
    lock = threading.Lock()

    def __init__(self):
        self.value = 0

    def increment(self):
        with Counter.lock:
            self.value = self.value + 1


def count_with_threads(n_threads, increments_per_thread):
    counter = Counter()
    pool = ThreadPoolExecutor(n_threads)
    done, _ = wait([pool.submit(lambda: [counter.increment() for _ in range(increments_per_thread)])
                    for _ in range(n_threads)])
    for future in done:
        future.result()
    return counter.value
