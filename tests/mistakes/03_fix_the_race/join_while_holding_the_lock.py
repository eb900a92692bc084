# expect: deadlock
# count_with_threads holds the lock its workers need while it joins them: nobody can move.
import threading
import time

LOCK = threading.Lock()


class Counter:
    def __init__(self):
        self.value = 0

    def increment(self):
        with LOCK:
            current = self.value
            time.sleep(0)
            self.value = current + 1


def count_with_threads(n_threads, increments_per_thread):
    counter = Counter()

    def work():
        for _ in range(increments_per_thread):
            counter.increment()

    with LOCK:  # "protect" the whole count
        threads = [threading.Thread(target=work) for _ in range(n_threads)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return counter.value
