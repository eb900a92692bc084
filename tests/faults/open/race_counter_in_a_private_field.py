# kata: 03
# expect: lost-updates
# Open (found while closing race_increment_in_unmanaged_thread.py): nothing adversarial in sight, a racy
# counter written as many would write it: the count lives in a private field `_n`, `value` is a read-only
# property over it, and increment() reads then writes `_n` with no lock. It passes kata 03 whole, 10/10: the
# suite watches `value` only (race.watched(cls), checker/child/races.py); increment() never touches `value`,
# so it reaches no probe point, runs whole under the scheduler and no interleaving loses an update.
# Fix (suggested): probe where the state is, not where one name says it is. Cheapest: make every data attribute
# of the counter found after __init__ (its __dict__ and its slots, but locks) a probe point, as `value` is
# (the accepted `value_property.py` keeps its count in `_count`); that still misses state kept in a container
# (`self._box[0] += 1`), a module global or a closure. General: switch threads in the learner's own code,
# not at named attributes: a trace function (per managed thread, installed by run_managed) that makes the
# learner file's attribute, subscript and global loads and stores (`f_trace_opcodes`) probe points.
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
