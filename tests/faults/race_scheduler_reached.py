# kata: 03
# expect: lost-updates
# A sibling of race_scheduler_unset.py that goes for the scheduler itself rather than the module's list that
# named it: through the managed thread's target (`threading.current_thread()._target.__self__`, a bound
# method of the scheduler) or through `checker.child.schedmodel.active()`, it replaces the scheduler's
# strategy by one that never switches threads, and its list of decisions by one that keeps none (so that the
# exploration has no other schedule to try). Before the fix it passed kata 03 whole (10/10) with a racy
# Counter. Now nothing hands the scheduler to learner code: a managed thread's system thread drops what it
# carried before the job runs (no `_target`, no `_args`), `active()` tells a caller outside the checker's
# files only that the thread is managed, a modelled lock names its run by a bare token and its holders by
# index. Finding nothing, the code stays as racy as it is, and the scheduler finds its lost update.
import sys
import threading


def _scheduler():
    for reach in (lambda: threading.current_thread()._target.__self__,
                  lambda: sys.modules["checker.child.schedmodel"].active(),
                  lambda: sys.modules["checker.child.schedule"].active()):
        try:
            found = reach()
        except Exception:
            continue
        if hasattr(found, "_free") and hasattr(found, "threads"):
            return found
    return None


class Counter:
    def __init__(self) -> None:
        self.value = 0

    def increment(self) -> None:
        sched = _scheduler()
        if sched is not None and type(sched.choices) is list:  # never switch threads (always the default: the
            # thread that runs goes on), and leave no decision for the exploration to try otherwise
            sched.strategy = type("GoOn", (), {"choose": lambda self, options, preemptive: options[0]})()
            sched.choices = type("NoChoices", (list,), {"append": lambda self, choice: None})()
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
