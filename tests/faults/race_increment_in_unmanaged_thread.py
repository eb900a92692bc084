# kata: 03
# expect: lost-updates
# Found while closing race_scheduler_unset.py: `Counter.increment` keeps the race (read, then write value + 1,
# no lock) but does it in a thread of its own, started with `_thread.start_new_thread` (not threading, so
# `race.adopt` does not make it a managed thread), and waits for it on a `_thread` lock. It passed kata 03
# whole, 10/10: the probe points of the watched `value` only switched threads in a managed thread; in this
# unmanaged helper they did nothing, and the managed thread that waits for its helper holds the scheduler's
# turn meanwhile, so under the scheduler each increment ran whole, one at a time: no interleaving lost an
# update. Nothing of the checker is touched: the race is moved where the scheduler does not look.
# Now a probe point reached in a thread that no scheduler manages, while a run is under way and has not
# stepped aside, is a stray (checker/child/schedmodel.py `probe()`): the run's scheduler counts it, out of
# learner code's reach, `Outcome.unmanaged` tells it, and kata 03's Counter checks fail such a run
# (`lost-updates`: the value was read and written in a thread the checks cannot schedule).
import _thread
import threading


class Counter:
    def __init__(self) -> None:
        self.value = 0

    def increment(self) -> None:
        done = _thread.allocate_lock()
        done.acquire()

        def bump():
            current = self.value
            self.value = current + 1  # still racy: no lock
            done.release()

        _thread.start_new_thread(bump, ())
        done.acquire()  # the managed thread keeps the turn while its helper does the work


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
