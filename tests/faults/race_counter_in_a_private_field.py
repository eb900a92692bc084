# kata: 03
# expect: lost-updates
# Found while closing race_increment_in_unmanaged_thread.py, nothing adversarial in sight: a racy counter
# written as many would write it: the count lives in a private field `_n`, `value` is a read-only property
# over it, and increment() reads then writes `_n` with no lock. It passed kata 03 whole, 10/10: the suite
# watched `value` only, which increment() never touches, so it reached no probe point, ran whole under the
# scheduler and no interleaving lost an update. Now every data attribute the counter holds once made (in its
# `__dict__` or its slots), but its locks, is a probe point too (`race.watch_state`, checker/child/races.py),
# and the first lost update is found and told. (State kept in a container, `self._box[0] += 1`, a module
# global or a closure is still not a probe point: switching threads in the learner's own code, with a trace
# function per managed thread, would be the general fix.)
import threading


class Counter:
    def __init__(self) -> None:
        self._n = 0

    @property
    def value(self) -> int:
        return self._n

    def increment(self) -> None:
        current = self._n
        self._n = current + 1  # racy


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
