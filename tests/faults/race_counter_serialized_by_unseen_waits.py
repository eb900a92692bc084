# kata: 03
# expect: lost-updates
# Closed (was open since race_increment_in_unmanaged_thread.py and race_counter_waits_unseen_once.py):
# `Counter.increment` keeps the race (read, then write value + 1, no lock), and the first increment of each
# thread on a counter waits on an Event nobody sets, the first thread 0.3 s (long enough for the scheduler to
# step aside), the second not at all, the third 0.9 s, the fourth 1.2 s... So once the threads ran free, they
# took turns in time, no update was lost, and it passed kata 03 whole, 10/10 (in about 7 s), with no tampering.
# Now the Counter checks (whose jobs call increment() directly: a right increment waits only for the counter's
# lock, which they model) fail any run the scheduler had to step aside from (`Outcome.aside`: what it waited
# for and where), as kata 07's explorations do. Siblings: race_counter_serialized_by_sleeps.py (a C sleep, seen
# only after a second), race_counter_serialized_after_many_steps.py (the run made too long to be scheduled).
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
