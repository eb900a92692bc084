# Right way: a Condition used as the lock, a Barrier so that all threads start at once, Thread subclass.
import threading
import time


class Counter:
    def __init__(self):
        self.value = 0
        self.cond = threading.Condition()

    def increment(self):
        with self.cond:
            v = self.value
            time.sleep(0)
            self.value = v + 1


class Worker(threading.Thread):
    def __init__(self, counter, times, barrier):
        super().__init__()
        self.counter, self.times, self.barrier = counter, times, barrier

    def run(self):
        self.barrier.wait()
        for _ in range(self.times):
            self.counter.increment()


def count_with_threads(n_threads, increments_per_thread):
    counter = Counter()
    barrier = threading.Barrier(n_threads)
    workers = [Worker(counter, increments_per_thread, barrier) for _ in range(n_threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return counter.value
