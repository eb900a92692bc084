# kata: 03
# expect: tampered
# `Counter.increment` keeps the race (read, then write value + 1, no lock) and passes kata 03 whole, 8/8
# (the same file without the two lines that reach the scheduler gets 3/8). How: the cooperative scheduler
# that interleaves the learner's threads (checker/child/schedule.py) finds who manages a thread through
# `checker.child.schedmodel._ACTIVE`, a module-level LIST: `active()` reads `_ACTIVE[0]`. Detaching copies a
# module's namespace shallowly (checker/child/detach.py), so the detached `active()` sees the very same list
# object. increment, called in the managed threads, sets `_ACTIVE[0] = None`: from then on no probe point
# switches threads, each increment runs whole, the explorer finds no interleaving that loses an update, and
# the threads then run free (a lost update without a switch point is rare enough under the GIL).
# Why the defences miss it: an item of a module's list is written with no audit event; guard.Snapshot looks
# only at callables (and two named objects), not at mutable containers held by modules; the private globals'
# copy is shallow. Other module-level containers of the checker are open the same way:
# `kit_track.CLOCKS` (every Tracker's clock, looked up when the suite makes it), `leaks._STARTED`,
# `adopt._PROXIES`, `immutable.FROZEN`, `guard.IGNORED`...
# Fix (suggested): (1) the Scheduler checks, at each decision and when its run ends, that `_ACTIVE[0] is
# self` and that each managed thread it let run reached its next probe point through the scheduler (a
# count kept by the scheduler's own frame), and latches `tampered` otherwise; (2) detach_checker freezes
# module-level containers of the checker modules in the private copies (tuples, frozensets,
# MappingProxyType over a private dict), and keeps mutable run state (like `_ACTIVE`) out of module
# namespaces: a ContextVar or a closure of schedule.py, checked as in (1).
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
