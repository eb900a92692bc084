# kata: 03
# expect: lost-updates
# Found while closing race_increment_in_unmanaged_thread.py, the other way round: `Counter.increment` keeps the
# race (read, then write value + 1, no lock, no `time.sleep(0)`), and each counter's first increment waits
# 0.3 s on an Event that nobody sets, a wait the scheduler cannot see: it steps aside (`passthrough`) and the
# threads run free to their end. It passed kata 03 whole, 10/10: free threads switch only every 5 ms of the
# GIL's interval, so a bare read-modify-write almost never loses an update. Now, after a step aside, a watched
# read or write lets the other threads run first (`time.sleep(0)`, checker/child/races.py), as the stub's
# own sleep does: the threads that run free meanwhile overwrite each other's writes on every run.
import threading


class Counter:
    def __init__(self) -> None:
        self.value = 0
        self._started = False

    def increment(self) -> None:
        if not self._started:
            self._started = True
            threading.Event().wait(0.3)  # a wait the scheduler cannot see: it steps aside
        current = self.value
        self.value = current + 1  # racy


def count_with_threads(n_threads: int, increments_per_thread: int) -> int:
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
