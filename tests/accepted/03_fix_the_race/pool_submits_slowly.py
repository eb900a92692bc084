# Right way: a thread pool whose tasks are submitted one by one with a pause between them. Each task is short,
# so without care a pool would hand every task to its first worker, idle again by the next submit; the
# checker must still see the work spread over several threads, whatever the machine's timing.
import threading
from concurrent.futures import ThreadPoolExecutor


class Counter:
    def __init__(self):
        self.value = 0
        self._lock = threading.Lock()

    def increment(self):
        with self._lock:
            self.value = self.value + 1


def count_with_threads(n_threads, increments_per_thread):
    counter = Counter()

    def work():
        for _ in range(increments_per_thread):
            counter.increment()

    with ThreadPoolExecutor(max_workers=n_threads) as pool:
        futures = []
        for _ in range(n_threads):
            futures.append(pool.submit(work))
            threading.Event().wait(0.05)  # a pause the scheduler cannot see: the first task is long done
        for future in futures:
            future.result()
    return counter.value
