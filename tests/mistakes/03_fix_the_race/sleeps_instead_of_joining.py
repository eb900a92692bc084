# expect: wrong-result
# A sleep "long enough" instead of join(): on a quiet machine the threads are often done by then, on a busy
# one they are not. A sleep waits for nothing: the value is read whatever the threads have done.
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

    def work():
        for _ in range(increments_per_thread):
            counter.increment()

    for _ in range(n_threads):
        threading.Thread(target=work).start()
    time.sleep(0.5)
    return counter.value
