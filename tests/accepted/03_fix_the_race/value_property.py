# Right way: `value` is a read-only property over a private field, updated under a lock.
import threading
import time


class Counter:
    def __init__(self):
        self._count = 0
        self._lock = threading.Lock()

    @property
    def value(self):
        return self._count

    def increment(self):
        with self._lock:
            seen = self._count
            time.sleep(0)
            self._count = seen + 1


def count_with_threads(n_threads, increments_per_thread):
    counter = Counter()
    threads = [threading.Thread(target=lambda: [counter.increment() for _ in range(increments_per_thread)])
               for _ in range(n_threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return counter.value
