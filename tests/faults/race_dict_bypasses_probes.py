# kata: 03
# expect: crash lost-updates wrong-result
# A sibling of race_scheduler_unset.py that leaves the checker alone and steps around the probe points
# instead: `Counter.increment` reads and writes `self.__dict__["value"]`, not `self.value`. The suite watches
# `value` through a property of a subclass (checker/child/races.py); the property used to keep the value in
# the instance's `__dict__` under "value", so this increment, with no probe point, ran whole under the
# scheduler and no interleaving lost an update: 10/10 with a racy counter. Now the watched property keeps the
# value out of the dict (in a Ledger, since race_counter_found_by_dict_key_scan.py), so the dict has no
# "value" to read (KeyError) and what is written there is not the counter's value.
import threading


class Counter:
    def __init__(self) -> None:
        self.value = 0

    def increment(self) -> None:
        box = self.__dict__
        current = box["value"]
        box["value"] = current + 1  # racy: no lock, and no probe point either


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
