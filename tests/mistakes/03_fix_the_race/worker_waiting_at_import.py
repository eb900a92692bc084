# expect: leaked-thread
# Right counter and count, but loading the file starts a non-daemon "worker" that waits for jobs on a queue
# nobody ever feeds: run as a program, the file never exits.
import queue
import threading
import time

jobs: "queue.Queue[object]" = queue.Queue()


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

    threads = [threading.Thread(target=work) for _ in range(n_threads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return counter.value


def _serve():
    while True:
        job = jobs.get()
        job()


threading.Thread(target=_serve, name="job-worker").start()
