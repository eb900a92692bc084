# kata: 03
# expect: lost-updates
# A sibling of race_increment_in_unmanaged_thread.py with `threading` itself: `Counter.increment` keeps the race
# (read, then write value + 1, no lock) but does it in a `threading.Thread` of its own, started and joined
# inside increment(). The Counter checks call increment() from the scheduler's threads without adopting the
# module's threads (only count_with_threads' checks do), so the helper is a thread that no scheduler manages;
# joining it is a real join, quick enough that the scheduler does not step aside. Before, both Counter checks
# passed it (each increment ran whole); only count_with_threads' checks, where the helpers are adopted and a
# thread per increment makes the exploration too long, failed it (`timeout`). Now its reads and writes of
# `value`, made while a run is under way, are strays: the run counts them and the Counter checks fail it.
import threading


class Counter:
    def __init__(self) -> None:
        self.value = 0

    def _bump(self) -> None:
        current = self.value
        self.value = current + 1  # still racy: no lock

    def increment(self) -> None:
        helper = threading.Thread(target=self._bump)
        helper.start()
        helper.join()


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
