# kata: 03
# expect: lost-updates
# Sibling of race_counter_serialized_by_unseen_waits.py: the first increment of the first thread reads the
# counter's value more times than a run may take steps, so the scheduler gives up scheduling the run (it may be a
# loop that never ends) and the threads run free; the others' first increments then wait on Events, 0.3 s
# apart, and the racy increments take turns in time.
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
            if order == 0:
                for _ in range(25_000):
                    self.value  # a probe point each
            else:
                threading.Event().wait(0.3 * order)
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
