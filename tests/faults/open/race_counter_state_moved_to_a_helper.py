# kata: 03
# expect: lost-updates
# Open (found while closing race_counter_in_a_dict_field.py): increment() does its racy read-modify-write of a
# dict item in a helper started with `_thread` (a thread no scheduler manages, so no trace function and no switch
# point there), touching nothing watched there (its "done" flag is a module global), while the managed thread
# that called it polls a watched attribute (a probe point, so the run is not stuck) and sleeps a little (so the
# helper gets the interpreter). It passes the Counter checks, the exploration included (4/8, the stub 2/8); the
# count_with_threads checks time out. A probe point reached in an unmanaged thread is a stray (Outcome.unmanaged),
# but this helper reaches none. Fix (suggested): during a run, count as strays the threads started from managed
# threads that the scheduler does not adopt (3.13 raises audit events `_thread.start_new_thread` and
# `_thread.start_joinable_thread`, 3.11 none: on 3.11 the `_thread` module's functions seen by learner code would
# have to be watched instead), or trace learner code in every thread of the run (sys.monitoring on 3.12+), so
# that learner code run outside the scheduler during a run fails it.
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
            time.sleep(0.0001)
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
