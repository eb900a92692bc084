# Right way: acquire() and release() in try/finally, the stub's time.sleep(0) kept inside.
import threading
import time


class Counter:
    def __init__(self):
        self.value = 0
        self._mutex = threading.Lock()

    def increment(self):
        self._mutex.acquire()
        try:
            current = self.value
            time.sleep(0)
            self.value = current + 1
        finally:
            self._mutex.release()


def count_with_threads(n_threads, increments_per_thread):
    counter = Counter()
    threads = []
    for i in range(n_threads):
        t = threading.Thread(target=lambda: [counter.increment() for _ in range(increments_per_thread)],
                             name=f"worker-{i}")
        t.start()
        threads.append(t)
    for t in threads:
        t.join()
    return counter.value
