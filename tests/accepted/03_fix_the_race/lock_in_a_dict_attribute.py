# Right way: the lock kept in a dict the counter holds (`self._sync["lock"]`): the checks find it there and model it.
import threading


class Counter:
    def __init__(self):
        self.value = 0
        self._sync = {"lock": threading.Lock()}

    def increment(self):
        with self._sync["lock"]:
            current = self.value
            self.value = current + 1


def count_with_threads(n_threads, increments_per_thread):
    counter = Counter()
    threads = [threading.Thread(target=lambda: [counter.increment() for _ in range(increments_per_thread)])
               for _ in range(n_threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return counter.value
