# expect: lost-updates
# A new Lock is created inside each call: no other thread ever sees it, so it protects nothing.
import threading
import time


class Counter:
    def __init__(self):
        self.value = 0

    def increment(self):
        with threading.Lock():
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

