# kata: 03
# expect: lost-updates wrong-result
# Open (found while closing race_scheduler_unset.py): `Counter.increment` keeps the race (read, then write
# value + 1, no lock) but does it in a thread of its own, started with `_thread.start_new_thread` (not
# threading, so `race.adopt` does not make it a managed thread), and waits for it on a `_thread` lock. It
# passes kata 03 whole, 10/10. Why: the probe points of the watched `value` only switch threads in a managed
# thread; in this unmanaged helper they do nothing, and the managed thread that waits for its helper holds the
# scheduler's turn meanwhile, so under the scheduler each increment runs whole, one at a time: no interleaving
# loses an update. Under free threads, two workers' helpers race as any unlocked read-modify-write does.
# Nothing of the checker is touched (no tamper to latch): the race is moved where the scheduler does not look.
# Fix (suggested): while a scheduled run is under way and has not stepped aside, a watched read or write in a
# thread that no scheduler manages is a run the checks cannot judge: the RaceProbe counts them (its
# `watched()` closures know the probe) and the Outcome says so (`unmanaged`), and kata 03's suite fails such a
# run ("increment's read and write ran in a thread the checks cannot schedule": the code of another thread
# must not do the counting); or treat a probe point reached in an unmanaged thread during a run as a step
# aside (`passthrough`) that the race checks refuse to pass.
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
        done.acquire()  # a wait the scheduler cannot see: it steps aside, and the threads run free


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
