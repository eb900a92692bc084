# kata: 03
# expect: lost-updates
# Sibling of race_counter_serialized_by_unseen_waits.py: the waits are C sleeps (`time.sleep`, not adopted in
# the Counter checks), which the scheduler sees only after a second with no CPU used: the first thread's first
# increment sleeps 1.1 s, the second's not at all, the others 1.3 s, 1.5 s... apart. Once the scheduler stepped
# aside, the racy increments take turns in time.
import threading
import time

_ARRIVED: dict = {}  # id(counter) -> {thread ident: arrival order}; not an attribute of the counter


class Counter:
    def __init__(self) -> None:
        self.value = 0

    def increment(self) -> None:
        seen = _ARRIVED.setdefault(id(self), {})
        me = threading.get_ident()
        if me not in seen:
            order = seen.setdefault(me, len(seen))
            if order != 1:
                time.sleep(1.1 + 0.2 * order)
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
