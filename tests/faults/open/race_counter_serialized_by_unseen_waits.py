# kata: 03
# expect: lost-updates
# Open (found while closing race_increment_in_unmanaged_thread.py and race_counter_waits_unseen_once.py):
# `Counter.increment` keeps the race (read, then write value + 1, no lock), and the first increment of each
# thread on a counter waits on an Event nobody sets, the first thread 0.3 s (long enough for the scheduler to
# step aside: `passthrough`), the second not at all, the third 0.9 s, the fourth 1.2 s... So once the threads
# run free, they take turns in time: each does all its increments alone, and no update is lost, even though
# a watched read or write, after a step aside, lets the other threads run (`time.sleep(0)`). It passes kata
# 03 whole, 10/10 (in about 7 s). No tampering, no thread of its own: the run is moved where the scheduler
# steps aside, and the threads are kept from overlapping by the clock. (Its bookkeeping is a module global:
# kept on the counter, it would be a probe point, and the scheduler's switches there would give two threads
# the same turn.)
# Fix (suggested): the Counter checks call increment() from the suite's own jobs, so a correct increment waits
# only for the counter's lock; a run the scheduler had to step aside from cannot be judged exactly, like a run
# with strays (`Outcome.unmanaged`). Either refuse such a run in the Counter checks (`lost-updates`: increment()
# waited for something the checks cannot see; the cost: a correct counter whose lock the checks do not find,
# in a closure or a dict, would fail too, and a run stepped aside because of a very busy machine, after 2 s
# with no probe point), or run the check again once and refuse it only if it steps aside again; or judge the
# free part of the run by what overlapped: the scheduler (or a Ledger) records each thread's watched reads and
# writes after the step aside, and a run where no two threads' accesses interleave did not exercise the race.
# The principled one: model timed waits (Event.wait, Condition.wait, a timed acquire... in the Counter checks
# too, as race.adopt does for time.sleep) so that the scheduler never steps aside for them, and make when a
# timed wait ends a choice the exploration tries, at any probe point of the other threads: the clock can then
# not keep the threads apart.
import threading

_ARRIVED: dict = {}  # id(counter) -> {thread ident: arrival order}; not an attribute of the counter


class Counter:
    def __init__(self) -> None:
        self.value = 0

    def increment(self) -> None:
        seen = _ARRIVED.setdefault(id(self), {})
        me = threading.get_ident()
        if me not in seen:
            order = seen.setdefault(me, len(seen))
            if order != 1:  # the first waits long enough for the scheduler to step aside; the others take turns
                threading.Event().wait(0.3 + 0.3 * order)
        current = self.value
        self.value = current + 1  # racy


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
