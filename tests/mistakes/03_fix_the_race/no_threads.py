# expect: no-threads
# The Counter is fixed, but count_with_threads does all the work in the calling thread.
import threading
import time


class Counter:
    def __init__(self):
        self.value = 0
        self._lock = threading.Lock()

    def increment(self):
        with self._lock:
            current = self.value
            time.sleep(0)
            self.value = current + 1


def count_with_threads(n_threads, increments_per_thread):
    counter = Counter()
    for _ in range(n_threads * increments_per_thread):
        counter.increment()
    return counter.value
