# kata: 03
# expect: lost-updates crash
# Open (found while closing race_increment_in_unmanaged_thread.py), a sibling of race_dict_bypasses_probes.py:
# the watched `value` keeps its value in the instance's `__dict__` under a key of its own ("\x00kata watched
# value"), so that `self.__dict__["value"]` steps around nothing; but learner code can look the key up,
# `next(k for k in vars(self) if k.endswith("value"))`, and read and write the value there, with no probe
# point: each increment runs whole under the scheduler, no interleaving loses an update, 10/10 with a racy
# counter. The teacher's scan flags nothing (`vars(self)` is ordinary code).
# Fix (suggested): keep a watched plain attribute's value out of the instance's `__dict__` altogether (in a
# Ledger written only by the watched property's setter, keyed by the instance, or in a slot of the watched
# subclass when the class allows it), so that nothing learner code can iterate holds it.
import threading


class Counter:
    def __init__(self) -> None:
        self.value = 0

    def increment(self) -> None:
        box = vars(self)
        key = next(k for k in box if k.endswith("value"))
        current = box[key]
        box[key] = current + 1  # racy, and no probe point


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
