# kata: 03
# expect: lost-updates
# Open (found while closing race_counter_in_a_private_field.py): a racy counter whose count lives in a dict
# field, `self._state["n"]`, behind a read-only `value` property; increment() reads the field once, then reads
# and writes the item with no lock. It passes kata 03 whole, 10/10: every data attribute of the counter is a
# probe point (`race.watch_state`), but the item read and the item write that follow the one read of `_state`
# are not, so under the scheduler each increment runs whole. The same holds for state kept in a list, a module
# global or a closure's cell.
# Fix (suggested): switch threads in the learner's own code, not at named attributes: a trace function per
# managed thread (installed by run_managed, out of learner code's reach) that makes the learner file's loads
# and stores of attributes, items and globals probe points (`f_trace_opcodes`, or sys.monitoring on 3.12+),
# so that any read-modify-write of shared state can be interleaved, wherever the state is kept.
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
