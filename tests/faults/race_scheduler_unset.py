# kata: 03
# expect: tampered
# `Counter.increment` keeps the race (read, then write value + 1, no lock) and, before the fix, passed kata 03
# whole, 8/8 (the same file without the two lines that reach the scheduler gets 3/8). How it did: the
# cooperative scheduler (checker/child/schedule.py) found who manages a thread through
# `checker.child.schedmodel._ACTIVE`, a module-level list that learner code can write with no audit event
# (detaching copies a module's namespace shallowly: the detached `active()` saw the very same list).
# increment, in the managed threads, set `_ACTIVE[0] = None`: no probe point switched threads any more, and no
# lost update was found.
# How it is stopped: `active()` now reads who manages the calling thread from the thread's own stack (the
# outermost `schedmodel.run_managed` frame, where the scheduler starts every managed thread; frames are out
# of learner code's reach, the audit hook refuses them), so the read and the write stay probe points; and
# `_ACTIVE` holds only a token of the run under way, a tripwire the scheduler compares at each decision and
# at the end of its run: the change is latched, the verdict is `tampered`.
import sys
import threading


class Counter:
    def __init__(self) -> None:
        self.value = 0

    def increment(self) -> None:
        active = sys.modules["checker.child.schedmodel"]._ACTIVE
        active[0] = None  # the scheduler no longer manages this thread: no switch at its probe points
        current = self.value
        self.value = current + 1  # still racy: no lock


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
