# kata: 03
# expect: lost-updates
# Open (found while closing race_counter_in_a_dict_field.py; it passed before that too): increment() does its
# racy read-modify-write of a dict item in a helper started with `_thread` (a thread no scheduler manages, so no
# trace function and no switch point there), touching nothing watched there (its "done" flag is a module
# global), while the managed thread that called it polls a watched attribute (a probe point: the run goes on)
# and sleeps 0.1 ms with the real time.sleep (imported at run time: the adopted module's sleep is a probe point
# that lets nothing else run), so that the helper gets the interpreter. It passes kata 03 whole, 10/10. A probe
# point reached in an unmanaged thread is a stray (Outcome.unmanaged), but this helper reaches none.
# Fix (suggested): a right increment() starts no thread: during the Counter checks' runs, count as strays the
# threads started from managed threads that the scheduler does not adopt, or any learner code that runs in a
# thread no scheduler manages. 3.13 raises audit events at a thread's start (`_thread.start_new_thread`,
# `_thread.start_joinable_thread`), 3.11 none; sys.monitoring (3.12+) sees learner code start in any thread;
# on 3.11 a trace function in every thread (threading.settrace covers only threading's threads).
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
