# kata: 03
# expect: lost-updates
# Sibling of race_counter_in_a_dict_field.py: every counter's count lives in a module-level dict keyed by the
# counter's id, and `+= 1` on the item reads and writes it in one statement, with no lock.
import threading

_COUNTS: dict[int, int] = {}


class Counter:
    def __init__(self) -> None:
        _COUNTS[id(self)] = 0

    @property
    def value(self) -> int:
        return _COUNTS[id(self)]

    def increment(self) -> None:
        _COUNTS[id(self)] += 1  # racy: BINARY_SUBSCR, BINARY_OP, STORE_SUBSCR


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
