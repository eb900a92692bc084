# Right way: `with self.lock:` around `self.value += 1` (the time.sleep(0) dropped, the race fixed anyway).
import threading


class Counter:
    def __init__(self):
        self.value = 0
        self.lock = threading.Lock()

    def increment(self):
        with self.lock:
            self.value += 1


def count_with_threads(n_threads, increments_per_thread):
    shared = Counter()

    def worker(times):
        for _ in range(times):
            shared.increment()

    pool = [threading.Thread(target=worker, args=(increments_per_thread,)) for _ in range(n_threads)]
    [t.start() for t in pool]
    [t.join() for t in pool]
    return shared.value
