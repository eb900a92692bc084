# Right way: one module-level RLock, the work spread with a ThreadPoolExecutor.
import threading
import time
from concurrent.futures import ThreadPoolExecutor

_LOCK = threading.RLock()


class Counter:
    def __init__(self):
        self.value = 0

    def increment(self):
        with _LOCK:
            current = self.value
            time.sleep(0)
            self.value = current + 1


def _work(counter, times):
    for _ in range(times):
        counter.increment()


def count_with_threads(n_threads, increments_per_thread):
    counter = Counter()
    with ThreadPoolExecutor(max_workers=n_threads) as pool:
        futures = [pool.submit(_work, counter, increments_per_thread) for _ in range(n_threads)]
        for future in futures:
            future.result()
    return counter.value
