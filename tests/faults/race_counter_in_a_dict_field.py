# kata: 03
# expect: lost-updates
# Closed (was open since race_counter_in_a_private_field.py): a racy counter whose count lives in a dict field,
# `self._state["n"]`, behind a read-only `value` property; increment() reads the field once, then reads and writes
# the item with no lock. It passed kata 03 whole, 10/10: every data attribute of the counter was a probe point
# (`race.watch_state`), but the item read and the item write after the one read of `_state` were not, so under
# the scheduler each increment ran whole. Now kata 03's runs switch threads inside the learner's own code
# (checker/child/codepoints.py: a trace function per managed thread makes every store and call of the learner's
# a probe point), so the item write can come after another thread's read, wherever the state is kept. Siblings:
# race_counter_in_a_list_item.py, race_counter_in_a_closure_cell.py, race_counter_in_a_module_global.py,
# race_counter_compiled_at_run_time.py.
import threading


class Counter:
    def __init__(self) -> None:
        self._state = {"n": 0}

    @property
    def value(self) -> int:
        return self._state["n"]

    def increment(self) -> None:
        state = self._state
        current = state["n"]
        state["n"] = current + 1  # racy: no lock


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
