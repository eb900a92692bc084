# kata: 03
# expect: lost-updates
# Closed (found while closing race_counter_in_a_dict_field.py; it passed before that too, 10/10): increment()
# does its racy read-modify-write of a dict item in a helper started with `_thread` (a thread no scheduler
# manages, so no trace function and no switch point there), touching nothing watched there (its "done" flag is
# a module global), while the managed thread that called it polls a watched attribute (a probe point: the run
# goes on) and sleeps 0.1 ms with the real time.sleep (imported at run time), so that the helper gets the
# interpreter. A probe point reached in an unmanaged thread is a stray, but this helper reached none. Now, in
# the exploration of the Counter (whose threads switch in the learner's code), a managed thread's profile
# function sees any call of `_thread`'s thread starters (codepoints.Starts): a thread the scheduler does not
# adopt, started during the run, is a stray, and the run fails. Sibling: race_counter_state_moved_to_a_thread.py
# (the same with threading.Thread).
import _thread
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

        _thread.start_new_thread(helper, ())
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
