# kata: 03
# expect: lost-updates crash
# Found while closing race_increment_in_unmanaged_thread.py, a sibling of race_dict_bypasses_probes.py: the
# watched `value` kept its value in the instance's `__dict__` under a key of its own ("\x00kata watched
# value"), so that `self.__dict__["value"]` stepped around nothing; but learner code could look the key up,
# `next(k for k in vars(self) if k.endswith("value"))`, and read and write the value there with no probe
# point: each increment ran whole under the scheduler, no interleaving lost an update, 10/10 with a racy
# counter, and the teacher's scan flags nothing (`vars(self)` is ordinary code). Now a watched plain
# attribute's value is kept in a Ledger that only the watched property's setter writes (checker/child/
# races.py `_probed`): the instance's `__dict__` holds no key to find (StopIteration: `crash`).
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
