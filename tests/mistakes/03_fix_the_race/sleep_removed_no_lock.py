# expect: lost-updates
# The time.sleep(0) is deleted and no lock added: += is still a read then a write, the race is only hidden.
import threading


class Counter:
    def __init__(self):
        self.value = 0

    def increment(self):
        self.value += 1

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

