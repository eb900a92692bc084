# kata: 03
# expect: tampered
# Replaces the race probe's forced switch and the leak finder (checker modules outside the old hand-written
# list), found through sys.modules without an import line, then counts with no lock.
import sys
import threading

races = sys.modules.get("checker.child.races")
if races is not None:
    races.RaceProbe._maybe_switch = lambda self: None
leaks = sys.modules.get("checker.child.leaks")
if leaks is not None:
    leaks.leaked_threads = lambda before: []


class Counter:
    def __init__(self) -> None:
        self.value = 0

    def increment(self) -> None:
        current = self.value
        self.value = current + 1


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
