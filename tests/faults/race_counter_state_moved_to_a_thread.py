# kata: 03
# expect: lost-updates
# Sibling of race_counter_state_moved_to_a_helper.py: the helper is a threading.Thread, started and never joined
# (the managed caller polls a module global until the helper is done). Its start ends in _thread's starter: a
# stray in the exploration of the Counter.
import threading
import time

_DONE: dict = {}


class Counter:
    def __init__(self) -> None:
        self._state = {"n": 0}
        self.polls = 0

    @property
    def value(self) -> int:
        return self._state["n"]

    def increment(self) -> None:
        key = object()
        _DONE[id(key)] = False
        state = self._state

        def helper():
            current = state["n"]
            state["n"] = current + 1  # racy, in a thread no scheduler manages, touching nothing watched
            _DONE[id(key)] = True

        threading.Thread(target=helper).start()
        while not _DONE[id(key)]:
            self.polls  # a watched read: a probe point, so the scheduler keeps going (and may switch)
            __import__("time").sleep(0.0001)
        del _DONE[id(key)]


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
