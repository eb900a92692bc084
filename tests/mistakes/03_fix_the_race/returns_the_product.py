# expect: lost-updates
# count_with_threads returns n_threads * increments without counting; the racy Counter is left as it was.
import threading
import time


class Counter:
    def __init__(self):
        self.value = 0

    def increment(self):
        current = self.value
        time.sleep(0)
        self.value = current + 1


def count_with_threads(n_threads, increments_per_thread):
    return n_threads * increments_per_thread
