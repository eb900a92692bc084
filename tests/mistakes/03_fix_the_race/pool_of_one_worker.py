# expect: no-threads
# The Counter is fixed, but the thread pool has a single worker: every task runs in that one thread, one
# after another, so nothing ever runs concurrently.
import threading
from concurrent.futures import ThreadPoolExecutor


class Counter:
    def __init__(self):
        self.value = 0
        self._lock = threading.Lock()

    def increment(self):
        with self._lock:
            self.value = self.value + 1


def count_with_threads(n_threads, increments_per_thread):
    counter = Counter()

    def work():
        for _ in range(increments_per_thread):
            counter.increment()

    with ThreadPoolExecutor(max_workers=1) as pool:
        for future in [pool.submit(work) for _ in range(n_threads)]:
            future.result()
    return counter.value
