# kata: 03
# expect: lost-updates
# Sibling of race_counter_in_a_dict_field.py: the count in a one-item list, read and written by index in two
# statements with no lock. The list is a probe point when read from the counter, its item never was.
import threading


class Counter:
    def __init__(self) -> None:
        self._box = [0]

    @property
    def value(self) -> int:
        return self._box[0]

    def increment(self) -> None:
        box = self._box
        current = box[0]
        box[0] = current + 1  # racy: no lock


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
