# expect: lost-updates
# A lock per thread (threading.local): each thread only ever waits for itself, so nothing is shared and nothing
# is protected.
import threading
import time


class Counter:
    def __init__(self):
        self.value = 0
        self._mine = threading.local()

    def _lock(self):
        if not hasattr(self._mine, "lock"):
            self._mine.lock = threading.Lock()
        return self._mine.lock

    def increment(self):
        with self._lock():
            current = self.value
            time.sleep(0)
            self.value = current + 1


def count_with_threads(n_threads, increments_per_thread):
    counter = Counter()
    threads = [threading.Thread(target=lambda: [counter.increment() for _ in range(increments_per_thread)])
               for _ in range(n_threads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return counter.value
