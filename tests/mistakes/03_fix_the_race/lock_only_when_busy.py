# expect: lost-updates
# Check-then-act: takes the lock only when it looks busy. Two threads that both see it free both skip it, and
# both read the same value.
import threading
import time


class Counter:
    def __init__(self):
        self.value = 0
        self._lock = threading.Lock()

    def increment(self):
        if self._lock.locked():
            with self._lock:
                self.value = self.value + 1
        else:
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
