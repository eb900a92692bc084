# kata: 03
# expect: lost-updates
# A sibling of race_increment_in_unmanaged_thread.py: `Counter.increment` keeps the race (read, then write
# value + 1, no lock) but hands it to a worker of a thread pool made when the file is loaded, before any check
# runs, and waits for its result. The pool's worker is a `threading` thread, but started by concurrent.futures
# from a thread that no scheduler manages: it is not adopted, and the scheduler cannot switch threads in it.
# The wait for a result this quick is too short for the scheduler to step aside, so under the scheduler each
# increment would run whole while the managed caller keeps the turn. Its reads and writes of `value`, made
# while a run is under way, are strays: the run counts them and kata 03's Counter checks fail it.
import threading
from concurrent.futures import ThreadPoolExecutor

_POOL = ThreadPoolExecutor(max_workers=2, thread_name_prefix="counter")


class Counter:
    def __init__(self) -> None:
        self.value = 0

    def _bump(self) -> None:
        current = self.value
        self.value = current + 1  # still racy: no lock

    def increment(self) -> None:
        _POOL.submit(self._bump).result()


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
