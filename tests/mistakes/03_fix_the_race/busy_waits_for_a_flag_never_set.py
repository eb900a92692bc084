# expect: timeout
# The workers spin until a "go" flag is set, but count_with_threads only sets it after joining them: each side
# waits for the other, one of them burning CPU for ever.
import threading
import time

go = False


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
    global go
    counter = Counter()

    def work():
        while not go:
            pass
        for _ in range(increments_per_thread):
            counter.increment()

    threads = [threading.Thread(target=work) for _ in range(n_threads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    go = True
    return counter.value
