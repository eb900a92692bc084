# kata: 03
# expect: lost-updates
# Sibling of race_counter_in_a_dict_field.py: each counter's count lives in a closure's cell (`nonlocal`),
# behind functions made in __init__ (not attributes the checks watch: they are callables), and `+= 1` reads and
# writes the cell in one statement, with no lock.
import threading


class Counter:
    def __init__(self) -> None:
        count = 0

        def add() -> None:
            nonlocal count
            count += 1  # racy: LOAD_DEREF, BINARY_OP, STORE_DEREF

        def read() -> int:
            return count

        self._add, self._read = add, read

    @property
    def value(self) -> int:
        return self._read()

    def increment(self) -> None:
        self._add()


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
