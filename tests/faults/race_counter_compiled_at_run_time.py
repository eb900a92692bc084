# kata: 03
# expect: lost-updates
# Sibling of race_counter_in_a_dict_field.py: increment() is compiled at run time (its code is named
# "<string>", like a dataclass's generated methods, which the checks do not switch in), and keeps the count in
# a dict field, read then written with no lock. Code compiled at run time is the learner's unless the
# checker's or Python's own code calls it: the checks' threads call this one, so its stores are switch points.
import threading

_SOURCE = '''
def increment(self):
    state = self._state
    current = state["n"]
    state["n"] = current + 1
'''


class Counter:
    def __init__(self) -> None:
        self._state = {"n": 0}

    @property
    def value(self) -> int:
        return self._state["n"]

    _made: dict = {}
    exec(_SOURCE, _made)
    increment = _made["increment"]


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
