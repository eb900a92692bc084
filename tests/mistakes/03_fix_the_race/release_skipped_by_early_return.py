# expect: deadlock
# acquire() then release() by hand, but an early return skips the release: the lock stays taken.
import threading
import time


class Counter:
    def __init__(self):
        self.value = 0
        self._lock = threading.Lock()

    def increment(self):
        self._lock.acquire()
        current = self.value
        time.sleep(0)
        self.value = current + 1
        if self.value == 30:  # a "special case" that returns early
            return
        self._lock.release()

def count_with_threads(n_threads, increments_per_thread):
    counter = Counter()

    def work():
        for _ in range(increments_per_thread):
            counter.increment()

    threads = [threading.Thread(target=work) for _ in range(n_threads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return counter.value

