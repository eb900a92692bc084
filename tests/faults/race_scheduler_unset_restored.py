# kata: 03
# expect: tampered
# A sibling of race_scheduler_unset.py: `Counter.increment` keeps the race and, around its read and write,
# sets `checker.child.schedmodel._ACTIVE[0]` to None, then puts back what was there, so that a look at the
# run's end would find it as it was (before the fix it passed kata 03 whole: each increment ran whole). It is stopped in two ways: the scheduler no longer learns
# from `_ACTIVE` who manages a thread (`active()` reads the thread's own stack, where the scheduler started
# it in `run_managed`), so the read and the write stay probe points and the lost update is found; and
# `_ACTIVE` is a tripwire, compared at every decision of the scheduler (the read's probe point comes while the
# list is changed): the run is `tampered`.
import sys
import threading


class Counter:
    def __init__(self) -> None:
        self.value = 0

    def increment(self) -> None:
        active = sys.modules["checker.child.schedmodel"]._ACTIVE
        saved = active[0]
        active[0] = None  # no scheduler manages this thread, if the probe points believed it
        current = self.value
        self.value = current + 1  # still racy: no lock
        active[0] = saved  # as it was, before anyone looks


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
